import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The services `npm test` started for this run. Running Jest directly, without them, fails with this message. */
export function testServices(): { adminUrl: string; template: string; redisUrl: string } {
  const { TEST_PG_ADMIN_URL, TEST_PG_TEMPLATE, TEST_REDIS_URL } = process.env;
  if (!TEST_PG_ADMIN_URL || !TEST_PG_TEMPLATE || !TEST_REDIS_URL) {
    throw new Error('Run the tests with `npm test`: it starts the PostgreSQL and Redis instances they use.');
  }
  return { adminUrl: TEST_PG_ADMIN_URL, template: TEST_PG_TEMPLATE, redisUrl: TEST_REDIS_URL };
}

export const uniqueName = (prefix: string) => `${prefix}_${randomBytes(5).toString('hex')}`;

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testServices().adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * A database of this test file's own: a copy of the migrated template (council register loaded), or an empty
 * one with `{ empty: true }` to test migrations and the register load themselves.
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const { adminUrl, template } = testServices();
  const name = uniqueName('lga_test');
  await admin((client) => client.query(`CREATE DATABASE ${name}${options.empty ? '' : ` TEMPLATE ${template}`}`));
  const url = adminUrl.replace(/\/postgres$/, `/${name}`);
  return {
    name,
    url,
    drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Points the configuration at a test database and the test Redis, under a key prefix of this test's own. */
export function useTestEnvironment(database: TestDatabase): void {
  process.env.DATABASE_URL = database.url;
  process.env.REDIS_URL = testServices().redisUrl;
  process.env.QUEUE_PREFIX = uniqueName('test');
  process.env.AUTH_SECRET = randomBytes(32).toString('hex');
  // Test files send hundreds of requests a minute with one token (the property tests of cases, the fuzz test):
  // the API rate limit counts them but does not refuse; test/rate-limit.test.ts sets a low one to test it.
  process.env.API_RATE_LIMIT_PER_MINUTE = '1000000';
}

export async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
