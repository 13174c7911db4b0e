import { DataSource } from 'typeorm';
import { warmPool } from '#libs/platform';
import { createTestDatabase, query, type TestDatabase } from './support/environment.js';

/** warmPool against a real PostgreSQL: the connections are open (and idle) once it returns. */

let database: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  database = await createTestDatabase();
  dataSource = new DataSource({ type: 'postgres', url: database.url, extra: { max: 20 } });
  await dataSource.initialize();
});

afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

const openConnections = async () =>
  (
    await query<{ n: number }>(
      database.url,
      'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    )
  )[0].n;

it('opens the connections at once, and the pool keeps them for the requests that follow', async () => {
  expect(await warmPool(dataSource, 6)).toBeNull();
  expect(await openConnections()).toBeGreaterThanOrEqual(6);
  await Promise.all(Array.from({ length: 6 }, () => dataSource.query('SELECT pg_sleep(0.05)')));
  expect(await openConnections()).toBe(6);
});

it('returns a failure instead of throwing: warming is an optimisation', async () => {
  const closed = new DataSource({ type: 'postgres', url: database.url });
  const failure = await warmPool(closed, 2);
  expect(failure).toBeInstanceOf(Error);
});
