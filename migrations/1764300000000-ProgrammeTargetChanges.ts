import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The history of the programme's yearly targets: every `PUT /reports/targets/:year` writes a row here in the
 * transaction that changes them (who, when, what they became). 2018/19's preloaded targets have no author.
 */
export class ProgrammeTargetChanges1764300000000 implements MigrationInterface {
  name = 'ProgrammeTargetChanges1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE programme_target_changes (
        id bigserial PRIMARY KEY,
        financial_year integer NOT NULL REFERENCES programme_targets (financial_year),
        challenges_total integer NOT NULL,
        corporate_or_finance integer NOT NULL,
        never_reduction_percent integer NOT NULL,
        changed_by uuid REFERENCES users (id),
        changed_by_email text,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX programme_target_changes_year_idx ON programme_target_changes (financial_year)`);
    await db.query(`
      INSERT INTO programme_target_changes (financial_year, challenges_total, corporate_or_finance,
                                            never_reduction_percent, changed_at)
      SELECT financial_year, challenges_total, corporate_or_finance, never_reduction_percent, updated_at
        FROM programme_targets`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE programme_target_changes');
  }
}
