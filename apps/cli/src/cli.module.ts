import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CaseJobsModule, CasesModule } from '#libs/cases';
import { CouncilsModule } from '#libs/councils';
import { PeersModule } from '#libs/peers';
import { AuditModule } from '#libs/audit';
import { appConfig, DatabaseModule } from '#libs/platform';
import { MIGRATIONS } from '../../../migrations/index.js';
import { DemoDataService } from './data/demo-data.service.js';
import { SyntheticDataService } from './data/synthetic-data.service.js';
import { SyntheticPeersService } from './data/synthetic-peers.service.js';

/** What the command line needs: the database (migrated at boot) and the domain libraries it drives. */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [appConfig] }),
    DatabaseModule.forRoot(MIGRATIONS, 'owner'),
    CouncilsModule,
    CasesModule,
    CaseJobsModule,
    PeersModule,
    AuditModule,
  ],
  // The demo data and the benchmarks' synthetic data: tooling of the command line, not of any library.
  providers: [DemoDataService, SyntheticDataService, SyntheticPeersService],
})
export class CliModule {}
