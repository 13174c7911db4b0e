import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each council's latest delivered corporate peer challenge (`last_corporate`) beside its latest CPC or FPR
 * (`last_cpc`), kept by the same triggers: *no CPC since 2012* (measure 1.2, the nudges) counts corporate peer
 * challenges only, while five-year take-up counts both (docs/DOMAIN.md, "Two measures").
 */
export class CouncilLastCorporate1764200000000 implements MigrationInterface {
  name = 'CouncilLastCorporate1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE council_last_cpc ADD COLUMN last_corporate date`);
    await db.query(refresh(true));
    await db.query(`
      UPDATE council_last_cpc s
         SET last_corporate = (SELECT max(k.delivered_on) FROM cases k
                                WHERE k.council_gss_code = s.gss_code AND k.type = 'corporate_peer_challenge')`);
    await db.query('ANALYZE council_last_cpc');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(refresh(false));
    await db.query(`ALTER TABLE council_last_cpc DROP COLUMN last_corporate`);
  }
}

/** The function the triggers call, setting `last_corporate` too or not. */
function refresh(withCorporate: boolean): string {
  const corporate = withCorporate
    ? `,
               last_corporate = (SELECT max(k.delivered_on) FROM cases k
                                  WHERE k.council_gss_code = s.gss_code AND k.type = 'corporate_peer_challenge')`
    : '';
  return `
    CREATE OR REPLACE FUNCTION refresh_council_last_cpc(codes varchar[]) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      IF cardinality(codes) = 0 THEN
        RETURN;
      END IF;
      INSERT INTO council_last_cpc (gss_code)
      SELECT DISTINCT code FROM unnest(codes) AS code ORDER BY code
      ON CONFLICT (gss_code) DO NOTHING;
      PERFORM 1 FROM council_last_cpc WHERE gss_code = ANY (codes) ORDER BY gss_code FOR UPDATE;
      UPDATE council_last_cpc s
         SET last_cpc = (SELECT max(k.delivered_on) FROM cases k
                          WHERE k.council_gss_code = s.gss_code
                            AND k.type IN ('corporate_peer_challenge', 'finance_peer_review'))${corporate}
       WHERE s.gss_code = ANY (codes);
    END $$`;
}
