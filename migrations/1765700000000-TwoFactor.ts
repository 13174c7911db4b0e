import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A second factor for password sign-in (issue #22): each user's TOTP secret, encrypted with a key derived from
 * AUTH_SECRET, the one being set up, and the last time step accepted (a code is good once). A session started by an
 * admin who has not set one up yet may only set one up (`enrolment_only`).
 */
export class TwoFactor1765700000000 implements MigrationInterface {
  name = 'TwoFactor1765700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE users
        ADD COLUMN totp_secret text,
        ADD COLUMN totp_pending_secret text,
        ADD COLUMN totp_enabled_at timestamptz,
        ADD COLUMN totp_last_step bigint,
        ADD CONSTRAINT users_totp_enabled CHECK ((totp_secret IS NULL) = (totp_enabled_at IS NULL))`);
    await db.query(`ALTER TABLE sessions ADD COLUMN enrolment_only boolean NOT NULL DEFAULT false`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE sessions DROP COLUMN enrolment_only`);
    await db.query(`
      ALTER TABLE users
        DROP CONSTRAINT users_totp_enabled,
        DROP COLUMN totp_last_step,
        DROP COLUMN totp_enabled_at,
        DROP COLUMN totp_pending_secret,
        DROP COLUMN totp_secret`);
  }
}
