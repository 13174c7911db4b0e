import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { NotificationsModule } from '#libs/notifications';
import { PeersModule } from '#libs/peers';
import { checksConfig } from '#libs/platform';
import { CasesModule } from './cases.module.js';
import { DemoDataService } from './demo-data.service.js';
import { ConflictCheckJob } from './jobs/conflict-check.job.js';
import { SendReminderJob, SweepMailJob } from './reminders/reminder.jobs.js';

/** The case jobs the worker runs (and the demo data loader, which runs the conflict check itself). */
@Module({
  imports: [ConfigModule.forFeature(checksConfig), CasesModule, PeersModule, NotificationsModule],
  providers: [ConflictCheckJob, SendReminderJob, SweepMailJob, DemoDataService],
  exports: [DemoDataService],
})
export class CaseJobsModule {}
