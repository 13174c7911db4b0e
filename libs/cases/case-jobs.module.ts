import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { PeersModule } from '#libs/peers';
import { checksConfig } from '#libs/platform';
import { CasesModule } from './cases.module.js';
import { ConflictCheckJob } from './jobs/conflict-check.job.js';

/** The case jobs the worker runs. */
@Module({
  imports: [ConfigModule.forFeature(checksConfig), CasesModule, PeersModule],
  providers: [ConflictCheckJob],
})
export class CaseJobsModule {}
