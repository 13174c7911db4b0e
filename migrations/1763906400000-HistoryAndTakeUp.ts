import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HistoryAndTakeUp1763906400000 implements MigrationInterface {
  name = 'HistoryAndTakeUp1763906400000';

  async up(db: QueryRunner): Promise<void> {
    // Peer challenges delivered before the system: one per council, type and onsite start (re-imports match).
    await db.query(`ALTER TABLE cases ADD COLUMN imported boolean NOT NULL DEFAULT false`);
    await db.query(
      `CREATE UNIQUE INDEX cases_imported_idx ON cases (council_gss_code, type, onsite_start) WHERE imported`,
    );
    // Take-up reads each council's delivered corporate and finance challenges.
    await db.query(
      `CREATE INDEX cases_take_up_idx ON cases (council_gss_code, delivered_on)
        WHERE type IN ('corporate_peer_challenge', 'finance_peer_review') AND delivered_on IS NOT NULL`,
    );
    // The programme's yearly targets (the MoU sets them each year); 2018/19's are in the seeds (`000`, `004`).
    await db.query(`
      CREATE TABLE programme_targets (
        financial_year integer PRIMARY KEY CHECK (financial_year BETWEEN 2012 AND 2100),
        challenges_total integer NOT NULL CHECK (challenges_total >= 0),
        corporate_or_finance integer NOT NULL CHECK (corporate_or_finance >= 0),
        never_reduction_percent integer NOT NULL CHECK (never_reduction_percent BETWEEN 0 AND 100),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`INSERT INTO programme_targets VALUES (2018, 110, 70, 50, now())`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE programme_targets');
    await db.query('DROP INDEX cases_take_up_idx');
    await db.query('DROP INDEX cases_imported_idx');
    await db.query('ALTER TABLE cases DROP COLUMN imported');
  }
}
