import type { DataSource } from 'typeorm';

/** Connections the API opens at boot (of the pool's 20). */
export const WARM_CONNECTIONS = 8;

/**
 * Opens `count` of the pool's connections at once. The pool otherwise opens one for each request that finds none
 * idle, while that request waits: a sign-in, a new backend and statements prepared again, 15-25 ms on a busy
 * machine. Under steady load a short stall then became a burst of new connections and the reads' p99
 * (docs/PERFORMANCE.md). An optimisation only: a failure is returned, not thrown.
 */
export async function warmPool(dataSource: DataSource, count = WARM_CONNECTIONS): Promise<Error | null> {
  try {
    await Promise.all(Array.from({ length: count }, () => dataSource.query('SELECT 1')));
    return null;
  } catch (error) {
    return error as Error;
  }
}
