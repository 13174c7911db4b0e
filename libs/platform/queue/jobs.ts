/**
 * Every queue and job of the system, in one place. Names are kebab-case and are never renamed once deployed:
 * jobs already waiting in Redis carry them. Payloads carry ids only; handlers re-read the database and are
 * safe to run twice.
 *
 * The first jobs arrive with the case workflow (conflict check, outbox relay); until then the lists are empty
 * and the worker only proves that it can reach Redis.
 */
export enum QueueName {}

export enum JobName {}

/** The payload of each job. */
export type JobPayloads = { [K in JobName]: never };

/** The queue each job runs on. */
export const JOB_QUEUE: Record<JobName, QueueName> = {};

export type JobOf<N extends JobName> = { name: N; data: JobPayloads[N] };
