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

function verifyCases() {
  return spawnSync(process.execPath, [path.join(root, 'dist/apps/cli/src/main.js'), 'verify-cases'], {
    env: { PATH: process.env.PATH, DATABASE_URL: t.database.url, NODE_ENV: 'test' },
    encoding: 'utf8',
  });
}

it('replays every case and reports the one whose stored state differs from its timeline', async () => {
  const manager = (await t.as('peer_challenge_manager')).token;
  const ids: string[] = [];
  for (const council of ['E06000059', 'E06000054']) {
    const opened = await t.http
      .post('/api/v1/cases')
      .set(as(manager))
      .send({ councilGssCode: council, type: 'corporate_peer_challenge' })
      .expect(201);
    await t.http
      .post(`/api/v1/cases/${opened.body.id}/events`)
      .set(as(manager))
      .send({ type: 'PAUSE', expectedVersion: 1, reason: 'Elections' })
      .expect(200);
    ids.push(opened.body.id as string);
  }

  const clean = verifyCases();
  expect(clean.stdout).toContain('2 case(s) replayed');
  expect(clean.stdout).toContain('0 differ');
  expect(clean.status).toBe(0);

  // Someone edits the stored state by hand: the replay no longer agrees.
  await query(t.database.url, `UPDATE cases SET snapshot = jsonb_set(snapshot, '{value}', '"closed"') WHERE id = $1`, [
    ids[1],
  ]);
  const tampered = verifyCases();
  expect(tampered.stdout).toContain(`case ${ids[1]}: stored state closed, replayed on_hold`);
  expect(tampered.stdout).not.toContain(ids[0]);
  expect(tampered.status).toBe(1);
});
