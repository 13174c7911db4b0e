import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Emailed password links (issue #22): a user's own reset request, and the link an admin sends (an invitation for a
 * new user, or a reset). Only a SHA-256 hash of each link's secret is stored; a link is good once (`used_at`) and
 * until `expires_at`.
 */
export class PasswordResets1765800000000 implements MigrationInterface {
  name = 'PasswordResets1765800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE password_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        kind text NOT NULL CHECK (kind IN ('reset', 'invitation')),
        requested_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await db.query(`CREATE INDEX password_links_user ON password_links (user_id, created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE password_links`);
  }
}
