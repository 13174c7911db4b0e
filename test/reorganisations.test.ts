import type { TestingModule } from '@nestjs/testing';
import { CaseJobsModule, FollowSuccessionsJob } from '#libs/cases';
import { JobName, schedules, todayInLondon } from '#libs/platform';
import { query } from './support/environment.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { jobHandlers } from './support/test-worker.js';

/**
 * Reorganisations ahead (issue #19): an admin applies one to the register, all or nothing, past or future; the
 * predecessors stay live until the vesting day; from it the successor inherits their history and their open cases,
 * and the five-year plan plans the successor instead of a council abolished before it is due.
 */
let t: TestApp;
let jobs: TestingModule;
let manager: string;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const HEADER =
  'predecessor_gss_code,predecessor_name,successor_gss_code,successor_name,successor_type,successor_region,successor_start_date';
const LINCOLNSHIRE_COAST = `${HEADER}
E07000136,Boston,E06000099,Lincolnshire Coast,unitary,East Midlands,2028-04-01
E07000137,East Lindsey,E06000099,Lincolnshire Coast,unitary,East Midlands,2028-04-01
`;
const csv = (text: string, token = t.adminToken) =>
  t.http.post('/api/v1/reorganisations').set(as(token)).set('Content-Type', 'text/csv').send(text);
const register = async () =>
  (
    await query<{ councils: number; successions: number; ended: number }>(
      t.database.url,
      `SELECT (SELECT count(*)::int FROM councils) AS councils, (SELECT count(*)::int FROM council_successions) AS successions,
              (SELECT count(*)::int FROM councils WHERE end_date IS NOT NULL) AS ended`,
    )
  )[0];
const openCase = (councilGssCode: string) =>
  t.http.post('/api/v1/cases').set(as(manager)).send({ councilGssCode, type: 'corporate_peer_challenge' });
const timeline = async (id: string) =>
  (await t.http.get(`/api/v1/cases/${id}/timeline`).set(as(manager)).expect(200)).body as Array<{
    type: string;
    payload: Record<string, unknown>;
    actor: { id: string | null; label: string };
  }>;

beforeAll(async () => {
  t = await createTestApp();
  jobs = await jobHandlers(CaseJobsModule);
  manager = (await t.as('peer_challenge_manager')).token;
});
afterAll(async () => {
  await jobs.close();
  await t.close();
});

it('is followed daily, just after midnight', () => {
  expect(schedules({ nudgeSchedule: '0 9 * * 1' })).toContainEqual({
    job: JobName.FollowSuccessions,
    pattern: '5 0 * * *',
  });
});

describe('bad input changes nothing', () => {
  it('refuses callers who are not admins, and bodies that are neither CSV nor a JSON array', async () => {
    const before = await register();
    await csv(LINCOLNSHIRE_COAST, manager).expect(403);
    await t.http.post('/api/v1/reorganisations').send(LINCOLNSHIRE_COAST).expect(401);
    const notArray = await t.http.post('/api/v1/reorganisations').set(as(t.adminToken)).send({ rows: [] }).expect(400);
    expect(notArray.body.message).toBe('Send a JSON array of reorganisation rows, or CSV with Content-Type: text/csv');
    const unreadable = await csv(`${HEADER}\n"E07000136,Boston`).expect(400);
    expect(unreadable.body.message).toMatch(/^The CSV cannot be read/);
    const empty = await csv(`${HEADER}\n`).expect(400);
    expect(empty.body.details.rows).toEqual([{ line: 0, problems: ['there are no rows to import'] }]);
    expect(await register()).toEqual(before);
  });

  it('lists every bad row by line, and writes none of the good ones', async () => {
    const before = await register();
    const response = await csv(`${HEADER},colour
E07000136,Boston,E06000099,Lincolnshire Coast,unitary,East Midlands,2028-04-01,
E99999999,Nowhere,E06000098,New,unitary,East Midlands,2028-04-01,
E07000137,East Lindsay,E06000054,Wiltshire Two,city,Wales,2028-02-30,
E07000026,Allerdale,E6,X,unitary,North West,2028-04-01,
E07000138,Lincoln,E06000099,Lincolnshire Coast,unitary,East Midlands,2028-04-01,red
`).expect(400);
    expect(response.body.message).toBe('4 row(s) cannot be imported; nothing was imported');
    const rows = Object.fromEntries(
      (response.body.details.rows as Array<{ line: number; problems: string[] }>).map((r) => [r.line, r.problems]),
    );
    expect(Object.keys(rows)).toEqual(['3', '4', '5', '6']);
    expect(rows[3]).toEqual(['predecessor_gss_code must be the GSS code of a council in the register']);
    expect(rows[4]).toEqual([
      "predecessor_name must be the register's name of E07000137: East Lindsey",
      'successor_gss_code E06000054 is already in the register (Wiltshire)',
      'successor_type must be one of: county, district, unitary, metropolitan_district, london_borough, sui_generis',
      expect.stringMatching(/^successor_region must be one of: East Midlands, /),
      'successor_start_date must be a date (YYYY-MM-DD)',
    ]);
    expect(rows[5]).toEqual([
      'Allerdale (E07000026) is already replaced by a reorganisation (its last day: 2023-03-31)',
      'successor_gss_code must be a GSS code such as E06000065',
    ]);
    expect(rows[6]).toEqual([`colour is not a column (the columns are ${HEADER.replaceAll(',', ', ')}, end_date)`]);
    expect(await register()).toEqual(before);
  });

  it('refuses rows that disagree about a successor, or end a council twice', async () => {
    const before = await register();
    const response = await csv(`${HEADER}
E07000136,Boston,E06000099,Lincolnshire Coast,unitary,East Midlands,2028-04-01
E07000137,East Lindsey,E06000099,Lincs Coast,unitary,East Midlands,2028-05-01
E07000136,Boston,E06000098,South Holland and Boston,unitary,East Midlands,2029-04-01
`).expect(400);
    expect(response.body.details.rows).toEqual([
      {
        line: 3,
        problems: [
          'successor_name differs from line 2 for E06000099 (Lincolnshire Coast)',
          'successor_start_date differs from line 2 for E06000099 (2028-04-01)',
        ],
      },
      {
        line: 4,
        problems: ['E07000136 would end twice: its successors must all start on the same day (line 2)'],
      },
    ]);
    expect(await register()).toEqual(before);
  });

  it('refuses to divide a council that has an open case (422 naming the case), writing nothing', async () => {
    const before = await register();
    const opened = await openCase('E10000019').expect(201);
    const response = await csv(`${HEADER}
E10000019,Lincolnshire,E06000097,North Lincolnshire Coast,unitary,East Midlands,2028-04-01
E10000019,Lincolnshire,E06000096,South Lincolnshire,unitary,East Midlands,2028-04-01
`).expect(422);
    expect(response.body.details.reasons).toEqual([
      `Lincolnshire has an open case (${opened.body.id}) and would be divided between North Lincolnshire Coast and South Lincolnshire: close or cancel the case first.`,
    ]);
    expect(await register()).toEqual(before);
    await t.http
      .post(`/api/v1/cases/${opened.body.id}/events`)
      .set(as(manager))
      .send({ type: 'CANCEL', expectedVersion: 1, reason: 'opened for the test' })
      .expect(200);
  });
});

describe('a reorganisation with a future vesting day', () => {
  let eastLindseyCase: string;

  beforeAll(async () => {
    // Boston's last corporate peer challenge: the successor inherits it.
    await t.http
      .post('/api/v1/imports/peer-challenges')
      .set(as(t.adminToken))
      .send([
        {
          councilGssCode: 'E07000136',
          type: 'corporate_peer_challenge',
          onsiteStart: '2023-09-12',
          feedbackPresented: '2023-09-14',
        },
      ])
      .expect(201);
    eastLindseyCase = (await openCase('E07000137').expect(201)).body.id;
  });

  it('is applied all or nothing, and listed as scheduled', async () => {
    const applied = await csv(LINCOLNSHIRE_COAST).expect(201);
    expect(applied.body).toEqual({
      successors: [
        {
          gssCode: 'E06000099',
          name: 'Lincolnshire Coast',
          vestingDate: '2028-04-01',
          predecessors: ['E07000136', 'E07000137'],
        },
      ],
      vested: 0,
    });
    const listed = await t.http.get('/api/v1/reorganisations').set(as(manager)).expect(200);
    expect(listed.body.reorganisations[0]).toEqual({
      vestingDate: '2028-04-01',
      status: 'scheduled',
      successor: { gssCode: 'E06000099', name: 'Lincolnshire Coast', type: 'unitary', region: 'East Midlands' },
      predecessors: [
        { gssCode: 'E07000136', name: 'Boston', type: 'district' },
        { gssCode: 'E07000137', name: 'East Lindsey', type: 'district' },
      ],
    });
    // The register's own reorganisations (2019–2023) are there too, vested.
    expect(
      listed.body.reorganisations.find((r: { successor: { name: string } }) => r.successor.name === 'Cumberland'),
    ).toMatchObject({ vestingDate: '2023-04-01', status: 'vested' });
    // The same again: the successor exists and its predecessors are already replaced.
    const again = await csv(LINCOLNSHIRE_COAST).expect(400);
    expect(again.body.details.rows[0].problems).toContain(
      'Boston (E07000136) is already replaced by a reorganisation (its last day: 2028-03-31)',
    );
  });

  it('leaves the predecessors live until the vesting day, and the successor after it', async () => {
    const eastLindsey = await t.http.get('/api/v1/councils/E07000137').set(as(manager)).expect(200);
    expect(eastLindsey.body).toMatchObject({
      endDate: '2028-03-31',
      successors: [{ gssCode: 'E06000099', name: 'Lincolnshire Coast', startDate: '2028-04-01' }],
    });
    const live = async (asOf: string, q: string) =>
      (await t.http.get('/api/v1/councils').query({ q, existing: 'true', asOf }).set(as(manager)).expect(200)).body
        .items as Array<{ gssCode: string; abolishedOn?: string }>;
    const today = todayInLondon();
    expect((await live(today, 'East Lindsey')).map((c) => c.gssCode)).toEqual(['E07000137']);
    // Its abolition is known already, as a date to come.
    expect((await live(today, 'East Lindsey'))[0].abolishedOn).toBe('2028-04-01');
    expect(await live(today, 'Lincolnshire Coast')).toEqual([]);
    expect(await live('2028-04-01', 'East Lindsey')).toEqual([]);
    expect((await live('2028-04-01', 'Lincolnshire Coast')).map((c) => c.gssCode)).toEqual(['E06000099']);

    // Take-up (and so the nudges and reports, which read it) counts the predecessors until the vesting day and the
    // successor from it.
    const takeUp = async (asOf: string) =>
      (await t.http.get('/api/v1/reports/take-up').query({ asOf }).set(as(manager)).expect(200)).body
        .councilsTotal as number;
    expect(await takeUp('2028-04-01')).toBe((await takeUp('2028-03-31')) - 1);

    const successor = await t.http.get('/api/v1/councils/E06000099').set(as(manager)).expect(200);
    expect(successor.body).toMatchObject({
      startDate: '2028-04-01',
      endDate: null,
      takeUp: { lastCpcDate: '2023-09-14' },
      predecessors: [
        { gssCode: 'E07000136', name: 'Boston', endDate: '2028-03-31' },
        { gssCode: 'E07000137', name: 'East Lindsey', endDate: '2028-03-31' },
      ],
    });
    const refused = await openCase('E06000099').expect(400);
    expect(refused.body.details).toEqual([
      {
        field: 'councilGssCode',
        problems: ['Lincolnshire Coast exists from 2028-04-01: until then open the case for the council it replaces'],
      },
    ]);
  });

  it('plans the successor from its vesting day instead of a predecessor abolished before it is due', async () => {
    await t.http
      .put('/api/v1/plans/settings')
      .set(as(t.adminToken))
      .send({ horizonQuarters: 20, capacityPerQuarter: 400 })
      .expect(200);
    const plan = (await t.http.post('/api/v1/plans').set(as(t.adminToken)).expect(201)).body;
    const line = (code: string) => plan.councils.find((c: { gssCode: string }) => c.gssCode === code);
    // Boston was due by 2028-Q3, after its last day in 2028-Q1.
    expect(line('E07000136')).toMatchObject({
      dueQuarter: '2028-Q3',
      plannedQuarter: null,
      lateBy: 0,
      replacedBy: ['Lincolnshire Coast'],
      reason: 'abolished on 2028-03-31, before its challenge is due: Lincolnshire Coast is planned instead',
    });
    expect(line('E06000099')).toMatchObject({ dueQuarter: '2028-Q3', plannedQuarter: '2028-Q2', lateBy: 0 });
    expect(plan.summary.replaced).toBe(1);
    expect(plan.summary.onTime + plan.summary.late + plan.summary.unplaceable + plan.summary.replaced).toBe(
      plan.summary.councils,
    );
  });

  it('moves the open cases to the successor on the vesting day, once, with a timeline entry', async () => {
    const job = jobs.get(FollowSuccessionsJob);
    expect(await job.run(undefined, undefined, '2028-03-31')).toBe("0 case(s) moved to their council's successor");
    expect(await job.run(undefined, undefined, '2028-04-01')).toBe("1 case(s) moved to their council's successor");
    expect(await job.run(undefined, undefined, '2028-04-02')).toBe("0 case(s) moved to their council's successor");
    const moved = await t.http.get(`/api/v1/cases/${eastLindseyCase}`).set(as(manager)).expect(200);
    expect(moved.body).toMatchObject({ councilGssCode: 'E06000099', stage: 'scoping', version: 2 });
    const last = (await timeline(eastLindseyCase)).at(-1)!;
    expect(last).toMatchObject({
      type: 'COUNCIL_REORGANISED',
      actor: { id: null },
      payload: {
        from: { gssCode: 'E07000137', name: 'East Lindsey' },
        to: { gssCode: 'E06000099', name: 'Lincolnshire Coast' },
        vestingDate: '2028-04-01',
      },
    });
    // The successor's history holds the case, and Boston's challenge through its lineage.
    const history = await t.http.get('/api/v1/councils/E06000099/history').set(as(manager)).expect(200);
    const ids = history.body.cases.map((k: { id: string }) => k.id);
    expect(ids).toContain(eastLindseyCase);
    expect(history.body.cases.length).toBe(2);
  });

  it('is refused to a person: the system alone sends COUNCIL_REORGANISED', async () => {
    const response = await t.http
      .post(`/api/v1/cases/${eastLindseyCase}/events`)
      .set(as(manager))
      .send({
        type: 'COUNCIL_REORGANISED',
        expectedVersion: 2,
        from: { gssCode: 'E06000099', name: 'Lincolnshire Coast' },
        to: { gssCode: 'E07000137', name: 'East Lindsey' },
        vestingDate: '2028-04-01',
      });
    expect(response.status).toBe(400);
    expect(response.body.details[0].field).toBe('type');
    expect((await t.http.get(`/api/v1/cases/${eastLindseyCase}`).set(as(manager))).body.councilGssCode).toBe(
      'E06000099',
    );
  });
});

it('a reorganisation applied on or after its vesting day moves the open cases at once', async () => {
  const opened = (await openCase('E07000170').expect(201)).body.id as string;
  const today = todayInLondon();
  const applied = await csv(`${HEADER}
E07000170,Ashfield,E06000098,North Nottinghamshire,unitary,East Midlands,${today}
E07000174,Mansfield,E06000098,North Nottinghamshire,unitary,East Midlands,${today}
`).expect(201);
  expect(applied.body.vested).toBe(1);
  const moved = await t.http.get(`/api/v1/cases/${opened}`).set(as(manager)).expect(200);
  expect(moved.body.councilGssCode).toBe('E06000098');
  expect((await timeline(opened)).map((e) => e.type)).toEqual(['OPEN_CASE', 'COUNCIL_REORGANISED']);
  const ashfield = await t.http.get('/api/v1/councils').query({ q: 'Ashfield' }).set(as(manager)).expect(200);
  expect(ashfield.body.items[0].abolishedOn).toBe(today);
  const refused = await openCase('E07000170').expect(400);
  expect(refused.body.details[0].problems).toEqual(['E07000170 no longer exists: open the case for its successor']);
  const audit = await query<{ action: string; entity_id: string }>(
    t.database.url,
    `SELECT action, entity_id FROM audit_log WHERE action = 'council.reorganisation.apply' ORDER BY id`,
  );
  expect(audit.map((a) => a.entity_id)).toEqual(['E06000099', 'E06000098']);
});
