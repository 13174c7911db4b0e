import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { CouncilRegisterLoader } from '#libs/councils';
import { MIGRATIONS } from '../migrations/index.js';
import { CliModule } from '../apps/cli/src/cli.module.js';
import { createTestDatabase, query, useTestEnvironment, type TestDatabase } from './support/environment.js';

const boot = () => NestFactory.createApplicationContext(CliModule, { logger: false });

describe('boot on an empty database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
    useTestEnvironment(database);
  });
  afterAll(() => database.drop());

  it('applies the migrations and loads the register once, even when processes boot together', async () => {
    const apps = await Promise.all([boot(), boot(), boot()]);
    try {
      const [{ count }] = await query<{ count: string }>(database.url, 'SELECT count(*) FROM councils');
      expect(Number(count)).toBe(365);
      const migrations = await query(database.url, 'SELECT name FROM migrations');
      expect(migrations).toHaveLength(MIGRATIONS.length);
      const [{ links }] = await query<{ links: string }>(
        database.url,
        'SELECT count(*) AS links FROM council_successions',
      );
      expect(Number(links)).toBe(50);

      expect(await apps[0].get(CouncilRegisterLoader).loadIfEmpty()).toBe(0);
      expect(await apps[0].get(DataSource).getRepository('Council').count()).toBe(365);
    } finally {
      await Promise.all(apps.map((app) => app.close()));
    }
  });

  it('boots again on the same data without changing it; its connections compile no query with JIT', async () => {
    const before = await query(database.url, 'SELECT gss_code, updated_at FROM councils ORDER BY gss_code');
    const app = await boot();
    try {
      expect(await app.get(DataSource).query('SHOW jit')).toEqual([{ jit: 'off' }]);
    } finally {
      await app.close();
    }
    expect(await query(database.url, 'SELECT gss_code, updated_at FROM councils ORDER BY gss_code')).toEqual(before);
  });
});
