import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * `004`'s year end through the API: 145 challenges delivered in 2018/19, 71 of them corporate or finance (1.1
 * Green against 110 and 70); 112 councils without a CPC since 2012 on 1 April 2018, 63 on 31 March 2019 against a
 * target of 56 (1.2 Red). The history is made here from the register: which council had which challenge is invented.
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
    ...engaged.map((code) => row(code, 'corporate_peer_challenge', '2016-05-10')),
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
