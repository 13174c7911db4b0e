import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The periods a peer has said they cannot serve (issue #23): the double-booking rule and the team suggestions read
 * them, so a peer is never proposed for a visit they told the programme they would miss.
 */
export class PeerUnavailability1766100000000 implements MigrationInterface {
  name = 'PeerUnavailability1766100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE IF NOT EXISTS peer_unavailability (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        peer_id uuid NOT NULL REFERENCES peers (id),
        from_date date NOT NULL,
        to_date date NOT NULL CHECK (to_date >= from_date),
        reason text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(
      `CREATE INDEX IF NOT EXISTS peer_unavailability_peer_idx ON peer_unavailability (peer_id, from_date)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS peer_unavailability');
  }
}
