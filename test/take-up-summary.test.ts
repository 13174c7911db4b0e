import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { councilExistsSql, takeUpJoin, takeUpSql } from '#libs/councils';
import { createTestDatabase, query, type TestDatabase } from './support/environment.js';

/**
 * `council_last_cpc`: each council's latest delivered CPC or FPR, kept by triggers on `cases` whatever writes them
 * (the workflow, the history import, the generator, SQL by hand), and take-up read from it, or from the cases
 * when a date in the past asks.
 */

let database: TestDatabase;
const sql = <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => query<T>(database.url, text, params);

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.drop());

async function addCase(council: string, type: string, deliveredOn: string | null, client?: pg.Client) {
  const id = randomUUID();
  const text = `INSERT INTO cases (id, council_gss_code, type, stage, state, version, machine_version, snapshot,
                                   delivered_on)
                VALUES ($1, $2, $3, 'closed', 'closed', 1, 1, '{}', $4)`;
  if (client) await client.query(text, [id, council, type, deliveredOn]);
  else await sql(text, [id, council, type, deliveredOn]);
  return id;
}

async function lastCpc(council: string): Promise<string | null | undefined> {
  const rows = await sql<{ last_cpc: string | null }>(
    `SELECT to_char(last_cpc, 'YYYY-MM-DD') AS last_cpc FROM council_last_cpc WHERE gss_code = $1`,
    [council],
  );
  return rows[0]?.last_cpc;
}

/**
 * What the summary must hold for every council: the latest delivered CPC or FPR of its own cases, and the latest
 * delivered CPC (`last_corporate`).
 */
async function expectSummaryToMatchCases() {
  const mismatches = await sql(
    `SELECT c.gss_code, s.last_cpc, k.last_cpc AS from_cases, s.last_corporate, k.last_corporate AS corporate
       FROM councils c
       LEFT JOIN council_last_cpc s ON s.gss_code = c.gss_code
       LEFT JOIN (SELECT council_gss_code, max(delivered_on) AS last_cpc,
                         max(delivered_on) FILTER (WHERE type = 'corporate_peer_challenge') AS last_corporate
                    FROM cases
                   WHERE type IN ('corporate_peer_challenge', 'finance_peer_review') GROUP BY council_gss_code) k
              ON k.council_gss_code = c.gss_code
      WHERE s.last_cpc IS DISTINCT FROM k.last_cpc OR s.last_corporate IS DISTINCT FROM k.last_corporate`,
  );
  expect(mismatches).toEqual([]);
}

const WILTSHIRE = 'E06000054';
const DORSET = 'E06000059';
const BRADFORD = 'E08000032';
const SOUTHWARK = 'E09000028';
const EAST_DORSET = 'E07000049'; // abolished in 2019; Dorset Council inherits its challenges

describe('council_last_cpc, kept by triggers on cases', () => {
  it('takes the latest delivered CPC or FPR of each council; other types and undelivered cases do not count', async () => {
    await addCase(WILTSHIRE, 'corporate_peer_challenge', '2016-03-01');
    await addCase(WILTSHIRE, 'finance_peer_review', '2019-06-30');
    await addCase(WILTSHIRE, 'fire_and_rescue', '2023-01-01');
    await addCase(WILTSHIRE, 'corporate_peer_challenge', null);
    await addCase(DORSET, 'other', '2022-01-01');
    expect(await lastCpc(WILTSHIRE)).toBe('2019-06-30');
    expect(await lastCpc(DORSET)).toBeUndefined();
    await expectSummaryToMatchCases();
  });

  it('follows a case whose date, type or council changes, and one deleted', async () => {
    const id = await addCase(BRADFORD, 'corporate_peer_challenge', '2014-05-01');
    const older = await addCase(BRADFORD, 'corporate_peer_challenge', '2013-02-01');
    expect(await lastCpc(BRADFORD)).toBe('2014-05-01');

    await sql(`UPDATE cases SET delivered_on = '2018-09-09' WHERE id = $1`, [id]);
    expect(await lastCpc(BRADFORD)).toBe('2018-09-09');
    await sql(`UPDATE cases SET type = 'fire_and_rescue' WHERE id = $1`, [id]);
    expect(await lastCpc(BRADFORD)).toBe('2013-02-01');
    await sql(`UPDATE cases SET type = 'corporate_peer_challenge', council_gss_code = $2 WHERE id = $1`, [
      id,
      SOUTHWARK,
    ]);
    expect(await lastCpc(BRADFORD)).toBe('2013-02-01');
    expect(await lastCpc(SOUTHWARK)).toBe('2018-09-09');

    await sql(`DELETE FROM cases WHERE id = $1`, [older]);
    expect(await lastCpc(BRADFORD)).toBeNull();
    await sql(`UPDATE cases SET delivered_on = NULL WHERE id = $1`, [id]);
    expect(await lastCpc(SOUTHWARK)).toBeNull();
    await expectSummaryToMatchCases();
  });

  it('keeps up with many rows in one statement, as the import and the generator write them', async () => {
    await sql(
      `INSERT INTO cases (id, council_gss_code, type, stage, state, version, machine_version, snapshot, delivered_on)
       SELECT gen_random_uuid(), c.gss_code, 'corporate_peer_challenge', 'closed', 'closed', 1, 1, '{}',
              DATE '2012-01-01' + (n * 37 + length(c.name)) % 4000
         FROM councils c CROSS JOIN generate_series(1, 3) AS n
        WHERE c.gss_code LIKE 'E07%'`,
    );
    await expectSummaryToMatchCases();
    await sql(`DELETE FROM cases WHERE council_gss_code LIKE 'E07%' AND delivered_on < DATE '2016-01-01'`);
    await expectSummaryToMatchCases();
  });

  it('gives two writers to one council the later date, whichever commits first', async () => {
    for (const [first, second] of [
      ['2024-01-10', '2025-02-20'],
      ['2025-03-30', '2024-04-01'],
    ]) {
      const council = 'E06000022'; // Bath and North East Somerset
      await sql(`DELETE FROM cases WHERE council_gss_code = $1`, [council]);
      const a = new pg.Client({ connectionString: database.url });
      const b = new pg.Client({ connectionString: database.url });
      await Promise.all([a.connect(), b.connect()]);
      try {
        await a.query('BEGIN');
        await b.query('BEGIN');
        await addCase(council, 'corporate_peer_challenge', first, a);
        // b's trigger waits for a's lock on the council's row, then reads the cases again after a commits.
        const waiting = addCase(council, 'corporate_peer_challenge', second, b);
        await new Promise((resolve) => setTimeout(resolve, 200));
        await a.query('COMMIT');
        await waiting;
        await b.query('COMMIT');
      } finally {
        await Promise.all([a.end(), b.end()]);
      }
      expect(await lastCpc(council)).toBe(first > second ? first : second);
    }
    await expectSummaryToMatchCases();
  });
});

describe('take-up from the summary, or from the cases for a date in the past', () => {
  /** Take-up of `codes` on `asOf` through takeUpSql(), as every report reads it. */
  async function takeUp(asOf: string, codes: string[]) {
    return sql<{ gss_code: string; last_cpc: string | null; status: string }>(
      `${takeUpSql('$1')}
       SELECT c.gss_code, t.last_cpc, t.status FROM councils c ${takeUpJoin('$1')}
        WHERE ${councilExistsSql('$1')} AND c.gss_code = ANY ($2) ORDER BY c.gss_code`,
      [asOf, codes],
    );
  }

  beforeAll(async () => {
    await sql(`DELETE FROM cases WHERE council_gss_code = ANY ($1)`, [[WILTSHIRE, DORSET, BRADFORD, EAST_DORSET]]);
    await addCase(WILTSHIRE, 'corporate_peer_challenge', '2011-12-31'); // before the baseline: never counts
    await addCase(WILTSHIRE, 'corporate_peer_challenge', '2017-10-01');
    await addCase(EAST_DORSET, 'corporate_peer_challenge', '2016-02-01');
    await addCase(BRADFORD, 'finance_peer_review', '2022-05-05');
  });

  it('today: own challenges, inherited ones, and the 2012 baseline', async () => {
    expect(await takeUp('2026-11-23', [WILTSHIRE, DORSET, BRADFORD])).toEqual([
      { gss_code: WILTSHIRE, last_cpc: '2017-10-01', status: 'overdue' },
      { gss_code: DORSET, last_cpc: '2016-02-01', status: 'overdue' },
      { gss_code: BRADFORD, last_cpc: '2022-05-05', status: 'due' },
    ]);
  });

  it('a date before the latest challenge reads the cases: only what was delivered by then', async () => {
    expect(await takeUp('2021-01-01', [WILTSHIRE, DORSET, BRADFORD])).toEqual([
      { gss_code: WILTSHIRE, last_cpc: '2017-10-01', status: 'current' },
      { gss_code: DORSET, last_cpc: '2016-02-01', status: 'due' },
      { gss_code: BRADFORD, last_cpc: null, status: 'never' },
    ]);
    expect(await takeUp('2017-09-30', [WILTSHIRE])).toEqual([{ gss_code: WILTSHIRE, last_cpc: null, status: 'never' }]);
  });

  it('a challenge dated after the date asked about (a mistyped year) does not count, and the rest stay right', async () => {
    const future = await addCase(DORSET, 'corporate_peer_challenge', '2031-07-01');
    try {
      expect(await takeUp('2026-11-23', [WILTSHIRE, DORSET, BRADFORD])).toEqual([
        { gss_code: WILTSHIRE, last_cpc: '2017-10-01', status: 'overdue' },
        { gss_code: DORSET, last_cpc: '2016-02-01', status: 'overdue' },
        { gss_code: BRADFORD, last_cpc: '2022-05-05', status: 'due' },
      ]);
    } finally {
      await sql(`DELETE FROM cases WHERE id = $1`, [future]);
    }
  });

  it('reads the summary, not the cases, for today (the plan never runs the scan)', async () => {
    const [plan] = await sql<{ 'QUERY PLAN': unknown }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${takeUpSql("'2026-11-23'")}
       SELECT c.gss_code, t.status FROM councils c ${takeUpJoin("'2026-11-23'")}`,
    );
    // Every read of `cases` in the plan, with how often it ran: the lineage's lookups of the few predecessors run;
    // the pass over every council's cases sits under a one-time filter that is false, so it never runs.
    const reads: number[] = [];
    const walk = (node: Record<string, unknown>) => {
      if (node['Relation Name'] === 'cases') reads.push(Number(node['Actual Loops']));
      for (const child of (node.Plans as Array<Record<string, unknown>>) ?? []) walk(child);
    };
    walk((plan['QUERY PLAN'] as Array<{ Plan: Record<string, unknown> }>)[0].Plan);
    expect(reads).toContain(0);
  });
});
