import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Facts about a council that change over time, each from its effective date: political control and LGA
 * membership (the MoU asks take-up by both). The fact on a date is the row with the latest `effective_from` on
 * or before it; a council with none is `unknown`.
 */
export class CouncilFacts1764400000000 implements MigrationInterface {
  name = 'CouncilFacts1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE council_facts (
        gss_code varchar(9) NOT NULL REFERENCES councils (gss_code),
        kind text NOT NULL CHECK (kind IN ('political_control', 'lga_membership')),
        effective_from date NOT NULL,
        value text NOT NULL,
        recorded_by uuid REFERENCES users (id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (gss_code, kind, effective_from)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE council_facts');
  }
}
