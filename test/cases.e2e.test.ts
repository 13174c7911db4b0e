import type { INestApplicationContext } from '@nestjs/common';
import { query } from './support/environment.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { eventually, startTestWorker } from './support/test-worker.js';

let t: TestApp;
let worker: INestApplicationContext;
let manager: string;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await createTestApp();
  worker = await startTestWorker();
  manager = (await t.as('peer_challenge_manager')).token;
});
afterAll(async () => {
  await worker.close();
  await t.close();
});

async function peer(body: Record<string, unknown>): Promise<string> {
  const response = await t.http.post('/api/v1/peers').set(as(manager)).send(body);
  expect(response.status).toBe(201);
  return response.body.id as string;
}

/** Sends an event at the case's current version; expects it accepted and returns the case. */
async function send(caseId: string, event: Record<string, unknown>) {
  const current = await t.http.get(`/api/v1/cases/${caseId}`).set(as(manager)).expect(200);
  const response = await t.http
    .post(`/api/v1/cases/${caseId}/events`)
    .set(as(manager))
    .send({ expectedVersion: current.body.version, ...event });
  if (response.status !== 200) throw new Error(`${String(event.type)}: ${response.status} ${response.text}`);
  expect(response.body.version).toBe(current.body.version + 1);
  return response.body;
}

/** Waits for the worker's conflict check of the current team. */
async function checked(caseId: string) {
  return eventually(async () => {
    const response = await t.http.get(`/api/v1/cases/${caseId}`).set(as(manager)).expect(200);
    return response.body.conflictCheck.status === 'pending' ? undefined : response.body;
  });
}

it('runs a corporate peer challenge from scoping to closed, with the worker checking conflicts', async () => {
  // Wiltshire (E06000054); the lead officer's home council neighbours it.
  const leadOfficer = await peer({
    name: 'Olive Officer',
    email: 'olive@example.org',
    kind: 'officer',
    role: 'chief_executive',
    homeCouncilGssCode: 'E06000022',
    expertise: ['finance'],
  });
  const leadMember = await peer({
    name: 'Mo Member',
    email: 'mo@example.org',
    kind: 'member',
    role: 'leader',
    politicalGroup: 'independent',
    homeCouncilGssCode: 'E08000003',
    trainedOn: '2025-01-10',
    expertise: [],
  });
  const consultant = await peer({
    name: 'Connie Consultant',
    email: 'connie@example.org',
    kind: 'officer',
    homeCouncilGssCode: 'E09000033',
    expertise: [],
  });
  await t.http
    .post(`/api/v1/peers/${consultant}/dealings`)
    .set(as(manager))
    .send({ councilGssCode: 'E06000054', kind: 'consultancy', from: '2024-01-01', to: '2024-06-30' })
    .expect(201);

  const opened = await t.http
    .post('/api/v1/cases')
    .set(as(manager))
    .send({ councilGssCode: 'E06000054', type: 'corporate_peer_challenge' })
    .expect(201);
  const id = opened.body.id as string;
  expect(opened.body).toMatchObject({
    stage: 'scoping',
    state: 'scoping',
    version: 1,
    firstCpc: true,
    allowedEvents: expect.arrayContaining(['SCHEDULE_SCOPING_MEETING', 'AGREE_SCOPE']),
  });
  expect(opened.body.scope.coreComponents).toHaveLength(5);

  await send(id, { type: 'SCHEDULE_SCOPING_MEETING', date: '2027-01-12' });
  await send(id, { type: 'AGREE_SCOPE', focusAreas: ['housing'], onsiteStart: '2027-03-02', onsiteEnd: '2027-03-05' });
  await send(id, { type: 'PROPOSE_PEER', peerId: leadOfficer, role: 'lead_officer_peer' });
  await send(id, { type: 'PROPOSE_PEER', peerId: leadMember, role: 'lead_member_peer' });
  await send(id, { type: 'PROPOSE_PEER', peerId: consultant, role: 'lead_officer_peer' });

  let found = await checked(id);
  expect(found.conflictCheck.status).toBe('conflicts');
  expect(found.conflictCheck.findings).toContainEqual(
    expect.objectContaining({ peerId: consultant, severity: 'hard', rule: 'consultancy', overridden: false }),
  );

  // Two lead officers and a hard finding: every reason is given, nothing is written.
  const refused = await t.http
    .post(`/api/v1/cases/${id}/events`)
    .set(as(manager))
    .send({ type: 'CONFIRM_TEAM', expectedVersion: found.version })
    .expect(422);
  expect(refused.body.details.reasons).toEqual(
    expect.arrayContaining([
      'The team needs exactly one lead officer peer; it has 2.',
      expect.stringContaining('Connie Consultant cannot serve in this role'),
    ]),
  );
  const hard = await t.http
    .post(`/api/v1/cases/${id}/events`)
    .set(as(manager))
    .send({ type: 'OVERRIDE_CONFLICT', expectedVersion: found.version, peerId: consultant, justification: 'x' })
    .expect(422);
  expect(hard.body.details.reasons[0]).toContain('cannot be overridden');

  await send(id, { type: 'REMOVE_PEER', peerId: consultant });
  found = await checked(id);
  expect(found.conflictCheck.findings).toContainEqual(
    expect.objectContaining({ peerId: leadOfficer, severity: 'soft', rule: 'neighbouring_council' }),
  );
  expect(found.allowedEvents).toContain('OVERRIDE_CONFLICT');
  await send(id, { type: 'OVERRIDE_CONFLICT', peerId: leadOfficer, justification: 'No working ties with Wiltshire' });
  found = await checked(id);
  expect(found.conflictCheck.status).toBe('clear');
  expect(found.conflictCheck.findings.every((f: { overridden: boolean }) => f.overridden)).toBe(true);
  expect(found.allowedEvents).toContain('CONFIRM_TEAM');

  await send(id, { type: 'CONFIRM_TEAM' });
  await send(id, { type: 'RECEIVE_POSITION_STATEMENT', receivedOn: '2027-02-20' });
  await send(id, { type: 'PAUSE', reason: 'By-election' });
  const resumed = await send(id, { type: 'RESUME' });
  expect(resumed.state).toBe('onsite.preparing');
  await send(id, { type: 'START_ONSITE' });
  const delivered = await send(id, { type: 'PRESENT_FEEDBACK', date: '2027-03-05' });
  expect(delivered).toMatchObject({ stage: 'report', state: 'report.drafting', deliveredOn: '2027-03-05' });
  await send(id, { type: 'SUBMIT_DRAFT_REPORT' });
  await send(id, {
    type: 'PUBLISH_REPORT',
    publishedOn: '2027-04-20',
    recommendations: ['Refresh the plan', 'Invest'],
  });
  await send(id, { type: 'RECEIVE_ACTION_PLAN', receivedOn: '2027-06-01' });
  await send(id, { type: 'SCHEDULE_FOLLOW_UP', date: '2027-11-01' });
  const closed = await send(id, {
    type: 'COMPLETE_FOLLOW_UP',
    date: '2027-11-01',
    progress: [
      { index: 0, status: 'achieved' },
      { index: 1, status: 'in_progress' },
    ],
  });
  expect(closed).toMatchObject({ stage: 'closed', state: 'closed' });
  expect(closed.recommendations).toEqual([
    { text: 'Refresh the plan', progress: 'achieved' },
    { text: 'Invest', progress: 'in_progress' },
  ]);

  const timeline = await t.http.get(`/api/v1/cases/${id}/timeline`).set(as(manager)).expect(200);
  expect(timeline.body).toHaveLength(closed.version);
  expect(timeline.body.map((e: { seq: number }) => e.seq)).toEqual(timeline.body.map((_: unknown, i: number) => i + 1));
  expect(timeline.body.filter((e: { type: string }) => e.type === 'CONFLICT_CHECK_COMPLETED').length).toBeGreaterThan(
    0,
  );
  // Everything the case asked for reaches the queues.
  await eventually(async () => {
    const waiting = await query(t.database.url, 'SELECT id FROM outbox WHERE relayed_at IS NULL');
    return waiting.length === 0 ? true : undefined;
  });

  // A later challenge of the same council is not its first CPC.
  const second = await t.http
    .post('/api/v1/cases')
    .set(as(manager))
    .send({ councilGssCode: 'E06000054', type: 'corporate_peer_challenge' })
    .expect(201);
  expect(second.body.firstCpc).toBe(false);
});
