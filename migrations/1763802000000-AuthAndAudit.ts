import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuthAndAudit1763802000000 implements MigrationInterface {
  name = 'AuthAndAudit1763802000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email)),
        name text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['admin', 'peer_challenge_manager',
                                     'principal_adviser', 'viewer']),
        region text,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE UNIQUE INDEX users_email_idx ON users (email)`);
    await db.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await db.query(`CREATE INDEX sessions_user_idx ON sessions (user_id)`);
    await db.query(`
      CREATE TABLE login_throttle (
        key text PRIMARY KEY,
        failures int NOT NULL,
        window_started_at timestamptz NOT NULL
      )`);
    await db.query(`
      CREATE TABLE IF NOT EXISTS audit_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id uuid,
        actor_email text,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text,
        summary jsonb NOT NULL DEFAULT '{}',
        request_id text
      )`);
    await db.query(`CREATE INDEX IF NOT EXISTS audit_log_entity_idx ON audit_log (entity, entity_id)`);
    await db.query(`CREATE INDEX IF NOT EXISTS audit_log_actor_idx ON audit_log (actor_id)`);
    await db.query(`CREATE INDEX IF NOT EXISTS audit_log_at_idx ON audit_log (at)`);
    await db.query(`
      CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$`);
    await db.query(`
      CREATE OR REPLACE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await db.query(`
      CREATE OR REPLACE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
    await db.query(`ALTER TABLE councils ADD COLUMN principal_adviser_id uuid REFERENCES users (id)`);
    await db.query(`CREATE INDEX councils_principal_adviser_idx ON councils (principal_adviser_id)`);
    await db.query(`
      CREATE TABLE council_notes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        council_gss_code varchar(9) NOT NULL REFERENCES councils (gss_code),
        author_id uuid NOT NULL REFERENCES users (id),
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 5000),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX council_notes_council_idx ON council_notes (council_gss_code, created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE council_notes');
    await db.query('ALTER TABLE councils DROP COLUMN principal_adviser_id');
    // The audit log stays, rows, triggers and all (issue #22): taking the schema back never takes the record away.
    // `up` finds it and keeps it.
    await db.query('DROP TABLE login_throttle');
    await db.query('DROP TABLE sessions');
    await db.query('DROP TABLE users');
  }
}
