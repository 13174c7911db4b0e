import type pg from 'pg';

export type Fingerprint = Record<string, string>;

/**
 * A reader of the database's fingerprint: per table, its row count and the sum of its rows' xmin, so any insert,
 * update or delete changes one of them. The fuzz tests compare it before and after each refused request.
 */
export async function fingerprintReader(db: pg.Client): Promise<() => Promise<Fingerprint>> {
  const tables = (
    await db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    )
  ).rows.map((row) => row.name);
  const sql = `SELECT json_build_object(${tables
    .map((name) => `'${name}', (SELECT count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) FROM "${name}")`)
    .join(', ')}) AS f`;
  return async () => (await db.query<{ f: Fingerprint }>(sql)).rows[0].f;
}

/** The tables whose fingerprint changed, other than `allowed`. */
export const changedTables = (before: Fingerprint, after: Fingerprint, allowed: string[]) =>
  Object.keys(after).filter((table) => before[table] !== after[table] && !allowed.includes(table));
