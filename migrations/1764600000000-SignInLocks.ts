import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sign-in throttling per account and address pair and per address, with growing locks (issue #22): when a key's
 * lock ends, how many locks it has had (remembered a day), whether its last attempt was refused, when it last
 * changed. Keys: `pair:<email>|<address>`, `address:<address>`, and `episode:<user id>` (the account's lock
 * episode, for one alert email each).
 */
export class SignInLocks1764600000000 implements MigrationInterface {
  name = 'SignInLocks1764600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM login_throttle WHERE key LIKE 'account:%'`);
    await db.query(`
      ALTER TABLE login_throttle
        ADD COLUMN locked_until timestamptz,
        ADD COLUMN locks int NOT NULL DEFAULT 0,
        ADD COLUMN refused boolean NOT NULL DEFAULT false,
        ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now()`);
    await db.query(`CREATE INDEX login_throttle_updated_idx ON login_throttle (updated_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX login_throttle_updated_idx`);
    await db.query(`
      ALTER TABLE login_throttle
        DROP COLUMN locked_until, DROP COLUMN locks, DROP COLUMN refused, DROP COLUMN updated_at`);
  }
}
