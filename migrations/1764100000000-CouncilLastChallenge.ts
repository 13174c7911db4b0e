import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each council's latest delivered corporate or finance peer challenge, kept by triggers on `cases`: take-up as of
 * today reads one row per council instead of every delivered case (docs/PERFORMANCE.md, the take-up report).
 * `last_cpc` is the latest `delivered_on` of the council's own cases of the types that count, whatever the date
 * (the readers apply the 2012 baseline and the date they ask about: takeUpSql() in libs/councils/take-up.ts).
 *
 * A writer locks the councils' rows in code order before it reads their cases again, so concurrent writers to
 * one council take turns, and the later one reads what the earlier one committed.
 */
export class CouncilLastChallenge1764100000000 implements MigrationInterface {
  name = 'CouncilLastChallenge1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE council_last_cpc (
        gss_code varchar(9) PRIMARY KEY REFERENCES councils (gss_code),
        last_cpc date
      )`);
    await db.query(`CREATE INDEX council_last_cpc_date_idx ON council_last_cpc (last_cpc)`);
    await db.query(`
      CREATE FUNCTION refresh_council_last_cpc(codes varchar[]) RETURNS void LANGUAGE plpgsql AS $$
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
                              AND k.type IN ('corporate_peer_challenge', 'finance_peer_review'))
         WHERE s.gss_code = ANY (codes);
      END $$`);
    // The inserted or deleted rows arrive as the transition table \`changed\` (each trigger names its own so).
    await db.query(`
      CREATE FUNCTION cases_written_last_cpc() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM refresh_council_last_cpc(ARRAY(
          SELECT DISTINCT council_gss_code FROM changed
           WHERE delivered_on IS NOT NULL AND type IN ('corporate_peer_challenge', 'finance_peer_review')));
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION cases_updated_last_cpc() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM refresh_council_last_cpc(ARRAY[OLD.council_gss_code, NEW.council_gss_code]);
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE FUNCTION cases_truncated_last_cpc() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM council_last_cpc;
        RETURN NULL;
      END $$`);
    await db.query(`
      CREATE TRIGGER cases_inserted_last_cpc AFTER INSERT ON cases REFERENCING NEW TABLE AS changed
      FOR EACH STATEMENT EXECUTE FUNCTION cases_written_last_cpc()`);
    await db.query(`
      CREATE TRIGGER cases_deleted_last_cpc AFTER DELETE ON cases REFERENCING OLD TABLE AS changed
      FOR EACH STATEMENT EXECUTE FUNCTION cases_written_last_cpc()`);
    await db.query(`
      CREATE TRIGGER cases_updated_last_cpc AFTER UPDATE OF council_gss_code, type, delivered_on ON cases
      FOR EACH ROW
      WHEN ((OLD.council_gss_code, OLD.type, OLD.delivered_on) IS DISTINCT FROM
            (NEW.council_gss_code, NEW.type, NEW.delivered_on))
      EXECUTE FUNCTION cases_updated_last_cpc()`);
    await db.query(`
      CREATE TRIGGER cases_truncated_last_cpc AFTER TRUNCATE ON cases
      FOR EACH STATEMENT EXECUTE FUNCTION cases_truncated_last_cpc()`);
    await db.query(`
      INSERT INTO council_last_cpc (gss_code, last_cpc)
      SELECT council_gss_code, max(delivered_on) FROM cases
       WHERE delivered_on IS NOT NULL AND type IN ('corporate_peer_challenge', 'finance_peer_review')
       GROUP BY council_gss_code`);
    await db.query('ANALYZE council_last_cpc');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TRIGGER cases_truncated_last_cpc ON cases');
    await db.query('DROP TRIGGER cases_updated_last_cpc ON cases');
    await db.query('DROP TRIGGER cases_deleted_last_cpc ON cases');
    await db.query('DROP TRIGGER cases_inserted_last_cpc ON cases');
    await db.query('DROP FUNCTION cases_truncated_last_cpc()');
    await db.query('DROP FUNCTION cases_updated_last_cpc()');
    await db.query('DROP FUNCTION cases_written_last_cpc()');
    await db.query('DROP FUNCTION refresh_council_last_cpc(varchar[])');
    await db.query('DROP TABLE council_last_cpc');
  }
}
