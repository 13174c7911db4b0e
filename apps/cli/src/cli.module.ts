import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CaseJobsModule, CasesModule } from '#libs/cases';
import { CouncilsModule } from '#libs/councils';
import { appConfig, DatabaseModule } from '#libs/platform';
import { MIGRATIONS } from '../../../migrations/index.js';

/** What the command line needs: the database (migrated at boot) and the domain libraries it drives. */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [appConfig] }),
    DatabaseModule.forRoot(MIGRATIONS, 'owner'),
    CouncilsModule,
    CasesModule,
    CaseJobsModule,
  ],
})
export class CliModule {}
