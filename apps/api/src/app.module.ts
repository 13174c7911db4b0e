import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '#libs/audit';
import { AuthModule } from '#libs/auth';
import { CasesModule } from '#libs/cases';
import { CouncilsModule } from '#libs/councils';
import { PeersModule } from '#libs/peers';
import { ReportingModule } from '#libs/reporting';
import { NudgesModule } from '#libs/nudges';
import { appConfig, authConfig, checksConfig, DatabaseModule, RedisModule } from '#libs/platform';
import { AuditController } from './audit/audit.controller.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { CasesController } from './cases/cases.controller.js';
import { CouncilsController } from './councils/councils.controller.js';
import { ImportsController } from './imports/imports.controller.js';
import { ReportsController } from './reports/reports.controller.js';
import { NudgesController } from './nudges/nudges.controller.js';
import { HealthController } from './health/health.controller.js';
import { PeersController } from './peers/peers.controller.js';
import { UsersController } from './users/users.controller.js';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [appConfig, authConfig, checksConfig] }),
    DatabaseModule,
    RedisModule,
    AuditModule,
    AuthModule,
    CouncilsModule,
    PeersModule,
    CasesModule,
    ReportingModule,
    NudgesModule,
  ],
  controllers: [
    HealthController,
    AuthController,
    UsersController,
    CouncilsController,
    PeersController,
    CasesController,
    ImportsController,
    ReportsController,
    NudgesController,
    AuditController,
  ],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
})
export class AppModule {}
