import type { EntityManager } from 'typeorm';
import { JOB_QUEUE, type JobName, type JobOf } from './jobs.js';

/**
 * Writes a job to the outbox inside the caller's transaction, so the change that asks for the job and the job
 * itself commit together or not at all. The worker's OutboxRelay hands it to BullMQ.
 */
export async function enqueue<N extends JobName>(manager: EntityManager, job: JobOf<N>): Promise<void> {
  await manager.query('INSERT INTO outbox (queue, job_name, payload) VALUES ($1, $2, $3)', [
    JOB_QUEUE[job.name],
    job.name,
    JSON.stringify(job.data),
  ]);
}
