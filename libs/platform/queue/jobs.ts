/**
 * Every queue and job of the system, in one place. Names are kebab-case and are never renamed once deployed:
 * jobs already waiting in Redis carry them. Payloads carry ids only; handlers re-read the database and are
 * safe to run twice.
 */
export enum QueueName {
  Checks = 'checks',
}

export enum JobName {
  /** Runs the conflict-of-interest rules on a case's proposed team. */
  ConflictCheck = 'conflict-check',
}

/** The payload of each job. */
export interface JobPayloads {
  [JobName.ConflictCheck]: { caseId: string; teamFingerprint: string; requestId: string | null };
}

/** The queue each job runs on. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.ConflictCheck]: QueueName.Checks,
};

export type JobOf<N extends JobName> = { name: N; data: JobPayloads[N] };
