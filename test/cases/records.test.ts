import { query } from '../support/environment.js';
import { CaseReplayService } from '#libs/cases';
import {
  t,
  manager,
  managerUser,
  viewer,
  as,
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
  caseAtOnsite,
  fieldsOf,
  useCaseApi,
} from '../support/case-api.js';

/** Notes, documents, team assembly, the timeline and a case stored by machine version 1: the case API against the real application and PostgreSQL, without the worker. */
useCaseApi();

describe('notes and documents', () => {
  let subject: CaseBody;
  beforeAll(async () => {
    subject = await openCase();
  });

  it('adds a note with its author and time, and refuses a blank one', async () => {
    const before = await eventRows(subject.id);
    const response = await t.http
      .post(`/api/v1/cases/${subject.id}/notes`)
      .set(as(manager))
      .send({ text: '  Chief executive keen on a spring visit  ' })
      .expect(201);
    const body = response.body as CaseBody;
    expect(body.version).toBe(subject.version + 1);
    expect(body.state).toBe('scoping');
    expect(body.notes).toEqual([
      {
        text: 'Chief executive keen on a spring visit',
        by: { id: managerUser.id, name: 'Test peer_challenge_manager', at: expect.any(String) },
      },
    ]);
    expect(Date.parse(body.notes[0].by.at)).not.toBeNaN();
    expect(await eventRows(subject.id)).toBe(before + 1);

    for (const [bad, field] of [
      [{ text: '   ' }, 'text'],
      [{ text: '' }, 'text'],
      [{}, 'text'],
      [{ text: 42 }, 'text'],
      [{ text: 'x'.repeat(5001) }, 'text'],
      [{ text: 'fine', by: 'me' }, 'by'],
    ] as const) {
      const refused = await t.http.post(`/api/v1/cases/${subject.id}/notes`).set(as(manager)).send(bad).expect(400);
      expect(fieldsOf(refused.body)).toContain(field);
    }
    await t.http.post(`/api/v1/cases/${subject.id}/notes`).set(as(viewer)).send({ text: 'Hi' }).expect(403);
    expect(await eventRows(subject.id)).toBe(before + 1);
    expect((await getCase(subject.id)).notes).toHaveLength(1);
  });

  it('adds a document link, and refuses a bad kind or a URL that is not one', async () => {
    const current = await getCase(subject.id);
    const response = await t.http
      .post(`/api/v1/cases/${subject.id}/documents`)
      .set(as(manager))
      .send({
        kind: 'position_statement',
        title: 'Position statement, final version',
        url: 'https://sharepoint.example.org/sites/cpc/position-statement.docx',
      })
      .expect(201);
    expect(response.body.version).toBe(current.version + 1);
    expect(response.body.documents).toEqual([
      {
        kind: 'position_statement',
        title: 'Position statement, final version',
        url: 'https://sharepoint.example.org/sites/cpc/position-statement.docx',
        by: { id: managerUser.id, name: 'Test peer_challenge_manager', at: expect.any(String) },
      },
    ]);

    const before = await eventRows(subject.id);
    const good = { kind: 'other', title: 'Slides', url: 'https://example.org/slides.pdf' };
    for (const [change, field] of [
      [{ kind: 'memo' }, 'kind'],
      [{ kind: undefined }, 'kind'],
      [{ url: 'not a url' }, 'url'],
      [{ url: 'ftp://example.org/file.pdf' }, 'url'],
      [{ url: 'javascript:alert(1)' }, 'url'],
      [{ url: undefined }, 'url'],
      [{ title: ' ' }, 'title'],
      [{ by: 'me' }, 'by'],
    ] as const) {
      const refused = await t.http
        .post(`/api/v1/cases/${subject.id}/documents`)
        .set(as(manager))
        .send({ ...good, ...change })
        .expect(400);
      expect(fieldsOf(refused.body)).toContain(field);
    }
    expect(await eventRows(subject.id)).toBe(before);
    expect((await getCase(subject.id)).documents).toHaveLength(1);
  });

  it('takes notes and documents on a cancelled case, which accepts nothing else', async () => {
    const cancelled = await send(subject.id, { type: 'CANCEL', reason: 'Council withdrew' });
    expect(cancelled).toMatchObject({
      stage: 'cancelled',
      state: 'cancelled',
      cancellation: { reason: 'Council withdrew', stage: 'scoping' },
    });
    expect([...cancelled.allowedEvents].sort()).toEqual(['ADD_DOCUMENT', 'ADD_NOTE']);
    const noted = await t.http
      .post(`/api/v1/cases/${subject.id}/notes`)
      .set(as(manager))
      .send({ text: 'Might come back next year' })
      .expect(201);
    expect(noted.body).toMatchObject({ state: 'cancelled', version: cancelled.version + 1 });
    expect(noted.body.notes.map((n: { text: string }) => n.text)).toEqual([
      'Chief executive keen on a spring visit',
      'Might come back next year',
    ]);
    await postEvent(subject.id, { type: 'RESUME', expectedVersion: noted.body.version }).expect(422);
    expect(await t.app.get(CaseReplayService).verify(subject.id)).toBeNull();
  });

  it('keeps every note sent at the same moment (notes need no version)', async () => {
    const fresh = await openCase();
    const texts = Array.from({ length: 10 }, (_, i) => `Note ${i + 1}`);
    const responses = await Promise.all(
      texts.map((text) => t.http.post(`/api/v1/cases/${fresh.id}/notes`).set(as(manager)).send({ text })),
    );
    expect(responses.map((r) => r.status)).toEqual(texts.map(() => 201));
    const after = await getCase(fresh.id);
    expect(after.version).toBe(fresh.version + texts.length);
    expect(after.notes.map((n) => n.text).sort()).toEqual([...texts].sort());
    expect(await t.app.get(CaseReplayService).verify(fresh.id)).toBeNull();
  });

  it('never answers 500 for text with a NUL character (PostgreSQL cannot store one in JSON)', async () => {
    const fresh = await openCase();
    const text = 'before\u0000after';
    const requests: Array<[string, () => Promise<{ status: number }>]> = [
      ['POST /notes', () => t.http.post(`/api/v1/cases/${fresh.id}/notes`).set(as(manager)).send({ text })],
      [
        'POST /documents',
        () =>
          t.http
            .post(`/api/v1/cases/${fresh.id}/documents`)
            .set(as(manager))
            .send({ kind: 'other', title: text, url: 'https://example.org/a' }),
      ],
      ['ADD_NOTE', () => postEvent(fresh.id, { type: 'ADD_NOTE', expectedVersion: 1, text })],
      ['PAUSE', () => postEvent(fresh.id, { type: 'PAUSE', expectedVersion: 1, reason: text })],
    ];
    const answers: Array<{ request: string; status: number }> = [];
    for (const [request, sendIt] of requests) {
      const before = await getCase(fresh.id);
      const { status } = await sendIt();
      answers.push({ request, status });
      if (status >= 400) expect((await getCase(fresh.id)).version).toBe(before.version);
    }
    expect(answers.filter((a) => a.status >= 500)).toEqual([]);
  });
});

describe('team assembly', () => {
  it('a conflict declared on a peer goes with that peer: the rest of the team can then be confirmed', async () => {
    const opened = await openCase();
    await send(opened.id, { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: '2025-03-01', onsiteEnd: '2025-03-03' });
    await send(opened.id, { type: 'PROPOSE_PEER', peerId: pool[0].id, role: 'lead_officer_peer' });
    await send(opened.id, { type: 'PROPOSE_PEER', peerId: pool[2].id, role: 'lead_member_peer' });
    const ella = pool[4].id;
    let current = await send(opened.id, { type: 'PROPOSE_PEER', peerId: ella, role: 'external_peer' });
    current = await completeCheck(current);
    expect(current.conflictCheck.status).toBe('clear');
    current = await send(opened.id, {
      type: 'DECLARE_CONFLICT',
      peerId: ella,
      severity: 'hard',
      detail: 'Married to the chief executive',
    });
    // A declaration is judged at once: no new check is needed for it.
    expect(current.conflictCheck).toMatchObject({
      status: 'conflicts',
      findings: [{ peerId: ella, severity: 'hard', rule: 'declared_conflict', declared: true, overridden: false }],
    });
    expect(current.allowedEvents).not.toContain('CONFIRM_TEAM');

    current = await send(opened.id, { type: 'REMOVE_PEER', peerId: ella });
    current = await completeCheck(current);
    expect(current.team.map((m) => m.peerId)).toEqual([pool[0].id, pool[2].id]);
    // Ella is no longer on the team: a finding about her says nothing of the team that is left.
    expect(current.conflictCheck.findings).toEqual([]);
    expect(current.conflictCheck.status).toBe('clear');
    expect(current.allowedEvents).toContain('CONFIRM_TEAM');
    const confirmed = await postEvent(opened.id, { type: 'CONFIRM_TEAM', expectedVersion: current.version });
    expect({ status: confirmed.status, body: confirmed.body }).toMatchObject({
      status: 200,
      body: { state: 'onsite.preparing' },
    });
  });

  it('refuses the same peer twice, however the id is written', async () => {
    const opened = await openCase();
    await send(opened.id, { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: '2025-03-01', onsiteEnd: '2025-03-03' });
    const proposed = await send(opened.id, { type: 'PROPOSE_PEER', peerId: pool[0].id, role: 'lead_officer_peer' });
    const again = await postEvent(opened.id, {
      type: 'PROPOSE_PEER',
      expectedVersion: proposed.version,
      peerId: pool[0].id.toUpperCase(),
      role: 'officer_peer',
    });
    // Refused, as for the same id in lower case (422 "already on the team"), or as malformed (400).
    expect({ status: again.status, team: again.body.team }).toEqual({ status: expect.any(Number), team: undefined });
    expect([400, 422]).toContain(again.status);
    const after = await getCase(opened.id);
    expect(after.team.map((m) => m.peerId)).toEqual([pool[0].id]);
    expect(after.version).toBe(proposed.version);
  });

  it('reschedules the onsite visit, keeping the old dates', async () => {
    const opened = await openCase();
    await send(opened.id, { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: '2025-03-01', onsiteEnd: '2025-03-03' });
    const same = await postEvent(opened.id, {
      type: 'RESCHEDULE_ONSITE',
      expectedVersion: 2,
      onsiteStart: '2025-03-01',
      onsiteEnd: '2025-03-03',
      reason: 'No change',
    }).expect(422);
    expect(same.body.details.reasons).toEqual([expect.stringContaining('already planned')]);
    const moved = await send(opened.id, {
      type: 'RESCHEDULE_ONSITE',
      onsiteStart: '2025-04-12',
      onsiteEnd: '2025-04-15',
      reason: ' Easter clash ',
    });
    expect(moved).toMatchObject({
      onsiteStart: '2025-04-12',
      dates: { onsiteStart: '2025-04-12', onsiteEnd: '2025-04-15' },
      onsiteHistory: [{ onsiteStart: '2025-03-01', onsiteEnd: '2025-03-03', reason: 'Easter clash' }],
    });
  });
});

describe('the timeline', () => {
  it('lists every accepted event in order with its payload, actor, time and states', async () => {
    const onsite = await caseAtOnsite('E09000033');
    const entries = await timeline(onsite.id);
    expect(entries).toHaveLength(onsite.version);
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    expect(entries.map((e) => e.type)).toEqual([
      'OPEN_CASE',
      'SCHEDULE_SCOPING_MEETING',
      'AGREE_SCOPE',
      'PROPOSE_PEER',
      'PROPOSE_PEER',
      'CONFLICT_CHECK_COMPLETED',
      'CONFIRM_TEAM',
    ]);
    for (const entry of entries) {
      expect(Object.keys(entry)).toEqual(
        expect.arrayContaining(['seq', 'type', 'payload', 'actor', 'at', 'fromState', 'toState']),
      );
      expect(new Date(entry.at).toISOString()).toBe(entry.at);
    }
    const [open, meeting, scope, proposal, , check, confirm] = entries;
    expect(open).toMatchObject({
      type: 'OPEN_CASE',
      fromState: null,
      toState: 'scoping',
      actor: { id: managerUser.id, label: managerUser.email },
      payload: { caseId: onsite.id, councilGssCode: 'E09000033', type: 'corporate_peer_challenge' },
    });
    expect(meeting).toMatchObject({ fromState: 'scoping', toState: 'scoping', payload: { date: '2025-01-12' } });
    expect(scope).toMatchObject({
      fromState: 'scoping',
      toState: 'team_assembly',
      payload: { type: 'AGREE_SCOPE', onsiteStart: '2025-03-02', onsiteEnd: '2025-03-05' },
    });
    // The service stamps what it looked up, so the timeline replays on its own.
    expect(proposal.payload).toEqual({
      type: 'PROPOSE_PEER',
      peerId: pool[0].id,
      role: 'lead_officer_peer',
      peer: { name: 'Fiona Officer', kind: 'officer', financeExpertise: true, active: true },
    });
    expect(check).toMatchObject({
      actor: { id: null, label: 'system' },
      fromState: 'team_assembly',
      toState: 'team_assembly',
    });
    expect(confirm).toMatchObject({ fromState: 'team_assembly', toState: 'onsite.preparing' });
    expect(entries.every((e) => e.payload.expectedVersion === undefined)).toBe(true);
    expect(await t.app.get(CaseReplayService).verify(onsite.id)).toBeNull();
  });
});

describe('a case stored by machine version 1', () => {
  it('is read through the upgrades and moves on, stored again as version 3', async () => {
    const onsite = await caseAtOnsite('E06000054');
    const current = await stored(onsite.id);
    expect(current.machine_version).toBe(3);
    expect(current.snapshot.value).toEqual({ open: { onsite: 'preparing' } });
    const context = current.snapshot.context as Record<string, unknown>;
    const oldContext = Object.fromEntries(
      Object.entries(context).filter(
        ([key]) => !['notes', 'documents', 'declaredConflicts', 'scopingMeetingHistory', 'hold'].includes(key),
      ),
    );
    // As the first design stored it: no history, no children, the stages at the top level.
    const v1 = { status: 'active', value: { onsite: 'preparing' }, context: oldContext };
    await query(t.database.url, 'UPDATE cases SET machine_version = 1, snapshot = $2 WHERE id = $1', [
      onsite.id,
      JSON.stringify(v1),
    ]);

    const read = await getCase(onsite.id);
    expect(read).toMatchObject({
      stage: 'onsite',
      state: 'onsite.preparing',
      version: onsite.version,
      notes: [],
      documents: [],
      declaredConflicts: [],
      scopingMeetingHistory: [],
      hold: null,
      team: onsite.team,
      dates: onsite.dates,
    });
    expect([...read.allowedEvents].sort()).toEqual([...onsite.allowedEvents].sort());
    expect(read.allowedEvents).toContain('RECEIVE_POSITION_STATEMENT');
    expect(read.allowedEvents).not.toContain('START_ONSITE');
    expect(await t.app.get(CaseReplayService).verify(onsite.id)).toBeNull();

    const received = await postEvent(onsite.id, {
      type: 'RECEIVE_POSITION_STATEMENT',
      expectedVersion: read.version,
      receivedOn: '2025-02-20',
    });
    expect(received.status).toBe(200);
    expect(received.body).toMatchObject({
      state: 'onsite.preparing',
      version: read.version + 1,
      dates: { positionStatementReceived: '2025-02-20' },
    });
    expect(received.body.allowedEvents).toContain('START_ONSITE');
    const after = await stored(onsite.id);
    expect(after.machine_version).toBe(3);
    expect(after.snapshot.value).toEqual({ open: { onsite: 'preparing' } });
    expect(after.snapshot.context).toMatchObject({ notes: [], documents: [], declaredConflicts: [], hold: null });
    expect(await t.app.get(CaseReplayService).verify(onsite.id)).toBeNull();

    // A pause taken after the upgrade resumes the exact state it left.
    await send(onsite.id, { type: 'PAUSE', reason: 'Purdah' });
    const resumed = await send(onsite.id, { type: 'RESUME' });
    expect(resumed).toMatchObject({ state: 'onsite.preparing', hold: null, onHold: false });
    const started = await send(onsite.id, { type: 'START_ONSITE' });
    expect(started.state).toBe('onsite.on_site');
    expect(await t.app.get(CaseReplayService).verify(onsite.id)).toBeNull();
  });
});
