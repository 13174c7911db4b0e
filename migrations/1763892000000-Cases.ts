import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Cases1763892000000 implements MigrationInterface {
  name = 'Cases1763892000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY,
        council_gss_code varchar(9) NOT NULL REFERENCES councils (gss_code),
        type text NOT NULL CHECK (type IN ('corporate_peer_challenge', 'finance_peer_review', 'fire_and_rescue',
                                           'other')),
        manager_id uuid REFERENCES users (id),
        stage text NOT NULL,
        state text NOT NULL,
        on_hold boolean NOT NULL DEFAULT false,
        version integer NOT NULL CHECK (version >= 1),
        machine_version integer NOT NULL,
        snapshot jsonb NOT NULL,
        onsite_start date,
        delivered_on date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX cases_council_idx ON cases (council_gss_code)`);
    await db.query(`CREATE INDEX cases_stage_idx ON cases (stage, updated_at DESC)`);
    await db.query(`CREATE INDEX cases_manager_idx ON cases (manager_id)`);
    await db.query(`CREATE INDEX cases_team_idx ON cases USING gin ((snapshot -> 'context' -> 'team') jsonb_path_ops)`);
    await db.query(`
      CREATE TABLE case_events (
        case_id uuid NOT NULL REFERENCES cases (id),
        seq integer NOT NULL CHECK (seq >= 1),
        type text NOT NULL,
        payload jsonb NOT NULL,
        actor_id uuid REFERENCES users (id),
        actor_label text NOT NULL,
        request_id text,
        at timestamptz NOT NULL DEFAULT now(),
        from_state text,
        to_state text NOT NULL,
        PRIMARY KEY (case_id, seq)
      )`);
    await db.query(`
      CREATE FUNCTION case_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_events is append-only';
      END $$`);
    await db.query(`
      CREATE TRIGGER case_events_append_only BEFORE UPDATE OR DELETE ON case_events
      FOR EACH ROW EXECUTE FUNCTION case_events_append_only()`);
    await db.query(`
      CREATE TRIGGER case_events_no_truncate BEFORE TRUNCATE ON case_events
      FOR EACH STATEMENT EXECUTE FUNCTION case_events_append_only()`);
    await db.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        queue text NOT NULL,
        job_name text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz
      )`);
    await db.query(`CREATE INDEX outbox_waiting_idx ON outbox (id) WHERE relayed_at IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE outbox');
    await db.query('DROP TABLE case_events');
    await db.query('DROP FUNCTION case_events_append_only');
    await db.query('DROP TABLE cases');
  }
}
