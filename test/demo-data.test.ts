import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createTestApp, type TestApp } from './support/test-app.js';

const root = path.resolve(import.meta.dirname, '..');
let t: TestApp;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function cli(command: string) {
  return spawnSync(process.execPath, [path.join(root, 'dist/apps/cli/src/main.js'), command], {
    env: { PATH: process.env.PATH, DATABASE_URL: t.database.url, NODE_ENV: 'test' },
    encoding: 'utf8',
  });
}

it('loads invented peers, a case in every stage and past challenges, once, and every case replays', () => {
  const first = cli('demo-data');
  expect(first.stderr).toBe('');
  expect(first.stdout).toContain('Loaded 5 peers, 8 cases and 40 past challenges (ILLUSTRATIVE DATA - NOT REAL).');
  expect(first.status).toBe(0);
  expect(cli('demo-data').stdout).toContain('The demo data is already loaded.');
  const verify = cli('verify-cases');
  expect(verify.stdout).toContain('48 case(s) replayed');
  expect(verify.status).toBe(0);
});

it('shows each stage of the lifecycle among the demo cases', async () => {
  const response = await t.http
    .get('/api/v1/cases?limit=100')
    .set('Authorization', `Bearer ${t.adminToken}`)
    .expect(200);
  const live = response.body.items.filter((c: { councilGssCode: string }) => /^E0600000[1-8]$/.test(c.councilGssCode));
  const states = live.map((c: { state: string }) => c.state).sort();
  expect(states).toEqual([
    'cancelled',
    'closed',
    'follow_up.awaiting_follow_up',
    'on_hold',
    'onsite.preparing',
    'report.drafting',
    'scoping',
    'team_assembly',
  ]);
});

it('gives the demo cases managers, the councils contacts and an adviser, and each council a type that fits', async () => {
  const cases = await t.http.get('/api/v1/cases?limit=100').set('Authorization', `Bearer ${t.adminToken}`).expect(200);
  const live = cases.body.items.filter((c: { councilGssCode: string }) => /^E0600000[1-8]$/.test(c.councilGssCode));
  const managers = await t.http.get('/api/v1/users?limit=100').set('Authorization', `Bearer ${t.adminToken}`);
  const names = new Map(managers.body.items.map((u: { id: string; name: string }) => [u.id, u.name]));
  expect(new Set(live.map((c: { managerId: string }) => names.get(c.managerId)))).toEqual(
    new Set(['Demo: Morgan Manager', 'Demo: Sam Manager']),
  );
  const hartlepool = await t.http.get('/api/v1/councils/E06000001').set('Authorization', `Bearer ${t.adminToken}`);
  expect(hartlepool.body).toMatchObject({ chiefExecutive: { name: 'Demo: Harriet Chief' } });
  expect(hartlepool.body.principalAdviser).toMatchObject({ name: 'Demo: Pat Adviser', region: 'North East' });
  // Fire and rescue challenges only of councils that run a fire and rescue service (counties, unitaries).
  const fire = await t.http
    .get('/api/v1/cases?type=fire_and_rescue&limit=100')
    .set('Authorization', `Bearer ${t.adminToken}`)
    .expect(200);
  expect(fire.body.total).toBeGreaterThan(0);
  for (const c of fire.body.items as Array<{ councilGssCode: string }>) {
    const council = await t.http
      .get(`/api/v1/councils/${c.councilGssCode}`)
      .set('Authorization', `Bearer ${t.adminToken}`);
    expect([c.councilGssCode, ['county', 'unitary'].includes(council.body.type)]).toEqual([c.councilGssCode, true]);
  }
});
