import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * The team suggestions (issue #23) on a realistic pool: the demo data (peers who have served, cases in every
 * stage) and a synthetic pool from `generate-peers`. The suggested team breaks no rule, read again from each
 * peer's own record, and its total is the optimum: exhaustive search over every assignment of every candidate
 * the API gives for each seat (all of them: the lists are shorter than the limit) finds nothing better.
 */
const root = path.resolve(import.meta.dirname, '..');
let t: TestApp;
const as = () => ({ Authorization: `Bearer ${t.adminToken}` });

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, [path.join(root, 'dist/apps/cli/src/main.js'), ...args], {
    env: { PATH: process.env.PATH, DATABASE_URL: t.database.url, NODE_ENV: 'test' },
    encoding: 'utf8',
  });
  expect(run.status).toBe(0);
}

interface Peer {
  id: string;
  name: string;
  kind: string;
  homeCouncil: { gssCode: string } | null;
  politicalGroup: string | null;
  financeExpertise: boolean;
  active: boolean;
}
type Candidate = { peerId: string; score: number; reasons: string[] };

beforeAll(async () => {
  t = await createTestApp();
  cli('demo-data');
  cli('generate-peers', '--peers', '40');
});
afterAll(() => t.close());

it('suggests the optimum team for a case over the demo and generated pool, keeping every rule', async () => {
  const { body: pool } = await t.http.get('/api/v1/peers?limit=100').set(as()).expect(200);
  expect(pool.total).toBe(45);
  const peers = new Map<string, Peer>(pool.items.map((p: Peer) => [p.id, p]));

  const opened = await t.http
    .post('/api/v1/cases')
    .set(as())
    .send({ councilGssCode: 'E06000047', type: 'corporate_peer_challenge' })
    .expect(201);
  const send = async (event: Record<string, unknown>) => {
    const current = await t.http.get(`/api/v1/cases/${opened.body.id}`).set(as()).expect(200);
    await t.http
      .post(`/api/v1/cases/${opened.body.id}/events`)
      .set(as())
      .send({ expectedVersion: current.body.version, ...event })
      .expect(200);
  };
  await send({ type: 'SCHEDULE_SCOPING_MEETING', date: '2027-01-12' });
  await send({
    type: 'AGREE_SCOPE',
    focusAreas: ['housing', 'transformation', 'digital'],
    onsiteStart: '2027-03-02',
    onsiteEnd: '2027-03-05',
  });

  const seats = ['lead_officer_peer', 'lead_member_peer', 'member_peer', 'officer_peer'];
  const lists = new Map<string, Candidate[]>();
  for (const role of seats) {
    const { body } = await t.http
      .get(`/api/v1/cases/${opened.body.id}/team-suggestions?role=${role}&limit=50`)
      .set(as())
      .expect(200);
    expect(body.candidates.length).toBeLessThan(50);
    expect(body.candidates.length).toBeGreaterThan(1);
    for (const c of body.candidates as Candidate[]) expect(c.reasons.length).toBeGreaterThan(0);
    lists.set(role, body.candidates);
  }

  const { body: team } = await t.http
    .post(`/api/v1/cases/${opened.body.id}/team-suggestions/team`)
    .set(as())
    .send({ size: 4 })
    .expect(200);

  // The rules, written out again and read from each peer's own record.
  const keeps = (ids: string[], balance: boolean) => {
    const made = ids.map((id) => peers.get(id)!);
    if (new Set(ids).size !== ids.length || made.some((p) => !p.active)) return false;
    const homes = made.flatMap((p) => (p.homeCouncil ? [p.homeCouncil.gssCode] : []));
    if (new Set(homes).size !== homes.length || !made.some((p) => p.financeExpertise)) return false;
    if (!balance) return true;
    const members = made.filter((p) => p.kind === 'member');
    const counts = new Map<string, number>();
    for (const m of members)
      if (m.politicalGroup) counts.set(m.politicalGroup, (counts.get(m.politicalGroup) ?? 0) + 1);
    return members.length < 2 || [...counts.values()].every((n) => n <= Math.ceil(members.length / 2));
  };
  let best = { balanced: -Infinity, any: -Infinity };
  const [leadOfficers, leadMembers, members, officers] = seats.map((role) => lists.get(role)!);
  for (const a of leadOfficers)
    for (const b of leadMembers)
      for (const c of members)
        for (const d of officers) {
          const ids = [a.peerId, b.peerId, c.peerId, d.peerId];
          if (!keeps(ids, false)) continue;
          const total = a.score + b.score + c.score + d.score;
          best = {
            any: Math.max(best.any, total),
            balanced: keeps(ids, true) ? Math.max(best.balanced, total) : best.balanced,
          };
        }
  expect(best.balanced).toBeGreaterThan(-Infinity);
  expect(team).toMatchObject({ size: 4, balanced: true, total: best.balanced });

  const ids = team.members.map((m: { peerId: string }) => m.peerId);
  expect(keeps(ids, true)).toBe(true);
  expect(team.members.map((m: { role: string }) => m.role).sort()).toEqual([...seats].sort());
  for (const m of team.members as Array<Candidate & { role: string }>) {
    // Each member is the API's candidate for that seat, with the same score and reasons.
    expect(lists.get(m.role)).toContainEqual(
      expect.objectContaining({ peerId: m.peerId, score: m.score, reasons: m.reasons }),
    );
  }
});
