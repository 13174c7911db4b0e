import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RemindersAndEmail1763899200000 implements MigrationInterface {
  name = 'RemindersAndEmail1763899200000';

  async up(db: QueryRunner): Promise<void> {
    // A job may name its own id (deterministic, e.g. a reminder) and the time it should run.
    await db.query(`ALTER TABLE outbox ADD COLUMN job_id text, ADD COLUMN run_at timestamptz`);
    await db.query(`
      CREATE TABLE emails (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        idempotency_key text NOT NULL UNIQUE,
        template text NOT NULL,
        to_addresses jsonb NOT NULL,
        cc_addresses jsonb NOT NULL DEFAULT '[]',
        subject text NOT NULL,
        html text NOT NULL,
        text_body text NOT NULL,
        status text NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'bounced')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        claimed_at timestamptz,
        sent_at timestamptz,
        message_id text,
        case_id uuid REFERENCES cases (id),
        council_gss_code varchar(9) REFERENCES councils (gss_code),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX emails_status_idx ON emails (status, claimed_at) WHERE status IN ('queued', 'sending')`,
    );
    await db.query(`CREATE INDEX emails_case_idx ON emails (case_id)`);
    await db.query(`CREATE INDEX emails_council_idx ON emails (council_gss_code)`);
    await db.query(`
      CREATE TABLE reminders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases (id),
        kind text NOT NULL,
        due_on date NOT NULL,
        recipients text[] NOT NULL,
        status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'sent', 'cancelled')),
        sent_at timestamptz,
        cancelled_at timestamptz,
        note text,
        revision integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (case_id, kind, due_on)
      )`);
    await db.query(`CREATE INDEX reminders_due_idx ON reminders (due_on) WHERE status = 'scheduled'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE reminders');
    await db.query('DROP TABLE emails');
    await db.query('ALTER TABLE outbox DROP COLUMN job_id, DROP COLUMN run_at');
  }
}
