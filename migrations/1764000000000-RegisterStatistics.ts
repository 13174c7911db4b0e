import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics for the register's tables. Autovacuum analyses a table after 50 changes and 10% more, so the few
 * council_successions rows were never analysed and PostgreSQL guessed hundreds of rows for its default: every
 * query over a council's predecessors (take-up, history, first CPC) was planned for far more than it reads.
 * The register loader analyses them after loading; this does it once for databases loaded before.
 */
export class RegisterStatistics1764000000000 implements MigrationInterface {
  name = 'RegisterStatistics1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ANALYZE councils, council_successions, council_neighbours');
  }

  async down(): Promise<void> {
    // Statistics are not undone.
  }
}
