import { DataSource } from 'typeorm';
import { PreparedQuery } from '#libs/platform';
import { createTestDatabase, type TestDatabase } from './support/environment.js';

/** PreparedQuery against a real PostgreSQL: on the pool, inside a transaction, and never on a released runner. */

let database: TestDatabase;
let dataSource: DataSource;
const COUNCIL_NAME = new PreparedQuery<{ name: string }>(
  'test-council-name',
  'SELECT name FROM councils WHERE gss_code = $1',
);
const BACKEND = new PreparedQuery<{ pid: number }>('test-backend-pid', 'SELECT pg_backend_pid() AS pid');

beforeAll(async () => {
  database = await createTestDatabase();
  dataSource = new DataSource({ type: 'postgres', url: database.url });
  await dataSource.initialize();
});

afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

describe('PreparedQuery', () => {
  it('runs on the pool', async () => {
    expect(await COUNCIL_NAME.run(dataSource, ['E06000059'])).toEqual([{ name: 'Dorset Council' }]);
    expect(await COUNCIL_NAME.run(dataSource, ['E99999999'])).toEqual([]);
  });

  it("runs on a transaction's own connection", async () => {
    await dataSource
      .transaction(async (manager) => {
        const [{ pid: direct }] = await manager.query<Array<{ pid: number }>>('SELECT pg_backend_pid() AS pid');
        const [{ pid: prepared }] = await BACKEND.run(manager, []);
        expect(prepared).toBe(direct);
        await manager.query(`UPDATE councils SET name = 'Renamed' WHERE gss_code = 'E06000059'`);
        expect(await COUNCIL_NAME.run(manager, ['E06000059'])).toEqual([{ name: 'Renamed' }]);
        throw new Error('roll back');
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'));
    // The rollback leaves the prepared statement usable on that connection.
    expect(await COUNCIL_NAME.run(dataSource, ['E06000059'])).toEqual([{ name: 'Dorset Council' }]);
  });

  it('refuses a released query runner, whose connection may serve someone else by then', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    await runner.release();
    await expect(COUNCIL_NAME.run(runner.manager, ['E06000059'])).rejects.toThrow(/released query runner/);
  });

  it('refuses two queries of one name', () => {
    expect(() => new PreparedQuery('test-council-name', 'SELECT 1')).toThrow(/Two prepared queries/);
  });
});
