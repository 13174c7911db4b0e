import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PeerPool1763805600000 implements MigrationInterface {
  name = 'PeerPool1763805600000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE peers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        email text NOT NULL CHECK (email = lower(email)),
        kind text NOT NULL CHECK (kind IN ('officer', 'member', 'external')),
        home_council_gss_code varchar(9) REFERENCES councils (gss_code),
        political_group text CHECK (political_group IN ('conservative', 'labour', 'liberal_democrat', 'independent',
                                                        'green', 'other')),
        role text CHECK (role IN ('chief_executive', 'director', 'section_151_officer', 'leader', 'cabinet_member',
                                  'councillor', 'other')),
        expertise text[] NOT NULL DEFAULT '{}',
        trained_on date,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (political_group IS NULL OR kind = 'member')
      )`);
    await db.query(`CREATE UNIQUE INDEX peers_email_idx ON peers (email)`);
    await db.query(`CREATE INDEX peers_home_council_idx ON peers (home_council_gss_code)`);
    await db.query(`CREATE INDEX peers_expertise_idx ON peers USING gin (expertise)`);
    await db.query(`
      CREATE TABLE peer_dealings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        peer_id uuid NOT NULL REFERENCES peers (id),
        council_gss_code varchar(9) NOT NULL REFERENCES councils (gss_code),
        kind text NOT NULL CHECK (kind IN ('employment', 'elected_member', 'consultancy', 'shared_service',
                                           'shared_management', 'mentoring', 'declared_interest')),
        from_date date NOT NULL,
        to_date date CHECK (to_date IS NULL OR to_date >= from_date),
        note text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX peer_dealings_peer_idx ON peer_dealings (peer_id)`);
    await db.query(`CREATE INDEX peer_dealings_council_idx ON peer_dealings (council_gss_code)`);
    await db.query(`
      CREATE TABLE council_arrangements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        council_gss_code varchar(9) NOT NULL REFERENCES councils (gss_code),
        other_gss_code varchar(9) NOT NULL REFERENCES councils (gss_code),
        kind text NOT NULL CHECK (kind IN ('shared_management', 'shared_services')),
        from_date date NOT NULL,
        to_date date CHECK (to_date IS NULL OR to_date >= from_date),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (council_gss_code <> other_gss_code)
      )`);
    await db.query(`CREATE INDEX council_arrangements_council_idx ON council_arrangements (council_gss_code)`);
    await db.query(`CREATE INDEX council_arrangements_other_idx ON council_arrangements (other_gss_code)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE council_arrangements');
    await db.query('DROP TABLE peer_dealings');
    await db.query('DROP TABLE peers');
  }
}
