import { SYSTEM_ACTOR } from '#libs/audit';
import { CaseWorkflowService } from '#libs/cases';
import { createTestApp, TEST_PASSWORD, type TestApp, type TestUser } from './support/test-app.js';

/**
 * Team suggestions (issue #23) against the real API and PostgreSQL: each role's candidates with their reasons, the
 * whole team checked against exhaustive search over every assignment of the candidates the API gives, peers'
 * unavailability in the double-booking rule, bad input, and "Propose this team" in the pages.
 */
let t: TestApp;
let manager: TestUser;
let viewer: TestUser;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

const HOST = 'E06000059'; // Dorset Council, unitary
const VISIT = { onsiteStart: '2027-03-02', onsiteEnd: '2027-03-05' };

interface Made {
  id: string;
  name: string;
  home: string | null;
  finance: boolean;
  group: string | null;
  member: boolean;
}
const peers: Record<string, Made> = {};

const PEERS: Record<string, Record<string, unknown>> = {
  alex: {
    name: 'Alex Section151',
    kind: 'officer',
    role: 'section_151_officer',
    expertise: ['finance', 'housing'],
    homeCouncilGssCode: 'E06000001',
  },
  bea: {
    name: 'Bea Director',
    kind: 'officer',
    role: 'director',
    expertise: ['housing', 'climate'],
    homeCouncilGssCode: 'E08000025',
  },
  cal: { name: 'Cal Chief', kind: 'officer', role: 'chief_executive', expertise: [], homeCouncilGssCode: 'E06000002' },
  dee: { name: 'Dee Dorset', kind: 'officer', role: 'director', expertise: ['housing'], homeCouncilGssCode: HOST },
  eve: {
    name: 'Eve Away',
    kind: 'officer',
    role: 'director',
    expertise: ['housing', 'climate'],
    homeCouncilGssCode: 'E09000001',
  },
  fay: {
    name: 'Fay Neighbour',
    kind: 'officer',
    role: 'director',
    expertise: ['housing'],
    homeCouncilGssCode: 'E06000058',
  },
  lab1: {
    name: 'Cllr Lab Leader',
    kind: 'member',
    role: 'leader',
    politicalGroup: 'labour',
    expertise: ['finance'],
    homeCouncilGssCode: 'E06000003',
    trainedOn: '2025-06-01',
  },
  lab2: {
    name: 'Cllr Lab Two',
    kind: 'member',
    role: 'councillor',
    politicalGroup: 'labour',
    expertise: ['housing'],
    homeCouncilGssCode: 'E08000026',
    trainedOn: '2025-06-01',
  },
  con: {
    name: 'Cllr Con Climate',
    kind: 'member',
    role: 'cabinet_member',
    politicalGroup: 'conservative',
    expertise: ['climate'],
    homeCouncilGssCode: 'E06000001',
    trainedOn: '2025-06-01',
  },
  untrained: {
    name: 'Cllr Untrained',
    kind: 'member',
    role: 'councillor',
    politicalGroup: 'labour',
    expertise: ['housing', 'climate', 'finance'],
    homeCouncilGssCode: 'E08000021',
  },
  ld: {
    name: 'Cllr Lib Dem',
    kind: 'member',
    role: 'councillor',
    politicalGroup: 'liberal_democrat',
    expertise: [],
    homeCouncilGssCode: 'E08000021',
    trainedOn: '2025-06-01',
  },
};

beforeAll(async () => {
  t = await createTestApp();
  manager = await t.as('peer_challenge_manager');
  viewer = await t.as('viewer');
  for (const [key, body] of Object.entries(PEERS)) {
    const made = await t.http
      .post('/api/v1/peers')
      .set(as(manager.token))
      .send({ ...body, email: `suggest-${key}@example.org` })
      .expect(201);
    const expertise = body.expertise as string[];
    peers[key] = {
      id: made.body.id,
      name: String(body.name),
      home: (body.homeCouncilGssCode as string) ?? null,
      finance: expertise.includes('finance') || body.role === 'section_151_officer',
      group: (body.politicalGroup as string) ?? null,
      member: body.kind === 'member',
    };
  }
});
afterAll(() => t.close());

async function send(caseId: string, event: Record<string, unknown>) {
  const current = await t.http.get(`/api/v1/cases/${caseId}`).set(as(manager.token)).expect(200);
  const sent = await t.http
    .post(`/api/v1/cases/${caseId}/events`)
    .set(as(manager.token))
    .send({ expectedVersion: current.body.version, ...event });
  if (sent.status !== 200) throw new Error(`${String(event.type)}: ${sent.status} ${sent.text}`);
  return sent.body;
}

/** A corporate peer challenge of Dorset in team assembly, its visit 2–5 March 2027, on housing and climate. */
async function caseInTeamAssembly(visit = VISIT): Promise<string> {
  const opened = await t.http
    .post('/api/v1/cases')
    .set(as(manager.token))
    .send({ councilGssCode: HOST, type: 'corporate_peer_challenge' })
    .expect(201);
  await send(opened.body.id, { type: 'SCHEDULE_SCOPING_MEETING', date: '2027-01-12' });
  await send(opened.body.id, { type: 'AGREE_SCOPE', focusAreas: ['housing', 'climate'], ...visit });
  return opened.body.id as string;
}

const candidatesOf = async (caseId: string, role: string) =>
  (
    await t.http
      .get(`/api/v1/cases/${caseId}/team-suggestions?role=${role}&limit=50`)
      .set(as(manager.token))
      .expect(200)
  ).body as {
    role: string;
    candidates: Array<{
      peerId: string;
      name: string;
      score: number;
      reasons: string[];
      findings: Array<{ severity: string; rule: string }>;
    }>;
    excluded: number;
  };

async function signIn(): Promise<string> {
  const form = await t.http.get('/login');
  const cookie = String(form.headers['set-cookie']).split(';')[0];
  const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
  const signedIn = await t.http
    .post('/login')
    .set('Cookie', cookie)
    .type('form')
    .send({ email: manager.email, password: TEST_PASSWORD, _csrf: token })
    .expect(303);
  return String(signedIn.headers['set-cookie']).split(';')[0];
}

const byId = (id: string) => Object.values(peers).find((p) => p.id === id)!;

/**
 * Every assignment of the API's candidates to the seats, with the team rules written out again here: distinct
 * peers and home councils, finance expertise, and (when any team can have it) no group above half the member seats.
 */
function exhaustive(
  seats: string[],
  lists: Map<string, Array<{ peerId: string; score: number }>>,
  fixed: Array<{ peerId: string; score: number }> = [],
) {
  let best = { balanced: -Infinity, any: -Infinity };
  const picks = [...fixed];
  const walk = (i: number) => {
    if (i === seats.length) {
      const made = picks.map((p) => byId(p.peerId));
      if (new Set(made.map((p) => p.id)).size !== made.length) return;
      const homes = made.flatMap((p) => (p.home ? [p.home] : []));
      if (new Set(homes).size !== homes.length || !made.some((p) => p.finance)) return;
      const total = picks.reduce((sum, p) => sum + p.score, 0);
      const members = made.filter((p) => p.member);
      const counts = new Map<string, number>();
      for (const m of members) if (m.group) counts.set(m.group, (counts.get(m.group) ?? 0) + 1);
      const balanced = members.length < 2 || [...counts.values()].every((n) => n <= Math.ceil(members.length / 2));
      best = { balanced: balanced ? Math.max(best.balanced, total) : best.balanced, any: Math.max(best.any, total) };
      return;
    }
    for (const option of lists.get(seats[i]) ?? []) {
      picks.push(option);
      walk(i + 1);
      picks.pop();
    }
  };
  walk(0);
  return best.balanced > -Infinity ? { total: best.balanced, balanced: true } : { total: best.any, balanced: false };
}

describe('candidates for a role', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = await caseInTeamAssembly();
  });

  it('ranks the peers who may serve, best first, each point with its reason, and counts those left out', async () => {
    const lead = await candidatesOf(caseId, 'lead_officer_peer');
    expect(lead.role).toBe('lead_officer_peer');
    expect(lead.candidates.map((c) => c.name)).toEqual([
      'Alex Section151',
      'Bea Director',
      'Eve Away',
      'Cal Chief',
      'Fay Neighbour',
    ]);
    expect(lead.candidates[0]).toEqual({
      peerId: peers.alex.id,
      name: 'Alex Section151',
      score: 13,
      reasons: [
        'Knows housing: one focus area of the challenge (+3)',
        'Section 151 officer: brings the finance expertise the team needs (+4)',
        'Works for a unitary council, like Dorset Council (+2)',
        'No conflict of interest found (+3)',
        'Has not served on a challenge in the last 12 months, like most of the pool',
        'Nothing else recorded within two weeks of the visit (+1)',
      ],
      findings: [],
    });
    // Dee works for Dorset (own council, hard); the members are not officers: none is offered.
    expect(lead.excluded).toBe(6);
    const fay = lead.candidates.find((c) => c.name === 'Fay Neighbour')!;
    // Bournemouth, Christchurch and Poole shares a boundary, and the ceremonial county, with Dorset: two soft findings.
    expect(fay.findings.map((f) => [f.rule, f.severity])).toEqual([
      ['neighbouring_council', 'soft'],
      ['same_county_area', 'soft'],
    ]);
    expect(fay.reasons).toContain('Two findings to justify, with a second person’s approval');

    const members = await candidatesOf(caseId, 'member_peer');
    expect(members.candidates.map((c) => c.name)).toEqual([
      'Cllr Lab Leader',
      'Cllr Con Climate',
      'Cllr Lab Two',
      'Cllr Lib Dem',
    ]);
    const limited = await t.http
      .get(`/api/v1/cases/${caseId}/team-suggestions?role=member_peer&limit=2`)
      .set(as(manager.token))
      .expect(200);
    expect(limited.body.candidates.map((c: { name: string }) => c.name)).toEqual([
      'Cllr Lab Leader',
      'Cllr Con Climate',
    ]);
  });

  it('refuses an unknown role, a bad limit, a case not in team assembly, another role and no sign-in', async () => {
    for (const [query, field] of [
      ['role=captain', 'role'],
      ['', 'role'],
      ['role=member_peer&limit=0', 'limit'],
      ['role=member_peer&limit=ten', 'limit'],
      ['role=member_peer&limit=51', 'limit'],
    ]) {
      const refused = await t.http.get(`/api/v1/cases/${caseId}/team-suggestions?${query}`).set(as(manager.token));
      expect(refused.status).toBe(400);
      expect(refused.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const scoping = await t.http
      .post('/api/v1/cases')
      .set(as(manager.token))
      .send({ councilGssCode: 'E07000041', type: 'corporate_peer_challenge' })
      .expect(201);
    const early = await t.http
      .get(`/api/v1/cases/${scoping.body.id}/team-suggestions?role=lead_officer_peer`)
      .set(as(manager.token));
    expect([early.status, early.body.message]).toEqual([
      422,
      'Team suggestions are for a case in team assembly; this case is in scoping.',
    ]);
    const team = await t.http
      .post(`/api/v1/cases/${scoping.body.id}/team-suggestions/team`)
      .set(as(manager.token))
      .send({ size: 4 });
    expect(team.status).toBe(422);
    await t.http
      .get('/api/v1/cases/00000000-0000-4000-8000-000000000000/team-suggestions?role=member_peer')
      .set(as(manager.token))
      .expect(404);
    await t.http.get(`/api/v1/cases/${caseId}/team-suggestions?role=member_peer`).set(as(viewer.token)).expect(403);
    await t.http.get(`/api/v1/cases/${caseId}/team-suggestions?role=member_peer`).expect(401);
  });
});

describe('peers’ unavailability', () => {
  it('is recorded, read, respected by double-booking and the suggestions, and removed', async () => {
    const caseId = await caseInTeamAssembly();
    // Eve is on another case's team already (a June visit): adding her period tells it its check's inputs changed.
    const other = await caseInTeamAssembly({ onsiteStart: '2027-06-01', onsiteEnd: '2027-06-04' });
    await send(other, { type: 'PROPOSE_PEER', peerId: peers.eve.id, role: 'officer_peer' });

    const added = await t.http
      .post(`/api/v1/peers/${peers.eve.id}/unavailability`)
      .set(as(manager.token))
      .send({ from: '2027-03-01', to: '2027-03-10', reason: 'Annual leave' })
      .expect(201);
    expect(added.body).toEqual({
      id: expect.any(String),
      from: '2027-03-01',
      to: '2027-03-10',
      reason: 'Annual leave',
    });
    const eve = await t.http.get(`/api/v1/peers/${peers.eve.id}`).set(as(viewer.token)).expect(200);
    expect(eve.body.unavailability).toEqual([added.body]);

    const lead = await candidatesOf(caseId, 'lead_officer_peer');
    expect(lead.candidates.map((c) => c.name)).not.toContain('Eve Away');
    expect(lead.excluded).toBe(7);
    const check = await t.http
      .get(`/api/v1/peers/${peers.eve.id}/conflicts`)
      .query({ councilGssCode: HOST, role: 'officer_peer', ...VISIT })
      .set(as(viewer.token))
      .expect(200);
    expect(check.body.canServe).toBe(false);
    expect(check.body.findings).toEqual([
      expect.objectContaining({
        id: `double_booked:${peers.eve.id}:unavailable:${added.body.id}`,
        severity: 'hard',
        rule: 'double_booked',
        detail: expect.stringContaining('Eve Away has said they are unavailable from 2027-03-01 to 2027-03-10'),
      }),
    ]);
    expect(JSON.stringify(check.body)).not.toContain('Annual leave');
    const timeline = await t.http.get(`/api/v1/cases/${other}/timeline`).set(as(viewer.token)).expect(200);
    expect(timeline.body.at(-1)).toMatchObject({
      type: 'CONFLICT_INPUTS_CHANGED',
      payload: { reason: 'Eve Away is unavailable from 2027-03-01 to 2027-03-10.' },
    });

    // Away only around the visit: offered, without the availability point.
    const near = await t.http
      .post(`/api/v1/peers/${peers.bea.id}/unavailability`)
      .set(as(manager.token))
      .send({ from: '2027-03-08', to: '2027-03-12' })
      .expect(201);
    const bea = (await candidatesOf(caseId, 'lead_officer_peer')).candidates.find((c) => c.name === 'Bea Director')!;
    expect(bea.score).toBe(9);
    expect(bea.reasons).toContain('Has another commitment recorded within two weeks of the visit');

    for (const id of [added.body.id, near.body.id]) {
      const owner = id === near.body.id ? peers.bea.id : peers.eve.id;
      await t.http.delete(`/api/v1/peers/${owner}/unavailability/${id}`).set(as(manager.token)).expect(204);
      await t.http.delete(`/api/v1/peers/${owner}/unavailability/${id}`).set(as(manager.token)).expect(404);
    }
    const back = await candidatesOf(caseId, 'lead_officer_peer');
    expect(back.candidates.map((c) => c.name)).toContain('Eve Away');
    expect(back.candidates.find((c) => c.name === 'Bea Director')!.score).toBe(10);
  });

  it('refuses a period that ends before it starts, a date that is not one, an unknown peer, a viewer', async () => {
    const refusals: Array<[Record<string, unknown>, string]> = [
      [{ from: '2027-03-10', to: '2027-03-01' }, 'to'],
      [{ from: '2027-02-30', to: '2027-03-01' }, 'from'],
      [{ to: '2027-03-01' }, 'from'],
      [{ from: '2027-03-01', to: '2027-03-02', reason: 'x'.repeat(501) }, 'reason'],
      [{ from: '2027-03-01', to: '2027-03-02', extra: true }, 'extra'],
    ];
    for (const [body, field] of refusals) {
      const refused = await t.http
        .post(`/api/v1/peers/${peers.cal.id}/unavailability`)
        .set(as(manager.token))
        .send(body);
      expect(refused.status).toBe(400);
      expect(refused.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const period = { from: '2027-03-01', to: '2027-03-02' };
    await t.http
      .post('/api/v1/peers/00000000-0000-4000-8000-000000000000/unavailability')
      .set(as(manager.token))
      .send(period)
      .expect(404);
    await t.http.post(`/api/v1/peers/${peers.cal.id}/unavailability`).set(as(viewer.token)).send(period).expect(403);
    await t.http.delete(`/api/v1/peers/${peers.cal.id}/unavailability/not-an-id`).set(as(manager.token)).expect(404);
    const cal = await t.http.get(`/api/v1/peers/${peers.cal.id}`).set(as(viewer.token)).expect(200);
    expect(cal.body.unavailability).toEqual([]);
  });
});

describe('the whole team', () => {
  const seats = ['lead_officer_peer', 'lead_member_peer', 'member_peer', 'officer_peer'];
  const listsOf = async (caseId: string) =>
    new Map(
      await Promise.all(seats.map(async (role) => [role, (await candidatesOf(caseId, role)).candidates] as const)),
    );

  it('is the best team under every rule: the same total as exhaustive search, balanced, explained', async () => {
    const caseId = await caseInTeamAssembly();
    const answer = await t.http
      .post(`/api/v1/cases/${caseId}/team-suggestions/team`)
      .set(as(manager.token))
      .send({ size: 4 })
      .expect(200);
    const expected = exhaustive(seats, await listsOf(caseId));
    expect(answer.body).toMatchObject({ size: 4, total: expected.total, balanced: true, notes: [] });
    expect(expected.total).toBe(39);
    const members = answer.body.members as Array<{
      role: string;
      peerId: string;
      score: number;
      reasons: string[];
      onTeam: boolean;
    }>;
    expect(members.map((m) => m.role).sort()).toEqual([...seats].sort());
    expect(members.reduce((sum, m) => sum + m.score, 0)).toBe(39);
    for (const m of members) {
      expect(m.reasons.length).toBeGreaterThan(0);
      expect(m.onTeam).toBe(false);
    }
    // Alex (13) shares a home council with Cllr Con Climate, and two Labour member peers would not be balanced:
    // the best team leaves Alex out, and Cllr Lab Leader brings the finance expertise.
    const names = members.map((m) => byId(m.peerId).name).sort();
    expect(names).toEqual(['Bea Director', 'Cllr Con Climate', 'Cllr Lab Leader', 'Eve Away']);
  });

  it('keeps the team’s own members, the peers kept, leaves out those set aside, and says when balance cannot be had', async () => {
    const caseId = await caseInTeamAssembly();
    await send(caseId, { type: 'PROPOSE_PEER', peerId: peers.cal.id, role: 'lead_officer_peer' });
    const lists = await listsOf(caseId);
    const answer = await t.http
      .post(`/api/v1/cases/${caseId}/team-suggestions/team`)
      .set(as(manager.token))
      .send({ size: 4 })
      .expect(200);
    const cal = answer.body.members.find((m: { peerId: string }) => m.peerId === peers.cal.id);
    expect(cal).toMatchObject({ role: 'lead_officer_peer', onTeam: true, score: 6 });
    expect(answer.body.total).toBe(exhaustive(seats.slice(1), lists, [{ peerId: peers.cal.id, score: 6 }]).total);

    const without = await t.http
      .post(`/api/v1/cases/${caseId}/team-suggestions/team`)
      .set(as(manager.token))
      .send({ size: 4, without: [peers.alex.id, peers.bea.id], keep: [{ peerId: peers.lab2.id, role: 'member_peer' }] })
      .expect(200);
    const ids = without.body.members.map((m: { peerId: string }) => m.peerId);
    expect(ids).not.toContain(peers.alex.id);
    expect(ids).not.toContain(peers.bea.id);
    expect(without.body.members).toContainEqual(
      expect.objectContaining({ peerId: peers.lab2.id, kept: true, role: 'member_peer' }),
    );

    // Only Labour member peers: the best team without balance, said so.
    const labour = await t.http
      .post(`/api/v1/cases/${caseId}/team-suggestions/team`)
      .set(as(manager.token))
      .send({ size: 4, without: [peers.con.id, peers.ld.id] })
      .expect(200);
    expect(labour.body.balanced).toBe(false);
    expect(labour.body.notes).toEqual([
      'No politically balanced team can be made from the member peers available: this is the best team without it.',
    ]);
  });

  it('refuses a size out of range, seats without one of each lead, and a team the pool cannot make', async () => {
    const caseId = await caseInTeamAssembly();
    const post = (body: object) =>
      t.http.post(`/api/v1/cases/${caseId}/team-suggestions/team`).set(as(manager.token)).send(body);
    for (const [body, field] of [
      [{ size: 1 }, 'size'],
      [{ size: 13 }, 'size'],
      [{ size: 'four' }, 'size'],
      [{}, 'size'],
      [{ size: 4, roles: ['captain'] }, 'roles'],
      [{ size: 4, keep: [{ peerId: 'x', role: 'member_peer' }] }, 'keep.0.peerId'],
      [{ size: 4, without: ['x'] }, 'without'],
    ] as const) {
      const refused = await post(body);
      expect(refused.status).toBe(400);
      expect(refused.body.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    const twoLeads = await post({ size: 3, roles: ['lead_officer_peer', 'lead_officer_peer', 'lead_member_peer'] });
    expect([twoLeads.status, twoLeads.body.message]).toEqual([
      422,
      'A team has exactly one lead officer peer; the seats asked for have 2.',
    ]);
    const counted = await post({ size: 3, roles: ['lead_officer_peer', 'lead_member_peer'] });
    expect([counted.status, counted.body.message]).toEqual([422, 'roles lists 2 seats, but the team asked for has 3.']);
    const tooMany = await post({ size: 12 });
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.details.reasons[0]).toBe('No team of 12 keeps every rule with the peers available.');
    // Cal is on the visit of the case above, so double-booked: four officers are left, and four member peers.
    expect(tooMany.body.details.reasons).toEqual(
      expect.arrayContaining([
        'Only 4 peers can serve as member peer; 5 are needed.',
        'Only 4 peers can serve as officer peer; 5 are needed.',
      ]),
    );
  });
});

describe('Suggest a team in the pages', () => {
  it('shows the team with reasons and swaps, and proposes it in one action: one PROPOSE_PEER per member', async () => {
    const session = await signIn();
    const caseId = await caseInTeamAssembly();
    const casePage = await t.http.get(`/cases/${caseId}`).set('Cookie', session).expect(200);
    expect(casePage.text).toContain(`href="/cases/${caseId}/team-suggestions"`);

    const page = await t.http.get(`/cases/${caseId}/team-suggestions?size=4`).set('Cookie', session).expect(200);
    expect(page.text).toContain('Suggested team');
    expect(page.text).toMatch(/Cllr Con Climate: (lead )?member peer/);
    expect(page.text).toContain('brings the finance expertise the team needs (+4)');
    expect(page.text).toContain('Total score 39.');
    const swap =
      /href="(\/cases\/[^"]+team-suggestions\?[^"]+)">Swap for the next best<span class="govuk-visually-hidden">: Cllr Con Climate/
        .exec(page.text)![1]
        .replace(/&amp;/g, '&');
    const swapped = await t.http.get(swap).set('Cookie', session).expect(200);
    expect(swapped.text).not.toMatch(/Cllr Con Climate: /);
    expect(swapped.text).toMatch(/Bea Director: /);

    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const members = [...page.text.matchAll(/name="member" value="([^"]+)"/g)].map((m) => m[1]);
    expect(members).toHaveLength(4);
    const version = Number(/name="expectedVersion" value="(\d+)"/.exec(page.text)![1]);

    const stale = await t.http
      .post(`/cases/${caseId}/team-suggestions`)
      .set('Cookie', session)
      .type('form')
      .send(
        `_csrf=${encodeURIComponent(csrf)}&expectedVersion=${version - 1}&size=4&${members.map((m) => `member=${encodeURIComponent(m)}`).join('&')}`,
      );
    expect(stale.status).toBe(409);
    expect(stale.text).toContain('Someone else changed this case');
    let view = await t.http.get(`/api/v1/cases/${caseId}`).set(as(viewer.token)).expect(200);
    expect(view.body.team).toEqual([]);

    const proposed = await t.http
      .post(`/cases/${caseId}/team-suggestions`)
      .set('Cookie', session)
      .type('form')
      .send(
        `_csrf=${encodeURIComponent(csrf)}&expectedVersion=${version}&size=4&${members.map((m) => `member=${encodeURIComponent(m)}`).join('&')}`,
      );
    expect([proposed.status, proposed.headers.location]).toEqual([
      303,
      `/cases/${caseId}?done=SUGGESTED_TEAM#main-content`,
    ]);
    view = await t.http.get(`/api/v1/cases/${caseId}`).set(as(viewer.token)).expect(200);
    expect(view.body.team.map((m: { role: string; peerId: string }) => `${m.role}:${m.peerId}`).sort()).toEqual(
      [...members].sort(),
    );
    expect(view.body.conflictCheck.status).toBe('pending');
    const timeline = await t.http.get(`/api/v1/cases/${caseId}/timeline`).set(as(viewer.token)).expect(200);
    expect(timeline.body.filter((e: { type: string }) => e.type === 'PROPOSE_PEER')).toHaveLength(4);
    const done = await t.http.get(proposed.headers.location).set('Cookie', session).expect(200);
    expect(done.text).toContain('Done: propose the suggested team.');

    // Everyone suggested is now on the team.
    const again = await t.http.get(`/cases/${caseId}/team-suggestions?size=4`).set('Cookie', session).expect(200);
    expect(again.text).toContain('Everyone suggested is on the team already.');
  });
});

describe('a peer’s unavailable times in the pages', () => {
  it('are recorded with the date boxes, refused in words when wrong, listed, and removed', async () => {
    const session = await signIn();
    const page = await t.http.get(`/peers/${peers.ld.id}`).set('Cookie', session).expect(200);
    expect(page.text).toContain('No unavailable times recorded.');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const post = (fields: Record<string, string>) =>
      t.http
        .post(`/peers/${peers.ld.id}/unavailability`)
        .set('Cookie', session)
        .type('form')
        .send({ _csrf: csrf, ...fields });
    const backwards = await post({
      'from-day': '10',
      'from-month': '4',
      'from-year': '2027',
      'to-day': '1',
      'to-month': '4',
      'to-year': '2027',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.text).toContain('href="#away-to-day"');
    const notADate = await post({ 'from-day': '31', 'from-month': '2', 'from-year': '2027' });
    expect(notADate.status).toBe(400);
    expect(notADate.text).toContain('First day must be a real date');
    expect((await t.http.get(`/api/v1/peers/${peers.ld.id}`).set(as(viewer.token))).body.unavailability).toEqual([]);

    const added = await post({
      'from-day': '1',
      'from-month': '4',
      'from-year': '2027',
      'to-day': '14',
      'to-month': '4',
      'to-year': '2027',
      reason: 'Annual leave',
    });
    expect([added.status, added.headers.location]).toEqual([303, `/peers/${peers.ld.id}?done=away#unavailable`]);
    const shown = await t.http.get(`/peers/${peers.ld.id}?done=away`).set('Cookie', session).expect(200);
    expect(shown.text).toContain('1 April 2027 to 14 April 2027');
    expect(shown.text).toContain('Annual leave');
    const [period] = (await t.http.get(`/api/v1/peers/${peers.ld.id}`).set(as(viewer.token))).body.unavailability;
    await t.http
      .post(`/peers/${peers.ld.id}/unavailability/${period.id}/remove`)
      .set('Cookie', session)
      .type('form')
      .send({ _csrf: csrf })
      .expect(303);
    expect((await t.http.get(`/api/v1/peers/${peers.ld.id}`).set(as(viewer.token))).body.unavailability).toEqual([]);
  });
});

describe('what the programme’s past says of a peer', () => {
  it('counts challenges served in the last 12 months and welcomes a returning peer, from the cases themselves', async () => {
    // A challenge of Dorset delivered in March 2026, with Cal and Cllr Lab Leader (finance) on its team.
    const past = await caseInTeamAssembly({ onsiteStart: '2026-03-02', onsiteEnd: '2026-03-05' });
    await send(past, { type: 'PROPOSE_PEER', peerId: peers.cal.id, role: 'lead_officer_peer' });
    const proposed = await send(past, { type: 'PROPOSE_PEER', peerId: peers.lab1.id, role: 'lead_member_peer' });
    await t.app.get(CaseWorkflowService).apply(
      past,
      {
        type: 'CONFLICT_CHECK_COMPLETED',
        result: {
          run: proposed.conflictCheck.run,
          fingerprint: 'test',
          checkedOn: '2026-02-01',
          findings: [],
          information: [],
          warnings: [],
        },
      },
      proposed.version,
      SYSTEM_ACTOR,
    );
    await send(past, { type: 'CONFIRM_TEAM' });
    await send(past, { type: 'RECEIVE_POSITION_STATEMENT', receivedOn: '2026-02-16' });
    await send(past, { type: 'START_ONSITE' });
    const delivered = await send(past, { type: 'PRESENT_FEEDBACK', date: '2026-03-05' });
    expect(delivered.deliveredOn).toBe('2026-03-05');

    const caseId = await caseInTeamAssembly({ onsiteStart: '2027-09-06', onsiteEnd: '2027-09-09' });
    const cal = (await candidatesOf(caseId, 'lead_officer_peer')).candidates.find((c) => c.name === 'Cal Chief')!;
    expect(cal.reasons).toEqual([
      'Works for a unitary council, like Dorset Council (+2)',
      'No conflict of interest found (+3)',
      'Has served on one challenge in the last 12 months: as many as most or more',
      'Nothing else recorded within two weeks of the visit (+1)',
      'Served on an earlier challenge of Dorset Council: returning peers are welcome (+2)',
    ]);
    expect(cal.score).toBe(8);
  });
});
