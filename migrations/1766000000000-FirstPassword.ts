import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A password someone else chose (issue #21): the first admin's, which came from ADMIN_PASSWORD in the environment.
 * Until its user sets one of their own, a session may only change it, see who it is, refresh or sign out
 * (Principal.passwordChangeRequired). Setting a password in any way clears it.
 */
export class FirstPassword1766000000000 implements MigrationInterface {
  name = 'FirstPassword1766000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `ALTER TABLE users ADD COLUMN IF NOT EXISTS password_change_required boolean NOT NULL DEFAULT false`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE users DROP COLUMN IF EXISTS password_change_required`);
  }
}
