import pg from 'pg';
import { nextQuarter, quarterIndex, quarterName } from '#libs/planning';
import { DatabaseLock, todayInLondon } from '#libs/platform';
import { query } from './support/environment.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** The five-year plan's API (issue #19): settings, constraints, versioned plans, CSV, roles, 400s and 409. */
let t: TestApp;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const start = nextQuarter(todayInLondon());
const settings = (body: object) => t.http.put('/api/v1/plans/settings').set(as(t.adminToken)).send(body);

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('settings', () => {
  it('has the defaults of the issue and keeps what an admin sets', async () => {
    const viewer = await t.as('viewer');
    const read = await t.http.get('/api/v1/plans/settings').set(as(viewer.token)).expect(200);
    expect(read.body).toMatchObject({
      horizonQuarters: 20,
      capacityPerQuarter: 25,
      capacityByRegion: null,
      preElectionWeeks: 6,
      quietPeriods: [],
    });
    const saved = await settings({
      horizonQuarters: 12,
      capacityPerQuarter: 30,
      capacityByRegion: { London: 4 },
      quietPeriods: [{ from: '2027-12-20', to: '2028-01-03', reason: 'Christmas' }],
    }).expect(200);
    expect(saved.body).toMatchObject({
      horizonQuarters: 12,
      capacityPerQuarter: 30,
      capacityByRegion: { London: 4 },
      preElectionWeeks: 6,
      quietPeriods: [{ from: '2027-12-20', to: '2028-01-03', reason: 'Christmas' }],
      updatedBy: 'admin@example.org',
    });
    const audit = await query<{ action: string }>(
      t.database.url,
      "SELECT action FROM audit_log WHERE action = 'plan.settings.update'",
    );
    expect(audit).toHaveLength(1);
  });

  it.each([
    [{ horizonQuarters: 20, capacityPerQuarter: -1 }, 'capacityPerQuarter', 'must not be below zero'],
    [{ horizonQuarters: 41, capacityPerQuarter: 5 }, 'horizonQuarters', 'at most 40'],
    [{ horizonQuarters: 0, capacityPerQuarter: 5 }, 'horizonQuarters', 'at least 1'],
    [{ horizonQuarters: 20, capacityPerQuarter: 2.5 }, 'capacityPerQuarter', 'whole number'],
    [{ horizonQuarters: 20, capacityPerQuarter: 5, capacityByRegion: { Atlantis: 2 } }, 'capacityByRegion', 'regions'],
    [{ horizonQuarters: 20, capacityPerQuarter: 5, capacityByRegion: { London: -2 } }, 'capacityByRegion', 'zero'],
    [{ horizonQuarters: 20, capacityPerQuarter: 5, preElectionWeeks: 27 }, 'preElectionWeeks', 'at most 26'],
    [
      { horizonQuarters: 20, capacityPerQuarter: 5, quietPeriods: [{ from: '2028-01-03', to: '2027-12-20' }] },
      'quietPeriods.0.to',
      'not be before',
    ],
    [
      { horizonQuarters: 20, capacityPerQuarter: 5, quietPeriods: [{ from: '2028-02-30', to: '2028-03-01' }] },
      'quietPeriods.0.from',
      'YYYY-MM-DD',
    ],
    [{ horizonQuarters: 20 }, 'capacityPerQuarter', 'whole number'],
  ])('refuses %j with a 400 naming %s', async (body, field, problem) => {
    const before = await t.http.get('/api/v1/plans/settings').set(as(t.adminToken)).expect(200);
    const refused = await settings(body).expect(400);
    expect(refused.body.details[0].field).toBe(field);
    expect(refused.body.details[0].problems[0]).toContain(problem);
    const after = await t.http.get('/api/v1/plans/settings').set(as(t.adminToken)).expect(200);
    expect(after.body).toEqual(before.body);
  });

  it('lets only admins change them', async () => {
    for (const role of ['viewer', 'peer_challenge_manager', 'principal_adviser'] as const) {
      const user = await t.as(role);
      await t.http
        .put('/api/v1/plans/settings')
        .set(as(user.token))
        .send({ horizonQuarters: 20, capacityPerQuarter: 5 })
        .expect(403);
    }
  });
});

describe('constraints', () => {
  it('records a principal adviser’s dates with the reason, and refuses nonsense', async () => {
    const adviser = await t.as('principal_adviser');
    const put = (code: string, body: object, token = adviser.token) =>
      t.http.put(`/api/v1/plans/constraints/${code}`).set(as(token)).send(body);
    const saved = await put('E06000054', { notBefore: '2027-06-01', reason: 'new chief executive from June' }).expect(
      200,
    );
    expect(saved.body).toMatchObject({
      gssCode: 'E06000054',
      name: 'Wiltshire',
      notBefore: '2027-06-01',
      notAfter: null,
      reason: 'new chief executive from June',
      updatedBy: adviser.email,
    });
    const wrongWay = await put('E06000054', {
      notBefore: '2028-01-01',
      notAfter: '2027-01-01',
      reason: 'x',
    }).expect(400);
    expect(wrongWay.body.details[0]).toEqual({
      field: 'notAfter',
      problems: ['notAfter must not be before notBefore'],
    });
    expect((await put('E06000054', { reason: 'nothing' }).expect(400)).body.details[0].field).toBe('notBefore');
    expect((await put('E06000054', { notAfter: '2028-02-30', reason: 'x' }).expect(400)).body.details[0].field).toBe(
      'notAfter',
    );
    expect((await put('E06000054', { notBefore: '2027-06-01' }).expect(400)).body.details[0].field).toBe('reason');
    await put('E99999999', { notBefore: '2027-06-01', reason: 'x' }).expect(404);
    const manager = await t.as('peer_challenge_manager');
    await put('E06000054', { notBefore: '2027-06-01', reason: 'x' }, manager.token).expect(403);

    const list = await t.http.get('/api/v1/plans/constraints').set(as(manager.token)).expect(200);
    expect(list.body.constraints).toHaveLength(1);
    expect(list.body.constraints[0].notBefore).toBe('2027-06-01');

    await put('E07000223', { notBefore: '2020-01-01', notAfter: '2020-12-31', reason: 'gone' }).expect(200);
    await t.http.delete('/api/v1/plans/constraints/E07000223').set(as(adviser.token)).expect(204);
    await t.http.delete('/api/v1/plans/constraints/E07000223').set(as(adviser.token)).expect(404);
  });
});

describe('plans', () => {
  let councils: number;

  beforeAll(async () => {
    const [{ n }] = await query<{ n: number }>(
      t.database.url,
      'SELECT count(*)::int AS n FROM councils WHERE end_date IS NULL',
    );
    councils = n;
  });

  it('places every council on time when capacity allows', async () => {
    await settings({ horizonQuarters: 20, capacityPerQuarter: 1000, quietPeriods: [] }).expect(200);
    await t.http.delete('/api/v1/plans/constraints/E06000054').set(as(t.adminToken));
    const made = await t.http.post('/api/v1/plans').set(as(t.adminToken)).expect(201);
    expect(made.body).toMatchObject({
      createdBy: 'admin@example.org',
      inputs: { startQuarter: start, horizonQuarters: 20, capacityPerQuarter: 1000, preElectionWeeks: 6 },
      summary: { councils, onTime: councils, late: 0, unplaceable: 0 },
    });
    expect(made.body.summary.byQuarter).toHaveLength(20);
    // The first quarter's capacity, less its days in a quiet period (the pre-election weeks may start in March).
    expect(made.body.summary.byQuarter[0]).toMatchObject({ quarter: start, planned: councils });
    expect(made.body.summary.byQuarter[0].capacity).toBeGreaterThan(900);
    expect(made.body.councils).toHaveLength(councils);
    for (const c of made.body.councils) {
      expect(c.plannedQuarter).toBe(start); // never challenged (no history here): all due now
      expect(c.lateBy).toBe(0);
    }
    const latest = await t.http.get('/api/v1/plans/latest').set(as(t.adminToken)).expect(200);
    expect(latest.body).toEqual(made.body);
  });

  it('says which councils cannot be placed and why when capacity does not allow', async () => {
    const adviser = await t.as('principal_adviser');
    await settings({ horizonQuarters: 4, capacityPerQuarter: 20, capacityByRegion: { London: 2 } }).expect(200);
    await t.http
      .put('/api/v1/plans/constraints/E06000054')
      .set(as(adviser.token))
      .send({ notBefore: '2045-01-01', reason: 'new chief executive' })
      .expect(200);
    const opened = await t.http
      .post('/api/v1/cases')
      .set(as(t.adminToken))
      .send({ councilGssCode: 'E06000001', type: 'corporate_peer_challenge' })
      .expect(201);
    expect(opened.body.id).toBeDefined();
    const made = await t.http.post('/api/v1/plans').set(as(t.adminToken)).expect(201);
    const { summary } = made.body;
    const placed = summary.byQuarter.reduce((n: number, q: { planned: number }) => n + q.planned, 0);
    const capacity = summary.byQuarter.reduce((n: number, q: { capacity: number }) => n + q.capacity, 0);
    expect(placed).toBe(capacity); // every place used
    expect(summary.unplaceable).toBe(councils - placed);
    for (const q of summary.byQuarter) expect(q.planned).toBeLessThanOrEqual(q.capacity);
    // The quarter with the pre-election weeks (Q2) keeps capacity for its other days only.
    const q2 = summary.byQuarter.find((q: { quarter: string }) => q.quarter.endsWith('Q2'));
    expect(q2.capacity).toBeLessThan(20);

    const byCode = new Map(made.body.councils.map((c: { gssCode: string }) => [c.gssCode, c]));
    expect(byCode.get('E06000054')).toMatchObject({
      plannedQuarter: null,
      reason: expect.stringContaining('not before 2045-01-01 (new chief executive)'),
    });
    expect(byCode.get('E06000001')).toMatchObject({
      plannedQuarter: start,
      reason: 'an open case fixes its quarter',
    });
    const london = made.body.councils.filter((c: { region: string }) => c.region === 'London');
    expect(london.filter((c: { plannedQuarter: string | null }) => c.plannedQuarter).length).toBeLessThanOrEqual(8);
    const stuck = london.find((c: { plannedQuarter: string | null }) => c.plannedQuarter === null);
    expect(stuck.reason).toContain('no capacity left in its window');
    expect(stuck.reason).toMatch(/London's capacity is full in \d of its quarters/);
    expect(made.body.inputs.constraints).toEqual([
      { gssCode: 'E06000054', notBefore: '2045-01-01', notAfter: null, reason: 'new chief executive' },
    ]);
    expect(made.body.inputs.openCases).toEqual([{ gssCode: 'E06000001', quarter: start }]);
    const last = quarterName(quarterIndex(start) + 3);
    expect(summary.byQuarter.map((q: { quarter: string }) => q.quarter).at(-1)).toBe(last);
  });

  it('gives a plan as CSV by its .csv name or Accept: text/csv', async () => {
    const latest = await t.http.get('/api/v1/plans/latest').set(as(t.adminToken)).expect(200);
    const byName = await t.http.get(`/api/v1/plans/${latest.body.id}.csv`).set(as(t.adminToken)).expect(200);
    expect(byName.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(byName.headers['content-disposition']).toBe(`attachment; filename="plan-${latest.body.id}.csv"`);
    const lines = byName.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('GSS code,Council,Region,Due by,Planned for,Quarters late,Why this quarter');
    expect(lines).toHaveLength(councils + 1);
    expect(lines.find((l) => l.startsWith('E06000001,'))).toBe(
      `E06000001,Hartlepool,North East,${start},${start},0,an open case fixes its quarter`,
    );
    const accepted = await t.http
      .get('/api/v1/plans/latest')
      .set({ ...as(t.adminToken), Accept: 'text/csv' })
      .expect(200);
    expect(accepted.text).toBe(byName.text);
    const byId = await t.http.get(`/api/v1/plans/${latest.body.id}`).set(as(t.adminToken)).expect(200);
    expect(byId.body).toEqual(latest.body);
  });

  it('answers 404 for a plan that does not exist', async () => {
    await t.http.get('/api/v1/plans/999999').set(as(t.adminToken)).expect(404);
    await t.http.get('/api/v1/plans/not-a-plan').set(as(t.adminToken)).expect(404);
    await t.http.get('/api/v1/plans/99999999999999999999999.csv').set(as(t.adminToken)).expect(404);
  });

  it('lets admins run plans and every role read them', async () => {
    for (const role of ['viewer', 'peer_challenge_manager', 'principal_adviser'] as const) {
      const user = await t.as(role);
      await t.http.post('/api/v1/plans').set(as(user.token)).expect(403);
      await t.http.get('/api/v1/plans/latest').set(as(user.token)).expect(200);
    }
    await t.http.post('/api/v1/plans').expect(401);
    await t.http.get('/api/v1/plans/latest').expect(401);
  });

  it('refuses a plan run while another runs (409), writing nothing', async () => {
    const [{ n: before }] = await query<{ n: number }>(t.database.url, 'SELECT count(*)::int AS n FROM plans');
    const holder = new pg.Client({ connectionString: t.database.url });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock($1)', [DatabaseLock.PlanRun]);
      const refused = await t.http.post('/api/v1/plans').set(as(t.adminToken)).expect(409);
      expect(refused.body.message).toContain('A plan is being computed already');
      await holder.query('SELECT pg_advisory_unlock($1)', [DatabaseLock.PlanRun]);
    } finally {
      await holder.end();
    }
    const [{ n: during }] = await query<{ n: number }>(t.database.url, 'SELECT count(*)::int AS n FROM plans');
    expect(during).toBe(before);

    const statuses = await Promise.all(
      Array.from({ length: 4 }, () =>
        t.http
          .post('/api/v1/plans')
          .set(as(t.adminToken))
          .then((r) => r.status),
      ),
    );
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses).toContain(201);
    const [{ n: after }] = await query<{ n: number }>(t.database.url, 'SELECT count(*)::int AS n FROM plans');
    expect(after).toBe(before + statuses.filter((s) => s === 201).length);
  });
});
