import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TakeUpChecks1763910000000 implements MigrationInterface {
  name = 'TakeUpChecks1763910000000';

  async up(db: QueryRunner): Promise<void> {
    // The status each council had at the last daily check, and every change since, with its day.
    await db.query(`
      CREATE TABLE council_take_up (
        gss_code varchar(9) PRIMARY KEY REFERENCES councils (gss_code),
        status text NOT NULL CHECK (status IN ('never', 'current', 'due', 'overdue')),
        checked_on date NOT NULL
      )`);
    await db.query(`
      CREATE TABLE take_up_changes (
        id bigserial PRIMARY KEY,
        gss_code varchar(9) NOT NULL REFERENCES councils (gss_code),
        from_status text NOT NULL,
        to_status text NOT NULL,
        changed_on date NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        digested_at timestamptz,
        UNIQUE (gss_code, changed_on, to_status)
      )`);
    await db.query(`CREATE INDEX take_up_changes_undigested_idx ON take_up_changes (id) WHERE digested_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE take_up_changes');
    await db.query('DROP TABLE council_take_up');
  }
}
