import { todayInLondon } from '#libs/platform';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * The programme's pipeline (issue #18): a case in scoping with an indicative month in the year is "in
 * discussion", one with onsite dates agreed in the year and not yet delivered is "confirmed"; RAG counts them
 * towards the target by the seeds' key (`003` para 2).
 */
let t: TestApp;
let manager: string;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const today = todayInLondon();
const year = Number(today.slice(0, 4)) - (today.slice(5) < '04-01' ? 1 : 0);
const start = `${year}-04-01`;
const inYear = { onsiteStart: `${year + 1}-02-02`, onsiteEnd: `${year + 1}-02-04` };

async function open(councilGssCode: string, type = 'corporate_peer_challenge') {
  const opened = await t.http.post('/api/v1/cases').set(as(manager)).send({ councilGssCode, type }).expect(201);
  return opened.body as { id: string; version: number };
}

async function send(c: { id: string; version: number }, event: object, status = 200) {
  const response = await t.http
    .post(`/api/v1/cases/${c.id}/events`)
    .set(as(manager))
    .send({ expectedVersion: c.version, ...event });
  expect(response.status).toBe(status);
  if (status === 200) c.version = response.body.version;
  return response.body;
}

async function programme() {
  const response = await t.http
    .get(`/api/v1/reports/programme?financialYear=${year}&asOf=${start}`)
    .set(as(manager))
    .expect(200);
  return response.body.deliverables;
}

const setTargets = (challengesTotal: number, corporateOrFinance: number) =>
  t.http
    .put(`/api/v1/reports/targets/${year}`)
    .set(as(t.adminToken))
    .send({ challengesTotal, corporateOrFinance, neverReductionPercent: 1 })
    .expect(200);

beforeAll(async () => {
  t = await createTestApp();
  manager = (await t.as('peer_challenge_manager')).token;
});
afterAll(() => t.close());

describe('SET_INDICATIVE_MONTH', () => {
  it('is accepted in scoping and may repeat; a bad month is a 400 naming it; refused after scoping', async () => {
    const c = await open('E07000223');
    const set = await send(c, { type: 'SET_INDICATIVE_MONTH', month: `${year + 1}-01` });
    expect(set.dates.indicativeMonth).toBe(`${year + 1}-01`);
    expect(set.allowedEvents).toContain('SET_INDICATIVE_MONTH');
    const again = await send(c, { type: 'SET_INDICATIVE_MONTH', month: `${year + 1}-02` });
    expect(again.dates.indicativeMonth).toBe(`${year + 1}-02`);
    const same = await send(c, { type: 'SET_INDICATIVE_MONTH', month: `${year + 1}-02` }, 422);
    expect(same.details.reasons).toEqual([`The indicative month is already ${year + 1}-02.`]);
    for (const month of ['2027-13', '2027-2', 'February', 202702]) {
      const bad = await send(c, { type: 'SET_INDICATIVE_MONTH', month }, 400);
      expect(bad.details).toEqual([expect.objectContaining({ field: 'month' })]);
    }
    const timeline = await t.http.get(`/api/v1/cases/${c.id}/timeline`).set(as(manager)).expect(200);
    expect(timeline.body.map((e: { type: string }) => e.type)).toEqual([
      'OPEN_CASE',
      'SET_INDICATIVE_MONTH',
      'SET_INDICATIVE_MONTH',
    ]);
    const page = await t.http.get(`/cases/${c.id}`).set(as(manager)).expect(200);
    expect(page.text).toContain('Indicative month of the visit');
    expect(page.text).toContain(`Was January ${year + 1}, set`);
    await send(c, { type: 'AGREE_SCOPE', focusAreas: [], ...inYear });
    await send(c, { type: 'SET_INDICATIVE_MONTH', month: `${year + 1}-03` }, 422);
  });
});

describe('the pipeline in GET /reports/programme', () => {
  beforeAll(async () => {
    // E07000223's case (above) has agreed onsite dates in the year: confirmed.
    const discussed = await open('E07000224');
    await send(discussed, { type: 'SET_INDICATIVE_MONTH', month: `${year + 1}-03` });
    const nextYear = await open('E07000225');
    await send(nextYear, { type: 'SET_INDICATIVE_MONTH', month: `${year + 1}-04` });
    const finance = await open('E07000226', 'finance_peer_review');
    await send(finance, { type: 'AGREE_SCOPE', focusAreas: [], ...inYear });
    const other = await open('E07000227', 'other');
    await send(other, { type: 'SET_INDICATIVE_MONTH', month: `${year}-12` });
    const cancelled = await open('E07000228');
    await send(cancelled, { type: 'AGREE_SCOPE', focusAreas: [], ...inYear });
    await send(cancelled, { type: 'CANCEL', reason: 'Change of leader' });
  });

  it('counts confirmed and in-discussion cases of the year, and is Amber when they reach the targets', async () => {
    await setTargets(4, 3);
    const [d11, d12] = await programme();
    expect(d11).toEqual({
      id: '1.1',
      target: { total: 4, corporateOrFinance: 3 },
      actual: { total: 0, corporateOrFinance: 0 },
      delivered: { total: 0, corporateOrFinance: 0 },
      // the CPC and the FPR with dates; not the cancelled one
      confirmed: { total: 2, corporateOrFinance: 2 },
      // the CPC and the "other" review with a month in the year; not the one with next year's month
      inDiscussion: { total: 2, corporateOrFinance: 1 },
      rag: 'Amber',
    });
    // 1.2 counts councils still without a CPC: E07000223 (confirmed) and E07000224 (in discussion), not the FPR.
    expect(d12).toMatchObject({ delivered: 0, confirmed: 1, inDiscussion: 1, rag: 'Red' });
    expect(d12.target).toBe(Math.floor(d12.baseline * 0.99));
  });

  it('is Red when the pipeline falls short of a target', async () => {
    await setTargets(5, 3);
    expect((await programme())[0].rag).toBe('Red');
    await setTargets(4, 4);
    expect((await programme())[0].rag).toBe('Red');
  });

  it('shows the pipeline on the programme page, and the targets page keeps their history', async () => {
    const page = await t.http.get(`/reports/programme?financialYear=${year}`).set(as(manager)).expect(200);
    expect(page.text).toContain('In discussion');
    const targets = await t.http.get('/admin/targets').set(as(t.adminToken)).expect(200);
    expect(targets.text).toContain('Programme targets');
    expect(targets.text).toContain('admin@example.org');
    await t.http.get('/admin/targets').set(as(manager)).expect(403);
  });
});
