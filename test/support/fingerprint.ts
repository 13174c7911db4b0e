import type pg from 'pg';

export type Fingerprint = Record<string, string>;

/** Where the triggers below count the rows each table had inserted, updated or deleted (and its truncations). */
const COUNTS = 'test_fingerprint_writes';

/**
 * A reader of the database's fingerprint: per table, how many of its rows have been written since the reader was
 * set up. Triggers on every table of the schema count them, in the writing transaction (so a rolled-back write
 * counts nothing), with statement-level triggers over transition tables (one upsert a statement, none for a
 * statement that changed no row). Reading the fingerprint is one small query, where summing every table's xmin was a
 * scan of the whole database a request. The fuzz tests compare it before and after each refused request.
 */
export async function fingerprintReader(db: pg.Client): Promise<() => Promise<Fingerprint>> {
  const tables = (
    await db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> $1 ORDER BY 1`,
      [COUNTS],
    )
  ).rows.map((row) => row.name);
  // SECURITY DEFINER: the count is kept whichever role the application connects as.
  await db.query(`
    CREATE TABLE IF NOT EXISTS ${COUNTS} (table_name text PRIMARY KEY, writes bigint NOT NULL);
    CREATE OR REPLACE FUNCTION test_count_writes() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
      SET search_path = public AS $$
    BEGIN
      IF TG_OP = 'TRUNCATE' OR EXISTS (SELECT 1 FROM changed) THEN
        INSERT INTO ${COUNTS} VALUES (TG_TABLE_NAME, 1)
          ON CONFLICT (table_name) DO UPDATE SET writes = ${COUNTS}.writes + 1;
      END IF;
      RETURN NULL;
    END $$;`);
  for (const name of tables) {
    await db.query(`
      CREATE OR REPLACE TRIGGER test_count_inserts AFTER INSERT ON "${name}"
        REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION test_count_writes();
      CREATE OR REPLACE TRIGGER test_count_updates AFTER UPDATE ON "${name}"
        REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION test_count_writes();
      CREATE OR REPLACE TRIGGER test_count_deletes AFTER DELETE ON "${name}"
        REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION test_count_writes();
      CREATE OR REPLACE TRIGGER test_count_truncates AFTER TRUNCATE ON "${name}"
        FOR EACH STATEMENT EXECUTE FUNCTION test_count_writes();`);
  }
  const sql = `SELECT coalesce(json_object_agg(table_name, writes::text), '{}') AS f FROM ${COUNTS}`;
  return async () => (await db.query<{ f: Fingerprint }>(sql)).rows[0].f;
}

/** The tables whose fingerprint changed, other than `allowed`. */
export const changedTables = (before: Fingerprint, after: Fingerprint, allowed: string[]) =>
  [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (table) => before[table] !== after[table] && !allowed.includes(table),
  );
