import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { MigrationsService } from '#libs/platform';
import { MIGRATIONS } from '../migrations/index.js';
import { CliModule } from '../apps/cli/src/cli.module.js';
import { createTestDatabase, query, useTestEnvironment, type TestDatabase } from './support/environment.js';

// Migrations are applied by one process (docs/OPERATIONS.md): under NODE_ENV=production the API, the worker and the
// CLI's other commands refuse to start on a database that lacks one, and `migrate` applies them.
const root = path.resolve(import.meta.dirname, '..');
const boot = () => NestFactory.createApplicationContext(CliModule, { logger: false });
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ empty: true });
  useTestEnvironment(database);
});
afterAll(async () => {
  delete process.env.MIGRATE_ON_START;
  await database.drop();
});

function cli(...args: string[]) {
  return spawnSync(process.execPath, [path.join(root, 'dist/apps/cli/src/main.js'), ...args], {
    env: {
      PATH: process.env.PATH,
      DATABASE_URL: database.url,
      NODE_ENV: 'production',
      AUTH_SECRET: randomBytes(32).toString('hex'),
    },
    encoding: 'utf8',
  });
}

const tables = async () =>
  (await query<{ name: string }>(database.url, "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'"))
    .map((row) => row.name)
    .sort();

it('refuses to start on a database with pending migrations when it is not the one that migrates', async () => {
  process.env.MIGRATE_ON_START = 'false';
  await expect(boot()).rejects.toThrow(
    `The database is missing ${MIGRATIONS.length} migration(s) (${MIGRATIONS[0].name}, `,
  );
  expect(await tables()).toEqual([]);

  const verify = cli('verify-cases');
  expect(verify.status).toBe(1);
  expect(verify.stderr).toContain('Apply them first with `npm run cli -- migrate`');
  expect(await tables()).toEqual([]);
});

it('applies them with `migrate` under NODE_ENV=production; then the others start', async () => {
  const migrated = cli('migrate');
  expect(migrated.stdout).toContain('Database is up to date; the council register holds 365 councils.');
  expect(migrated.status).toBe(0);
  process.env.MIGRATE_ON_START = 'false';
  const app = await boot();
  try {
    expect(await app.get(MigrationsService).pending()).toEqual([]);
  } finally {
    await app.close();
  }
});

it('reverts the last migration with `revert-migration`, and every migration down and up again', async () => {
  const latest = MIGRATIONS[MIGRATIONS.length - 1].name;
  const all = await tables();
  const reverted = cli('revert-migration');
  expect(reverted.stdout).toBe(`Reverted ${latest}.\n`);
  expect(reverted.status).toBe(0);
  const refused = cli('verify-cases');
  expect(refused.stderr).toContain(`The database is missing 1 migration(s) (${latest})`);

  const dataSource = new DataSource({ type: 'postgres', url: database.url, migrations: MIGRATIONS, logging: false });
  await dataSource.initialize();
  try {
    const migrations = new MigrationsService(dataSource);
    // Every down works, the latest first, and leaves none of the system's tables behind but the audit log.
    for (let i = MIGRATIONS.length - 2; i >= 0; i--) {
      expect(await migrations.revertLast()).toBe(MIGRATIONS[i].name);
    }
    expect(await migrations.revertLast()).toBeNull();
    expect(await tables()).toEqual(['audit_log', 'migrations']);
    // And every up again.
    expect(await migrations.apply()).toEqual(MIGRATIONS.map((m) => m.name));
    expect(await tables()).toEqual(all);
  } finally {
    await dataSource.destroy();
  }
  expect(cli('revert-migration').status).toBe(0);
  expect(cli('migrate').status).toBe(0);
  expect(cli('verify-cases').status).toBe(0);
});
