import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A council note marked for the peer team goes into the team's briefing pack (issue #18). */
export class CouncilNotesForTeam1765100000000 implements MigrationInterface {
  name = 'CouncilNotesForTeam1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE council_notes ADD COLUMN for_team boolean NOT NULL DEFAULT false`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE council_notes DROP COLUMN for_team`);
  }
}
