import { CaseReplayService, CaseStale } from '#libs/cases';
import {
  t,
  manager,
  viewer,
  viewerUser,
  as,
  UNKNOWN_ID,
  pool,
  type CaseBody,
  eventRows,
  stored,
  openCase,
  getCase,
  timeline,
  postEvent,
  send,
  completeCheck,
  fieldsOf,
  useCaseApi,
} from '../support/case-api.js';

/** Refused and concurrent events: the case API against the real application and PostgreSQL, without the worker. */
useCaseApi();

describe('refused events', () => {
  let subject: CaseBody;
  beforeAll(async () => {
    subject = await openCase();
    subject = await send(subject.id, { type: 'SCHEDULE_SCOPING_MEETING', date: '2025-01-12' });
  });

  /** Sends the body and checks that nothing was written. */
  async function refused(body: unknown, status: number, token = manager) {
    const before = { events: await eventRows(subject.id), row: await stored(subject.id) };
    const response = await t.http
      .post(`/api/v1/cases/${subject.id}/events`)
      .set(as(token))
      .send(body as object);
    expect({ status: response.status, body: response.body }).toMatchObject({ status });
    expect(await eventRows(subject.id)).toBe(before.events);
    expect(await stored(subject.id)).toEqual(before.row);
    return response.body as { statusCode: number; message: string; details?: unknown; version?: number };
  }

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown type', { type: 'FLY_TO_THE_MOON' }, 'type'],
    ['no type', { date: '2025-01-20' }, 'type'],
    ['a type that is not text', { type: 42 }, 'type'],
    [
      'no expectedVersion',
      { type: 'SCHEDULE_SCOPING_MEETING', date: '2025-01-20', expectedVersion: undefined },
      'expectedVersion',
    ],
    ['expectedVersion that is not a number', { type: 'RESUME', expectedVersion: 'latest' }, 'expectedVersion'],
    ['expectedVersion 0', { type: 'RESUME', expectedVersion: 0 }, 'expectedVersion'],
    ['expectedVersion 1.5', { type: 'RESUME', expectedVersion: 1.5 }, 'expectedVersion'],
    ['a date in another format', { type: 'SCHEDULE_SCOPING_MEETING', date: '20/01/2025' }, 'date'],
    ['a date that does not exist', { type: 'SCHEDULE_SCOPING_MEETING', date: '2025-02-30' }, 'date'],
    ['a missing date', { type: 'SCHEDULE_SCOPING_MEETING' }, 'date'],
    [
      'onsite dates that are not dates',
      { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: 'soon', onsiteEnd: '2025-03-04' },
      'onsiteStart',
    ],
    [
      'focusAreas that is not a list',
      { type: 'AGREE_SCOPE', focusAreas: 'housing', onsiteStart: '2025-03-01', onsiteEnd: '2025-03-04' },
      'focusAreas',
    ],
    ['a peerId that is not an id', { type: 'PROPOSE_PEER', peerId: 'fiona', role: 'lead_officer_peer' }, 'peerId'],
    ['an unknown role', { type: 'PROPOSE_PEER', peerId: UNKNOWN_ID, role: 'captain' }, 'role'],
    ['a blank reason', { type: 'PAUSE', reason: '   ' }, 'reason'],
    ['a stamped field: fromStage', { type: 'PAUSE', reason: 'Elections', fromStage: 'report' }, 'fromStage'],
    ['a stamped field: peer', { type: 'PROPOSE_PEER', peerId: UNKNOWN_ID, role: 'shadow_peer', peer: {} }, 'peer'],
    [
      'a stamped field: manager',
      { type: 'ASSIGN_MANAGER', managerId: UNKNOWN_ID, manager: { name: 'X', eligible: true } },
      'manager',
    ],
    ['a stamped field: by', { type: 'ADD_NOTE', text: 'Hello', by: { id: null, name: 'Someone else' } }, 'by'],
    ['an unknown field', { type: 'SUBMIT_DRAFT_REPORT', colour: 'blue' }, 'colour'],
    [
      'progress items that are not { index, status }',
      { type: 'COMPLETE_FOLLOW_UP', date: '2025-11-01', progress: [{ index: -1, status: 'done' }] },
      'progress.0.index',
    ],
    [
      'the system event CONFLICT_CHECK_COMPLETED',
      {
        type: 'CONFLICT_CHECK_COMPLETED',
        result: { teamFingerprint: 'x', checkedOn: '2025-01-01', findings: [], information: [], warnings: [] },
      },
      'type',
    ],
  ])('refuses %s with 400 naming the field, writing nothing', async (_label, event, field) => {
    const body = await refused({ expectedVersion: subject.version, ...event }, 400);
    expect(body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    expect(fieldsOf(body)).toContain(field);
  });

  it('refuses a CONFLICT_CHECK_COMPLETED for the current team sent by a user with 400', async () => {
    const body = await refused(
      {
        type: 'CONFLICT_CHECK_COMPLETED',
        expectedVersion: subject.version,
        result: {
          teamFingerprint: subject.conflictCheck.teamFingerprint,
          checkedOn: '2025-01-01',
          findings: [],
          information: [],
          warnings: [],
        },
      },
      400,
    );
    expect(fieldsOf(body)).toEqual(['type']);
  });

  it('refuses bodies that are not an event object with 400', async () => {
    for (const raw of ['[]', '"START_ONSITE"', '42', 'null', '{"type": ', '[{"type":"RESUME","expectedVersion":2}]']) {
      const before = await eventRows(subject.id);
      const response = await t.http
        .post(`/api/v1/cases/${subject.id}/events`)
        .set(as(manager))
        .set('Content-Type', 'application/json')
        .send(raw);
      expect({ raw, status: response.status }).toEqual({ raw, status: 400 });
      expect(await eventRows(subject.id)).toBe(before);
    }
  });

  it('refuses an expectedVersion of true, which is not a version, even on a case at version 1', async () => {
    const fresh = await openCase();
    const response = await postEvent(fresh.id, {
      type: 'SCHEDULE_SCOPING_MEETING',
      expectedVersion: true,
      date: '2025-01-20',
    });
    expect({ status: response.status, fields: response.body.details }).toEqual({
      status: 400,
      fields: [expect.objectContaining({ field: 'expectedVersion' })],
    });
    expect(await eventRows(fresh.id)).toBe(1);
  });

  it('answers 422 with every reason for an event not accepted in the current state', async () => {
    const body = await refused({ type: 'START_ONSITE', expectedVersion: subject.version }, 422);
    expect(body).toMatchObject({ statusCode: 422, error: 'Unprocessable Entity' });
    expect(body.details).toEqual({ reasons: ['START_ONSITE is not possible while the case is in scoping.'] });
    const propose = await refused(
      { type: 'PROPOSE_PEER', expectedVersion: subject.version, peerId: pool[0].id, role: 'lead_officer_peer' },
      422,
    );
    expect((propose.details as { reasons: string[] }).reasons).toEqual([
      expect.stringContaining('PROPOSE_PEER is not possible while the case is in scoping'),
    ]);
    const resume = await refused({ type: 'RESUME', expectedVersion: subject.version }, 422);
    expect((resume.details as { reasons: unknown[] }).reasons).toHaveLength(1);
  });

  it('answers 422 when a guard fails: an onsite visit of six days, or one that ends before it starts', async () => {
    const six = await refused(
      {
        type: 'AGREE_SCOPE',
        expectedVersion: subject.version,
        focusAreas: ['housing'],
        onsiteStart: '2025-03-01',
        onsiteEnd: '2025-03-06',
      },
      422,
    );
    const reasons = (six.details as { reasons: unknown[] }).reasons;
    expect(Array.isArray(reasons)).toBe(true);
    expect(reasons.length).toBeGreaterThan(0);
    expect(reasons.every((reason) => typeof reason === 'string')).toBe(true);
    expect(reasons).toEqual(['The onsite visit must last 1 to 5 days; 2025-03-01 to 2025-03-06 is 6 days.']);
    expect(six.message).toContain('6 days');

    const backwards = await refused(
      {
        type: 'AGREE_SCOPE',
        expectedVersion: subject.version,
        focusAreas: [],
        onsiteStart: '2025-03-04',
        onsiteEnd: '2025-03-01',
      },
      422,
    );
    expect((backwards.details as { reasons: string[] }).reasons).toEqual([
      expect.stringContaining('cannot end (2025-03-01) before it starts (2025-03-04)'),
    ]);
    expect((await getCase(subject.id)).state).toBe('scoping');
  });

  it('answers 422 naming an unknown peer or a manager who is not one', async () => {
    const other = await openCase();
    const agreed = await send(other.id, {
      type: 'AGREE_SCOPE',
      focusAreas: [],
      onsiteStart: '2025-03-01',
      onsiteEnd: '2025-03-05',
    });
    const before = await eventRows(other.id);
    const unknown = await postEvent(other.id, {
      type: 'PROPOSE_PEER',
      expectedVersion: agreed.version,
      peerId: UNKNOWN_ID,
      role: 'shadow_peer',
    }).expect(422);
    expect(unknown.body.details.reasons).toEqual([`No peer in the pool has the id ${UNKNOWN_ID}.`]);
    const wrongKind = await postEvent(other.id, {
      type: 'PROPOSE_PEER',
      expectedVersion: agreed.version,
      peerId: pool[4].id,
      role: 'lead_member_peer',
    }).expect(422);
    expect(wrongKind.body.details.reasons).toEqual([expect.stringContaining('cannot be the lead member peer')]);
    const inactive = await postEvent(other.id, {
      type: 'PROPOSE_PEER',
      expectedVersion: agreed.version,
      peerId: pool[6].id,
      role: 'officer_peer',
    }).expect(422);
    expect(inactive.body.details.reasons).toEqual([expect.stringContaining('no longer active')]);
    const notManager = await postEvent(other.id, {
      type: 'ASSIGN_MANAGER',
      expectedVersion: agreed.version,
      managerId: viewerUser.id,
    }).expect(422);
    expect(notManager.body.details.reasons).toEqual([expect.stringContaining('not an active peer challenge manager')]);
    const confirm = await postEvent(other.id, { type: 'CONFIRM_TEAM', expectedVersion: agreed.version }).expect(422);
    expect(confirm.body.details.reasons).toEqual(
      expect.arrayContaining([
        'The team needs exactly one lead officer peer; it has none.',
        'The team needs exactly one lead member peer; it has none.',
        expect.stringContaining('finance expertise'),
      ]),
    );
    expect(await eventRows(other.id)).toBe(before);
    expect((await getCase(other.id)).version).toBe(agreed.version);
  });

  it('answers 409 with the current version for a stale or future expectedVersion', async () => {
    expect(subject.version).toBe(2);
    for (const expectedVersion of [1, 3, 99]) {
      const body = await refused({ type: 'SCHEDULE_SCOPING_MEETING', expectedVersion, date: '2025-01-30' }, 409);
      expect(body).toMatchObject({
        statusCode: 409,
        error: 'Conflict',
        version: 2,
        details: { currentVersion: 2 },
      });
    }
    // The version is checked before the event: a stale request for an impossible event is still a 409.
    const impossible = await refused({ type: 'START_ONSITE', expectedVersion: 1 }, 409);
    expect(impossible.version).toBe(2);
  });

  it("accepts a version that only the system's conflict check has moved on since; a person's change is still 409", async () => {
    const opened = await openCase();
    await send(opened.id, { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: '2025-03-01', onsiteEnd: '2025-03-03' });
    const proposed = await send(opened.id, { type: 'PROPOSE_PEER', peerId: pool[0].id, role: 'lead_officer_peer' });
    const checked = await completeCheck(proposed);
    expect(checked.version).toBe(proposed.version + 1);
    // The system's own events get no such leeway: a second check run from the same read records nothing.
    const again = await completeCheck(proposed).then(
      () => 'accepted',
      (error: unknown) => (error instanceof CaseStale ? `stale at ${error.currentVersion}` : error),
    );
    expect(again).toBe(`stale at ${checked.version}`);
    expect((await getCase(opened.id)).version).toBe(checked.version);
    // The manager's page still shows the version before the check: proposing the next peer is not a conflict.
    const next = await postEvent(opened.id, {
      type: 'PROPOSE_PEER',
      expectedVersion: proposed.version,
      peerId: pool[2].id,
      role: 'lead_member_peer',
    });
    expect({ status: next.status, version: next.body.version }).toEqual({ status: 200, version: checked.version + 1 });
    expect(next.body.team.map((m: { peerId: string }) => m.peerId)).toEqual([pool[0].id, pool[2].id]);
    // That version is now behind a person's change: 409, nothing written.
    const before = await eventRows(opened.id);
    const stale = await postEvent(opened.id, {
      type: 'SCHEDULE_SCOPING_MEETING',
      expectedVersion: proposed.version,
      date: '2025-01-30',
    });
    expect({ status: stale.status, version: stale.body.version }).toEqual({ status: 409, version: next.body.version });
    expect(await eventRows(opened.id)).toEqual(before);
  });

  it('refuses a viewer with 403, writing nothing', async () => {
    await refused(
      { type: 'SCHEDULE_SCOPING_MEETING', expectedVersion: subject.version, date: '2025-01-30' },
      403,
      viewer,
    );
  });
});

describe('concurrent events', () => {
  it('accepts exactly one of 12 events sent at once for the same version; the rest answer 409', async () => {
    const opened = await openCase();
    const dates = Array.from({ length: 12 }, (_, i) => `2025-01-${String(i + 10).padStart(2, '0')}`);
    const responses = await Promise.all(
      dates.map((date) =>
        postEvent(opened.id, { type: 'SCHEDULE_SCOPING_MEETING', expectedVersion: opened.version, date }),
      ),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(11);
    for (const response of responses.filter((r) => r.status === 409)) {
      expect(response.body).toMatchObject({ version: 2, details: { currentVersion: 2 } });
    }
    const winner = responses.find((r) => r.status === 200)!;
    const after = await getCase(opened.id);
    expect(after.version).toBe(opened.version + 1);
    expect(after.dates).toEqual({ scopingMeeting: winner.body.dates.scopingMeeting });
    expect(after.scopingMeetingHistory).toEqual([]);
    const entries = await timeline(opened.id);
    expect(entries.map((e) => e.type)).toEqual(['OPEN_CASE', 'SCHEDULE_SCOPING_MEETING']);
    expect(entries[1].payload).toEqual({
      type: 'SCHEDULE_SCOPING_MEETING',
      date: winner.body.dates.scopingMeeting,
    });
    expect(await t.app.get(CaseReplayService).verify(opened.id)).toBeNull();
  });
});
