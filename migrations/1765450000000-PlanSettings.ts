import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The five-year planner's inputs and its versioned plans (issue #19, docs/PLANNING.md): one row of settings
 * (horizon, capacity in total and by region, the pre-election weeks and the quiet periods an admin adds), a
 * principal adviser's not-before / not-after dates for a council with the reason, every plan computed with the
 * inputs it read, and what moved from one plan to the next.
 */
export class PlanSettings1765450000000 implements MigrationInterface {
  name = 'PlanSettings1765450000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE plan_settings (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        horizon_quarters integer NOT NULL DEFAULT 20 CHECK (horizon_quarters BETWEEN 1 AND 40),
        capacity_per_quarter integer NOT NULL DEFAULT 25 CHECK (capacity_per_quarter >= 0),
        capacity_by_region jsonb,
        pre_election_weeks integer NOT NULL DEFAULT 6 CHECK (pre_election_weeks BETWEEN 0 AND 26),
        quiet_periods jsonb NOT NULL DEFAULT '[]',
        updated_by uuid REFERENCES users (id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`INSERT INTO plan_settings (id) VALUES (1)`);
    await db.query(`
      CREATE TABLE council_plan_constraints (
        gss_code varchar(9) PRIMARY KEY REFERENCES councils (gss_code),
        not_before date,
        not_after date,
        reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 500),
        updated_by uuid REFERENCES users (id),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (not_before IS NOT NULL OR not_after IS NOT NULL),
        CHECK (not_after IS NULL OR not_before IS NULL OR not_after >= not_before)
      )`);
    await db.query(`
      CREATE TABLE plans (
        id bigserial PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now(),
        created_by uuid REFERENCES users (id),
        created_by_label text NOT NULL,
        inputs_hash text NOT NULL,
        inputs jsonb NOT NULL,
        summary jsonb NOT NULL,
        councils jsonb NOT NULL,
        by_region jsonb NOT NULL
      )`);
    await db.query(`CREATE INDEX plans_created_idx ON plans (created_at DESC, id DESC)`);
    await db.query(`
      CREATE TABLE plan_moves (
        plan_id bigint NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        gss_code varchar(9) NOT NULL REFERENCES councils (gss_code),
        from_quarter text,
        to_quarter text,
        PRIMARY KEY (plan_id, gss_code)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE plan_moves');
    await db.query('DROP TABLE plans');
    await db.query('DROP TABLE council_plan_constraints');
    await db.query('DROP TABLE plan_settings');
  }
}
