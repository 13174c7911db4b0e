import type { DataSource } from 'typeorm';

/** The most connections one process's pool holds (DatabaseModule); the API opens them all at boot. */
export const POOL_SIZE = 10;

/**
 * Opens `count` of the pool's connections at once. The pool otherwise opens one for each request that finds none
 * idle, while that request waits: a sign-in, a new backend and statements prepared again, 15-25 ms on a quiet
 * machine and 100-170 ms under load. So a short stall (a garbage collection) that let a dozen requests queue
 * became a burst of new connections, during which every request waited: the reads' p99 (docs/PERFORMANCE.md).
 * Hence the whole pool, not part of it. An optimisation only: a failure is returned, not thrown.
 */
export async function warmPool(dataSource: DataSource, count = POOL_SIZE): Promise<Error | null> {
  try {
    await Promise.all(Array.from({ length: count }, () => dataSource.query('SELECT 1')));
    return null;
  } catch (error) {
    return error as Error;
  }
}
