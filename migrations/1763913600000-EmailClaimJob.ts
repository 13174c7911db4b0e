import type { MigrationInterface, QueryRunner } from 'typeorm';

export class EmailClaimJob1763913600000 implements MigrationInterface {
  name = 'EmailClaimJob1763913600000';

  async up(db: QueryRunner): Promise<void> {
    // Which run of which send job holds an email's claim: the job's id and how often it had stalled then. When
    // BullMQ runs that job again after a stall (its worker died mid-send), the new run takes the claim over.
    await db.query(`ALTER TABLE emails ADD COLUMN claim_job_id text, ADD COLUMN claim_stalls integer`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE emails DROP COLUMN claim_job_id, DROP COLUMN claim_stalls');
  }
}
