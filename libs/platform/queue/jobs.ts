/**
 * Every queue and job of the system, in one place. Names are kebab-case and are never renamed once deployed:
 * jobs already waiting in Redis carry them. Payloads carry ids only; handlers re-read the database and are
 * safe to run twice.
 */
export enum QueueName {
  Checks = 'checks',
  Mail = 'mail',
  Reminders = 'reminders',
}

export enum JobName {
  /** Runs the conflict-of-interest rules on a case's proposed team. */
  ConflictCheck = 'conflict-check',
  /** Sends one logged email (at most once once SMTP has accepted it). */
  SendEmail = 'send-email',
  /** Sends a reminder that has fallen due, unless the case has moved past it. */
  SendReminder = 'send-reminder',
  /** Every few minutes: retries emails whose sender died, and reminders whose delayed job was lost. */
  SweepMail = 'sweep-mail',
  /** On `NUDGE_SCHEDULE`: nudges councils without a corporate peer challenge since 2012. */
  NudgeSweep = 'nudge-sweep',
  /** Daily: records each council's take-up changes and sends principal advisers a digest of the new ones. */
  TakeUpCheck = 'take-up-check',
  /** Daily: deletes relayed outbox rows, ended sessions and old throttle rows, and old emails' content. */
  Retention = 'retention',
  /** Daily: computes a new five-year plan when its inputs changed, and records what moved. */
  Replan = 'replan',
  /** Daily, just after midnight: moves the open cases of councils replaced on a vesting day to their successor. */
  FollowSuccessions = 'follow-successions',
}

/** The payload of each job. */
export interface JobPayloads {
  [JobName.ConflictCheck]: { caseId: string; run: number; requestId: string | null };
  [JobName.SendEmail]: { emailId: string };
  [JobName.SendReminder]: { reminderId: string };
  [JobName.SweepMail]: Record<string, never>;
  [JobName.NudgeSweep]: Record<string, never>;
  [JobName.TakeUpCheck]: Record<string, never>;
  [JobName.Retention]: Record<string, never>;
  [JobName.Replan]: Record<string, never>;
  [JobName.FollowSuccessions]: Record<string, never>;
}

/** The queue each job runs on. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.ConflictCheck]: QueueName.Checks,
  [JobName.SendEmail]: QueueName.Mail,
  [JobName.SendReminder]: QueueName.Reminders,
  [JobName.SweepMail]: QueueName.Reminders,
  [JobName.NudgeSweep]: QueueName.Reminders,
  [JobName.TakeUpCheck]: QueueName.Reminders,
  [JobName.Retention]: QueueName.Reminders,
  [JobName.Replan]: QueueName.Reminders,
  [JobName.FollowSuccessions]: QueueName.Reminders,
};

/** Jobs the worker schedules itself (BullMQ job schedulers, upserted at boot): every so often, or on a cron pattern. */
export function schedules(config: {
  nudgeSchedule: string;
}): Array<{ job: JobName; every?: number; pattern?: string }> {
  return [
    { job: JobName.SweepMail, every: 60_000 },
    { job: JobName.NudgeSweep, pattern: config.nudgeSchedule },
    { job: JobName.TakeUpCheck, pattern: '15 6 * * *' },
    { job: JobName.Retention, pattern: '40 3 * * *' },
    { job: JobName.Replan, pattern: '45 6 * * *' },
    // Before the day's other jobs: take-up, nudges and the re-plan then see the cases where they now belong.
    { job: JobName.FollowSuccessions, pattern: '5 0 * * *' },
  ];
}

export type JobOf<N extends JobName> = { name: N; data: JobPayloads[N] };
