import type { EntityManager } from 'typeorm';
import { JOB_QUEUE, type JobName, type JobOf } from './jobs.js';

/**
 * Writes a job to the outbox inside the caller's transaction, so the change that asks for the job and the job
 * itself commit together or not at all. The worker's OutboxRelay hands it to BullMQ: with `jobId` as its id
 * (default `outbox-<row id>`), delayed until `runAt` when given.
 */
export async function enqueue<N extends JobName>(
  manager: EntityManager,
  job: JobOf<N>,
  options: EnqueueOptions = {},
): Promise<void> {
  await enqueueMany(manager, [{ job, ...options }]);
}

export interface EnqueueOptions {
  jobId?: string;
  runAt?: Date;
}

/** enqueue() for many jobs in one statement; the relay hands them on in this order. */
export async function enqueueMany(
  manager: EntityManager,
  jobs: Array<{ job: JobOf<JobName> } & EnqueueOptions>,
): Promise<void> {
  if (jobs.length === 0) return;
  const bad = jobs.find(({ jobId }) => jobId?.includes(':'));
  if (bad) throw new Error(`A job id cannot contain ':' (${bad.jobId})`);
  await manager.query(
    `INSERT INTO outbox (queue, job_name, payload, job_id, run_at)
     SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::text[], $5::timestamptz[])`,
    [
      jobs.map(({ job }) => JOB_QUEUE[job.name]),
      jobs.map(({ job }) => job.name),
      jobs.map(({ job }) => JSON.stringify(job.data)),
      jobs.map(({ jobId }) => jobId ?? null),
      jobs.map(({ runAt }) => runAt ?? null),
    ],
  );
}
