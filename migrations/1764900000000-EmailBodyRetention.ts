import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When the retention job removed an email's content (subject kept; html and text emptied): issue #21. */
export class EmailBodyRetention1764900000000 implements MigrationInterface {
  name = 'EmailBodyRetention1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE emails ADD COLUMN body_removed_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE emails DROP COLUMN body_removed_at`);
  }
}
