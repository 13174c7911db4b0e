import type { INestApplicationContext } from '@nestjs/common';
import { MEASURES } from '#libs/councils';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestApp, type TestApp } from './support/test-app.js';
import { eventually, startTestWorker } from './support/test-worker.js';
import { binary, documentText, pdfTextOf } from './support/word.js';

/**
 * The team's briefing pack (issue #18): a corporate peer challenge of Dorset Council (made in the 2019
 * reorganisation) with a team whose lead officer's home council neighbours it (a soft finding, overridden with a
 * justification and approved by a second person), documents received, notes for the team, Dorset Council's own
 * challenge of 2021 with its recommendations' progress, and West Dorset's (a predecessor) of 2015. The people and
 * their contacts are invented.
 */
let t: TestApp;
let worker: INestApplicationContext;
let work: string;
let manager: { id: string; email: string; token: string };
let adviser: { id: string; email: string; token: string };
let caseId: string;
let overridden: { detail: string };
const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const DORSET = 'E06000059';
const WEST_DORSET = 'E07000052';
const JUSTIFICATION = 'Olivia has no working ties with Dorset: Wiltshire and Dorset share no services or staff';

async function peer(body: Record<string, unknown>): Promise<string> {
  const response = await t.http.post('/api/v1/peers').set(as(manager.token)).send(body).expect(201);
  return response.body.id as string;
}

/** Sends an event at the case's current version (as `token`); expects it accepted. */
async function send(id: string, event: Record<string, unknown>, token = manager.token) {
  const current = await t.http.get(`/api/v1/cases/${id}`).set(as(token)).expect(200);
  const response = await t.http
    .post(`/api/v1/cases/${id}/events`)
    .set(as(token))
    .send({ expectedVersion: current.body.version, ...event });
  if (response.status !== 200) throw new Error(`${String(event.type)}: ${response.status} ${response.text}`);
  return response.body;
}

/** Waits for the worker's conflict check of the current team. */
const checked = (id: string) =>
  eventually(async () => {
    const response = await t.http.get(`/api/v1/cases/${id}`).set(as(manager.token)).expect(200);
    return ['pending', 'stale'].includes(response.body.conflictCheck.status) ? undefined : response.body;
  });

async function openCase(): Promise<string> {
  const opened = await t.http
    .post('/api/v1/cases')
    .set(as(manager.token))
    .send({ councilGssCode: DORSET, type: 'corporate_peer_challenge', managerId: manager.id })
    .expect(201);
  return opened.body.id as string;
}

/** Dorset Council's corporate peer challenge of 2021, run to its follow-up: two recommendations and their progress. */
async function earlierChallenge(): Promise<void> {
  const id = await openCase();
  const officer = await peer({
    name: 'Ada Earlier',
    email: 'ada.earlier@example.org',
    kind: 'officer',
    role: 'chief_executive',
    homeCouncilGssCode: 'E08000025',
    expertise: ['finance'],
  });
  const member = await peer({
    name: 'Ben Earlier',
    email: 'ben.earlier@example.org',
    kind: 'member',
    role: 'leader',
    politicalGroup: 'labour',
    homeCouncilGssCode: 'E08000003',
    trainedOn: '2020-09-01',
    expertise: [],
  });
  await send(id, {
    type: 'AGREE_SCOPE',
    focusAreas: ['Becoming one council'],
    onsiteStart: '2021-06-07',
    onsiteEnd: '2021-06-09',
  });
  await send(id, { type: 'PROPOSE_PEER', peerId: officer, role: 'lead_officer_peer' });
  await send(id, { type: 'PROPOSE_PEER', peerId: member, role: 'lead_member_peer' });
  await checked(id);
  await send(id, { type: 'CONFIRM_TEAM' });
  await send(id, { type: 'RECEIVE_POSITION_STATEMENT', receivedOn: '2021-05-20' });
  await send(id, { type: 'START_ONSITE' });
  await send(id, { type: 'PRESENT_FEEDBACK', date: '2021-06-09' });
  await send(id, { type: 'SUBMIT_DRAFT_REPORT' });
  await send(id, {
    type: 'PUBLISH_REPORT',
    publishedOn: '2021-08-02',
    recommendations: ['Set out a single vision for the new council', 'Strengthen the medium-term financial plan'],
  });
  await send(id, { type: 'RECEIVE_ACTION_PLAN', receivedOn: '2021-10-01' });
  await send(id, { type: 'SCHEDULE_FOLLOW_UP', date: '2022-04-05' });
  await send(id, {
    type: 'COMPLETE_FOLLOW_UP',
    date: '2022-04-05',
    progress: [
      { index: 0, status: 'achieved' },
      { index: 1, status: 'in_progress' },
    ],
  });
}

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'briefing-pack-'));
  t = await createTestApp();
  worker = await startTestWorker();
  manager = await t.as('peer_challenge_manager');
  adviser = await t.as('principal_adviser');
  const admin = (await t.as('admin')).token;
  await t.http
    .patch(`/api/v1/councils/${DORSET}`)
    .set(as(t.adminToken))
    .send({
      chiefExecutive: { name: 'Carys Chief', email: 'carys.chief@dorset.example.org' },
      leader: { name: 'Len Leader', email: 'len.leader@dorset.example.org' },
      principalAdviserId: adviser.id,
    })
    .expect(200);
  await t.http
    .post(`/api/v1/councils/${DORSET}/facts`)
    .set(as(t.adminToken))
    .send({ kind: 'political_control', value: 'liberal_democrat', from: '2024-05-03' })
    .expect(201);
  await t.http
    .post('/api/v1/imports/peer-challenges')
    .set(as(t.adminToken))
    .send([
      {
        councilGssCode: WEST_DORSET,
        type: 'corporate_peer_challenge',
        onsiteStart: '2015-11-10',
        onsiteEnd: '2015-11-13',
        feedbackPresented: '2015-11-13',
        reportPublished: '2016-01-20',
      },
    ])
    .expect(201);
  await earlierChallenge();

  caseId = await openCase();
  await send(caseId, { type: 'SCHEDULE_SCOPING_MEETING', date: '2026-10-06' });
  await send(caseId, {
    type: 'AGREE_SCOPE',
    focusAreas: ['Housing delivery', 'Adult social care finances'],
    onsiteStart: '2027-03-09',
    onsiteEnd: '2027-03-11',
  });
  const olivia = await peer({
    name: 'Olivia Officer',
    email: 'olivia.officer@wiltshire.example.org',
    kind: 'officer',
    role: 'chief_executive',
    homeCouncilGssCode: 'E06000054',
    expertise: ['finance'],
  });
  const mark = await peer({
    name: 'Mark Member',
    email: 'mark.member@example.org',
    kind: 'member',
    role: 'leader',
    politicalGroup: 'conservative',
    homeCouncilGssCode: 'E08000003',
    trainedOn: '2025-01-10',
    expertise: [],
  });
  await send(caseId, { type: 'PROPOSE_PEER', peerId: olivia, role: 'lead_officer_peer' });
  await send(caseId, { type: 'PROPOSE_PEER', peerId: mark, role: 'lead_member_peer' });
  const found = await checked(caseId);
  const neighbour = found.conflictCheck.findings.find(
    (f: { peerId: string; rule: string }) => f.peerId === olivia && f.rule === 'neighbouring_council',
  );
  overridden = neighbour;
  await send(caseId, { type: 'OVERRIDE_CONFLICT', findingId: neighbour.id, justification: JUSTIFICATION });
  await send(caseId, { type: 'APPROVE_OVERRIDE', findingId: neighbour.id }, admin);
  await send(caseId, { type: 'RECEIVE_POSITION_STATEMENT', receivedOn: '2026-11-20' });
  await t.http
    .post(`/api/v1/cases/${caseId}/documents`)
    .set(as(manager.token))
    .send({
      kind: 'finance_briefing',
      title: 'Finance briefing, Dorset Council',
      url: 'https://sharepoint.example.org/cpc/dorset/finance-briefing.docx',
      receivedOn: '2026-11-25',
    })
    .expect(201);
  const note = (code: string, text: string, forTeam: boolean) =>
    t.http.post(`/api/v1/councils/${code}/notes`).set(as(adviser.token)).send({ text, forTeam }).expect(201);
  await note(DORSET, 'The leader wants the team to look hard at the housing company.', true);
  await note(DORSET, 'Internal: the chief executive may retire next year.', false);
  await note(WEST_DORSET, 'West Dorset’s 2015 challenge found a planning backlog.', true);
}, 180_000);

afterAll(async () => {
  await worker?.close();
  await t?.close();
  rmSync(work, { recursive: true, force: true });
});

const download = (token: string) =>
  t.http.get(`/api/v1/cases/${caseId}/briefing-pack.docx`).set(as(token)).buffer(true).parse(binary);

describe('GET /cases/:id/briefing-pack.docx', () => {
  it('writes the council, its history and its predecessors’, the team, findings, documents and notes', async () => {
    const response = await download(adviser.token).expect(200);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="briefing-pack-dorset-council-\d{4}-\d{2}-\d{2}\.docx"$/,
    );
    const text = documentText(response.body as Buffer);
    for (const expected of [
      'Briefing pack: Dorset Council, corporate peer challenge',
      'Unitary',
      'South West',
      'Liberal democrat',
      'Carys Chief, carys.chief@dorset.example.org',
      'Len Leader, len.leader@dorset.example.org',
      `Test principal_adviser, ${adviser.email}`,
      'West Dorset (until 2019-03-31)',
      'Five-year take-up',
      'Overdue: last delivered 2021-06-09',
      'No CPC since 2012',
      'Housing delivery',
      'Adult social care finances',
      'Leadership of place',
      '2027-03-09 to 2027-03-11',
      'Scoping meeting',
      'Olivia Officer',
      'Lead officer peer',
      'olivia.officer@wiltshire.example.org',
      'Mark Member',
      'mark.member@example.org',
      'Peer challenge manager (LGA)',
      manager.email,
      overridden.detail,
      `Overridden: ${JUSTIFICATION}`,
      'approved by',
      'Finance briefing, Dorset Council',
      '2026-11-25',
      '2026-11-20',
      'Not received yet',
      'West Dorset: corporate peer challenge',
      'delivered 2015-11-13',
      'report published 2016-01-20',
      'Dorset Council: corporate peer challenge',
      'Set out a single vision for the new council',
      'Achieved',
      'In progress',
      'The leader wants the team to look hard at the housing company.',
      'West Dorset’s 2015 challenge found a planning backlog.',
    ])
      expect(text).toContain(expected);
    expect(text).not.toContain('the chief executive may retire');
    expect(text).not.toContain('Ada Earlier'); // the earlier challenge's team is not this one's
  });

  it('opens in LibreOffice: its PDF holds the names, dates, findings and justification', async () => {
    const response = await download(manager.token).expect(200);
    const pdf = pdfTextOf(response.body as Buffer, work, 'briefing');
    for (const expected of [
      'Briefing pack: Dorset Council',
      'Carys Chief',
      'Olivia Officer',
      'Mark Member',
      '2027-03-09 to 2027-03-11',
      'Olivia has no working ties with Dorset',
      'West Dorset',
      '2015-11-13',
      'Set out a single vision for the new council',
      'The leader wants the team to look hard at the housing company.',
    ])
      expect(pdf).toContain(expected);
  }, 180_000);

  it('records each download in the audit log', async () => {
    await download(manager.token).expect(200);
    const audit = await t.http.get(`/api/v1/audit?entity=case&entityId=${caseId}`).set(as(t.adminToken)).expect(200);
    const downloads = audit.body.items.filter((e: { action: string }) => e.action === 'case.briefing_pack.downloaded');
    expect(downloads.length).toBeGreaterThanOrEqual(3);
    expect(downloads.map((e: { actorEmail?: string; actor?: unknown }) => JSON.stringify(e))).toEqual(
      expect.arrayContaining([expect.stringContaining(manager.email), expect.stringContaining(adviser.email)]),
    );
  });

  it('answers 404 for an unknown case, 403 to a viewer and 401 without a token, recording nothing', async () => {
    const before = await t.http.get('/api/v1/audit?entity=case').set(as(t.adminToken)).expect(200);
    const unknown = await t.http
      .get('/api/v1/cases/00000000-0000-4000-8000-000000000000/briefing-pack.docx')
      .set(as(manager.token))
      .expect(404);
    expect(unknown.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    await t.http.get('/api/v1/cases/not-a-case/briefing-pack.docx').set(as(manager.token)).expect(404);
    const viewer = (await t.as('viewer')).token;
    const refused = await t.http.get(`/api/v1/cases/${caseId}/briefing-pack.docx`).set(as(viewer)).expect(403);
    expect(refused.body.statusCode).toBe(403);
    await t.http.get(`/api/v1/cases/${caseId}/briefing-pack.docx`).expect(401);
    const after = await t.http.get('/api/v1/audit?entity=case').set(as(t.adminToken)).expect(200);
    expect(after.body.total).toBe(before.body.total);
  });

  it('has a download button on the case page for those who may download it', async () => {
    const page = await t.http.get(`/cases/${caseId}`).set(as(manager.token)).expect(200);
    expect(page.text).toContain('Download the briefing pack');
    expect(page.text).toContain(`href="/api/v1/cases/${caseId}/briefing-pack.docx"`);
    expect(page.text).toContain('received 2026-11-25');
    const viewer = (await t.as('viewer')).token;
    const theirs = await t.http.get(`/cases/${caseId}`).set(as(viewer)).expect(200);
    expect(theirs.text).not.toContain('Download the briefing pack');
  });

  it('defines the two measures in the same words on every page that shows them, and in the pack', async () => {
    const wording = (m: keyof typeof MEASURES) => `${MEASURES[m].name}: ${MEASURES[m].definition}.`;
    const pages: Array<[string, Array<keyof typeof MEASURES>]> = [
      ['/reports/take-up', ['fiveYearTakeUp', 'noCpcSince2012']],
      ['/reports/programme?financialYear=2026', ['noCpcSince2012']],
      ['/nudges', ['noCpcSince2012']],
      [`/councils/${DORSET}`, ['fiveYearTakeUp', 'noCpcSince2012']],
    ];
    for (const [url, measures] of pages) {
      const page = await t.http.get(url).set(as(manager.token)).expect(200);
      const text = page.text.replace(/\s+/g, ' ');
      for (const measure of measures) expect([url, text]).toEqual([url, expect.stringContaining(wording(measure))]);
    }
    const pack = documentText((await download(manager.token).expect(200)).body as Buffer);
    for (const measure of ['fiveYearTakeUp', 'noCpcSince2012'] as const) expect(pack).toContain(wording(measure));
  });
});
