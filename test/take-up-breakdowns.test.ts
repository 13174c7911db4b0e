import { query } from './support/environment.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Political control and LGA membership as council facts with effective dates, and the take-up report's
 * breakdowns by region, type, political control and membership (issue #18, part 3).
 */
let t: TestApp;
let viewer: string;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });
type Counts = { never: number; current: number; due: number; overdue: number };
const sum = (c: Counts) => c.never + c.current + c.due + c.overdue;
const IMPORT = '/api/v1/imports/council-facts';
const factCount = async () =>
  (await query<{ n: number }>(t.database.url, 'SELECT count(*)::int AS n FROM council_facts'))[0].n;

beforeAll(async () => {
  t = await createTestApp();
  viewer = (await t.as('viewer')).token;
  await t.http
    .post('/api/v1/imports/peer-challenges')
    .set(as(t.adminToken))
    .send([{ councilGssCode: 'E06000001', type: 'corporate_peer_challenge', onsiteStart: '2018-03-06' }])
    .expect(201);
});
afterAll(() => t.close());

describe('council facts', () => {
  it('records a fact from a day, and refuses a bad one with 400 naming the field, writing nothing', async () => {
    await t.http
      .post('/api/v1/councils/E06000001/facts')
      .set(as(t.adminToken))
      .send({ kind: 'political_control', value: 'labour', from: '2015-05-07' })
      .expect(201);
    for (const [body, field] of [
      [{ kind: 'political_control', value: 'member', from: '2019-05-02' }, 'value'],
      [{ kind: 'mood', value: 'labour', from: '2019-05-02' }, 'kind'],
      [{ kind: 'lga_membership', value: 'member', from: '2019-02-30' }, 'from'],
    ] as const) {
      const refused = await t.http
        .post('/api/v1/councils/E06000001/facts')
        .set(as(t.adminToken))
        .send(body)
        .expect(400);
      expect(refused.body.details).toEqual([expect.objectContaining({ field })]);
    }
    await t.http
      .post('/api/v1/councils/E06000001/facts')
      .set(as(viewer))
      .send({ kind: 'political_control', value: 'labour', from: '2015-05-07' })
      .expect(403);
    const facts = await t.http.get('/api/v1/councils/E06000001/facts').set(as(viewer)).expect(200);
    expect(facts.body).toEqual({
      political_control: [{ value: 'labour', from: '2015-05-07', recordedAt: expect.any(String) }],
      lga_membership: [],
    });
  });

  it('imports a CSV all or nothing: any bad row is a 400 naming its line, and nothing is written', async () => {
    const before = await factCount();
    const bad = [
      'gssCode,kind,value,from',
      'E06000002,political_control,no_overall_control,2019-05-02',
      'E99999999,political_control,labour,2019-05-02',
      'E06000003,lga_membership,maybe,2019-05-02',
      'E06000002,political_control,labour,2019-05-02',
    ].join('\n');
    const refused = await t.http
      .post(IMPORT)
      .set(as(t.adminToken))
      .set('Content-Type', 'text/csv')
      .send(bad)
      .expect(400);
    expect(refused.body.details.rows.map((r: { line: number }) => r.line)).toEqual([3, 4, 5]);
    expect(await factCount()).toBe(before);

    const good = [
      'gssCode,kind,value,from',
      '# the 2019 elections',
      'E06000001,political_control,no_overall_control,2019-05-02',
      'E06000002,political_control,conservative,2019-05-02',
      'E06000001,lga_membership,member,2012-01-01',
      'E06000002,lga_membership,on_notice,2018-06-01',
    ].join('\n');
    const imported = await t.http.post(IMPORT).set(as(t.adminToken)).set('Content-Type', 'text/csv').send(good);
    expect(imported.status).toBe(201);
    expect(imported.body).toEqual({ created: 4, updated: 0, unchanged: 0 });
    const again = await t.http.post(IMPORT).set(as(t.adminToken)).set('Content-Type', 'text/csv').send(good);
    expect(again.body).toEqual({ created: 0, updated: 0, unchanged: 4 });
    await t.http.post(IMPORT).set(as(viewer)).set('Content-Type', 'text/csv').send(good).expect(403);
  });
});

describe('the take-up breakdowns', () => {
  it('break down by region, type, political control and membership, each adding up to the total', async () => {
    for (const asOf of ['2019-05-01', '2019-05-02', '2023-06-01']) {
      const report = await t.http.get(`/api/v1/reports/take-up?asOf=${asOf}`).set(as(viewer)).expect(200);
      for (const key of ['byRegion', 'byType', 'byPoliticalControl', 'byMembership']) {
        const groups = Object.values(report.body[key] as Record<string, Counts>);
        expect(groups.reduce((n, c) => n + sum(c), 0)).toBe(report.body.councilsTotal);
        for (const status of ['never', 'current', 'due', 'overdue'] as const) {
          expect(groups.reduce((n, c) => n + c[status], 0)).toBe(report.body.counts[status]);
        }
      }
    }
  });

  it('takes each council’s facts as of the date, and counts councils with none as unknown', async () => {
    const before = await t.http.get('/api/v1/reports/take-up?asOf=2019-05-01').set(as(viewer)).expect(200);
    expect(before.body.byPoliticalControl.labour).toEqual({ never: 0, current: 1, due: 0, overdue: 0 });
    expect(before.body.byPoliticalControl.no_overall_control).toBeUndefined();
    expect(sum(before.body.byPoliticalControl.unknown)).toBe(before.body.councilsTotal - 1);
    expect(before.body.byMembership).toMatchObject({
      member: { current: 1 },
      on_notice: { never: 1 },
    });
    const after = await t.http.get('/api/v1/reports/take-up?asOf=2019-05-02').set(as(viewer)).expect(200);
    expect(after.body.byPoliticalControl.labour).toBeUndefined();
    expect(after.body.byPoliticalControl.no_overall_control).toEqual({ never: 0, current: 1, due: 0, overdue: 0 });
    expect(after.body.byPoliticalControl.conservative).toEqual({ never: 1, current: 0, due: 0, overdue: 0 });
    expect(after.body.byType.unitary.current).toBe(1);
  });

  it('shows the breakdowns on the take-up page as charts and tables, and the facts page to admins', async () => {
    const page = await t.http.get('/reports/take-up').set(as(viewer)).expect(200);
    for (const id of ['by-type', 'by-political-control', 'by-membership', 'by-region']) {
      expect(page.text).toContain(`id="${id}-chart"`);
    }
    expect(page.text).toContain('No overall control');
    const facts = await t.http.get('/councils/E06000001/facts').set(as(t.adminToken)).expect(200);
    expect(facts.text).toContain('No overall control');
    await t.http.get('/councils/E06000001/facts').set(as(viewer)).expect(403);
  });
});
