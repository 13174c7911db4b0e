import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { query } from './support/environment.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const root = path.resolve(import.meta.dirname, '..');
let t: TestApp;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [path.join(root, 'dist/apps/cli/src/main.js'), ...args], {
    env: { PATH: process.env.PATH, DATABASE_URL: t.database.url, NODE_ENV: 'test', ...env },
    encoding: 'utf8',
  });
}

const counts = async () =>
  (
    await query<{ councils: number; cases: number; open: number; events: number }>(
      t.database.url,
      `SELECT (SELECT count(*)::int FROM councils WHERE gss_code LIKE 'E99%') AS councils,
              (SELECT count(*)::int FROM cases WHERE council_gss_code LIKE 'E99%') AS cases,
              (SELECT count(*)::int FROM cases WHERE council_gss_code LIKE 'E99%' AND NOT imported) AS open,
              (SELECT count(*)::int FROM case_events) AS events`,
    )
  )[0];

it('explains its arguments and refuses bad sizes and production', async () => {
  const cases: Array<[string[], string]> = [
    [['generate'], 'generate needs --councils and --cases.'],
    [['generate', '--councils', '10'], 'generate needs --councils and --cases.'],
    [['generate', '--councils', 'ten', '--cases', '5'], '--councils needs a whole number (got "ten").'],
    [['generate', '--councils', '0', '--cases', '5'], '--councils must be a whole number from 1 to 999999.'],
    [
      ['generate', '--councils=10', '--cases=50000'],
      'at most 5000 cases per council with cases: 10 councils allow 45000',
    ],
    [['generate', '--councils', '10', '--cases', '5', '--yes'], 'Unknown argument "--yes".'],
  ];
  for (const [args, message] of cases) {
    const run = cli(args);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('generate --councils N --cases M');
    expect(run.status).toBe(1);
  }
  const production = cli(['generate', '--councils', '10', '--cases', '5'], {
    NODE_ENV: 'production',
    AUTH_SECRET: 'a-production-secret-of-at-least-32-characters',
    ADMIN_PASSWORD: 'a-production-admin-passphrase',
  });
  expect(production.stderr).toContain('it does not run with NODE_ENV=production');
  expect(production.status).toBe(1);
  expect((await counts()).councils).toBe(0);
});

it('writes clearly synthetic councils and valid cases once, which replay and read like any other', async () => {
  const first = cli(['generate', '--councils', '40', '--cases', '400']);
  expect(first.stdout).toContain(`for 127.0.0.1:`);
  expect(first.stdout).toContain(`/${t.database.name}:`);
  expect(first.stdout).toContain('40 councils E99000001–E99000040');
  expect(first.stdout).toContain('400 cases: 396 delivered challenges inserted in bulk (imported, closed), 4 open');
  expect(first.stdout).toContain('Generated 40 synthetic councils');
  expect(first.status).toBe(0);
  const written = await counts();
  expect(written).toMatchObject({ councils: 40, cases: 400, open: 4 });

  const councils = await query<{ gss_code: string; name: string; official_name: string; email: string; n: number }>(
    t.database.url,
    `SELECT c.gss_code, c.name, c.official_name, c.chief_executive_email AS email,
            (SELECT count(*)::int FROM cases k WHERE k.council_gss_code = c.gss_code) AS n
       FROM councils c WHERE c.gss_code LIKE 'E99%' ORDER BY c.gss_code`,
  );
  expect(councils[0]).toMatchObject({
    gss_code: 'E99000001',
    name: 'Synthetic council 000001',
    official_name: 'Synthetic council 000001 (SYNTHETIC DATA - NOT REAL)',
    email: 'chief.executive.000001@synthetic.example.org',
  });
  // Every tenth council has no case; the others share them (11 each, give or take one).
  expect(councils.filter((c) => c.n === 0).map((c) => c.gss_code)).toEqual([
    'E99000010',
    'E99000020',
    'E99000030',
    'E99000040',
  ]);
  expect(Math.min(...councils.filter((c) => c.n > 0).map((c) => c.n))).toBeGreaterThanOrEqual(11);

  // Each bulk case is what the history import writes: the machine replays every timeline to the stored state.
  const verify = cli(['verify-cases']);
  expect(verify.stdout).toContain('400 case(s) replayed');
  expect(verify.stdout).toContain('0 differ');
  expect(verify.status).toBe(0);

  const [bulk] = await query<{ id: string }>(
    t.database.url,
    `SELECT id FROM cases WHERE council_gss_code = 'E99000001' AND imported ORDER BY delivered_on DESC LIMIT 1`,
  );
  const read = await t.http.get(`/api/v1/cases/${bulk.id}`).set(as(t.adminToken)).expect(200);
  expect(read.body).toMatchObject({
    councilGssCode: 'E99000001',
    state: 'closed',
    councilName: 'Synthetic council 000001',
  });
  const history = await t.http.get('/api/v1/councils/E99000001/history').set(as(t.adminToken)).expect(200);
  expect(history.body.cases.length).toBeGreaterThanOrEqual(11);
  const takeUp = await t.http.get('/api/v1/reports/take-up').set(as(t.adminToken)).expect(200);
  const synthetic = takeUp.body.councils.filter((c: { gssCode: string }) => c.gssCode.startsWith('E99'));
  const statuses = new Set(synthetic.map((c: { takeUp: { status: string } }) => c.takeUp.status));
  expect(statuses.has('never')).toBe(true);
  expect(statuses.size).toBeGreaterThan(2);
  const preview = await t.http.get('/api/v1/nudges/preview').set(as(t.adminToken)).expect(200);
  expect(preview.body.councils.map((c: { gssCode: string }) => c.gssCode)).toEqual(
    expect.arrayContaining(['E99000010', 'E99000020', 'E99000030', 'E99000040']),
  );

  // Asked again with the same sizes, it writes nothing; with other sizes it refuses.
  const again = cli(['generate', '--councils', '40', '--cases', '400']);
  expect(again.stdout).toContain('already holds 40 councils and 400 cases');
  expect(again.stdout).toContain('Nothing was written.');
  expect(again.status).toBe(0);
  const other = cli(['generate', '--councils', '50', '--cases', '400']);
  expect(other.stderr).toContain('This database already holds synthetic data (40 councils and 400 cases)');
  expect(other.status).toBe(1);
  expect(await counts()).toEqual(written);
});

it('writes a synthetic peer pool once, which the team suggestions read like any other (generate-peers)', async () => {
  for (const args of [[], ['--peers'], ['--peers', '0'], ['--peers', 'ten'], ['--peers', '5', '--yes']]) {
    const refused = cli(['generate-peers', ...args]);
    expect(refused.stderr).toContain('generate-peers needs --peers N, a whole number from 1 to 100000.');
    expect(refused.status).toBe(1);
  }
  const production = cli(['generate-peers', '--peers', '5'], {
    NODE_ENV: 'production',
    AUTH_SECRET: 'a-production-secret-of-at-least-32-characters',
    ADMIN_PASSWORD: 'a-production-admin-passphrase',
  });
  expect(production.stderr).toContain('it does not run with NODE_ENV=production');

  const first = cli(['generate-peers', '--peers=50']);
  expect([first.stdout.trim(), first.status]).toEqual(['Wrote 50 synthetic peers (SYNTHETIC DATA - NOT REAL).', 0]);
  const [pool] = await query<{ peers: number; members: number; dealings: number; away: number; homes: number }>(
    t.database.url,
    `SELECT count(*)::int AS peers, count(*) FILTER (WHERE kind = 'member')::int AS members,
            (SELECT count(*)::int FROM peer_dealings d JOIN peers q ON q.id = d.peer_id WHERE q.email LIKE 'synthetic-peer-%') AS dealings,
            (SELECT count(*)::int FROM peer_unavailability u JOIN peers q ON q.id = u.peer_id WHERE q.email LIKE 'synthetic-peer-%') AS away,
            count(DISTINCT home_council_gss_code)::int AS homes
       FROM peers WHERE email LIKE 'synthetic-peer-%@synthetic.example.org'`,
  );
  expect(pool).toEqual({ peers: 50, members: 20, dealings: 10, away: 5, homes: 45 });
  const listed = await t.http.get('/api/v1/peers?q=Synthetic%20peer%20000001').set(as(t.adminToken)).expect(200);
  expect(listed.body.items[0]).toMatchObject({ name: 'Synthetic peer 000001 (SYNTHETIC DATA - NOT REAL)' });

  const again = cli(['generate-peers', '--peers', '50']);
  expect(again.stdout).toContain('This database already holds 50 synthetic peers. Nothing was written.');
  const other = cli(['generate-peers', '--peers', '60']);
  expect(other.stderr).toContain('This database already holds 50 synthetic peers');
  expect(other.status).toBe(1);
});
