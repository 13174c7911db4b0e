import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AuditModule } from '#libs/audit';
import { NotificationsModule } from '#libs/notifications';
import { PeersModule } from '#libs/peers';
import { checksConfig } from '#libs/platform';
import { CasesModule } from './cases.module.js';
import { ConflictCheckJob } from './jobs/conflict-check.job.js';
import { FollowSuccessionsJob } from './jobs/follow-successions.job.js';
import { SendReminderJob } from './reminders/reminder.jobs.js';

/** The case jobs the worker runs (the command line's demo data runs the conflict check with it too). */
@Module({
  imports: [ConfigModule.forFeature(checksConfig), AuditModule, CasesModule, PeersModule, NotificationsModule],
  providers: [ConflictCheckJob, FollowSuccessionsJob, SendReminderJob],
  exports: [ConflictCheckJob],
})
export class CaseJobsModule {}
