import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AuditModule } from '#libs/audit';
import { NotificationsModule } from '#libs/notifications';
import { PeersModule } from '#libs/peers';
import { checksConfig } from '#libs/platform';
import { CasesModule } from './cases.module.js';
import { DemoDataService } from './demo-data.service.js';
import { ConflictCheckJob } from './jobs/conflict-check.job.js';
import { FollowSuccessionsJob } from './jobs/follow-successions.job.js';
import { SendReminderJob, SweepMailJob } from './reminders/reminder.jobs.js';
import { SyntheticDataService } from './synthetic-data.service.js';

/**
 * The case jobs the worker runs, and the command line's data loaders: the demo data (which runs the conflict
 * check itself) and the synthetic data for benchmarks.
 */
@Module({
  imports: [ConfigModule.forFeature(checksConfig), AuditModule, CasesModule, PeersModule, NotificationsModule],
  providers: [
    ConflictCheckJob,
    FollowSuccessionsJob,
    SendReminderJob,
    SweepMailJob,
    DemoDataService,
    SyntheticDataService,
  ],
  exports: [DemoDataService, SyntheticDataService],
})
export class CaseJobsModule {}
