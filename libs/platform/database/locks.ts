import type { DataSource } from 'typeorm';

/** Keys of the session-level PostgreSQL advisory locks the system takes. Never reuse a number. */
export enum DatabaseLock {
  Migrations = 7_100_001,
  CouncilRegister = 7_100_002,
  AdminBootstrap = 7_100_003,
  /** Held in the transaction of a nudge run (pg_advisory_xact_lock): runs queue one after another. */
  NudgeRun = 7_100_004,
  /** Held in the transaction of the daily take-up check. */
  TakeUpCheck = 7_100_005,
  /**
   * Held in the transaction of a bulk write of delivered cases (the history import, the generator): each batch
   * locks its councils' rows of `council_last_cpc` until the end, so two at once could take them in opposite
   * orders and deadlock.
   */
  CaseImport = 7_100_006,
  /**
   * Held in a transaction (pg_advisory_xact_lock) that changes what conflict checks read, exclusively, and shared by
   * every case event that asks for a check, before it locks its case: a change then either sees the new team and
   * marks its check stale, or commits before the check can read (`case-workflow.service.ts`).
   */
  ConflictInputs = 7_100_007,
  /** Tried (pg_try_advisory_xact_lock) by a plan run: a second run meanwhile is refused (409) or skipped (the job). */
  PlanRun = 7_100_008,
  /** Held while a committing transaction seals its audit rows into the chain (migration AuditIntegrity). */
  AuditChain = 7_100_009,
}

/** Runs `work` while holding an advisory lock on a dedicated connection, so only one process does it at once. */
export async function withLock<T>(dataSource: DataSource, lock: DatabaseLock, work: () => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [lock]);
    try {
      return await work();
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [lock]);
    }
  } finally {
    await runner.release();
  }
}
