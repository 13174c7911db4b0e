import type { INestApplicationContext } from '@nestjs/common';
import { ConflictCheckJob } from '#libs/cases';
import { query } from './support/environment.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { eventually, startTestWorker } from './support/test-worker.js';

let t: TestApp;
let worker: INestApplicationContext;
let manager: string;
let admin: string;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await createTestApp();
  worker = await startTestWorker();
  manager = (await t.as('peer_challenge_manager')).token;
  admin = (await t.as('admin')).token;
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
  // The event is the entry at the new version; the worker may have recorded a check's result just before it
  // (a system entry between the read and the send does not make a person's version stale).
  const entries = (await t.http.get(`/api/v1/cases/${caseId}/timeline`).set(as(manager)).expect(200)).body as Array<{
    seq: number;
    type: string;
    actor: { id: string | null };
  }>;
  const written = entries.filter((e) => e.seq > current.body.version && e.seq <= response.body.version);
  expect(written.at(-1)).toMatchObject({ seq: response.body.version, type: event.type });
  expect(written.slice(0, -1).every((e) => e.actor.id === null && e.type === 'CONFLICT_CHECK_COMPLETED')).toBe(true);
  return response.body;
}

/** Waits for the worker's conflict check of the current team and inputs. */
async function checked(caseId: string) {
  return eventually(async () => {
    const response = await t.http.get(`/api/v1/cases/${caseId}`).set(as(manager)).expect(200);
    const { status } = response.body.conflictCheck;
    return status === 'pending' || status === 'stale' ? undefined : response.body;
  });
}

interface Finding {
  id: string;
  peerId: string;
  severity: string;
  rule: string;
  detail: string;
}
const findingOf = (body: { conflictCheck: { findings: Finding[] } }, peerId: string, rule: string) =>
  body.conflictCheck.findings.find((f) => f.peerId === peerId && f.rule === rule)!;

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

  await send(id, { type: 'SCHEDULE_SCOPING_MEETING', date: '2025-01-12' });
  await send(id, { type: 'AGREE_SCOPE', focusAreas: ['housing'], onsiteStart: '2025-03-02', onsiteEnd: '2025-03-05' });
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
    .send({
      type: 'OVERRIDE_CONFLICT',
      expectedVersion: found.version,
      findingId: findingOf(found, consultant, 'consultancy').id,
      justification: 'She only advised on one small project',
    })
    .expect(422);
  expect(hard.body.details.reasons[0]).toContain('cannot be overridden');

  await send(id, { type: 'REMOVE_PEER', peerId: consultant });
  found = await checked(id);
  expect(found.conflictCheck.findings).toContainEqual(
    expect.objectContaining({ peerId: leadOfficer, severity: 'soft', rule: 'neighbouring_council' }),
  );
  expect(found.allowedEvents).toContain('OVERRIDE_CONFLICT');
  const neighbour = findingOf(found, leadOfficer, 'neighbouring_council');
  found = await send(id, {
    type: 'OVERRIDE_CONFLICT',
    findingId: neighbour.id,
    justification: 'No working ties with Wiltshire',
  });
  // Asked for by the manager: it waits for a second person.
  expect(found.conflictCheck.status).toBe('conflicts');
  const own = await t.http
    .post(`/api/v1/cases/${id}/events`)
    .set(as(manager))
    .send({ type: 'APPROVE_OVERRIDE', expectedVersion: found.version, findingId: neighbour.id })
    .expect(422);
  expect(own.body.details.reasons).toEqual([
    'An override must be approved by someone other than the person who asked for it.',
  ]);
  const approved = await t.http
    .post(`/api/v1/cases/${id}/events`)
    .set(as(admin))
    .send({ type: 'APPROVE_OVERRIDE', expectedVersion: found.version, findingId: neighbour.id })
    .expect(200);
  found = approved.body;
  expect(found.conflictCheck.status).toBe('clear');
  expect(found.conflictCheck.findings.every((f: { overridden: boolean }) => f.overridden)).toBe(true);
  expect(found.allowedEvents).toContain('CONFIRM_TEAM');

  await send(id, { type: 'CONFIRM_TEAM' });
  await send(id, { type: 'RECEIVE_POSITION_STATEMENT', receivedOn: '2025-02-20' });
  await send(id, { type: 'PAUSE', reason: 'By-election' });
  const resumed = await send(id, { type: 'RESUME' });
  expect(resumed.state).toBe('onsite.preparing');
  await send(id, { type: 'START_ONSITE' });
  const delivered = await send(id, { type: 'PRESENT_FEEDBACK', date: '2025-03-05' });
  expect(delivered).toMatchObject({ stage: 'report', state: 'report.drafting', deliveredOn: '2025-03-05' });
  await send(id, { type: 'SUBMIT_DRAFT_REPORT' });
  await send(id, {
    type: 'PUBLISH_REPORT',
    publishedOn: '2025-04-20',
    recommendations: ['Refresh the plan', 'Invest'],
  });
  await send(id, { type: 'RECEIVE_ACTION_PLAN', receivedOn: '2025-06-01' });
  await send(id, { type: 'SCHEDULE_FOLLOW_UP', date: '2025-11-01' });
  const closed = await send(id, {
    type: 'COMPLETE_FOLLOW_UP',
    date: '2025-11-01',
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

it('a dealing added to the lead peer of a clear team makes the check stale, and the re-check refuses the team', async () => {
  // Dorset Council (E06000059); the lead officer once worked for West Dorset, one of its predecessors.
  const leadOfficer = await peer({
    name: 'Priya Patel',
    email: 'priya@example.org',
    kind: 'officer',
    role: 'chief_executive',
    homeCouncilGssCode: 'E08000025',
    expertise: ['finance'],
  });
  const leadMember = await peer({
    name: 'Les Member',
    email: 'les@example.org',
    kind: 'member',
    role: 'leader',
    politicalGroup: 'independent',
    homeCouncilGssCode: 'E08000003',
    trainedOn: '2025-01-10',
    expertise: [],
  });
  const opened = await t.http
    .post('/api/v1/cases')
    .set(as(manager))
    .send({ councilGssCode: 'E06000059', type: 'corporate_peer_challenge' })
    .expect(201);
  const id = opened.body.id as string;
  await send(id, { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: '2027-05-11', onsiteEnd: '2027-05-13' });
  await send(id, { type: 'PROPOSE_PEER', peerId: leadOfficer, role: 'lead_officer_peer' });
  await send(id, { type: 'PROPOSE_PEER', peerId: leadMember, role: 'lead_member_peer' });
  const clear = await checked(id);
  expect(clear.conflictCheck).toMatchObject({ status: 'clear', findings: [] });

  await t.http
    .post(`/api/v1/peers/${leadOfficer}/dealings`)
    .set(as(manager))
    .send({ councilGssCode: 'E07000052', kind: 'employment', from: '2016-04-01', to: '2024-03-31' })
    .expect(201);
  // Stale at once, in the dealing's own transaction: no one can confirm the team on the old result.
  const stale = await t.http.get(`/api/v1/cases/${id}`).set(as(manager)).expect(200);
  expect(stale.body.conflictCheck.status === 'stale' || stale.body.conflictCheck.status === 'conflicts').toBe(true);
  if (stale.body.conflictCheck.status === 'stale') {
    expect(stale.body.conflictCheck.reason).toBe('A employment dealing with West Dorset was added to Priya Patel.');
    const early = await t.http
      .post(`/api/v1/cases/${id}/events`)
      .set(as(manager))
      .send({ type: 'CONFIRM_TEAM', expectedVersion: stale.body.version })
      .expect(422);
    expect(early.body.details.reasons[0]).toContain('is being run again because an input changed');
  }

  const rechecked = await checked(id);
  expect(rechecked.conflictCheck.status).toBe('conflicts');
  const employment = findingOf(rechecked, leadOfficer, 'employment');
  expect(employment).toMatchObject({ severity: 'hard' });
  expect(employment.detail).toContain('West Dorset (a predecessor or successor of Dorset Council)');
  const refused = await t.http
    .post(`/api/v1/cases/${id}/events`)
    .set(as(manager))
    .send({ type: 'CONFIRM_TEAM', expectedVersion: rechecked.version })
    .expect(422);
  expect(refused.body.details.reasons).toEqual([expect.stringContaining('Priya Patel cannot serve in this role')]);

  // The timeline says why the check ran again.
  const timeline = await t.http.get(`/api/v1/cases/${id}/timeline`).set(as(manager)).expect(200);
  expect(timeline.body).toContainEqual(
    expect.objectContaining({
      type: 'CONFLICT_INPUTS_CHANGED',
      payload: {
        type: 'CONFLICT_INPUTS_CHANGED',
        reason: 'A employment dealing with West Dorset was added to Priya Patel.',
      },
    }),
  );
});

it('a peer booked on two visits whose dates overlap is a hard finding on the later team', async () => {
  const traveller = await peer({
    name: 'Tom Traveller',
    email: 'tom@example.org',
    kind: 'officer',
    role: 'director',
    homeCouncilGssCode: 'E08000025',
    expertise: [],
  });
  const open = async (council: string, start: string, end: string) => {
    const opened = await t.http
      .post('/api/v1/cases')
      .set(as(manager))
      .send({ councilGssCode: council, type: 'corporate_peer_challenge' })
      .expect(201);
    await send(opened.body.id, { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: start, onsiteEnd: end });
    return opened.body.id as string;
  };
  const first = await open('E06000001', '2027-06-07', '2027-06-09');
  const second = await open('E06000002', '2027-06-09', '2027-06-11');
  await send(first, { type: 'PROPOSE_PEER', peerId: traveller, role: 'officer_peer' });
  expect((await checked(first)).conflictCheck.findings).toEqual([]);
  await send(second, { type: 'PROPOSE_PEER', peerId: traveller, role: 'officer_peer' });
  const later = await checked(second);
  expect(findingOf(later, traveller, 'double_booked')).toMatchObject({
    id: `double_booked:${traveller}:${first}`,
    severity: 'hard',
  });
  // The first team is checked again too (the second booking is an input of its check), and finds the same.
  const earlier = await checked(first);
  expect(findingOf(earlier, traveller, 'double_booked')).toMatchObject({ severity: 'hard' });
  // Moving the second visit a week on clears both.
  await send(second, {
    type: 'RESCHEDULE_ONSITE',
    onsiteStart: '2027-06-14',
    onsiteEnd: '2027-06-16',
    reason: 'The team was double-booked',
  });
  expect((await checked(second)).conflictCheck.findings).toEqual([]);
  expect((await checked(first)).conflictCheck.findings).toEqual([]);
});

it('the sweep checks again a team checked on an earlier day, saying why, and it comes back clear today', async () => {
  const peerId = await peer({
    name: 'Dana Day',
    email: 'dana@example.org',
    kind: 'officer',
    role: 'director',
    homeCouncilGssCode: 'E08000025',
    expertise: [],
  });
  const opened = await t.http
    .post('/api/v1/cases')
    .set(as(manager))
    .send({ councilGssCode: 'E06000003', type: 'corporate_peer_challenge' })
    .expect(201);
  const id = opened.body.id as string;
  await send(id, { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: '2027-09-06', onsiteEnd: '2027-09-08' });
  await send(id, { type: 'PROPOSE_PEER', peerId, role: 'officer_peer' });
  const first = await checked(id);
  expect(first.conflictCheck.status).toBe('clear');
  // As if the check had been made last year.
  await query(
    t.database.url,
    `UPDATE cases SET snapshot = jsonb_set(snapshot, '{context,conflictCheck,checkedOn}', '"2025-12-01"') WHERE id = $1`,
    [id],
  );
  expect(await worker.get(ConflictCheckJob).requeueStale()).toBeGreaterThanOrEqual(1);
  const stale = await t.http.get(`/api/v1/cases/${id}`).set(as(manager)).expect(200);
  expect(stale.body.conflictCheck.status === 'stale' || stale.body.conflictCheck.checkedOn !== '2025-12-01').toBe(true);
  const again = await checked(id);
  expect(again.conflictCheck).toMatchObject({ status: 'clear', config: { lookBackYears: 5 } });
  expect(again.conflictCheck.checkedOn).not.toBe('2025-12-01');
  const timeline = await t.http.get(`/api/v1/cases/${id}/timeline`).set(as(manager)).expect(200);
  const entry = timeline.body.find((e: { type: string }) => e.type === 'CONFLICT_INPUTS_CHANGED');
  expect(entry.payload.reason).toContain('The team is checked again as of');
});
