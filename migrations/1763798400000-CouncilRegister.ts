import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CouncilRegister1763798400000 implements MigrationInterface {
  name = 'CouncilRegister1763798400000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE councils (
        gss_code varchar(9) PRIMARY KEY CHECK (gss_code ~ '^E[0-9]{8}$'),
        name text NOT NULL,
        official_name text NOT NULL,
        type text NOT NULL CHECK (type IN ('county', 'district', 'unitary', 'metropolitan_district',
                                           'london_borough', 'sui_generis')),
        region text NOT NULL,
        county_gss_code varchar(9) REFERENCES councils (gss_code),
        combined_authority_gss_code varchar(9),
        combined_authority_name text,
        start_date date,
        end_date date,
        chief_executive_name text,
        chief_executive_email text,
        leader_name text,
        leader_email text,
        nudges_suppressed boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
      )`);
    await db.query(`CREATE INDEX councils_region_idx ON councils (region)`);
    await db.query(`CREATE INDEX councils_county_idx ON councils (county_gss_code)`);
    await db.query(`CREATE INDEX councils_name_lower_idx ON councils (lower(name))`);
    await db.query(`
      CREATE TABLE council_successions (
        predecessor_gss_code varchar(9) NOT NULL REFERENCES councils (gss_code),
        successor_gss_code varchar(9) NOT NULL REFERENCES councils (gss_code),
        start_date date NOT NULL,
        PRIMARY KEY (predecessor_gss_code, successor_gss_code)
      )`);
    await db.query(`CREATE INDEX council_successions_successor_idx ON council_successions (successor_gss_code)`);
    await db.query(`
      CREATE TABLE council_neighbours (
        gss_code varchar(9) NOT NULL REFERENCES councils (gss_code),
        neighbour_gss_code varchar(9) NOT NULL REFERENCES councils (gss_code),
        relation text NOT NULL CHECK (relation IN ('shares_boundary', 'nearby')),
        rank int NOT NULL,
        PRIMARY KEY (gss_code, neighbour_gss_code)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE council_neighbours');
    await db.query('DROP TABLE council_successions');
    await db.query('DROP TABLE councils');
  }
}
