import { query } from '../support/environment.js';
import { CasesService, ListCasesQuery } from '#libs/cases';
import {
  t,
  manager,
  managerUser,
  viewer,
  viewerUser,
  as,
  UNKNOWN_ID,
  type CaseBody,
  caseRows,
  eventRows,
  stored,
  openCase,
  getCase,
  postEvent,
  send,
  createManager,
  fieldsOf,
  useCaseApi,
} from '../support/case-api.js';

/** Opening, listing and reading cases: the case API against the real application and PostgreSQL, without the worker. */
useCaseApi();

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
