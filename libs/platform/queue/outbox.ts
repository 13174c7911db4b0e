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
  options: { jobId?: string; runAt?: Date } = {},
): Promise<void> {
  if (options.jobId?.includes(':')) throw new Error(`A job id cannot contain ':' (${options.jobId})`);
  await manager.query('INSERT INTO outbox (queue, job_name, payload, job_id, run_at) VALUES ($1, $2, $3, $4, $5)', [
    JOB_QUEUE[job.name],
    job.name,
    JSON.stringify(job.data),
    options.jobId ?? null,
    options.runAt ?? null,
  ]);
}
