import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * `004`'s year end through the API: 145 challenges delivered in 2018/19, 71 of them corporate or finance (1.1
 * Green against 110 and 70); 112 councils without a CPC since 2012 on 1 April 2018, 63 on 31 March 2019 against a
 * target of 56 (1.2 Red). And `003`'s mid-year: 52 delivered, 51 confirmed and 42 in discussion on 30 September 2016
 * against 110 is Amber. The history is made here from the register: which council had which challenge is invented.
 */
let t: TestApp;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await createTestApp();
  const existing = await t.http
    .get('/api/v1/councils?asOf=2018-04-01&existing=true&limit=1000')
    .set(as(t.adminToken))
    .expect(200);
  const codes = (existing.body.items as Array<{ gssCode: string }>).map((c) => c.gssCode).sort();
  const engaged = codes.slice(0, codes.length - 112);
  const baseline = codes.slice(codes.length - 112);
  const row = (councilGssCode: string, type: string, onsiteStart: string) => ({ councilGssCode, type, onsiteStart });
  const rows = [
    ...engaged.map((code) => row(code, 'corporate_peer_challenge', '2015-05-12')),
    ...baseline.slice(0, 49).map((code) => row(code, 'corporate_peer_challenge', '2018-06-12')),
    ...engaged.slice(0, 22).map((code) => row(code, 'finance_peer_review', '2018-09-18')),
    ...codes.slice(0, 74).map((code) => row(code, 'other', '2018-11-06')),
  ];
  await t.http.post('/api/v1/imports/peer-challenges').set(as(t.adminToken)).send(rows).expect(201);
}, 120_000);
afterAll(() => t?.close());

it('gives 004’s year end: 1.1 Green with 145 and 71, 1.2 Red with 63 against 56 from 112', async () => {
  const report = await t.http
    .get('/api/v1/reports/programme?financialYear=2018&asOf=2019-03-31')
    .set(as(t.adminToken))
    .expect(200);
  const [d11, d12] = report.body.deliverables;
  expect(d11).toMatchObject({
    target: { total: 110, corporateOrFinance: 70 },
    delivered: { total: 145, corporateOrFinance: 71 },
    rag: 'Green',
  });
  expect(d12).toMatchObject({ baseline: 112, target: 56, actual: 63, rag: 'Red' });
});

it('gives 003’s mid-year: 52 delivered, 51 confirmed and 42 in discussion against 110 is Amber', async () => {
  await t.http
    .put('/api/v1/reports/targets/2016')
    .set(as(t.adminToken))
    .send({ challengesTotal: 110, corporateOrFinance: 70, neverReductionPercent: 50 })
    .expect(200);
  const now = await t.http.get('/api/v1/councils?existing=true&limit=1000').set(as(t.adminToken)).expect(200);
  const open = (now.body.items as Array<{ gssCode: string }>)
    .map((c) => c.gssCode)
    .sort()
    .slice(0, 93);
  const then = await t.http
    .get('/api/v1/councils?asOf=2016-04-01&existing=true&limit=1000')
    .set(as(t.adminToken))
    .expect(200);
  const imported = (then.body.items as Array<{ gssCode: string }>)
    .map((c) => c.gssCode)
    .filter((code) => !open.includes(code))
    .slice(0, 52);
  await t.http
    .post('/api/v1/imports/peer-challenges')
    .set(as(t.adminToken))
    .send(
      imported.map((councilGssCode) => ({
        councilGssCode,
        type: 'corporate_peer_challenge',
        onsiteStart: '2016-07-12',
      })),
    )
    .expect(201);
  for (const [i, councilGssCode] of open.entries()) {
    const opened = await t.http
      .post('/api/v1/cases')
      .set(as(t.adminToken))
      .send({ councilGssCode, type: 'corporate_peer_challenge' })
      .expect(201);
    const event =
      i < 51
        ? { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: '2017-01-10', onsiteEnd: '2017-01-12' }
        : { type: 'SET_INDICATIVE_MONTH', month: '2017-02' };
    await t.http
      .post(`/api/v1/cases/${opened.body.id}/events`)
      .set(as(t.adminToken))
      .send({ expectedVersion: 1, ...event })
      .expect(200);
  }
  const report = await t.http
    .get('/api/v1/reports/programme?financialYear=2016&asOf=2016-09-30')
    .set(as(t.adminToken))
    .expect(200);
  expect(report.body.deliverables[0]).toMatchObject({
    target: { total: 110, corporateOrFinance: 70 },
    delivered: { total: 52, corporateOrFinance: 52 },
    confirmed: { total: 51, corporateOrFinance: 51 },
    inDiscussion: { total: 42, corporateOrFinance: 42 },
    rag: 'Amber',
  });
}, 120_000);
