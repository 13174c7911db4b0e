import fc from 'fast-check';
import { SYSTEM_ACTOR } from '#libs/audit';
import {
  CaseReplayService,
  CasesService,
  CaseStale,
  CaseWorkflowService,
  ListCasesQuery,
  type CheckFinding,
} from '#libs/cases';
import { TEAM_ROLES, type TeamRole } from '#libs/peers';
import { todayInLondon } from '#libs/platform';
import { query } from './support/environment.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.js';

/**
 * The case API against the real application and PostgreSQL, without the worker: conflict checks stay pending
 * unless a test completes one through CaseWorkflowService, as the worker would.
 */

let t: TestApp;
let manager: string;
let secondManager: string;
let managerUser: { id: string; email: string };
let viewer: string;
let viewerUser: { id: string };
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const ROLES = TEAM_ROLES;
type Role = TeamRole;

interface PoolPeer {
  id: string;
  kind: 'officer' | 'member' | 'external';
  finance: boolean;
  active: boolean;
}
/** Officer, member and external peers, each with and without finance expertise, and one no longer active. */
const pool: PoolPeer[] = [];

interface CaseBody {
  id: string;
  councilGssCode: string;
  type: string;
  stage: string;
  state: string;
  onHold: boolean;
  version: number;
  managerId: string | null;
  allowedEvents: string[];
  waitingFor: Array<{ type: string; reasons: string[] }>;
  dates: Record<string, string | null>;
  team: Array<{ peerId: string; role: Role; name: string }>;
  conflictCheck: {
    status: string;
    run: number;
    teamFingerprint: string;
    findings: Array<{ id: string; peerId: string; severity: string; overridden: boolean; override: object | null }>;
  };
  recommendations: Array<{ text: string; progress?: string }>;
  notes: Array<{ text: string; by: { id: string | null; name: string; at: string } }>;
  documents: Array<{ kind: string; title: string; url: string; by: { id: string | null; name: string } }>;
  [key: string]: unknown;
}

interface TimelineEntry {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  actor: { id: string | null; label: string };
  at: string;
  fromState: string | null;
  toState: string;
}

beforeAll(async () => {
  t = await createTestApp();
  const pcm = await t.as('peer_challenge_manager');
  manager = pcm.token;
  managerUser = pcm;
  // A second pair of eyes for overrides (t.as gives one user per role).
  secondManager = (await t.as('admin')).token;
  const view = await t.as('viewer');
  viewer = view.token;
  viewerUser = view;
  const peers: Array<Record<string, unknown>> = [
    { name: 'Fiona Officer', kind: 'officer', role: 'section_151_officer', expertise: ['finance'] },
    { name: 'Oscar Officer', kind: 'officer', role: 'director', expertise: ['housing'] },
    { name: 'Cllr Mina Member', kind: 'member', role: 'cabinet_member', politicalGroup: 'labour', expertise: [] },
    {
      name: 'Cllr Frank Member',
      kind: 'member',
      role: 'leader',
      politicalGroup: 'conservative',
      expertise: ['finance'],
    },
    { name: 'Ella External', kind: 'external', expertise: ['digital'] },
    { name: 'Felix External', kind: 'external', expertise: ['finance'] },
    { name: 'Ian Inactive', kind: 'officer', expertise: ['finance'] },
  ];
  for (const [index, peer] of peers.entries()) {
    const email = `case-peer-${index}@example.org`;
    const response = await t.http
      .post('/api/v1/peers')
      .set(as(manager))
      .send({ ...peer, email });
    expect(response.status).toBe(201);
    pool.push({
      id: response.body.id,
      kind: peer.kind as PoolPeer['kind'],
      finance: (peer.expertise as string[]).includes('finance'),
      active: true,
    });
  }
  const inactive = pool[pool.length - 1];
  await t.http.patch(`/api/v1/peers/${inactive.id}`).set(as(manager)).send({ active: false }).expect(200);
  inactive.active = false;
});
afterAll(() => t.close());

const count = async (sql: string, params: unknown[] = []) =>
  Number((await query<{ n: string }>(t.database.url, sql, params))[0].n);
const caseRows = () => count('SELECT count(*) AS n FROM cases');
const eventRows = (caseId?: string) =>
  caseId
    ? count('SELECT count(*) AS n FROM case_events WHERE case_id = $1', [caseId])
    : count('SELECT count(*) AS n FROM case_events');
async function stored(caseId: string) {
  const [row] = await query<{ version: number; machine_version: number; snapshot: Record<string, unknown> }>(
    t.database.url,
    'SELECT version, machine_version, snapshot FROM cases WHERE id = $1',
    [caseId],
  );
  return row;
}

async function openCase(body: Record<string, unknown> = {}): Promise<CaseBody> {
  const response = await t.http
    .post('/api/v1/cases')
    .set(as(manager))
    .send({ councilGssCode: 'E09000033', type: 'corporate_peer_challenge', ...body });
  if (response.status !== 201) throw new Error(`opening a case: ${response.status} ${response.text}`);
  return response.body as CaseBody;
}

async function getCase(caseId: string): Promise<CaseBody> {
  const response = await t.http.get(`/api/v1/cases/${caseId}`).set(as(viewer)).expect(200);
  return response.body as CaseBody;
}

async function timeline(caseId: string): Promise<TimelineEntry[]> {
  const response = await t.http.get(`/api/v1/cases/${caseId}/timeline`).set(as(viewer)).expect(200);
  return response.body as TimelineEntry[];
}

const postEvent = (caseId: string, body: unknown) =>
  t.http
    .post(`/api/v1/cases/${caseId}/events`)
    .set(as(manager))
    .send(body as object);

/** Sends an event at the case's current version; expects it accepted and returns the case. */
async function send(caseId: string, event: Record<string, unknown>): Promise<CaseBody> {
  const current = await getCase(caseId);
  const response = await postEvent(caseId, { expectedVersion: current.version, ...event });
  if (response.status !== 200) throw new Error(`${String(event.type)}: ${response.status} ${response.text}`);
  expect(response.body.version).toBe(current.version + 1);
  return response.body as CaseBody;
}

/** What the worker would do: records a check result for the case's current team. */
async function completeCheck(current: CaseBody, findings: CheckFinding[] = []): Promise<CaseBody> {
  const workflow = t.app.get(CaseWorkflowService);
  const result = {
    run: current.conflictCheck.run,
    fingerprint: 'test',
    checkedOn: '2026-06-01',
    findings,
    information: [],
    warnings: [],
  };
  const view = await workflow.apply(
    current.id,
    { type: 'CONFLICT_CHECK_COMPLETED', result },
    current.version,
    SYSTEM_ACTOR,
  );
  return JSON.parse(JSON.stringify(view)) as CaseBody;
}

/** A case taken through scoping and team assembly to onsite.preparing, for a visit that has come (in 2025). */
async function caseAtOnsite(councilGssCode: string): Promise<CaseBody> {
  const opened = await openCase({ councilGssCode });
  await send(opened.id, { type: 'SCHEDULE_SCOPING_MEETING', date: '2025-01-12' });
  await send(opened.id, {
    type: 'AGREE_SCOPE',
    focusAreas: ['housing', 'climate'],
    onsiteStart: '2025-03-02',
    onsiteEnd: '2025-03-05',
  });
  await send(opened.id, { type: 'PROPOSE_PEER', peerId: pool[0].id, role: 'lead_officer_peer' });
  const proposed = await send(opened.id, { type: 'PROPOSE_PEER', peerId: pool[2].id, role: 'lead_member_peer' });
  expect(proposed.conflictCheck.status).toBe('pending');
  expect(proposed.allowedEvents).not.toContain('CONFIRM_TEAM');
  const checked = await completeCheck(proposed);
  expect(checked.conflictCheck.status).toBe('clear');
  expect(checked.allowedEvents).toContain('CONFIRM_TEAM');
  const onsite = await send(opened.id, { type: 'CONFIRM_TEAM' });
  expect(onsite).toMatchObject({ stage: 'onsite', state: 'onsite.preparing' });
  return onsite;
}

/** A new active peer challenge manager; returns the id. */
async function createManager(email: string, name: string): Promise<string> {
  const created = await t.http
    .post('/api/v1/users')
    .set(as(t.adminToken))
    .send({ email, name, password: TEST_PASSWORD, roles: ['peer_challenge_manager'] })
    .expect(201);
  return created.body.id as string;
}

function fieldsOf(body: { details?: unknown }): string[] {
  expect(Array.isArray(body.details)).toBe(true);
  return (body.details as Array<{ field: string }>).map((d) => d.field);
}

describe('opening a case', () => {
  it('answers 201 with the case in scoping at version 1, with five core components for a CPC', async () => {
    const response = await t.http
      .post('/api/v1/cases')
      .set(as(manager))
      .send({ councilGssCode: 'e09000033', type: 'corporate_peer_challenge', managerId: managerUser.id })
      .expect(201);
    const body = response.body as CaseBody;
    expect(body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      councilGssCode: 'E09000033',
      councilName: 'Westminster',
      type: 'corporate_peer_challenge',
      stage: 'scoping',
      state: 'scoping',
      onHold: false,
      version: 1,
      firstCpc: true,
      managerId: managerUser.id,
      manager: { id: managerUser.id, name: 'Test peer_challenge_manager' },
      team: [],
      dates: {},
      recommendations: [],
      notes: [],
      documents: [],
      hold: null,
      cancellation: null,
      conflictCheck: { status: 'clear', teamFingerprint: expect.stringMatching(/^[0-9a-f]{16}$/), findings: [] },
    });
    expect(body.scope).toEqual({
      coreComponents: [
        'Understanding of the local place and priority setting',
        'Leadership of place',
        'Organisational leadership and governance',
        'Financial planning and viability',
        'Capacity to deliver',
      ],
      focusAreas: [],
    });
    expect([...body.allowedEvents].sort()).toEqual(
      [
        'SCHEDULE_SCOPING_MEETING',
        'SET_INDICATIVE_MONTH',
        'AGREE_SCOPE',
        'ASSIGN_MANAGER',
        'PAUSE',
        'CANCEL',
        'ADD_NOTE',
        'ADD_DOCUMENT',
      ].sort(),
    );
    expect(new Date(body.createdAt as string).toISOString()).toBe(body.createdAt);
    expect(await getCase(body.id)).toEqual(body);
    expect(await eventRows(body.id)).toBe(1);
    const row = await stored(body.id);
    expect(row).toMatchObject({ version: 1, machine_version: 3 });
  });

  it('gives other kinds of challenge no core components', async () => {
    const opened = await openCase({ councilGssCode: 'E09000033', type: 'finance_peer_review' });
    expect(opened).toMatchObject({ type: 'finance_peer_review', stage: 'scoping', version: 1, managerId: null });
    expect(opened.scope).toEqual({ coreComponents: [], focusAreas: [] });
  });

  it.each<[string, () => Promise<Record<string, unknown>>, string]>([
    ['an unknown council', async () => ({ councilGssCode: 'E99999999' }), 'councilGssCode'],
    [
      'an abolished council',
      async () => {
        const [row] = await query<{ gss_code: string }>(
          t.database.url,
          'SELECT gss_code FROM councils WHERE end_date IS NOT NULL LIMIT 1',
        );
        expect(row).toBeDefined();
        return { councilGssCode: row.gss_code };
      },
      'councilGssCode',
    ],
    ['a missing council', async () => ({ councilGssCode: undefined }), 'councilGssCode'],
    ['an unknown type', async () => ({ type: 'beauty_contest' }), 'type'],
    ['a managerId that is not an id', async () => ({ managerId: 'bob' }), 'managerId'],
    ['a managerId no user has', async () => ({ managerId: UNKNOWN_ID }), 'managerId'],
    ['a managerId of a user who is not a manager', async () => ({ managerId: viewerUser.id }), 'managerId'],
    ['an unknown field', async () => ({ stage: 'report' }), 'stage'],
  ])('refuses %s with 400 naming the field, writing nothing', async (_label, change, field) => {
    const [cases, events] = [await caseRows(), await eventRows()];
    const response = await t.http
      .post('/api/v1/cases')
      .set(as(manager))
      .send({ councilGssCode: 'E09000033', type: 'corporate_peer_challenge', ...(await change()) })
      .expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: expect.any(String) });
    expect(fieldsOf(response.body)).toContain(field);
    expect(await caseRows()).toBe(cases);
    expect(await eventRows()).toBe(events);
  });

  it('refuses a viewer with 403 and no credentials with 401, writing nothing', async () => {
    const cases = await caseRows();
    const body = { councilGssCode: 'E09000033', type: 'corporate_peer_challenge' };
    await t.http.post('/api/v1/cases').set(as(viewer)).send(body).expect(403);
    await t.http.post('/api/v1/cases').send(body).expect(401);
    expect(await caseRows()).toBe(cases);
  });
});

describe('listing and reading cases', () => {
  // Manchester is used by no other test in this file.
  let other: { id: string; token: string };
  let scoping: CaseBody;
  let assembly: CaseBody;
  let paused: CaseBody;

  beforeAll(async () => {
    const id = await createManager('fran.filter@example.org', 'Fran Filter');
    other = { id, token: await t.login('fran.filter@example.org') };
    scoping = await openCase({ councilGssCode: 'E08000003', managerId: other.id });
    assembly = await openCase({ councilGssCode: 'E08000003', type: 'finance_peer_review', managerId: other.id });
    assembly = await send(assembly.id, {
      type: 'AGREE_SCOPE',
      focusAreas: [],
      onsiteStart: '2025-05-04',
      onsiteEnd: '2025-05-06',
    });
    paused = await openCase({ councilGssCode: 'E08000003', managerId: other.id });
    paused = await send(paused.id, { type: 'PAUSE', reason: 'Elections' });
    expect(paused).toMatchObject({ stage: 'scoping', state: 'on_hold', onHold: true, hold: { stage: 'scoping' } });
  });

  const list = async (search: string) => {
    const response = await t.http.get(`/api/v1/cases?${search}`).set(as(viewer)).expect(200);
    return response.body as { items: Array<{ id: string }>; total: number; limit: number; offset: number };
  };
  const ids = (page: { items: Array<{ id: string }> }) => page.items.map((c) => c.id).sort();

  it('filters by council, stage, type, manager and hold', async () => {
    const all = await list('councilGssCode=e08000003');
    expect(all).toMatchObject({ total: 3, limit: 50, offset: 0 });
    expect(ids(all)).toEqual([scoping.id, assembly.id, paused.id].sort());
    expect(all.items.find((c) => c.id === paused.id)).toMatchObject({
      councilGssCode: 'E08000003',
      councilName: 'Manchester',
      type: 'corporate_peer_challenge',
      stage: 'scoping',
      state: 'on_hold',
      onHold: true,
      version: 2,
      managerId: other.id,
    });

    expect(ids(await list('councilGssCode=E08000003&stage=scoping'))).toEqual([scoping.id, paused.id].sort());
    expect(ids(await list('councilGssCode=E08000003&stage=team_assembly'))).toEqual([assembly.id]);
    expect(ids(await list('stage=team_assembly&type=finance_peer_review'))).toEqual([assembly.id]);
    expect(ids(await list('councilGssCode=E08000003&type=corporate_peer_challenge'))).toEqual(
      [scoping.id, paused.id].sort(),
    );
    expect(ids(await list(`managerId=${other.id}`))).toEqual([scoping.id, assembly.id, paused.id].sort());
    expect(ids(await list(`managerId=${other.id}&onHold=true`))).toEqual([paused.id]);
    expect(ids(await list(`managerId=${other.id}&onHold=false`))).toEqual([scoping.id, assembly.id].sort());
    expect(await list(`managerId=${UNKNOWN_ID}`)).toMatchObject({ items: [], total: 0 });
    expect(await list('councilGssCode=E08000003&stage=closed')).toMatchObject({ items: [], total: 0 });
  });

  it('pages with limit and offset, keeping the total', async () => {
    const first = await list('councilGssCode=E08000003&limit=2');
    const second = await list('councilGssCode=E08000003&limit=2&offset=2');
    const beyond = await list('councilGssCode=E08000003&limit=2&offset=5');
    expect(first).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(first.items).toHaveLength(2);
    expect(second).toMatchObject({ total: 3, limit: 2, offset: 2 });
    expect(second.items).toHaveLength(1);
    expect(beyond).toMatchObject({ items: [], total: 3, offset: 5 });
    expect([...ids(first), ...ids(second)].sort()).toEqual([scoping.id, assembly.id, paused.id].sort());
  });

  it.each([
    ['foo=bar', 'foo'],
    ['stage=onsite.preparing', 'stage'],
    ['type=beauty_contest', 'type'],
    ['managerId=bob', 'managerId'],
    ['onHold=yes', 'onHold'],
    ['open=yes', 'open'],
    ['region=Narnia', 'region'],
    ['region=north+west', 'region'],
    ['region=', 'region'],
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['offset=-1', 'offset'],
  ])('refuses ?%s with 400 naming %s', async (search, field) => {
    const response = await t.http.get(`/api/v1/cases?${search}`).set(as(viewer)).expect(400);
    expect(fieldsOf(response.body)).toContain(field);
  });

  it('answers 404 for an unknown or malformed case id', async () => {
    for (const id of [UNKNOWN_ID, 'not-a-uuid', '123']) {
      const response = await t.http.get(`/api/v1/cases/${id}`).set(as(viewer)).expect(404);
      expect(response.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
      await t.http.get(`/api/v1/cases/${id}/timeline`).set(as(viewer)).expect(404);
      await postEvent(id, { type: 'START_ONSITE', expectedVersion: 1 }).expect(404);
      await t.http.post(`/api/v1/cases/${id}/notes`).set(as(manager)).send({ text: 'Hello' }).expect(404);
    }
  });
});

describe('listing cases by region and by open stages', () => {
  // Salford (North West) and Cornwall (South West) are used by no other test in this file.
  let reg: { id: string };
  let salford: CaseBody;
  let cornwall: CaseBody;
  let cancelled: CaseBody;

  beforeAll(async () => {
    reg = { id: await createManager('reg.region@example.org', 'Reg Region') };
    salford = await openCase({ councilGssCode: 'E08000006', managerId: reg.id });
    cornwall = await openCase({ councilGssCode: 'E06000052', managerId: reg.id, type: 'finance_peer_review' });
    cancelled = await openCase({ councilGssCode: 'E06000052', managerId: reg.id });
    cancelled = await send(cancelled.id, { type: 'CANCEL', reason: 'Council withdrew' });
    expect(cancelled.stage).toBe('cancelled');
  });

  const list = async (search: string) => {
    const response = await t.http.get(`/api/v1/cases?managerId=${reg.id}&${search}`).set(as(viewer)).expect(200);
    return (response.body as { items: Array<{ id: string }> }).items.map((c) => c.id).sort();
  };

  it("filters by the council's region and by open (not closed or cancelled) or finished", async () => {
    expect(await list('region=North%20West')).toEqual([salford.id]);
    expect(await list('region=South+West')).toEqual([cornwall.id, cancelled.id].sort());
    expect(await list('region=London')).toEqual([]);
    expect(await list('open=true')).toEqual([salford.id, cornwall.id].sort());
    expect(await list('open=false')).toEqual([cancelled.id]);
    expect(await list('open=true&region=South+West&type=finance_peer_review')).toEqual([cornwall.id]);
  });

  it('sorts by visit (open first), council or stage; most recently changed first by default', async () => {
    const ord = await createManager('ord.order@example.org', 'Ord Order');
    const ordered = async (search: string) => {
      const response = await t.http.get(`/api/v1/cases?managerId=${ord}&${search}`).set(as(viewer)).expect(200);
      return (response.body as { items: Array<{ id: string }> }).items.map((c) => c.id);
    };
    const soon = await openCase({ councilGssCode: 'E08000007', managerId: ord });
    await send(soon.id, { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: '2025-06-02', onsiteEnd: '2025-06-04' });
    const later = await openCase({ councilGssCode: 'E08000008', managerId: ord });
    await send(later.id, { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: '2025-09-01', onsiteEnd: '2025-09-03' });
    const unbooked = await openCase({ councilGssCode: 'E08000009', managerId: ord });
    const done = await openCase({ councilGssCode: 'E08000010', managerId: ord });
    await send(done.id, { type: 'CANCEL', reason: 'Council withdrew' });
    expect(await ordered('')).toEqual([done.id, unbooked.id, later.id, soon.id]);
    expect(await ordered('sort=changed')).toEqual([done.id, unbooked.id, later.id, soon.id]);
    // Open with a visit (soonest first), open without one, then the finished.
    expect(await ordered('sort=visit')).toEqual([soon.id, later.id, unbooked.id, done.id]);
    // Stockport, Tameside, Trafford, Wigan; by stage, scoping first (then the earlier visit), cancelled last.
    expect(await ordered('sort=council')).toEqual([soon.id, later.id, unbooked.id, done.id]);
    expect(await ordered('sort=stage')).toEqual([unbooked.id, soon.id, later.id, done.id]);
    const bad = await t.http.get('/api/v1/cases?sort=name').set(as(viewer)).expect(400);
    expect(fieldsOf(bad.body)).toEqual(['sort']);
  });

  it('counts the cases at each stage with the same filters', async () => {
    const counts = (filters: Partial<ListCasesQuery>) =>
      t.app.get(CasesService).stageCounts(Object.assign(new ListCasesQuery(), { managerId: reg.id }, filters));
    const none = { scoping: 0, team_assembly: 0, onsite: 0, report: 0, follow_up: 0, closed: 0, cancelled: 0 };
    expect(await counts({})).toEqual({ ...none, scoping: 2, cancelled: 1 });
    expect(await counts({ region: 'South West' })).toEqual({ ...none, scoping: 1, cancelled: 1 });
    expect(await counts({ region: 'London' })).toEqual(none);
  });
});

describe('refused events', () => {
  let subject: CaseBody;
  beforeAll(async () => {
    subject = await openCase();
    subject = await send(subject.id, { type: 'SCHEDULE_SCOPING_MEETING', date: '2025-01-12' });
  });

  /** Sends the body and checks that nothing was written. */
  async function refused(body: unknown, status: number, token = manager) {
    const before = { events: await eventRows(subject.id), row: await stored(subject.id) };
    const response = await t.http
      .post(`/api/v1/cases/${subject.id}/events`)
      .set(as(token))
      .send(body as object);
    expect({ status: response.status, body: response.body }).toMatchObject({ status });
    expect(await eventRows(subject.id)).toBe(before.events);
    expect(await stored(subject.id)).toEqual(before.row);
    return response.body as { statusCode: number; message: string; details?: unknown; version?: number };
  }

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown type', { type: 'FLY_TO_THE_MOON' }, 'type'],
    ['no type', { date: '2025-01-20' }, 'type'],
    ['a type that is not text', { type: 42 }, 'type'],
    [
      'no expectedVersion',
      { type: 'SCHEDULE_SCOPING_MEETING', date: '2025-01-20', expectedVersion: undefined },
      'expectedVersion',
    ],
    ['expectedVersion that is not a number', { type: 'RESUME', expectedVersion: 'latest' }, 'expectedVersion'],
    ['expectedVersion 0', { type: 'RESUME', expectedVersion: 0 }, 'expectedVersion'],
    ['expectedVersion 1.5', { type: 'RESUME', expectedVersion: 1.5 }, 'expectedVersion'],
    ['a date in another format', { type: 'SCHEDULE_SCOPING_MEETING', date: '20/01/2025' }, 'date'],
    ['a date that does not exist', { type: 'SCHEDULE_SCOPING_MEETING', date: '2025-02-30' }, 'date'],
    ['a missing date', { type: 'SCHEDULE_SCOPING_MEETING' }, 'date'],
    [
      'onsite dates that are not dates',
      { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: 'soon', onsiteEnd: '2025-03-04' },
      'onsiteStart',
    ],
    [
      'focusAreas that is not a list',
      { type: 'AGREE_SCOPE', focusAreas: 'housing', onsiteStart: '2025-03-01', onsiteEnd: '2025-03-04' },
      'focusAreas',
    ],
    ['a peerId that is not an id', { type: 'PROPOSE_PEER', peerId: 'fiona', role: 'lead_officer_peer' }, 'peerId'],
    ['an unknown role', { type: 'PROPOSE_PEER', peerId: UNKNOWN_ID, role: 'captain' }, 'role'],
    ['a blank reason', { type: 'PAUSE', reason: '   ' }, 'reason'],
    ['a stamped field: fromStage', { type: 'PAUSE', reason: 'Elections', fromStage: 'report' }, 'fromStage'],
    ['a stamped field: peer', { type: 'PROPOSE_PEER', peerId: UNKNOWN_ID, role: 'shadow_peer', peer: {} }, 'peer'],
    [
      'a stamped field: manager',
      { type: 'ASSIGN_MANAGER', managerId: UNKNOWN_ID, manager: { name: 'X', eligible: true } },
      'manager',
    ],
    ['a stamped field: by', { type: 'ADD_NOTE', text: 'Hello', by: { id: null, name: 'Someone else' } }, 'by'],
    ['an unknown field', { type: 'SUBMIT_DRAFT_REPORT', colour: 'blue' }, 'colour'],
    [
      'progress items that are not { index, status }',
      { type: 'COMPLETE_FOLLOW_UP', date: '2025-11-01', progress: [{ index: -1, status: 'done' }] },
      'progress.0.index',
    ],
    [
      'the system event CONFLICT_CHECK_COMPLETED',
      {
        type: 'CONFLICT_CHECK_COMPLETED',
        result: { teamFingerprint: 'x', checkedOn: '2025-01-01', findings: [], information: [], warnings: [] },
      },
      'type',
    ],
  ])('refuses %s with 400 naming the field, writing nothing', async (_label, event, field) => {
    const body = await refused({ expectedVersion: subject.version, ...event }, 400);
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(fieldsOf(body)).toContain(field);
  });

  it('refuses a CONFLICT_CHECK_COMPLETED for the current team sent by a user with 400', async () => {
    const body = await refused(
      {
        type: 'CONFLICT_CHECK_COMPLETED',
        expectedVersion: subject.version,
        result: {
          teamFingerprint: subject.conflictCheck.teamFingerprint,
          checkedOn: '2025-01-01',
          findings: [],
          information: [],
          warnings: [],
        },
      },
      400,
    );
    expect(fieldsOf(body)).toEqual(['type']);
  });

  it('refuses bodies that are not an event object with 400', async () => {
    for (const raw of ['[]', '"START_ONSITE"', '42', 'null', '{"type": ', '[{"type":"RESUME","expectedVersion":2}]']) {
      const before = await eventRows(subject.id);
      const response = await t.http
        .post(`/api/v1/cases/${subject.id}/events`)
        .set(as(manager))
        .set('Content-Type', 'application/json')
        .send(raw);
      expect({ raw, status: response.status }).toEqual({ raw, status: 400 });
      expect(await eventRows(subject.id)).toBe(before);
    }
  });

  it('refuses an expectedVersion of true, which is not a version, even on a case at version 1', async () => {
    const fresh = await openCase();
    const response = await postEvent(fresh.id, {
      type: 'SCHEDULE_SCOPING_MEETING',
      expectedVersion: true,
      date: '2025-01-20',
    });
    expect({ status: response.status, fields: response.body.details }).toEqual({
      status: 400,
      fields: [expect.objectContaining({ field: 'expectedVersion' })],
    });
    expect(await eventRows(fresh.id)).toBe(1);
  });

  it('answers 422 with every reason for an event not accepted in the current state', async () => {
    const body = await refused({ type: 'START_ONSITE', expectedVersion: subject.version }, 422);
    expect(body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
    expect(body.details).toEqual({ reasons: ['START_ONSITE is not possible while the case is in scoping.'] });
    const propose = await refused(
      { type: 'PROPOSE_PEER', expectedVersion: subject.version, peerId: pool[0].id, role: 'lead_officer_peer' },
      422,
    );
    expect((propose.details as { reasons: string[] }).reasons).toEqual([
      expect.stringContaining('PROPOSE_PEER is not possible while the case is in scoping'),
    ]);
    const resume = await refused({ type: 'RESUME', expectedVersion: subject.version }, 422);
    expect((resume.details as { reasons: unknown[] }).reasons).toHaveLength(1);
  });

  it('answers 422 when a guard fails: an onsite visit of six days, or one that ends before it starts', async () => {
    const six = await refused(
      {
        type: 'AGREE_SCOPE',
        expectedVersion: subject.version,
        focusAreas: ['housing'],
        onsiteStart: '2025-03-01',
        onsiteEnd: '2025-03-06',
      },
      422,
    );
    const reasons = (six.details as { reasons: unknown[] }).reasons;
    expect(Array.isArray(reasons)).toBe(true);
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.every((reason) => typeof reason === 'string')).toBe(true);
    expect(reasons).toEqual(['The onsite visit must last 1 to 5 days; 2025-03-01 to 2025-03-06 is 6 days.']);
    expect(six.message).toContain('6 days');

    const backwards = await refused(
      {
        type: 'AGREE_SCOPE',
        expectedVersion: subject.version,
        focusAreas: [],
        onsiteStart: '2025-03-04',
        onsiteEnd: '2025-03-01',
      },
      422,
    );
    expect((backwards.details as { reasons: string[] }).reasons).toEqual([
      expect.stringContaining('cannot end (2025-03-01) before it starts (2025-03-04)'),
    ]);
    expect((await getCase(subject.id)).state).toBe('scoping');
  });

  it('answers 422 naming an unknown peer or a manager who is not one', async () => {
    const other = await openCase();
    const agreed = await send(other.id, {
      type: 'AGREE_SCOPE',
      focusAreas: [],
      onsiteStart: '2025-03-01',
      onsiteEnd: '2025-03-05',
    });
    const before = await eventRows(other.id);
    const unknown = await postEvent(other.id, {
      type: 'PROPOSE_PEER',
      expectedVersion: agreed.version,
      peerId: UNKNOWN_ID,
      role: 'shadow_peer',
    }).expect(422);
    expect(unknown.body.details.reasons).toEqual([`No peer in the pool has the id ${UNKNOWN_ID}.`]);
    const wrongKind = await postEvent(other.id, {
      type: 'PROPOSE_PEER',
      expectedVersion: agreed.version,
      peerId: pool[4].id,
      role: 'lead_member_peer',
    }).expect(422);
    expect(wrongKind.body.details.reasons).toEqual([expect.stringContaining('cannot be the lead member peer')]);
    const inactive = await postEvent(other.id, {
      type: 'PROPOSE_PEER',
      expectedVersion: agreed.version,
      peerId: pool[6].id,
      role: 'officer_peer',
    }).expect(422);
    expect(inactive.body.details.reasons).toEqual([expect.stringContaining('no longer active')]);
    const notManager = await postEvent(other.id, {
      type: 'ASSIGN_MANAGER',
      expectedVersion: agreed.version,
      managerId: viewerUser.id,
    }).expect(422);
    expect(notManager.body.details.reasons).toEqual([expect.stringContaining('not an active peer challenge manager')]);
    const confirm = await postEvent(other.id, { type: 'CONFIRM_TEAM', expectedVersion: agreed.version }).expect(422);
    expect(confirm.body.details.reasons).toEqual(
      expect.arrayContaining([
        'The team needs exactly one lead officer peer; it has none.',
        'The team needs exactly one lead member peer; it has none.',
        expect.stringContaining('finance expertise'),
      ]),
    );
    expect(await eventRows(other.id)).toBe(before);
    expect((await getCase(other.id)).version).toBe(agreed.version);
  });

  it('answers 409 with the current version for a stale or future expectedVersion', async () => {
    expect(subject.version).toBe(2);
    for (const expectedVersion of [1, 3, 99]) {
      const body = await refused({ type: 'SCHEDULE_SCOPING_MEETING', expectedVersion, date: '2025-01-30' }, 409);
      expect(body).toMatchObject({
        statusCode: 409,
        error: 'Conflict',
        version: 2,
        details: { currentVersion: 2 },
      });
    }
    // The version is checked before the event: a stale request for an impossible event is still a 409.
    const impossible = await refused({ type: 'START_ONSITE', expectedVersion: 1 }, 409);
    expect(impossible.version).toBe(2);
  });

  it("accepts a version that only the system's conflict check has moved on since; a person's change is still 409", async () => {
    const opened = await openCase();
    await send(opened.id, { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: '2025-03-01', onsiteEnd: '2025-03-03' });
    const proposed = await send(opened.id, { type: 'PROPOSE_PEER', peerId: pool[0].id, role: 'lead_officer_peer' });
    const checked = await completeCheck(proposed);
    expect(checked.version).toBe(proposed.version + 1);
    // The system's own events get no such leeway: a second check run from the same read records nothing.
    const again = await completeCheck(proposed).then(
      () => 'accepted',
      (error: unknown) => (error instanceof CaseStale ? `stale at ${error.currentVersion}` : error),
    );
    expect(again).toBe(`stale at ${checked.version}`);
    expect((await getCase(opened.id)).version).toBe(checked.version);
    // The manager's page still shows the version before the check: proposing the next peer is not a conflict.
    const next = await postEvent(opened.id, {
      type: 'PROPOSE_PEER',
      expectedVersion: proposed.version,
      peerId: pool[2].id,
      role: 'lead_member_peer',
    });
    expect({ status: next.status, version: next.body.version }).toEqual({ status: 200, version: checked.version + 1 });
    expect(next.body.team.map((m: { peerId: string }) => m.peerId)).toEqual([pool[0].id, pool[2].id]);
    // That version is now behind a person's change: 409, nothing written.
    const before = await eventRows(opened.id);
    const stale = await postEvent(opened.id, {
      type: 'SCHEDULE_SCOPING_MEETING',
      expectedVersion: proposed.version,
      date: '2025-01-30',
    });
    expect({ status: stale.status, version: stale.body.version }).toEqual({ status: 409, version: next.body.version });
    expect(await eventRows(opened.id)).toEqual(before);
  });

  it('refuses a viewer with 403, writing nothing', async () => {
    await refused(
      { type: 'SCHEDULE_SCOPING_MEETING', expectedVersion: subject.version, date: '2025-01-30' },
      403,
      viewer,
    );
  });
});

describe('concurrent events', () => {
  it('accepts exactly one of 12 events sent at once for the same version; the rest answer 409', async () => {
    const opened = await openCase();
    const dates = Array.from({ length: 12 }, (_, i) => `2025-01-${String(i + 10).padStart(2, '0')}`);
    const responses = await Promise.all(
      dates.map((date) =>
        postEvent(opened.id, { type: 'SCHEDULE_SCOPING_MEETING', expectedVersion: opened.version, date }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(11);
    for (const response of responses.filter((r) => r.status === 409)) {
      expect(response.body).toMatchObject({ version: 2, details: { currentVersion: 2 } });
    }
    const winner = responses.find((r) => r.status === 200)!;
    const after = await getCase(opened.id);
    expect(after.version).toBe(opened.version + 1);
    expect(after.dates).toEqual({ scopingMeeting: winner.body.dates.scopingMeeting });
    expect(after.scopingMeetingHistory).toEqual([]);
    const entries = await timeline(opened.id);
    expect(entries.map((e) => e.type)).toEqual(['OPEN_CASE', 'SCHEDULE_SCOPING_MEETING']);
    expect(entries[1].payload).toEqual({
      type: 'SCHEDULE_SCOPING_MEETING',
      date: winner.body.dates.scopingMeeting,
    });
    expect(await t.app.get(CaseReplayService).verify(opened.id)).toBeNull();
  });
});

describe('notes and documents', () => {
  let subject: CaseBody;
  beforeAll(async () => {
    subject = await openCase();
  });

  it('adds a note with its author and time, and refuses a blank one', async () => {
    const before = await eventRows(subject.id);
    const response = await t.http
      .post(`/api/v1/cases/${subject.id}/notes`)
      .set(as(manager))
      .send({ text: '  Chief executive keen on a spring visit  ' })
      .expect(201);
    const body = response.body as CaseBody;
    expect(body.version).toBe(subject.version + 1);
    expect(body.state).toBe('scoping');
    expect(body.notes).toEqual([
      {
        text: 'Chief executive keen on a spring visit',
        by: { id: managerUser.id, name: 'Test peer_challenge_manager', at: expect.any(String) },
      },
    ]);
    expect(Date.parse(body.notes[0].by.at)).not.toBeNaN();
    expect(await eventRows(subject.id)).toBe(before + 1);

    for (const [bad, field] of [
      [{ text: '   ' }, 'text'],
      [{ text: '' }, 'text'],
      [{}, 'text'],
      [{ text: 42 }, 'text'],
      [{ text: 'x'.repeat(5001) }, 'text'],
      [{ text: 'fine', by: 'me' }, 'by'],
    ] as const) {
      const refused = await t.http.post(`/api/v1/cases/${subject.id}/notes`).set(as(manager)).send(bad).expect(400);
      expect(fieldsOf(refused.body)).toContain(field);
    }
    await t.http.post(`/api/v1/cases/${subject.id}/notes`).set(as(viewer)).send({ text: 'Hi' }).expect(403);
    expect(await eventRows(subject.id)).toBe(before + 1);
    expect((await getCase(subject.id)).notes).toHaveLength(1);
  });

  it('adds a document link, and refuses a bad kind or a URL that is not one', async () => {
    const current = await getCase(subject.id);
    const response = await t.http
      .post(`/api/v1/cases/${subject.id}/documents`)
      .set(as(manager))
      .send({
        kind: 'position_statement',
        title: 'Position statement, final version',
        url: 'https://sharepoint.example.org/sites/cpc/position-statement.docx',
      })
      .expect(201);
    expect(response.body.version).toBe(current.version + 1);
    expect(response.body.documents).toEqual([
      {
        kind: 'position_statement',
        title: 'Position statement, final version',
        url: 'https://sharepoint.example.org/sites/cpc/position-statement.docx',
        by: { id: managerUser.id, name: 'Test peer_challenge_manager', at: expect.any(String) },
      },
    ]);

    const before = await eventRows(subject.id);
    const good = { kind: 'other', title: 'Slides', url: 'https://example.org/slides.pdf' };
    for (const [change, field] of [
      [{ kind: 'memo' }, 'kind'],
      [{ kind: undefined }, 'kind'],
      [{ url: 'not a url' }, 'url'],
      [{ url: 'ftp://example.org/file.pdf' }, 'url'],
      [{ url: 'javascript:alert(1)' }, 'url'],
      [{ url: undefined }, 'url'],
      [{ title: ' ' }, 'title'],
      [{ by: 'me' }, 'by'],
    ] as const) {
      const refused = await t.http
        .post(`/api/v1/cases/${subject.id}/documents`)
        .set(as(manager))
        .send({ ...good, ...change })
        .expect(400);
      expect(fieldsOf(refused.body)).toContain(field);
    }
    expect(await eventRows(subject.id)).toBe(before);
    expect((await getCase(subject.id)).documents).toHaveLength(1);
  });

  it('takes notes and documents on a cancelled case, which accepts nothing else', async () => {
    const cancelled = await send(subject.id, { type: 'CANCEL', reason: 'Council withdrew' });
    expect(cancelled).toMatchObject({
      stage: 'cancelled',
      state: 'cancelled',
      cancellation: { reason: 'Council withdrew', stage: 'scoping' },
    });
    expect([...cancelled.allowedEvents].sort()).toEqual(['ADD_DOCUMENT', 'ADD_NOTE']);
    const noted = await t.http
      .post(`/api/v1/cases/${subject.id}/notes`)
      .set(as(manager))
      .send({ text: 'Might come back next year' })
      .expect(201);
    expect(noted.body).toMatchObject({ state: 'cancelled', version: cancelled.version + 1 });
    expect(noted.body.notes.map((n: { text: string }) => n.text)).toEqual([
      'Chief executive keen on a spring visit',
      'Might come back next year',
    ]);
    await postEvent(subject.id, { type: 'RESUME', expectedVersion: noted.body.version }).expect(422);
    expect(await t.app.get(CaseReplayService).verify(subject.id)).toBeNull();
  });

  it('keeps every note sent at the same moment (notes need no version)', async () => {
    const fresh = await openCase();
    const texts = Array.from({ length: 10 }, (_, i) => `Note ${i + 1}`);
    const responses = await Promise.all(
      texts.map((text) => t.http.post(`/api/v1/cases/${fresh.id}/notes`).set(as(manager)).send({ text })),
    );
    expect(responses.map((r) => r.status)).toEqual(texts.map(() => 201));
    const after = await getCase(fresh.id);
    expect(after.version).toBe(fresh.version + texts.length);
    expect(after.notes.map((n) => n.text).sort()).toEqual([...texts].sort());
    expect(await t.app.get(CaseReplayService).verify(fresh.id)).toBeNull();
  });

  it('never answers 500 for text with a NUL character (PostgreSQL cannot store one in JSON)', async () => {
    const fresh = await openCase();
    const text = 'before\u0000after';
    const requests: Array<[string, () => Promise<{ status: number }>]> = [
      ['POST /notes', () => t.http.post(`/api/v1/cases/${fresh.id}/notes`).set(as(manager)).send({ text })],
      [
        'POST /documents',
        () =>
          t.http
            .post(`/api/v1/cases/${fresh.id}/documents`)
            .set(as(manager))
            .send({ kind: 'other', title: text, url: 'https://example.org/a' }),
      ],
      ['ADD_NOTE', () => postEvent(fresh.id, { type: 'ADD_NOTE', expectedVersion: 1, text })],
      ['PAUSE', () => postEvent(fresh.id, { type: 'PAUSE', expectedVersion: 1, reason: text })],
    ];
    const answers: Array<{ request: string; status: number }> = [];
    for (const [request, sendIt] of requests) {
      const before = await getCase(fresh.id);
      const { status } = await sendIt();
      answers.push({ request, status });
      if (status >= 400) expect((await getCase(fresh.id)).version).toBe(before.version);
    }
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
  });
});

describe('team assembly', () => {
  it('a conflict declared on a peer goes with that peer: the rest of the team can then be confirmed', async () => {
    const opened = await openCase();
    await send(opened.id, { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: '2025-03-01', onsiteEnd: '2025-03-03' });
    await send(opened.id, { type: 'PROPOSE_PEER', peerId: pool[0].id, role: 'lead_officer_peer' });
    await send(opened.id, { type: 'PROPOSE_PEER', peerId: pool[2].id, role: 'lead_member_peer' });
    const ella = pool[4].id;
    let current = await send(opened.id, { type: 'PROPOSE_PEER', peerId: ella, role: 'external_peer' });
    current = await completeCheck(current);
    expect(current.conflictCheck.status).toBe('clear');
    current = await send(opened.id, {
      type: 'DECLARE_CONFLICT',
      peerId: ella,
      severity: 'hard',
      detail: 'Married to the chief executive',
    });
    // A declaration is judged at once: no new check is needed for it.
    expect(current.conflictCheck).toMatchObject({
      status: 'conflicts',
      findings: [{ peerId: ella, severity: 'hard', rule: 'declared_conflict', declared: true, overridden: false }],
    });
    expect(current.allowedEvents).not.toContain('CONFIRM_TEAM');

    current = await send(opened.id, { type: 'REMOVE_PEER', peerId: ella });
    current = await completeCheck(current);
    expect(current.team.map((m) => m.peerId)).toEqual([pool[0].id, pool[2].id]);
    // Ella is no longer on the team: a finding about her says nothing of the team that is left.
    expect(current.conflictCheck.findings).toEqual([]);
    expect(current.conflictCheck.status).toBe('clear');
    expect(current.allowedEvents).toContain('CONFIRM_TEAM');
    const confirmed = await postEvent(opened.id, { type: 'CONFIRM_TEAM', expectedVersion: current.version });
    expect({ status: confirmed.status, body: confirmed.body }).toMatchObject({
      status: 200,
      body: { state: 'onsite.preparing' },
    });
  });

  it('refuses the same peer twice, however the id is written', async () => {
    const opened = await openCase();
    await send(opened.id, { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: '2025-03-01', onsiteEnd: '2025-03-03' });
    const proposed = await send(opened.id, { type: 'PROPOSE_PEER', peerId: pool[0].id, role: 'lead_officer_peer' });
    const again = await postEvent(opened.id, {
      type: 'PROPOSE_PEER',
      expectedVersion: proposed.version,
      peerId: pool[0].id.toUpperCase(),
      role: 'officer_peer',
    });
    // Refused, as for the same id in lower case (422 "already on the team"), or as malformed (400).
    expect({ status: again.status, team: again.body.team }).toEqual({ status: expect.any(Number), team: undefined });
    expect([400, 422]).toContain(again.status);
    const after = await getCase(opened.id);
    expect(after.team.map((m) => m.peerId)).toEqual([pool[0].id]);
    expect(after.version).toBe(proposed.version);
  });

  it('reschedules the onsite visit, keeping the old dates', async () => {
    const opened = await openCase();
    await send(opened.id, { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: '2025-03-01', onsiteEnd: '2025-03-03' });
    const same = await postEvent(opened.id, {
      type: 'RESCHEDULE_ONSITE',
      expectedVersion: 2,
      onsiteStart: '2025-03-01',
      onsiteEnd: '2025-03-03',
      reason: 'No change',
    }).expect(422);
    expect(same.body.details.reasons).toEqual([expect.stringContaining('already planned')]);
    const moved = await send(opened.id, {
      type: 'RESCHEDULE_ONSITE',
      onsiteStart: '2025-04-12',
      onsiteEnd: '2025-04-15',
      reason: ' Easter clash ',
    });
    expect(moved).toMatchObject({
      onsiteStart: '2025-04-12',
      dates: { onsiteStart: '2025-04-12', onsiteEnd: '2025-04-15' },
      onsiteHistory: [{ onsiteStart: '2025-03-01', onsiteEnd: '2025-03-03', reason: 'Easter clash' }],
    });
  });
});

describe('the timeline', () => {
  it('lists every accepted event in order with its payload, actor, time and states', async () => {
    const onsite = await caseAtOnsite('E09000033');
    const entries = await timeline(onsite.id);
    expect(entries).toHaveLength(onsite.version);
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    expect(entries.map((e) => e.type)).toEqual([
      'OPEN_CASE',
      'SCHEDULE_SCOPING_MEETING',
      'AGREE_SCOPE',
      'PROPOSE_PEER',
      'PROPOSE_PEER',
      'CONFLICT_CHECK_COMPLETED',
      'CONFIRM_TEAM',
    ]);
    for (const entry of entries) {
      expect(Object.keys(entry)).toEqual(
        expect.arrayContaining(['seq', 'type', 'payload', 'actor', 'at', 'fromState', 'toState']),
      );
      expect(new Date(entry.at).toISOString()).toBe(entry.at);
    }
    const [open, meeting, scope, proposal, , check, confirm] = entries;
    expect(open).toMatchObject({
      type: 'OPEN_CASE',
      fromState: null,
      toState: 'scoping',
      actor: { id: managerUser.id, label: managerUser.email },
      payload: { caseId: onsite.id, councilGssCode: 'E09000033', type: 'corporate_peer_challenge' },
    });
    expect(meeting).toMatchObject({ fromState: 'scoping', toState: 'scoping', payload: { date: '2025-01-12' } });
    expect(scope).toMatchObject({
      fromState: 'scoping',
      toState: 'team_assembly',
      payload: { type: 'AGREE_SCOPE', onsiteStart: '2025-03-02', onsiteEnd: '2025-03-05' },
    });
    // The service stamps what it looked up, so the timeline replays on its own.
    expect(proposal.payload).toEqual({
      type: 'PROPOSE_PEER',
      peerId: pool[0].id,
      role: 'lead_officer_peer',
      peer: { name: 'Fiona Officer', kind: 'officer', financeExpertise: true, active: true },
    });
    expect(check).toMatchObject({
      actor: { id: null, label: 'system' },
      fromState: 'team_assembly',
      toState: 'team_assembly',
    });
    expect(confirm).toMatchObject({ fromState: 'team_assembly', toState: 'onsite.preparing' });
    expect(entries.every((e) => e.payload.expectedVersion === undefined)).toBe(true);
    expect(await t.app.get(CaseReplayService).verify(onsite.id)).toBeNull();
  });
});

describe('a case stored by machine version 1', () => {
  it('is read through the upgrades and moves on, stored again as version 3', async () => {
    const onsite = await caseAtOnsite('E06000054');
    const current = await stored(onsite.id);
    expect(current.machine_version).toBe(3);
    expect(current.snapshot.value).toEqual({ open: { onsite: 'preparing' } });
    const context = current.snapshot.context as Record<string, unknown>;
    const oldContext = Object.fromEntries(
      Object.entries(context).filter(
        ([key]) => !['notes', 'documents', 'declaredConflicts', 'scopingMeetingHistory', 'hold'].includes(key),
      ),
    );
    // As the first design stored it: no history, no children, the stages at the top level.
    const v1 = { status: 'active', value: { onsite: 'preparing' }, context: oldContext };
    await query(t.database.url, 'UPDATE cases SET machine_version = 1, snapshot = $2 WHERE id = $1', [
      onsite.id,
      JSON.stringify(v1),
    ]);

    const read = await getCase(onsite.id);
    expect(read).toMatchObject({
      stage: 'onsite',
      state: 'onsite.preparing',
      version: onsite.version,
      notes: [],
      documents: [],
      declaredConflicts: [],
      scopingMeetingHistory: [],
      hold: null,
      team: onsite.team,
      dates: onsite.dates,
    });
    expect([...read.allowedEvents].sort()).toEqual([...onsite.allowedEvents].sort());
    expect(read.allowedEvents).toContain('RECEIVE_POSITION_STATEMENT');
    expect(read.allowedEvents).not.toContain('START_ONSITE');
    expect(await t.app.get(CaseReplayService).verify(onsite.id)).toBeNull();

    const received = await postEvent(onsite.id, {
      type: 'RECEIVE_POSITION_STATEMENT',
      expectedVersion: read.version,
      receivedOn: '2025-02-20',
    });
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({
      state: 'onsite.preparing',
      version: read.version + 1,
      dates: { positionStatementReceived: '2025-02-20' },
    });
    expect(received.body.allowedEvents).toContain('START_ONSITE');
    const after = await stored(onsite.id);
    expect(after.machine_version).toBe(3);
    expect(after.snapshot.value).toEqual({ open: { onsite: 'preparing' } });
    expect(after.snapshot.context).toMatchObject({ notes: [], documents: [], declaredConflicts: [], hold: null });
    expect(await t.app.get(CaseReplayService).verify(onsite.id)).toBeNull();

    // A pause taken after the upgrade resumes the exact state it left.
    await send(onsite.id, { type: 'PAUSE', reason: 'Purdah' });
    const resumed = await send(onsite.id, { type: 'RESUME' });
    expect(resumed).toMatchObject({ state: 'onsite.preparing', hold: null, onHold: false });
    const started = await send(onsite.id, { type: 'START_ONSITE' });
    expect(started.state).toBe('onsite.on_site');
    expect(await t.app.get(CaseReplayService).verify(onsite.id)).toBeNull();
  });
});

describe('dates that can be true (issue #24)', () => {
  const today = todayInLondon();
  const offset = (days: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

  it('holds the visit back until its first day, says why, and refuses a start sent anyway', async () => {
    const onsite = await caseAtOnsite('E06000047');
    const rebooked = await send(onsite.id, {
      type: 'RESCHEDULE_ONSITE',
      onsiteStart: offset(30),
      onsiteEnd: offset(32),
      reason: 'Booked for next month',
    });
    const booked = await completeCheck(rebooked);
    const received = await send(booked.id, { type: 'RECEIVE_POSITION_STATEMENT', receivedOn: today });
    expect(received.allowedEvents).not.toContain('START_ONSITE');
    expect(received.waitingFor).toEqual([
      { type: 'START_ONSITE', reasons: [expect.stringContaining('The onsite visit is booked to start on')] },
    ]);
    // The case page says what the visit waits for, and offers no button to start it.
    const page = await t.http.get(`/cases/${booked.id}`).set(as(manager)).expect(200);
    expect(page.text).toContain('Start the onsite visit: not yet');
    expect(page.text).toContain(received.waitingFor[0].reasons[0]);
    // The statement is recorded: correcting it is a step of its own, linked.
    expect(page.text).toContain(`href="/cases/${booked.id}/steps/RECEIVE_POSITION_STATEMENT"`);
    expect(page.text).not.toMatch(/<button[^>]*>\s*Start onsite visit\s*<\/button>/);
    const refused = await postEvent(booked.id, { type: 'START_ONSITE', expectedVersion: received.version });
    expect(refused.status).toBe(422);
    expect(refused.body.details.reasons).toEqual(received.waitingFor[0].reasons);
    expect((await getCase(booked.id)).version).toBe(received.version);

    // The visit in fact began three days ago: reschedule, and it can start.
    const moved = await send(booked.id, {
      type: 'RESCHEDULE_ONSITE',
      onsiteStart: offset(-3),
      onsiteEnd: offset(-1),
      reason: 'The visit was brought forward',
    });
    const checked = await completeCheck(moved);
    expect(checked.allowedEvents).toContain('START_ONSITE');
    expect(checked.waitingFor).toEqual([]);
    const started = await send(booked.id, { type: 'START_ONSITE' });

    // On site the dates can still be put right, with a first day that has come; the served team is not rechecked.
    const future = await postEvent(booked.id, {
      type: 'RESCHEDULE_ONSITE',
      expectedVersion: started.version,
      onsiteStart: offset(1),
      onsiteEnd: offset(2),
      reason: 'Typed wrongly',
    });
    expect(future.status).toBe(422);
    expect(future.body.details.reasons).toEqual([expect.stringContaining('The visit has started')]);
    const corrected = await send(booked.id, {
      type: 'RESCHEDULE_ONSITE',
      onsiteStart: offset(-4),
      onsiteEnd: offset(-2),
      reason: 'It began a day earlier than recorded',
    });
    expect(corrected).toMatchObject({
      state: 'onsite.on_site',
      dates: { onsiteStart: offset(-4), onsiteEnd: offset(-2) },
      conflictCheck: { status: started.conflictCheck.status, run: started.conflictCheck.run },
    });
    expect(await t.app.get(CaseReplayService).verify(booked.id)).toBeNull();
  });

  it('refuses what has not happened yet and feedback long after the visit, changing nothing', async () => {
    const onsite = await caseAtOnsite('E06000050');
    const future = offset(1);
    const statement = await postEvent(onsite.id, {
      type: 'RECEIVE_POSITION_STATEMENT',
      expectedVersion: onsite.version,
      receivedOn: future,
    });
    expect(statement.status).toBe(422);
    expect(statement.body.details.reasons).toEqual([
      expect.stringMatching(/^The position statement cannot be recorded as received on .*: that is in the future\.$/),
    ]);
    await send(onsite.id, { type: 'RECEIVE_POSITION_STATEMENT', receivedOn: offset(-20) });
    const moved = await send(onsite.id, {
      type: 'RESCHEDULE_ONSITE',
      onsiteStart: offset(-12),
      onsiteEnd: offset(-10),
      reason: 'Recorded late',
    });
    await send((await completeCheck(moved)).id, { type: 'START_ONSITE' });
    const on = await getCase(onsite.id);
    for (const [date, reasons] of [
      [future, [/that is in the future/, /within 7 days of the last day on site/]],
      [offset(-2), [/within 7 days of the last day on site/]],
      [offset(-13), [/before the onsite visit starts/]],
    ] as const) {
      const feedback = await postEvent(onsite.id, { type: 'PRESENT_FEEDBACK', expectedVersion: on.version, date });
      expect(feedback.status).toBe(422);
      expect(feedback.body.details.reasons).toEqual(reasons.map((reason) => expect.stringMatching(reason)));
    }
    expect(await getCase(onsite.id)).toEqual(on);
    // The last day on site, and up to 7 days after it, are fine.
    const delivered = await send(onsite.id, { type: 'PRESENT_FEEDBACK', date: offset(-3) });
    expect(delivered).toMatchObject({ stage: 'report', deliveredOn: offset(-3) });
    const publish = await postEvent(onsite.id, {
      type: 'PUBLISH_REPORT',
      expectedVersion: (await send(onsite.id, { type: 'SUBMIT_DRAFT_REPORT' })).version,
      publishedOn: future,
      recommendations: ['Refresh the plan'],
    });
    expect(publish.status).toBe(422);
    expect(publish.body.details.reasons).toEqual([expect.stringContaining('that is in the future')]);
  });

  it('says why the team cannot be confirmed while its check runs', async () => {
    const opened = await openCase({ councilGssCode: 'E06000049' });
    await send(opened.id, { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: offset(60), onsiteEnd: offset(62) });
    const proposed = await send(opened.id, { type: 'PROPOSE_PEER', peerId: pool[0].id, role: 'lead_officer_peer' });
    expect(proposed.waitingFor).toEqual([
      {
        type: 'CONFIRM_TEAM',
        reasons: [
          'The team needs exactly one lead member peer; it has none.',
          'The conflict check for the current team has not finished yet: wait for it, then confirm.',
        ],
      },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Random sequences of events through HTTP

const VOCABULARY = [
  'SCHEDULE_SCOPING_MEETING',
  'AGREE_SCOPE',
  'PROPOSE_PEER',
  'REMOVE_PEER',
  'REPLACE_PEER',
  'OVERRIDE_CONFLICT',
  'APPROVE_OVERRIDE',
  'DECLARE_CONFLICT',
  'CONFLICT_CHECK_COMPLETED',
  'CONFLICT_INPUTS_CHANGED',
  'CONFIRM_TEAM',
  'RESCHEDULE_ONSITE',
  'ASSIGN_MANAGER',
  'RECEIVE_POSITION_STATEMENT',
  'START_ONSITE',
  'PRESENT_FEEDBACK',
  'SUBMIT_DRAFT_REPORT',
  'PUBLISH_REPORT',
  'RECEIVE_ACTION_PLAN',
  'SCHEDULE_FOLLOW_UP',
  'COMPLETE_FOLLOW_UP',
  'PAUSE',
  'RESUME',
  'CANCEL',
  'ADD_NOTE',
  'ADD_DOCUMENT',
] as const;
/** Events that move a case towards closure (or build its team): preferred, so later stages are reached. */
const ADVANCING: readonly string[] = [
  'SCHEDULE_SCOPING_MEETING',
  'AGREE_SCOPE',
  'PROPOSE_PEER',
  'OVERRIDE_CONFLICT',
  'APPROVE_OVERRIDE',
  'CONFIRM_TEAM',
  'RECEIVE_POSITION_STATEMENT',
  'START_ONSITE',
  'PRESENT_FEEDBACK',
  'SUBMIT_DRAFT_REPORT',
  'PUBLISH_REPORT',
  'RECEIVE_ACTION_PLAN',
  'SCHEDULE_FOLLOW_UP',
  'COMPLETE_FOLLOW_UP',
  'RESUME',
];
const DATES = [
  '2025-01-10',
  '2025-02-20',
  '2025-03-01',
  '2025-03-03',
  '2025-03-05',
  '2025-04-15',
  '2025-06-01',
  '2025-11-01',
];
const TEXTS = ['Budget pressures at the council', '  Needs a fresh look at finance  ', 'Too short', 'x', ' ', ''];
const ROLE_KIND: Partial<Record<Role, PoolPeer['kind']>> = {
  lead_officer_peer: 'officer',
  officer_peer: 'officer',
  lead_member_peer: 'member',
  member_peer: 'member',
  external_peer: 'external',
};

const paramsArb = fc.record({
  date: fc.constantFrom(...DATES),
  start: fc.constantFrom(...DATES),
  /** onsiteEnd = onsiteStart + days: 5 makes a six-day visit, -1 one that ends before it starts. */
  days: fc.integer({ min: -1, max: 5 }),
  /** An index into the pool; the one past its end is an id no peer has. */
  peer: fc.nat({ max: 7 }),
  /** Pick a sensible peer: the missing lead, a peer of the role's kind, a member of the team. */
  smart: fc.boolean(),
  role: fc.constantFrom(...ROLES),
  text: fc.constantFrom(...TEXTS),
  severity: fc.constantFrom('hard', 'soft'),
  waiver: fc.boolean(),
  manager: fc.nat({ max: 2 }),
  focusAreas: fc.array(fc.constantFrom('housing', 'finance', ' ', 'climate'), { maxLength: 3 }),
  recommendations: fc.array(fc.constantFrom('Refresh the plan', 'Invest in skills', ' '), { maxLength: 3 }),
  progress: fc.constantFrom('all', 'all', 'all', 'missing', 'extra', 'duplicate'),
  status: fc.constantFrom('achieved', 'in_progress', 'not_started'),
  kind: fc.constantFrom('position_statement', 'final_report', 'other', 'memo'),
  url: fc.constantFrom('https://sharepoint.example.org/cpc/doc.docx', 'http://intranet/cpc', 'not a url'),
});
type Params = typeof paramsArb extends fc.Arbitrary<infer P> ? P : never;

const garbageArb = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({
    op: fc.constant('extra' as const),
    key: fc.constantFrom('peer', 'fromStage', 'by', 'manager', 'result', 'note'),
    value: fc.jsonValue({ maxDepth: 2 }),
  }),
  fc.record({
    op: fc.constant('type' as const),
    value: fc.oneof(fc.string({ maxLength: 30 }), fc.constant('CONFLICT_CHECK_COMPLETED'), fc.constant(null)),
  }),
  fc.record({
    op: fc.constant('version' as const),
    value: fc.constantFrom<unknown>(null, 'abc', 0, -3, 1.5, '', [], {}),
  }),
  fc.record({ op: fc.constant('body' as const), value: fc.jsonValue({ maxDepth: 2 }) }),
);
type Garbage = typeof garbageArb extends fc.Arbitrary<infer G> ? G : never;

interface EventStep {
  kind: 'event';
  /**
   * next: the allowed event that moves the case furthest on, with a sensible payload; advance: any allowed event
   * that moves the case on; allowed: any allowed event; any: the whole vocabulary.
   */
  pick: 'next' | 'advance' | 'allowed' | 'any';
  index: number;
  version: 'current' | 'stale' | 'ahead';
  garbage: Garbage | null;
  params: Params;
}
/** The worker's turn: a result for the current team, with no finding or a soft one. */
interface CheckStep {
  kind: 'check';
  soft: boolean;
}
type Step = EventStep | CheckStep;

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('check' as const), soft: fc.boolean() }) },
  {
    weight: 9,
    arbitrary: fc.record({
      kind: fc.constant('event' as const),
      pick: fc.constantFrom('next', 'next', 'next', 'next', 'advance', 'advance', 'allowed', 'allowed', 'any', 'any'),
      index: fc.nat(),
      version: fc.constantFrom(
        'current',
        'current',
        'current',
        'current',
        'current',
        'current',
        'current',
        'current',
        'stale',
        'ahead',
      ),
      garbage: fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: garbageArb }),
      params: paramsArb,
    }),
  },
);

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The allowed event that takes the case furthest towards closure, if there is one. */
function nextType(current: CaseBody): string | undefined {
  const roles = current.team.map((m) => m.role);
  const leadMissing = !roles.includes('lead_officer_peer') || !roles.includes('lead_member_peer');
  const softLeft = current.conflictCheck.findings.some((f) => f.severity === 'soft' && !f.override);
  const approvalLeft = current.conflictCheck.findings.some((f) => f.override && !f.overridden);
  const order = [
    'RESUME',
    'AGREE_SCOPE',
    leadMissing && 'PROPOSE_PEER',
    softLeft && 'OVERRIDE_CONFLICT',
    approvalLeft && 'APPROVE_OVERRIDE',
    'CONFIRM_TEAM',
    'START_ONSITE',
    'PRESENT_FEEDBACK',
    'RECEIVE_POSITION_STATEMENT',
    'SUBMIT_DRAFT_REPORT',
    'PUBLISH_REPORT',
    'COMPLETE_FOLLOW_UP',
    'SCHEDULE_FOLLOW_UP',
  ];
  return order.find((type): type is string => !!type && current.allowedEvents.includes(type));
}

function chooseType(step: EventStep, current: CaseBody): string {
  if (step.pick === 'any') return VOCABULARY[step.index % VOCABULARY.length];
  const next = step.pick === 'next' ? nextType(current) : undefined;
  if (next) return next;
  const allowed = current.allowedEvents;
  const advancing = allowed.filter((type) => ADVANCING.includes(type));
  const from = step.pick === 'advance' && advancing.length > 0 ? advancing : allowed;
  return from[step.index % from.length];
}

const poolId = (index: number) => pool[index]?.id ?? UNKNOWN_ID;

function proposal(p: Params, current: CaseBody): Record<string, unknown> {
  if (!p.smart) return { peerId: poolId(p.peer), role: p.role };
  const has = (role: Role) => current.team.some((m) => m.role === role);
  const role: Role = !has('lead_officer_peer')
    ? 'lead_officer_peer'
    : !has('lead_member_peer')
      ? 'lead_member_peer'
      : p.role;
  const kind = ROLE_KIND[role];
  const candidates = pool.filter(
    (peer) => peer.active && (!kind || peer.kind === kind) && !current.team.some((m) => m.peerId === peer.id),
  );
  return { peerId: candidates[p.peer % Math.max(candidates.length, 1)]?.id ?? poolId(p.peer), role };
}

/** The parameters, made acceptable where a random pick would likely be refused (for the 'next' pick). */
function sensible(p: Params, current: CaseBody): Params {
  const dates = Object.values(current.dates as Record<string, string>);
  const latest = dates.reduce((a, b) => (a > b ? a : b), p.date);
  return {
    ...p,
    smart: true,
    date: latest,
    text: p.text.trim().length >= 20 ? p.text : 'Budget pressures at the council',
    days: Math.min(Math.max(p.days, 0), 4),
    waiver: p.waiver || !current.team.some((m) => (m as { financeExpertise?: boolean }).financeExpertise),
    recommendations: p.recommendations.some((r) => r.trim()) ? p.recommendations : ['Refresh the plan'],
    progress: 'all',
  };
}

function progress(p: Params, recommendations: number) {
  const all = Array.from({ length: recommendations }, (_, index) => ({ index, status: p.status }));
  if (p.progress === 'missing') return all.slice(1);
  if (p.progress === 'extra') return [...all, { index: recommendations, status: p.status }];
  if (p.progress === 'duplicate') return [...all, { index: 0, status: p.status }];
  return all;
}

function payloadFor(type: string, p: Params, current: CaseBody): Record<string, unknown> {
  const member = () =>
    p.smart && current.team.length > 0 ? current.team[p.peer % current.team.length].peerId : poolId(p.peer);
  const onsite = { onsiteStart: p.start, onsiteEnd: addDays(p.start, p.days) };
  switch (type) {
    case 'SCHEDULE_SCOPING_MEETING':
    case 'PRESENT_FEEDBACK':
    case 'SCHEDULE_FOLLOW_UP':
      return { date: p.date };
    case 'AGREE_SCOPE':
      return { focusAreas: p.focusAreas, ...onsite };
    case 'PROPOSE_PEER':
      return proposal(p, current);
    case 'REMOVE_PEER':
      return { peerId: member() };
    case 'REPLACE_PEER': {
      const out = member();
      const role: Role = current.team.find((m) => m.peerId === out)?.role ?? p.role;
      return { outPeerId: out, ...proposal({ ...p, role }, current), role, reason: p.text };
    }
    case 'OVERRIDE_CONFLICT':
    case 'APPROVE_OVERRIDE': {
      const open = current.conflictCheck.findings.find((f) =>
        type === 'OVERRIDE_CONFLICT' ? f.severity === 'soft' && !f.override : f.override && !f.overridden,
      );
      const findingId = p.smart && open ? open.id : `neighbouring_council:${member()}:E06000058`;
      return type === 'OVERRIDE_CONFLICT' ? { findingId, justification: p.text } : { findingId };
    }
    case 'DECLARE_CONFLICT':
      return { peerId: member(), severity: p.severity, detail: p.text };
    case 'CONFIRM_TEAM':
      return p.waiver ? { financeWaiverReason: p.text } : {};
    case 'RESCHEDULE_ONSITE':
      return { ...onsite, reason: p.text };
    case 'ASSIGN_MANAGER':
      return { managerId: [managerUser.id, viewerUser.id, UNKNOWN_ID][p.manager] };
    case 'RECEIVE_POSITION_STATEMENT':
    case 'RECEIVE_ACTION_PLAN':
      return { receivedOn: p.date };
    case 'PUBLISH_REPORT':
      return { publishedOn: p.date, recommendations: p.recommendations };
    case 'COMPLETE_FOLLOW_UP':
      return { date: p.date, progress: progress(p, current.recommendations.length) };
    case 'PAUSE':
    case 'CANCEL':
      return { reason: p.text };
    case 'ADD_NOTE':
      return { text: p.text };
    case 'ADD_DOCUMENT':
      return { kind: p.kind, title: p.text, url: p.url };
    case 'CONFLICT_CHECK_COMPLETED':
      // Only the worker may send it: a user who does is refused, whatever the result.
      return {
        result: {
          run: current.conflictCheck.run,
          fingerprint: 'x',
          checkedOn: p.date,
          findings: [],
          information: [],
          warnings: [],
        },
      };
    default:
      return {};
  }
}

function spoil(body: Record<string, unknown>, garbage: Garbage): unknown {
  const keys = Object.keys(body);
  switch (garbage.op) {
    case 'drop': {
      const copy = { ...body };
      delete copy[keys[garbage.at % keys.length]];
      return copy;
    }
    case 'set':
      return { ...body, [keys[garbage.at % keys.length]]: garbage.value };
    case 'extra':
      return { ...body, [garbage.key]: garbage.value };
    case 'type':
      return { ...body, type: garbage.value };
    case 'version':
      return { ...body, expectedVersion: garbage.value };
    case 'body':
      return garbage.value;
  }
}

function fail(message: string): never {
  throw new Error(message);
}

/** Runs the steps on a fresh case through HTTP, checking every answer; returns the case and what was accepted. */
async function runSteps(steps: Step[]) {
  const opened = await openCase({ councilGssCode: 'E06000059' });
  let current = opened;
  const accepted: string[] = [];
  const log: string[] = [];
  // Whether the latest version came from the worker's check: the version before it is then not stale.
  let lastBySystem = false;
  for (const step of steps) {
    if (step.kind === 'check') {
      if (current.conflictCheck.status !== 'pending' && current.conflictCheck.status !== 'stale') continue;
      const findings: CheckFinding[] =
        step.soft && current.team.length > 0
          ? [
              {
                id: `neighbouring_council:${current.team[0].peerId}:E06000058`,
                digest: 'borders',
                peerId: current.team[0].peerId,
                severity: 'soft',
                rule: 'neighbouring_council',
                detail: 'Their home council borders the host',
              },
            ]
          : [];
      const next = await completeCheck(current, findings);
      if (next.version !== current.version + 1) fail(`the check result did not move the version on`);
      current = next;
      lastBySystem = true;
      accepted.push('CONFLICT_CHECK_COMPLETED');
      log.push(`check(${findings.length}) → ${current.conflictCheck.status}`);
      continue;
    }
    const type = chooseType(step, current);
    const expectedVersion =
      step.version === 'current'
        ? current.version
        : step.version === 'ahead'
          ? current.version + 1
          : current.version > 1
            ? current.version - 1
            : current.version + 2;
    const params = step.pick === 'next' ? sensible(step.params, current) : step.params;
    const intended = { type, expectedVersion, ...payloadFor(type, params, current) };
    const body = step.garbage ? spoil(intended, step.garbage) : intended;
    // An override is approved by a second person: another manager.
    const sender = type === 'APPROVE_OVERRIDE' ? secondManager : manager;
    const response = await t.http
      .post(`/api/v1/cases/${current.id}/events`)
      .set(as(sender))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body) ?? '');
    const status = response.status;
    log.push(
      `${current.state} v${current.version}: ${JSON.stringify(body)} → ${status} ${response.text.slice(0, 300)}`,
    );
    const context = () => `\n${log.join('\n')}`;
    const upToDate = step.version === 'current' || (step.version === 'stale' && current.version > 1 && lastBySystem);
    if (![200, 400, 409, 422].includes(status)) fail(`unexpected status ${status}${context()}`);
    if (!step.garbage && upToDate && status === 409) fail(`409 at the current version${context()}`);
    if (!step.garbage && !upToDate && status !== 409 && status !== 400) {
      fail(`a stale expectedVersion answered ${status}${context()}`);
    }
    if (status === 200) {
      const sent = (body as { type: string }).type;
      if (!current.allowedEvents.includes(sent)) fail(`${sent} was accepted but not in allowedEvents${context()}`);
      if (response.body.version !== current.version + 1) fail(`the version did not go up by one${context()}`);
      current = response.body as CaseBody;
      lastBySystem = false;
      accepted.push(sent);
    } else if (status === 409) {
      if (response.body.version !== current.version || response.body.details?.currentVersion !== current.version) {
        fail(`the 409 did not carry the current version${context()}`);
      }
    } else if (status === 422) {
      const reasons = response.body.details?.reasons;
      if (!Array.isArray(reasons) || reasons.length === 0 || !reasons.every((r) => typeof r === 'string')) {
        fail(`a 422 without reasons${context()}`);
      }
    } else if (response.body.statusCode !== 400) {
      fail(`a 400 not in the error shape${context()}`);
    }
  }
  return { opened, current, accepted, log };
}

async function checkStored(run: Awaited<ReturnType<typeof runSteps>>) {
  const { opened, current, accepted, log } = run;
  const context = `\n${log.join('\n')}`;
  const after = await getCase(opened.id);
  expect({ version: after.version, context }).toEqual({ version: 1 + accepted.length, context });
  expect(after).toEqual(current);
  const entries = await timeline(opened.id);
  expect(entries).toHaveLength(after.version);
  expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
  expect(entries.map((e) => e.type)).toEqual(['OPEN_CASE', ...accepted]);
  expect(await eventRows(opened.id)).toBe(after.version);
  expect({ replay: await t.app.get(CaseReplayService).verify(opened.id), context }).toEqual({
    replay: null,
    context,
  });
}

const P: Params = {
  date: '2025-01-10',
  start: '2025-03-01',
  days: 3,
  peer: 0,
  smart: true,
  role: 'member_peer',
  text: 'Budget pressures at the council',
  severity: 'soft',
  waiver: false,
  manager: 0,
  focusAreas: ['housing'],
  recommendations: ['Refresh the plan', 'Invest in skills'],
  progress: 'all',
  status: 'achieved',
  kind: 'final_report',
  url: 'https://sharepoint.example.org/cpc/doc.docx',
};
const ev = (type: (typeof VOCABULARY)[number], params: Partial<Params> = {}): Step => ({
  kind: 'event',
  pick: 'any',
  index: VOCABULARY.indexOf(type),
  version: 'current',
  garbage: null,
  params: { ...P, ...params },
});
/** A sequence that runs a case from scoping to closed, so every run covers the whole lifecycle at least once. */
const WHOLE_LIFECYCLE: Step[] = [
  ev('SCHEDULE_SCOPING_MEETING'),
  ev('AGREE_SCOPE'),
  ev('PROPOSE_PEER'), // the lead officer peer
  ev('PROPOSE_PEER'), // the lead member peer
  ev('PROPOSE_PEER', { role: 'external_peer' }),
  ev('PROPOSE_PEER', { role: 'shadow_peer' }),
  { kind: 'check', soft: true }, // a soft finding on the lead officer peer
  ev('OVERRIDE_CONFLICT', { peer: 0 }),
  ev('APPROVE_OVERRIDE', { peer: 0 }), // by a second manager
  ev('DECLARE_CONFLICT', { peer: 2 }), // a soft conflict declared on the external peer
  ev('OVERRIDE_CONFLICT', { peer: 2 }),
  ev('APPROVE_OVERRIDE', { peer: 2 }),
  ev('REMOVE_PEER', { peer: 3 }), // the shadow peer
  { kind: 'check', soft: false },
  ev('CONFIRM_TEAM'),
  ev('RESCHEDULE_ONSITE', { start: '2025-03-03', days: 2 }),
  { kind: 'check', soft: false }, // the new dates are checked for double-booking
  ev('RECEIVE_POSITION_STATEMENT', { date: '2025-02-20' }),
  ev('PAUSE'),
  ev('RESUME'),
  ev('START_ONSITE'),
  ev('PRESENT_FEEDBACK', { date: '2025-03-05' }),
  ev('SUBMIT_DRAFT_REPORT'),
  ev('PUBLISH_REPORT', { date: '2025-04-15' }),
  ev('RECEIVE_ACTION_PLAN', { date: '2025-06-01' }),
  ev('SCHEDULE_FOLLOW_UP', { date: '2025-11-01' }),
  ev('COMPLETE_FOLLOW_UP', { date: '2025-11-01' }),
  ev('ADD_NOTE'),
  ev('ADD_DOCUMENT'),
];

describe('random sequences of events', () => {
  it('the whole-lifecycle example reaches closed, and the stored case is the replay of its timeline', async () => {
    const run = await runSteps(WHOLE_LIFECYCLE);
    expect({ state: run.current.state, log: run.log }).toMatchObject({ state: 'closed' });
    expect(run.current.recommendations).toEqual([
      { text: 'Refresh the plan', progress: 'achieved' },
      { text: 'Invest in skills', progress: 'achieved' },
    ]);
    await checkStored(run);
  });

  it('never answer 500, move the version by one per accepted event, and replay to the stored state', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 8, maxLength: 25, size: 'max' }), async (steps) => {
        await checkStored(await runSteps(steps));
      }),
      { numRuns: 40 },
    );
  }, 180_000);
});
