import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The one-click unsubscribe link of an email (RFC 8058), sent as its List-Unsubscribe header (issue #22). */
export class ListUnsubscribe1764620000000 implements MigrationInterface {
  name = 'ListUnsubscribe1764620000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE emails ADD COLUMN list_unsubscribe text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE emails DROP COLUMN list_unsubscribe`);
  }
}
