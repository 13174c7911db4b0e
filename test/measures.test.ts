import { todayInLondon } from '#libs/platform';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * The two measures (docs/DOMAIN.md, "Two measures"): five-year take-up counts a corporate peer challenge or a
 * finance peer review; *no CPC since 2012* (measure 1.2, the nudges) counts corporate peer challenges only. A
 * council whose only challenge since 2012 is a finance peer review is current for the one and still in the other.
 */
let t: TestApp;
let viewer: string;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

const FPR_ONLY = { code: 'E06000001', name: 'Hartlepool', ce: 'ce@hartlepool.example.org' };
const CPC = { code: 'E06000002', ce: 'ce@middlesbrough.example.org' };
const today = todayInLondon();
/** A day a year and a half ago: current for five-year take-up on any day the test runs. */
const recent = `${Number(today.slice(0, 4)) - 1}-01-15`;

beforeAll(async () => {
  t = await createTestApp({ env: { NUDGE_PRE_ELECTION_WEEKS: '0' } });
  viewer = (await t.as('viewer')).token;
  for (const council of [FPR_ONLY, CPC]) {
    await t.http
      .patch(`/api/v1/councils/${council.code}`)
      .set(as(t.adminToken))
      .send({ chiefExecutive: { name: 'A Chief', email: council.ce } })
      .expect(200);
  }
  await t.http
    .post('/api/v1/imports/peer-challenges')
    .set(as(t.adminToken))
    .send([
      { councilGssCode: FPR_ONLY.code, type: 'finance_peer_review', onsiteStart: recent },
      { councilGssCode: CPC.code, type: 'corporate_peer_challenge', onsiteStart: recent },
    ])
    .expect(201);
});
afterAll(() => t.close());

it('gives a council with only a finance peer review current take-up, and no CPC since 2012', async () => {
  const fpr = await t.http.get(`/api/v1/councils/${FPR_ONLY.code}`).set(as(viewer)).expect(200);
  expect(fpr.body).toMatchObject({ takeUp: { status: 'current', lastCpcDate: recent }, noCpcSince2012: true });
  const cpc = await t.http.get(`/api/v1/councils/${CPC.code}`).set(as(viewer)).expect(200);
  expect(cpc.body).toMatchObject({ takeUp: { status: 'current', lastCpcDate: recent }, noCpcSince2012: false });
  const listed = await t.http.get(`/api/v1/councils?q=${FPR_ONLY.code}`).set(as(viewer)).expect(200);
  expect(listed.body.items[0]).toMatchObject({ takeUp: { status: 'current' }, noCpcSince2012: true });
  const report = await t.http.get('/api/v1/reports/take-up').set(as(viewer)).expect(200);
  const row = report.body.councils.find((c: { gssCode: string }) => c.gssCode === FPR_ONLY.code);
  expect(row).toMatchObject({ takeUp: { status: 'current' }, noCpcSince2012: true });
  // The council page shows both.
  const admin = await t.http.get(`/councils/${FPR_ONLY.code}`).set(as(t.adminToken)).expect(200);
  expect(admin.text).toContain('No CPC since 2012');
});

it('keeps it in measure 1.2’s population: the baseline and the actual count it', async () => {
  const year = Number(today.slice(0, 4)) - (today.slice(5) < '04-01' ? 1 : 0);
  const response = await t.http.get(`/api/v1/reports/programme?financialYear=${year}`).set(as(viewer)).expect(200);
  const councils = await t.http.get(`/api/v1/reports/take-up?asOf=${year}-04-01`).set(as(viewer)).expect(200);
  const measure = response.body.deliverables.find((d: { id: string }) => d.id === '1.2');
  // Every council that existed on 1 April but the one with a CPC.
  expect(measure.baseline).toBe(councils.body.councilsTotal - 1);
  const trend = await t.http.get('/api/v1/reports/never-over-time').set(as(viewer)).expect(200);
  const now = trend.body.points.at(-1);
  expect(now).toMatchObject({ never: now.councils - 2, noCpcSince2012: now.councils - 1 });
});

it('nudges it, and not the council with a CPC', async () => {
  const preview = await t.http.get('/api/v1/nudges/preview').set(as(viewer)).expect(200);
  const nudged = preview.body.councils.map((c: { gssCode: string }) => c.gssCode);
  expect(preview.body.councils.find((c: { gssCode: string }) => c.gssCode === FPR_ONLY.code)).toMatchObject({
    reason: 'it has had no corporate peer challenge since 2012',
    to: FPR_ONLY.ce,
  });
  expect(nudged).not.toContain(CPC.code);
  const draft = await t.http.get(`/nudges/councils/${FPR_ONLY.code}`).set(as(t.adminToken));
  expect(draft.status).toBe(200);
  expect(draft.text).toContain(`${FPR_ONLY.name} has not had a corporate peer challenge since 2012.`);
});
