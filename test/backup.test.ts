import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, query, type TestDatabase } from './support/environment.js';

// The restore drill of docs/OPERATIONS.md (Backups), with the real pg_dump and pg_restore: back up a database with
// cases in every stage, wipe it, restore it, and find the same rows and cases that replay to their stored state.
const root = path.resolve(import.meta.dirname, '..');
let database: TestDatabase;
let work: string;

beforeAll(async () => {
  database = await createTestDatabase();
  work = mkdtempSync(path.join(tmpdir(), 'lga-backup-'));
  expect(cli('demo-data').status).toBe(0);
});
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await database.drop();
});

function cli(...args: string[]) {
  return spawnSync(process.execPath, [path.join(root, 'dist/apps/cli/src/main.js'), ...args], {
    env: { PATH: process.env.PATH, DATABASE_URL: database.url, NODE_ENV: 'test' },
    encoding: 'utf8',
  });
}

/** Every table's row count and every sequence's position: what a restore must give back. */
async function contents(): Promise<Record<string, number>> {
  const tables = await query<{ name: string }>(
    database.url,
    "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [{ n }] = await query<{ n: number }>(database.url, `SELECT count(*)::int AS n FROM "${name}"`);
    counts[name] = n;
  }
  for (const { name, value } of await query<{ name: string; value: string | null }>(
    database.url,
    "SELECT sequencename AS name, last_value AS value FROM pg_sequences WHERE schemaname = 'public'",
  )) {
    counts[`sequence ${name}`] = Number(value ?? 0);
  }
  return counts;
}

const wipe = () => query(database.url, 'DROP SCHEMA public CASCADE; CREATE SCHEMA public');

it('backs up, wipes, restores the same rows, and every case replays to its stored state', async () => {
  const before = await contents();
  expect(before.cases).toBeGreaterThan(40);
  expect(before.case_events).toBeGreaterThan(before.cases);
  const file = path.join(work, 'nightly.dump');

  const backedUp = cli('backup', file);
  expect(backedUp.status).toBe(0);
  const tables = Object.keys(before).filter((key) => !key.startsWith('sequence ')).length;
  expect(backedUp.stdout).toMatch(new RegExp(`^Backed up ${tables} table\\(s\\) of .+ to ${file} \\(.+\\) in .+ s\\.`));
  expect(backedUp.stderr).toContain(`[1/${tables}] public.`);
  expect(backedUp.stderr).toContain(`[${tables}/${tables}] public.`);
  expect(backedUp.stdout + backedUp.stderr).not.toContain('a-long'); // no password of the URL in the output

  await wipe();
  expect(await contents()).toEqual({});

  const restored = cli('restore', file);
  expect(restored.stderr).toContain(`[${tables}/${tables}] public.`);
  expect(restored.stdout).toContain(`Restored ${tables} table(s) from ${file}`);
  expect(restored.status).toBe(0);
  expect(await contents()).toEqual(before);

  const verified = cli('verify-cases');
  expect(verified.stdout).toContain(`${before.cases} case(s) replayed`);
  expect(verified.stdout).toContain('0 differ');
  expect(verified.status).toBe(0);
});

it('refuses to overwrite a file, to restore over data without --replace, or to restore what is not a backup', async () => {
  const file = path.join(work, 'refusals.dump');
  expect(cli('backup', file).status).toBe(0);
  const again = cli('backup', file);
  expect(again.status).toBe(1);
  expect(again.stderr).toContain(`${file} already exists: name a new file.`);

  const before = await contents();
  const over = cli('restore', file);
  expect(over.status).toBe(1);
  expect(over.stderr).toMatch(/already holds \d+ table\(s\); nothing was changed/);

  const notBackup = path.join(work, 'notes.txt');
  writeFileSync(notBackup, 'not a backup');
  const unreadable = cli('restore', notBackup);
  expect(unreadable.status).toBe(1);
  expect(unreadable.stderr).toContain('is not a backup made by `backup`');
  expect(cli('restore', path.join(work, 'missing.dump')).stderr).toContain('does not exist');
  expect(cli('backup').status).toBe(1);
  expect(cli('restore', '--replace').status).toBe(1);
  expect(await contents()).toEqual(before);
});

it('restores over the data there with --replace, and refuses when the database has tables the backup lacks', async () => {
  const file = path.join(work, 'before-a-mistake.dump');
  expect(cli('backup', file).status).toBe(0);
  const before = await contents();

  // A mistake after the backup: every reminder deleted, a case cancelled by hand.
  await query(database.url, 'DELETE FROM reminders');
  await query(database.url, "UPDATE cases SET snapshot = jsonb_set(snapshot, '{value}', '\"cancelled\"')");
  expect(cli('verify-cases').status).toBe(1);
  const replaced = cli('restore', file, '--replace');
  expect(replaced.status).toBe(0);
  expect(await contents()).toEqual(before);
  expect(cli('verify-cases').status).toBe(0);

  await query(database.url, 'CREATE TABLE from_a_later_version (id int)');
  const refused = cli('restore', file, '--replace');
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain('has table(s) the backup does not (from_a_later_version)');
  expect(await query(database.url, 'SELECT * FROM from_a_later_version')).toEqual([]);
});
