import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Where replies to an email go, when not to the sender (a nudge: the council's principal adviser). */
export class EmailReplyTo1764500000000 implements MigrationInterface {
  name = 'EmailReplyTo1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE emails ADD COLUMN reply_to jsonb`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE emails DROP COLUMN reply_to`);
  }
}
