import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AuditModule } from '#libs/audit';
import { NotificationsModule } from '#libs/notifications';
import { authConfig, nudgesConfig } from '#libs/platform';
import { NudgeSweepJob } from './nudge.job.js';
import { NudgesService } from './nudges.service.js';

@Module({
  imports: [
    ConfigModule.forFeature(nudgesConfig),
    ConfigModule.forFeature(authConfig),
    AuditModule,
    NotificationsModule,
  ],
  providers: [NudgesService],
  exports: [NudgesService],
})
export class NudgesModule {}

/** The worker's side: the scheduled sweep. */
@Module({ imports: [NudgesModule], providers: [NudgeSweepJob] })
export class NudgeJobsModule {}
