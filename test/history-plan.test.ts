import { DataSource } from 'typeorm';
import { HISTORY_LISTS } from '#libs/cases';
import { createTestDatabase, type TestDatabase } from './support/environment.js';

/**
 * A council history's lists are one prepared statement. PostgreSQL plans a prepared statement for its first five
 * runs on a connection, then keeps a generic plan if that is no dearer than those; when it is dearer by its own
 * estimates (as with an array of codes for a parameter), it plans again on every run: 0.9 ms of PostgreSQL's CPU on
 * each history read (docs/PERFORMANCE.md).
 */
let database: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  database = await createTestDatabase();
  dataSource = new DataSource({ type: 'postgres', url: database.url, extra: { max: 1 } });
  await dataSource.initialize();
  // Statistics like a programme's: 10,000 cases over the register's councils.
  await dataSource.query(
    `INSERT INTO cases (id, council_gss_code, type, stage, state, on_hold, version, machine_version, snapshot,
                        delivered_on)
     SELECT gen_random_uuid(), c.gss_code, 'corporate_peer_challenge', 'closed', 'closed', false, 1, 2, '{}',
            DATE '2013-01-01' + (n % 4000)
       FROM generate_series(1, 10000) AS n
       JOIN (SELECT gss_code, row_number() OVER (ORDER BY gss_code) AS k FROM councils) AS c
         ON c.k = 1 + n % (SELECT count(*) FROM councils)`,
  );
  await dataSource.query('ANALYZE');
});

afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

it('is planned once per connection: after five runs PostgreSQL keeps its generic plan', async () => {
  for (const code of ['E06000059', 'E07000049', 'E06000066', 'E08000003', 'E09000033', 'E06000054', 'E06000059']) {
    await HISTORY_LISTS.run(dataSource, [code]);
  }
  const [plans] = await dataSource.query<Array<{ generic: number; custom: number }>>(
    `SELECT generic_plans::int AS generic, custom_plans::int AS custom FROM pg_prepared_statements
      WHERE name = 'council-history-lists'`,
  );
  expect(plans).toEqual({ custom: 5, generic: 2 });
});

it('still finds the cases of the councils a council replaced', async () => {
  await dataSource.query(
    `INSERT INTO cases (id, council_gss_code, type, stage, state, on_hold, version, machine_version, snapshot,
                        delivered_on)
     VALUES (gen_random_uuid(), 'E07000049', 'corporate_peer_challenge', 'closed', 'closed', false, 1, 2, '{}',
             '2016-05-11')`,
  );
  const [{ cases }] = await HISTORY_LISTS.run(dataSource, ['E06000059']);
  const [{ expected }] = await dataSource.query<Array<{ expected: number }>>(
    `SELECT count(*)::int AS expected FROM cases
      WHERE council_gss_code = 'E06000059'
         OR council_gss_code IN (SELECT predecessor_gss_code FROM council_successions
                                  WHERE successor_gss_code = 'E06000059')`,
  );
  expect(cases).toHaveLength(expected);
  expect(cases).toContainEqual(expect.objectContaining({ councilGssCode: 'E07000049', viaPredecessor: true }));
  expect(cases).toContainEqual(expect.objectContaining({ councilGssCode: 'E06000059', viaPredecessor: false }));
});
