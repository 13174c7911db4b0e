import { Injectable } from '@nestjs/common';
import { ConflictCheckJob, RemindersService } from '#libs/cases';
import { EmailService } from '#libs/notifications';
import { JobHandler, JobName } from '#libs/platform';

/**
 * Every minute, composed here from what each library can requeue (issue #20: no library sweeps another's work):
 * emails whose sender died mid-send go out again, reminders whose delayed job was lost are sent, and conflict
 * checks whose job was lost are asked for again.
 */
@Injectable()
export class SweepJob {
  constructor(
    private readonly emails: EmailService,
    private readonly reminders: RemindersService,
    private readonly checks: ConflictCheckJob,
  ) {}

  @JobHandler(JobName.SweepMail)
  async run(): Promise<string> {
    const emails = await this.emails.requeueStale();
    const reminders = await this.reminders.requeueOverdue();
    const checks = await this.checks.requeueStale();
    return `${emails} email(s), ${reminders} reminder(s) and ${checks} conflict check(s) requeued`;
  }
}
