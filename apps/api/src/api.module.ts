import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { AuditModule } from '#libs/audit';
import { AuthModule } from '#libs/auth';
import { CasesModule } from '#libs/cases';
import { CouncilsModule } from '#libs/councils';
import { NudgesModule } from '#libs/nudges';
import { PeersModule } from '#libs/peers';
import { PlanningModule } from '#libs/planning';
import { namespace, OperationsEnvironment } from '#libs/platform';
import { ReportingModule } from '#libs/reporting';
import { AuditController } from './audit/audit.controller.js';
import { AuthController } from './auth/auth.controller.js';
import { CasesController } from './cases/cases.controller.js';
import { OverridesController } from './cases/overrides.controller.js';
import { TeamSuggestionsController } from './cases/team-suggestions.controller.js';
import { CouncilsController } from './councils/councils.controller.js';
import { ReorganisationsController } from './councils/reorganisations.controller.js';
import { HealthController } from './health/health.controller.js';
import { Idempotency } from './http/idempotency.js';
import { ImportsController } from './imports/imports.controller.js';
import { NudgesController } from './nudges/nudges.controller.js';
import { PeersController } from './peers/peers.controller.js';
import { PlansController } from './plans/plans.controller.js';
import { ReportsController } from './reports/reports.controller.js';
import { UsersController } from './users/users.controller.js';

/** The JSON API: every controller here is served under /api/v1 (AppModule's RouterModule entry). */
@Module({
  imports: [
    AuditModule,
    AuthModule,
    CouncilsModule,
    PeersModule,
    CasesModule,
    ReportingModule,
    NudgesModule,
    PlanningModule,
    // /health/ready answers 503 for SHUTDOWN_DRAIN_SECONDS after SIGTERM before the API stops taking requests.
    TerminusModule.forRootAsync({
      useFactory: () => ({
        logger: false,
        gracefulShutdownTimeoutMs: namespace(OperationsEnvironment).SHUTDOWN_DRAIN_SECONDS * 1000,
      }),
    }),
  ],
  controllers: [
    HealthController,
    AuthController,
    UsersController,
    CouncilsController,
    ReorganisationsController,
    PeersController,
    CasesController,
    TeamSuggestionsController,
    ImportsController,
    ReportsController,
    OverridesController,
    NudgesController,
    PlansController,
    AuditController,
  ],
  providers: [Idempotency],
})
export class ApiModule {}
