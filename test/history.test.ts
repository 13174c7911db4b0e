import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { addYears } from '#libs/councils';
import { DatabaseLock, todayInLondon } from '#libs/platform';
import { query } from './support/environment.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * History import, take-up as of any date (with reorganised councils inheriting their predecessors' history),
 * the council history, and the programme, take-up and non-engaged reports — on a history built here, so every
 * figure is known in advance. The tests run in order and build on each other's imports.
 */
const root = path.resolve(import.meta.dirname, '..');
let t: TestApp;
let viewer: string;
let manager: string;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await createTestApp();
  viewer = (await t.as('viewer')).token;
  manager = (await t.as('peer_challenge_manager')).token;
});
afterAll(() => t.close());

type Row = Record<string, unknown>;
const IMPORT = '/api/v1/imports/peer-challenges';
const importJson = (rows: unknown, token = t.adminToken) =>
  t.http
    .post(IMPORT)
    .set(as(token))
    .send(rows as object);
const importCsv = (text: string, token = t.adminToken) =>
  t.http.post(IMPORT).set(as(token)).set('Content-Type', 'text/csv').send(text);
const cpc = (councilGssCode: string, onsiteStart: string, more: Row = {}): Row => ({
  councilGssCode,
  type: 'corporate_peer_challenge',
  onsiteStart,
  ...more,
});
const ofType = (type: string, councilGssCode: string, onsiteStart: string, more: Row = {}): Row => ({
  councilGssCode,
  type,
  onsiteStart,
  ...more,
});

const caseCount = async () => (await query<{ n: number }>(t.database.url, 'SELECT count(*)::int AS n FROM cases'))[0].n;

function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A council's take-up on a date, through `GET /councils?q=<code>&asOf=`. */
async function takeUpOn(gssCode: string, asOf: string) {
  const response = await t.http.get(`/api/v1/councils?q=${gssCode}&asOf=${asOf}`).set(as(viewer)).expect(200);
  expect(response.body.total).toBe(1);
  expect(response.body.items[0].gssCode).toBe(gssCode);
  return response.body.items[0].takeUp as { status: string; lastCpcDate: string | null };
}

async function programme(financialYear: number, asOf?: string) {
  const response = await t.http
    .get(`/api/v1/reports/programme?financialYear=${financialYear}${asOf ? `&asOf=${asOf}` : ''}`)
    .set(as(viewer));
  expect(response.status).toBe(200);
  return response.body;
}

const csvLines = (text: string) => text.split(/\r?\n/).filter((line) => line !== '');

// ---------------------------------------------------------------------------------------------------------------
// The programme report first, while the database holds no other cases: 353 councils exist in 2015/16 (365 in the
// register, less the 12 created from 2019), and this history decides every figure.
// ---------------------------------------------------------------------------------------------------------------
describe('the programme report on a constructed history (2015/16)', () => {
  const COUNCILS_IN_2015 = 353;
  const history: Row[] = [
    // Before the year: three councils engaged (the last on 31 March 2015), two did not in a way that counts.
    cpc('E09000001', '2013-05-01'),
    ofType('finance_peer_review', 'E09000002', '2014-11-18', { onsiteEnd: '2014-11-20' }),
    cpc('E09000004', '2015-03-30', { feedbackPresented: '2015-03-31' }),
    ofType('fire_and_rescue', 'E09000005', '2014-06-01'),
    cpc('E09000008', '2011-06-01'), // before the 2012 baseline
    // During the year (1 April 2015 – 31 March 2016, 366 days).
    cpc('E09000009', '2015-04-01'),
    ofType('finance_peer_review', 'E09000010', '2015-05-18', { onsiteEnd: '2015-05-20' }),
    cpc('E09000011', '2015-06-29', {
      onsiteEnd: '2015-07-01',
      feedbackPresented: '2015-07-01',
      reportPublished: '2015-08-20',
    }),
    ofType('fire_and_rescue', 'E09000012', '2015-08-10'),
    ofType('finance_peer_review', 'E09000001', '2015-06-15'), // a council already engaged: 1.1 only
    cpc('E09000013', '2015-09-28', { onsiteEnd: '2015-09-30', feedbackPresented: '2015-09-30' }),
    cpc('E09000014', '2015-09-29', { onsiteEnd: '2015-09-30', feedbackPresented: '2015-10-01' }), // counts 1 Oct
    ofType('other', 'E09000015', '2015-12-01'),
    cpc('E09000016', '2016-02-29'),
    cpc('E09000017', '2016-03-30', { feedbackPresented: '2016-03-31' }),
    // The next year.
    cpc('E09000018', '2016-04-01'),
  ];
  // Five-year take-up on 1 April 2015: 353 less the three engaged before it (a CPC, an FPR, a CPC).
  const NEVER_2015 = COUNCILS_IN_2015 - 3;
  // Measure 1.2 counts corporate peer challenges only: 353 less the two councils with a CPC before 1 April 2015
  // (E09000002's finance peer review does not count). 2% fewer: floor(351 × 0.98) = 343.
  const BASELINE = COUNCILS_IN_2015 - 2;

  beforeAll(async () => {
    expect(await caseCount()).toBe(0);
    const imported = await importJson(history);
    expect(imported.status).toBe(201);
    expect(imported.body).toEqual({ created: history.length, unchanged: 0 });
    await t.http
      .put('/api/v1/reports/targets/2015')
      .set(as(t.adminToken))
      .send({ challengesTotal: 12, corporateOrFinance: 10, neverReductionPercent: 2 })
      .expect(200);
  });

  it('counts the councils that exist on 1 April 2015', async () => {
    const report = await t.http.get('/api/v1/reports/take-up?asOf=2015-04-01').set(as(viewer)).expect(200);
    expect(report.body.councilsTotal).toBe(COUNCILS_IN_2015);
  });

  it('charts the councils with no CPC since 2012 (and never challenged) on each 1 April, and today', async () => {
    const trend = await t.http.get('/api/v1/reports/never-over-time').set(as(viewer)).expect(200);
    const today = todayInLondon();
    const point = (date: string) => trend.body.points.find((p: { date: string }) => p.date === date);
    expect(trend.body).toMatchObject({ region: null, baselineDate: '2012-01-01' });
    expect(trend.body.points[0].date).toBe('2013-04-01');
    expect(trend.body.points.at(-1).date).toBe(today);
    // Each 1 April counts the challenges before that day, as the 1.2 baseline does. 2013: nobody yet (the 2011
    // challenge is before the baseline). 2015: three engaged, two of them with a CPC. 2016: ten, eight of them
    // with a CPC (not the one delivered on 1 April 2016 itself; fire and "other" reviews do not count, and a
    // finance peer review counts for five-year take-up only).
    expect(point('2013-04-01')).toEqual({
      date: '2013-04-01',
      councils: COUNCILS_IN_2015,
      never: COUNCILS_IN_2015,
      noCpcSince2012: COUNCILS_IN_2015,
    });
    expect(point('2015-04-01')).toEqual({
      date: '2015-04-01',
      councils: COUNCILS_IN_2015,
      never: NEVER_2015,
      noCpcSince2012: BASELINE,
    });
    expect(point('2016-04-01')).toEqual({
      date: '2016-04-01',
      councils: COUNCILS_IN_2015,
      never: COUNCILS_IN_2015 - 10,
      noCpcSince2012: COUNCILS_IN_2015 - 8,
    });
    expect(point(today)).toMatchObject({ councils: 317 });
    const london = await t.http.get('/api/v1/reports/never-over-time?region=London').set(as(viewer)).expect(200);
    expect(london.body.points.find((p: { date: string }) => p.date === '2016-04-01')).toEqual({
      date: '2016-04-01',
      councils: 33,
      never: 23,
      noCpcSince2012: 25,
    });
    const refused = await t.http.get('/api/v1/reports/never-over-time?region=Narnia').set(as(viewer)).expect(400);
    expect(refused.body.details).toEqual([expect.objectContaining({ field: 'region' })]);
  });

  it('keeps the targets per year; only an admin sets them', async () => {
    const targets = await t.http.get('/api/v1/reports/targets/2015').set(as(viewer)).expect(200);
    expect(targets.body).toMatchObject({ challengesTotal: 12, corporateOrFinance: 10, neverReductionPercent: 2 });
    const preloaded = await t.http.get('/api/v1/reports/targets/2018').set(as(viewer)).expect(200);
    expect(preloaded.body).toMatchObject({ challengesTotal: 110, corporateOrFinance: 70, neverReductionPercent: 50 });
    // Found by test/fuzz.test.ts: a year beyond PostgreSQL's integer was a 500.
    await t.http.get('/api/v1/reports/targets/99999999999999999999').set(as(viewer)).expect(400);
    await t.http
      .put('/api/v1/reports/targets/2015')
      .set(as(manager))
      .send({ challengesTotal: 1, corporateOrFinance: 1, neverReductionPercent: 1 })
      .expect(403);
    const unchanged = await t.http.get('/api/v1/reports/targets/2015').set(as(viewer)).expect(200);
    expect(unchanged.body).toMatchObject({ challengesTotal: 12, corporateOrFinance: 10, neverReductionPercent: 2 });
  });

  // Only imported (delivered) challenges here: nothing is confirmed or in discussion, so a figure short of its
  // target is Red until it is met (the pipeline's Amber: test/pipeline.test.ts).
  const none = { total: 0, corporateOrFinance: 0 };
  const challenges = (target: [number, number], delivered: [number, number], rag: string) => ({
    id: '1.1',
    target: { total: target[0], corporateOrFinance: target[1] },
    actual: { total: delivered[0], corporateOrFinance: delivered[1] },
    delivered: { total: delivered[0], corporateOrFinance: delivered[1] },
    confirmed: none,
    inDiscussion: none,
    rag,
  });
  const withoutCpc = (baseline: number, target: number, actual: number, rag: string) => ({
    id: '1.2',
    baseline,
    target,
    actual,
    delivered: baseline - actual,
    confirmed: 0,
    inDiscussion: 0,
    rag,
  });

  it('on 30 September 2015, with nothing confirmed or in discussion, is Red short of the targets', async () => {
    const report = await programme(2015, '2015-09-30');
    expect(report).toMatchObject({ financialYear: 2015, asOf: '2015-09-30', targetsFrom: 2015 });
    expect(report.deliverables).toEqual([
      // E09000009, E09000010, E09000011, E09000012 (fire), E09000001 (finance), E09000013; not yet E09000014
      challenges([12, 10], [6, 5], 'Red'),
      // three councils had their first CPC (E09000010's FPR does not count)
      withoutCpc(BASELINE, 343, BASELINE - 3, 'Red'),
    ]);
  });

  it('counts what was delivered by the day asked: 29 September 2015 has one fewer of each', async () => {
    const report = await programme(2015, '2015-09-29');
    expect(report.asOf).toBe('2015-09-29');
    expect(report.deliverables).toEqual([
      challenges([12, 10], [5, 4], 'Red'),
      withoutCpc(BASELINE, 343, BASELINE - 2, 'Red'),
    ]);
  });

  it('at the year end: 1.1 Red (not met), 1.2 Red (345, not 343); the year end is the default', async () => {
    const expected = [
      challenges([12, 10], [10, 8], 'Red'),
      // six first CPCs in the year: E09000009, 11, 13, 14, 16 and 17
      withoutCpc(BASELINE, 343, BASELINE - 6, 'Red'),
    ];
    const atEnd = await programme(2015, '2016-03-31');
    expect(atEnd.deliverables).toEqual(expected);
    const byDefault = await programme(2015);
    expect(byDefault.asOf).toBe('2016-03-31');
    expect(byDefault.deliverables).toEqual(expected);
  });

  it('turns 1.1 Green when the targets are met, and carries the targets into a year without its own', async () => {
    await t.http
      .put('/api/v1/reports/targets/2015')
      .set(as(t.adminToken))
      .send({ challengesTotal: 10, corporateOrFinance: 8, neverReductionPercent: 2 })
      .expect(200);
    const atEnd = await programme(2015);
    expect(atEnd.deliverables[0]).toMatchObject({ actual: { total: 10, corporateOrFinance: 8 }, rag: 'Green' });

    // 2016/17, first day: 345 councils still without a CPC on 1 April 2016; target floor(345 × 0.98) = 338.
    const next = await programme(2016, '2016-04-01');
    expect(next).toMatchObject({ financialYear: 2016, asOf: '2016-04-01', targetsFrom: 2015 });
    expect(next.deliverables).toEqual([challenges([10, 8], [1, 1], 'Red'), withoutCpc(345, 338, 344, 'Red')]);
  });

  it('keeps the history of the targets: who changed them and when', async () => {
    const history = await t.http.get('/api/v1/reports/targets/2015/history').set(as(viewer)).expect(200);
    expect(history.body).toEqual([
      expect.objectContaining({
        financialYear: 2015,
        challengesTotal: 10,
        changedBy: expect.objectContaining({ email: 'admin@example.org' }),
      }),
      expect.objectContaining({ financialYear: 2015, challengesTotal: 12, corporateOrFinance: 10 }),
    ]);
    expect(new Date(history.body[0].changedAt).getTime()).toBeGreaterThanOrEqual(
      new Date(history.body[1].changedAt).getTime(),
    );
    const refused = await t.http
      .put('/api/v1/reports/targets/2015')
      .set(as(t.adminToken))
      .send({ challengesTotal: -1, corporateOrFinance: 8, neverReductionPercent: 2 })
      .expect(400);
    expect(refused.body.details).toEqual([expect.objectContaining({ field: 'challengesTotal' })]);
    const after = await t.http.get('/api/v1/reports/targets/2015/history').set(as(viewer)).expect(200);
    expect(after.body).toHaveLength(2);
    const preloaded = await t.http.get('/api/v1/reports/targets/2018/history').set(as(viewer)).expect(200);
    expect(preloaded.body).toEqual([
      expect.objectContaining({ financialYear: 2018, challengesTotal: 110, changedBy: { id: null, email: null } }),
    ]);
  });

  it('refuses a date before the year and a year that is not one', async () => {
    await t.http.get('/api/v1/reports/programme?financialYear=2015&asOf=2015-03-31').set(as(viewer)).expect(400);
    await t.http.get('/api/v1/reports/programme?financialYear=twenty').set(as(viewer)).expect(400);
    await t.http.get('/api/v1/reports/programme').set(as(viewer)).expect(400);
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('importing peer challenges', () => {
  it('imports JSON and CSV, idempotently on council + type + onsite start', async () => {
    const rows = [
      cpc('E06000006', '2017-05-02'),
      cpc('E06000007', '2017-06-05', { onsiteEnd: '2017-06-07' }),
      ofType('finance_peer_review', 'e06000008', '2018-01-15', {
        onsiteEnd: '2018-01-17',
        feedbackPresented: '2018-01-18',
        reportPublished: '2018-03-01',
      }),
    ];
    const first = await importJson(rows);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ created: 3, unchanged: 0 });
    const again = await importJson(rows);
    expect(again.status).toBe(201);
    expect(again.body).toEqual({ created: 0, unchanged: 3 });

    // The same challenges as CSV (Windows line endings, a comment, a blank line), plus one new one.
    const csv = [
      'councilGssCode,type,onsiteStart,onsiteEnd,feedbackPresented,reportPublished',
      '# exported from the old spreadsheet',
      'E06000006,corporate_peer_challenge,2017-05-02,,,',
      'E06000007,corporate_peer_challenge,2017-06-05,2017-06-07,,',
      '',
      'E06000008,finance_peer_review,2018-01-15,2018-01-17,2018-01-18,2018-03-01',
      'E06000009,corporate_peer_challenge,2014-02-03,2014-02-05,2014-02-06,2014-04-01',
    ].join('\r\n');
    const withNew = await importCsv(csv);
    expect(withNew.status).toBe(201);
    expect(withNew.body).toEqual({ created: 1, unchanged: 3 });
    const csvAgain = await importCsv(csv);
    expect(csvAgain.body).toEqual({ created: 0, unchanged: 4 });
  });

  it('waits for another bulk write of cases to finish before it starts (they would lock councils in turn)', async () => {
    const holder = new pg.Client({ connectionString: t.database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1)', [DatabaseLock.CaseImport]);
      let answered = false;
      const importing = importJson([cpc('E06000006', '2017-05-02')]).then((response) => {
        answered = true;
        return response;
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(answered).toBe(false);
      await holder.query('COMMIT');
      const response = await importing;
      expect([response.status, response.body]).toEqual([201, { created: 0, unchanged: 1 }]);
    } finally {
      await holder.end();
    }
  });

  it('creates closed historical cases that count on feedback, else onsite end, else onsite start', async () => {
    const delivered = async (gssCode: string) => {
      const response = await t.http.get(`/api/v1/cases?councilGssCode=${gssCode}`).set(as(viewer)).expect(200);
      expect(response.body.total).toBe(1);
      return response.body.items[0];
    };
    expect(await delivered('E06000006')).toMatchObject({
      councilGssCode: 'E06000006',
      type: 'corporate_peer_challenge',
      stage: 'closed',
      onsiteStart: '2017-05-02',
      deliveredOn: '2017-05-02',
    });
    expect(await delivered('E06000007')).toMatchObject({ stage: 'closed', deliveredOn: '2017-06-07' });
    expect(await delivered('E06000008')).toMatchObject({
      councilGssCode: 'E06000008',
      type: 'finance_peer_review',
      stage: 'closed',
      deliveredOn: '2018-01-18',
    });
    expect(await takeUpOn('E06000008', '2018-01-17')).toEqual({ status: 'never', lastCpcDate: null });
    expect(await takeUpOn('E06000008', '2018-01-18')).toEqual({ status: 'current', lastCpcDate: '2018-01-18' });
  });

  it('refuses a JSON file with bad rows, naming every one by its position, and writes nothing', async () => {
    const before = await caseCount();
    const tomorrow = shiftDays(todayInLondon(), 1);
    const rows = [
      cpc('E07000061', '2017-03-01'), // 1: fine
      cpc('E99999999', '2017-03-01'), // 2: no such council
      ofType('peer_review', 'E07000062', '2017-03-01'), // 3: no such type
      cpc('E07000063', '2017-02-30'), // 4: no such day
      cpc('E07000064', '2017-03-06', { onsiteEnd: '2017-03-03' }), // 5: ends before it starts
      cpc('E07000065', tomorrow), // 6: in the future
      cpc('E06000059', '2019-03-15'), // 7: Dorset Council from 1 April 2019
      cpc('E07000049', '2019-04-01'), // 8: East Dorset until 31 March 2019
      cpc('E07000066', '2016-10-10'), // 9: fine
      cpc('e07000066', '2016-10-10', { onsiteEnd: '2016-10-12' }), // 10: line 9 again
      cpc('E07000067', '2016-10-10', { notes: 'went well' }), // 11: unknown field
      cpc('E07000068', '2016-10-10', { reportPublished: tomorrow }), // 12: published in the future
    ];
    const response = await importJson(rows);
    expect(response.status).toBe(400);
    const bad = response.body.details.rows as Array<{ line: number; problems: string[] }>;
    expect(bad.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 10, 11, 12]);
    const problems = (line: number) => bad.find((r) => r.line === line)!.problems.join(' | ');
    expect(problems(2)).toMatch(/E99999999/);
    expect(problems(3)).toMatch(/type/);
    expect(problems(4)).toMatch(/onsiteStart/);
    expect(problems(5)).toMatch(/onsiteEnd.*before.*onsiteStart/);
    expect(problems(6)).toMatch(/future/);
    expect(problems(7)).toMatch(/E06000059.*2019-04-01/);
    expect(problems(8)).toMatch(/E07000049.*2019-03-31/);
    expect(problems(10)).toMatch(/line 9/);
    expect(problems(11)).toMatch(/notes/);
    expect(problems(12)).toMatch(/reportPublished.*future/);
    expect(await caseCount()).toBe(before);
    expect(await takeUpOn('E07000061', todayInLondon())).toEqual({ status: 'never', lastCpcDate: null });
  });

  it('refuses a CSV file with bad rows, naming the file’s own line numbers, and writes nothing', async () => {
    const before = await caseCount();
    const csv = [
      'councilGssCode,type,onsiteStart,onsiteEnd,feedbackPresented,reportPublished', // 1
      'E07000061,corporate_peer_challenge,2017-03-01,2017-03-03,2017-03-03,2017-05-01', // 2
      '# a comment', // 3
      'E99999999,corporate_peer_challenge,2017-03-01,,,', // 4
      '', // 5
      'E07000061,corporate_peer_challenge,2017-03-01,,,', // 6: line 2 again
      'E06000059,finance_peer_review,2018-06-01,,,', // 7: Dorset Council did not exist yet
      'E07000062,corporate_peer_challenge,2017-03-01,2017-03-03,2017-03-03,', // 8: fine
      'E07000063,fire_and_rescue,2017-13-01,,,', // 9: no 13th month
      'E07000064,corporate_peer_challenge,2017-03-06,2017-03-07,2017-03-02,', // 10: feedback before onsite start
      '',
    ].join('\n');
    const response = await importCsv(csv);
    expect(response.status).toBe(400);
    const bad = response.body.details.rows as Array<{ line: number; problems: string[] }>;
    expect(bad.map((r) => r.line)).toEqual([4, 6, 7, 9, 10]);
    expect(bad[0].problems.join()).toMatch(/E99999999/);
    expect(bad[1].problems.join()).toMatch(/line 2/);
    expect(bad[2].problems.join()).toMatch(/E06000059.*2019-04-01/);
    expect(bad[3].problems.join()).toMatch(/onsiteStart/);
    expect(bad[4].problems.join()).toMatch(/feedbackPresented.*before.*onsiteStart/);
    expect(await caseCount()).toBe(before);
  });

  it('refuses a JSON row that is not an object (null) with 400 naming it, and writes nothing', async () => {
    const before = await caseCount();
    const response = await importJson([cpc('E07000061', '2017-03-01'), null, 'E07000062']);
    expect(response.status).toBe(400);
    expect(response.body.details.rows.map((r: { line: number }) => r.line)).toEqual([2, 3]);
    expect(await caseCount()).toBe(before);
  });

  it('refuses a body that is not an array or CSV', async () => {
    await importJson(cpc('E07000061', '2017-03-01')).expect(400);
    expect(await takeUpOn('E07000061', todayInLondon())).toEqual({ status: 'never', lastCpcDate: null });
  });

  it('is for admins only', async () => {
    const before = await caseCount();
    await importJson([cpc('E07000061', '2017-03-01')], manager).expect(403);
    await importCsv('councilGssCode,type,onsiteStart\nE07000061,corporate_peer_challenge,2017-03-01\n', viewer).expect(
      403,
    );
    await t.http
      .post(IMPORT)
      .send([cpc('E07000061', '2017-03-01')])
      .expect(401);
    expect(await caseCount()).toBe(before);
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('take-up as of any date', () => {
  const today = todayInLondon();
  const fourYearsAgo = addYears(today, -4);
  const fiveYearsAgo = addYears(today, -5);

  beforeAll(async () => {
    const imported = await importJson([
      // Adur: delivered (feedback) on 16 June 2016, two days after the visit ended.
      cpc('E07000223', '2016-06-13', {
        onsiteEnd: '2016-06-14',
        feedbackPresented: '2016-06-16',
        reportPublished: '2016-08-01',
      }),
      cpc('E07000224', '2011-12-31'), // Arun: the day before the baseline
      cpc('E07000225', '2011-12-30', { onsiteEnd: '2012-01-01' }), // Chichester: delivered on the baseline day
      cpc('E07000226', '2016-02-29'), // Crawley: a leap day
      cpc('E07000227', '2013-03-04', { onsiteEnd: '2013-03-06', feedbackPresented: '2013-03-06' }), // Horsham
      ofType('finance_peer_review', 'E07000227', '2019-10-07', { onsiteEnd: '2019-10-09' }),
      ofType('other', 'E07000228', '2015-05-05'), // Mid Sussex: types that do not count
      ofType('fire_and_rescue', 'E07000228', '2020-05-05'),
      cpc('E07000229', fourYearsAgo), // Worthing: the 4th anniversary is today
      cpc('E06000001', shiftDays(fourYearsAgo, 1)), // Hartlepool: tomorrow
      cpc('E06000002', fiveYearsAgo), // Middlesbrough: the 5th anniversary is today
      cpc('E06000003', shiftDays(fiveYearsAgo, 1)), // Redcar and Cleveland: tomorrow
    ]);
    expect(imported.status).toBe(201);
    expect(imported.body).toEqual({ created: 12, unchanged: 0 });
  });

  it.each([
    ['2016-06-15', 'never', null], // the visit is over but feedback is not presented
    ['2016-06-16', 'current', '2016-06-16'],
    ['2020-06-15', 'current', '2016-06-16'], // the day before the 4th anniversary
    ['2020-06-16', 'due', '2016-06-16'], // the 4th anniversary
    ['2021-06-15', 'due', '2016-06-16'], // the day before the 5th anniversary
    ['2021-06-16', 'overdue', '2016-06-16'], // the 5th anniversary
  ])('Adur as of %s: %s', async (asOf, status, lastCpcDate) => {
    expect(await takeUpOn('E07000223', asOf)).toEqual({ status, lastCpcDate });
  });

  it('filters councils by take-up as of a date', async () => {
    const filtered = async (takeUp: string, asOf: string, q = 'E07000223') =>
      (await t.http.get(`/api/v1/councils?q=${q}&takeUp=${takeUp}&asOf=${asOf}`).set(as(viewer)).expect(200)).body;
    expect((await filtered('current', '2020-06-15')).total).toBe(1);
    expect((await filtered('due', '2020-06-15')).total).toBe(0);
    expect((await filtered('due', '2020-06-16')).total).toBe(1);
    expect((await filtered('current', '2020-06-16')).total).toBe(0);
    expect((await filtered('overdue', '2021-06-16')).total).toBe(1);

    const due = await t.http.get('/api/v1/councils?takeUp=due&asOf=2020-06-16&limit=1000').set(as(viewer)).expect(200);
    const codes = due.body.items.map((c: { gssCode: string }) => c.gssCode);
    expect(codes).toContain('E07000223');
    expect(codes).not.toContain('E07000224');
    expect(due.body.total).toBe(due.body.items.length);
    for (const council of due.body.items) expect(council.takeUp.status).toBe('due');
  });

  it('counts from 1 January 2012: a challenge on that day counts, one the day before does not', async () => {
    expect(await takeUpOn('E07000225', '2011-12-31')).toEqual({ status: 'never', lastCpcDate: null });
    expect(await takeUpOn('E07000225', '2012-01-01')).toEqual({ status: 'current', lastCpcDate: '2012-01-01' });
    expect(await takeUpOn('E07000225', '2015-12-31')).toEqual({ status: 'current', lastCpcDate: '2012-01-01' });
    expect(await takeUpOn('E07000225', '2016-01-01')).toEqual({ status: 'due', lastCpcDate: '2012-01-01' });
    expect(await takeUpOn('E07000225', '2017-01-01')).toEqual({ status: 'overdue', lastCpcDate: '2012-01-01' });
    for (const asOf of ['2012-01-01', '2014-06-01', today]) {
      expect(await takeUpOn('E07000224', asOf)).toEqual({ status: 'never', lastCpcDate: null });
    }
  });

  it.each([
    ['2020-02-28', 'current'],
    ['2020-02-29', 'due'],
    ['2021-02-27', 'due'],
    ['2021-02-28', 'overdue'], // no 29 February in 2021
  ])('a challenge on 29 February 2016, as of %s: %s', async (asOf, status) => {
    expect(await takeUpOn('E07000226', asOf)).toEqual({ status, lastCpcDate: '2016-02-29' });
  });

  it('takes the last challenge on or before the date, of the types that count', async () => {
    expect(await takeUpOn('E07000227', '2019-10-08')).toEqual({ status: 'overdue', lastCpcDate: '2013-03-06' });
    expect(await takeUpOn('E07000227', '2019-10-09')).toEqual({ status: 'current', lastCpcDate: '2019-10-09' });
    expect(await takeUpOn('E07000227', '2013-03-05')).toEqual({ status: 'never', lastCpcDate: null });
    expect(await takeUpOn('E07000228', today)).toEqual({ status: 'never', lastCpcDate: null });
  });

  it.each([
    ['E07000229', 'due', fourYearsAgo],
    ['E06000001', 'current', shiftDays(fourYearsAgo, 1)],
    ['E06000002', 'overdue', fiveYearsAgo],
    ['E06000003', 'due', shiftDays(fiveYearsAgo, 1)],
    ['E07000223', 'overdue', '2016-06-16'],
    ['E07000224', 'never', null],
  ])('GET /councils/%s reckons take-up today: %s', async (gssCode, status, lastCpcDate) => {
    const detail = await t.http.get(`/api/v1/councils/${gssCode}`).set(as(viewer)).expect(200);
    expect(detail.body.takeUp).toEqual({ status, lastCpcDate });
    expect(await takeUpOn(gssCode, today)).toEqual({ status, lastCpcDate });
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('reorganised councils inherit their predecessors’ history', () => {
  beforeAll(async () => {
    const imported = await importJson([
      cpc('E07000049', '2016-05-09', { onsiteEnd: '2016-05-11', feedbackPresented: '2016-05-11' }), // East Dorset
      cpc('E07000190', '2015-10-01'), // Taunton Deane → Somerset West and Taunton (2019) → Somerset (2023)
    ]);
    expect(imported.body).toEqual({ created: 2, unchanged: 0 });
  });

  it('counts East Dorset’s challenge for Dorset Council', async () => {
    expect(await takeUpOn('E07000049', '2019-03-31')).toEqual({ status: 'current', lastCpcDate: '2016-05-11' });
    expect(await takeUpOn('E06000059', '2019-04-01')).toEqual({ status: 'current', lastCpcDate: '2016-05-11' });
    expect(await takeUpOn('E06000059', '2020-05-10')).toEqual({ status: 'current', lastCpcDate: '2016-05-11' });
    expect(await takeUpOn('E06000059', '2020-05-11')).toEqual({ status: 'due', lastCpcDate: '2016-05-11' });
    expect(await takeUpOn('E06000059', '2021-05-11')).toEqual({ status: 'overdue', lastCpcDate: '2016-05-11' });
    const detail = await t.http.get('/api/v1/councils/E06000059').set(as(viewer)).expect(200);
    expect(detail.body.takeUp).toEqual({ status: 'overdue', lastCpcDate: '2016-05-11' });
    expect(detail.body.predecessors.map((p: { gssCode: string }) => p.gssCode)).toContain('E07000049');
    // Bournemouth, Christchurch and Poole was formed the same day from other councils.
    expect(await takeUpOn('E06000058', '2019-04-01')).toEqual({ status: 'never', lastCpcDate: null });
  });

  it('inherits through more than one reorganisation', async () => {
    expect(await takeUpOn('E07000246', '2019-04-01')).toEqual({ status: 'current', lastCpcDate: '2015-10-01' });
    expect(await takeUpOn('E06000066', '2023-04-01')).toEqual({ status: 'overdue', lastCpcDate: '2015-10-01' });
  });

  it('lists the predecessor’s challenge in the successor’s history, marked viaPredecessor', async () => {
    const history = await t.http.get('/api/v1/councils/E06000059/history').set(as(viewer)).expect(200);
    expect(history.body.council).toMatchObject({ gssCode: 'E06000059', name: 'Dorset Council' });
    expect(history.body.takeUp).toEqual({ status: 'overdue', lastCpcDate: '2016-05-11' });
    expect(history.body.cases).toEqual([
      expect.objectContaining({
        councilGssCode: 'E07000049',
        councilName: 'East Dorset',
        type: 'corporate_peer_challenge',
        stage: 'closed',
        onsiteStart: '2016-05-09',
        deliveredOn: '2016-05-11',
        imported: true,
        viaPredecessor: true,
      }),
    ]);
    const own = await t.http.get('/api/v1/councils/E07000049/history').set(as(viewer)).expect(200);
    expect(own.body.cases).toEqual([expect.objectContaining({ councilGssCode: 'E07000049', viaPredecessor: false })]);
    const twice = await t.http.get('/api/v1/councils/E06000066/history').set(as(viewer)).expect(200);
    expect(twice.body.cases).toEqual([
      expect.objectContaining({ councilGssCode: 'E07000190', councilName: 'Taunton Deane', viaPredecessor: true }),
    ]);
  });

  it('lists the council’s own challenges with its predecessors’, newest first', async () => {
    await importJson([cpc('E06000059', '2019-06-03', { onsiteEnd: '2019-06-05', reportPublished: '2019-08-01' })])
      .expect(201)
      .expect({ created: 1, unchanged: 0 });
    expect(await takeUpOn('E06000059', '2019-06-05')).toEqual({ status: 'current', lastCpcDate: '2019-06-05' });
    const history = await t.http.get('/api/v1/councils/E06000059/history').set(as(viewer)).expect(200);
    expect(
      history.body.cases.map((c: Row) => [c.councilGssCode, c.deliveredOn, c.reportPublished, c.viaPredecessor]),
    ).toEqual([
      ['E06000059', '2019-06-05', '2019-08-01', false],
      ['E07000049', '2016-05-11', null, true],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('the take-up report', () => {
  type Counts = { never: number; current: number; due: number; overdue: number };
  const sum = (c: Counts) => c.never + c.current + c.due + c.overdue;

  it('counts only the councils that exist on the date, and the counts add up', async () => {
    const totals: Record<string, number> = { '2019-03-31': 353, '2019-04-01': 343, [todayInLondon()]: 317 };
    for (const [asOf, total] of Object.entries(totals)) {
      const report = await t.http.get(`/api/v1/reports/take-up?asOf=${asOf}`).set(as(viewer)).expect(200);
      expect(report.body).toMatchObject({ asOf, baselineDate: '2012-01-01', councilsTotal: total });
      expect(sum(report.body.counts)).toBe(total);
      expect(report.body.councils).toHaveLength(total);
      const byRegion = Object.values(report.body.byRegion as Record<string, Counts>);
      expect(byRegion.reduce((n, c) => n + sum(c), 0)).toBe(total);
      for (const status of ['never', 'current', 'due', 'overdue'] as const) {
        expect(
          report.body.councils.filter((c: { takeUp: { status: string } }) => c.takeUp.status === status),
        ).toHaveLength(report.body.counts[status]);
      }
    }
    const before = await t.http.get('/api/v1/reports/take-up?asOf=2019-03-31').set(as(viewer)).expect(200);
    const codesBefore = before.body.councils.map((c: { gssCode: string }) => c.gssCode);
    expect(codesBefore).toContain('E07000049');
    expect(codesBefore).not.toContain('E06000059');
    const after = await t.http.get('/api/v1/reports/take-up?asOf=2019-04-01').set(as(viewer)).expect(200);
    const dorset = after.body.councils.find((c: { gssCode: string }) => c.gssCode === 'E06000059');
    expect(dorset).toMatchObject({ name: 'Dorset Council', takeUp: { status: 'current', lastCpcDate: '2016-05-11' } });
    expect(after.body.councils.map((c: { gssCode: string }) => c.gssCode)).not.toContain('E07000049');
  });

  it('breaks down by region, and filters to one', async () => {
    const all = await t.http.get('/api/v1/reports/take-up?asOf=2020-06-16').set(as(viewer)).expect(200);
    const southEast = await t.http
      .get('/api/v1/reports/take-up?asOf=2020-06-16&region=South%20East')
      .set(as(viewer))
      .expect(200);
    expect(southEast.body.counts).toEqual(all.body.byRegion['South East']);
    expect(southEast.body.councilsTotal).toBe(sum(all.body.byRegion['South East']));
    expect(southEast.body.councils.every((c: { region: string }) => c.region === 'South East')).toBe(true);
    expect(southEast.body.councils.find((c: { gssCode: string }) => c.gssCode === 'E07000223').takeUp).toEqual({
      status: 'due',
      lastCpcDate: '2016-06-16',
    });
  });

  it('gives CSV with a header line and one line per council', async () => {
    const json = await t.http.get('/api/v1/reports/take-up?asOf=2020-06-16').set(as(viewer)).expect(200);
    const csv = await t.http.get('/api/v1/reports/take-up?asOf=2020-06-16&format=csv').set(as(viewer)).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csvLines(csv.text);
    expect(lines[0]).toBe('GSS code,Council,Type,Region,Take-up,Last corporate peer challenge');
    expect(lines).toHaveLength(json.body.councilsTotal + 1);
    expect(lines).toContain('E07000223,Adur,District,South East,Due,2016-06-16');
    expect(lines).toContain('E07000224,Arun,District,South East,Never,');
    expect(lines.find((l) => l.startsWith('E06000058,'))).toBe(
      'E06000058,"Bournemouth, Christchurch and Poole",Unitary,South West,Never,',
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('the non-engaged report', () => {
  it('lists the existing councils with no challenge since 2012, with notes counted, as JSON and CSV', async () => {
    await t.http
      .post('/api/v1/councils/E06000058/notes')
      .set(as(t.adminToken))
      .send({ text: 'Chief executive asked to be called after the budget.' })
      .expect(201);
    const takeUp = await t.http.get('/api/v1/reports/take-up').set(as(viewer)).expect(200);
    const never = takeUp.body.counts.never as number;

    const json = await t.http.get('/api/v1/reports/non-engaged').set(as(viewer)).expect(200);
    expect(json.body.councils).toHaveLength(never);
    const codes = json.body.councils.map((c: { gssCode: string }) => c.gssCode);
    expect(codes).toEqual(expect.arrayContaining(['E06000058', 'E07000224', 'E07000228', 'E09000005']));
    for (const code of ['E07000223', 'E06000059', 'E07000049', 'E09000009', 'E07000246']) {
      expect(codes).not.toContain(code);
    }

    const csv = await t.http.get('/api/v1/reports/non-engaged?format=csv').set(as(viewer)).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csvLines(csv.text);
    expect(lines[0]).toBe('GSS code,Council,Region,Last nudged,Notes');
    expect(lines).toHaveLength(never + 1);
    expect(lines).toContain('E06000058,"Bournemouth, Christchurch and Poole",South West,,1');
    expect(lines).toContain('E07000224,Arun,South East,,0');
    expect(lines.some((l) => l.startsWith('E07000223,'))).toBe(false);
    expect(lines.some((l) => l.startsWith('E07000049,'))).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------------------------
describe('the import-history command', () => {
  const demo = 'data/demo/peer-challenges.example.csv';
  const demoRows =
    readFileSync(path.join(root, demo), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#')).length - 1;
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'import-history-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function importHistory(file: string) {
    return spawnSync(process.execPath, [path.join(root, 'dist/apps/cli/src/main.js'), 'import-history', file], {
      cwd: root,
      env: { PATH: process.env.PATH, DATABASE_URL: t.database.url, NODE_ENV: 'test' },
      encoding: 'utf8',
    });
  }

  it('imports the demo history with a summary, and imports nothing new the second time', async () => {
    expect(demoRows).toBe(40);
    const before = await caseCount();
    const first = importHistory(demo);
    expect(first.stderr).not.toMatch(/line \d+:/);
    expect(first.stdout).toContain(`${demoRows} row(s): ${demoRows} peer challenge(s) imported, 0 already there.`);
    expect(first.status).toBe(0);
    expect(await caseCount()).toBe(before + demoRows);

    const second = importHistory(demo);
    expect(second.stdout).toContain(`${demoRows} row(s): 0 peer challenge(s) imported, ${demoRows} already there.`);
    expect(second.status).toBe(0);
    expect(await caseCount()).toBe(before + demoRows);

    // Copeland's 2015 challenge in the demo counts for Cumberland.
    expect(await takeUpOn('E06000063', '2023-04-01')).toEqual({ status: 'overdue', lastCpcDate: '2015-04-30' });
  });

  it('exits 1 naming the bad line, and imports nothing', async () => {
    const before = await caseCount();
    const file = path.join(dir, 'bad.csv');
    writeFileSync(
      file,
      [
        '# history from the old spreadsheet',
        'councilGssCode,type,onsiteStart,onsiteEnd',
        'E06000010,corporate_peer_challenge,2017-05-02,2017-05-04',
        'E06000011,corporate_peer_challenge,2017-02-30,2017-03-02',
        'E06000012,corporate_peer_challenge,2017-06-12,2017-06-14',
        '',
      ].join('\n'),
    );
    const result = importHistory(file);
    expect(result.stderr).toMatch(/line 4: .*onsiteStart/);
    expect(result.stderr).not.toMatch(/line [35]:/);
    expect(result.status).toBe(1);
    expect(await caseCount()).toBe(before);
    expect(await takeUpOn('E06000010', todayInLondon())).toEqual({ status: 'never', lastCpcDate: null });
  });
});
