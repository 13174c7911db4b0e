import { todayInLondon } from '#libs/platform';
import { CaseReplayService } from '#libs/cases';
import {
  t,
  manager,
  as,
  pool,
  openCase,
  getCase,
  postEvent,
  send,
  completeCheck,
  caseAtOnsite,
  useCaseApi,
} from '../support/case-api.js';

/** Dates that can be true (issue #24): the case API against the real application and PostgreSQL, without the worker. */
useCaseApi();

describe('dates that can be true (issue #24)', () => {
  const today = todayInLondon();
  const offset = (days: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

  it('holds the visit back until its first day, says why, and refuses a start sent anyway', async () => {
    const onsite = await caseAtOnsite('E06000047');
    const rebooked = await send(onsite.id, {
      type: 'RESCHEDULE_ONSITE',
      onsiteStart: offset(30),
      onsiteEnd: offset(32),
      reason: 'Booked for next month',
    });
    const booked = await completeCheck(rebooked);
    const received = await send(booked.id, { type: 'RECEIVE_POSITION_STATEMENT', receivedOn: today });
    expect(received.allowedEvents).not.toContain('START_ONSITE');
    expect(received.waitingFor).toEqual([
      { type: 'START_ONSITE', reasons: [expect.stringContaining('The onsite visit is booked to start on')] },
    ]);
    // The case page says what the visit waits for, and offers no button to start it.
    const page = await t.http.get(`/cases/${booked.id}`).set(as(manager)).expect(200);
    expect(page.text).toContain('Start the onsite visit: not yet');
    expect(page.text).toContain(received.waitingFor[0].reasons[0]);
    // The statement is recorded: correcting it is a step of its own, linked.
    expect(page.text).toContain(`href="/cases/${booked.id}/steps/RECEIVE_POSITION_STATEMENT"`);
    expect(page.text).not.toMatch(/<button[^>]*>\s*Start onsite visit\s*<\/button>/);
    const refused = await postEvent(booked.id, { type: 'START_ONSITE', expectedVersion: received.version });
    expect(refused.status).toBe(422);
    expect(refused.body.details.reasons).toEqual(received.waitingFor[0].reasons);
    expect((await getCase(booked.id)).version).toBe(received.version);

    // The visit in fact began three days ago: reschedule, and it can start.
    const moved = await send(booked.id, {
      type: 'RESCHEDULE_ONSITE',
      onsiteStart: offset(-3),
      onsiteEnd: offset(-1),
      reason: 'The visit was brought forward',
    });
    const checked = await completeCheck(moved);
    expect(checked.allowedEvents).toContain('START_ONSITE');
    expect(checked.waitingFor).toEqual([]);
    const started = await send(booked.id, { type: 'START_ONSITE' });

    // On site the dates can still be put right, with a first day that has come; the served team is not rechecked.
    const future = await postEvent(booked.id, {
      type: 'RESCHEDULE_ONSITE',
      expectedVersion: started.version,
      onsiteStart: offset(1),
      onsiteEnd: offset(2),
      reason: 'Typed wrongly',
    });
    expect(future.status).toBe(422);
    expect(future.body.details.reasons).toEqual([expect.stringContaining('The visit has started')]);
    const corrected = await send(booked.id, {
      type: 'RESCHEDULE_ONSITE',
      onsiteStart: offset(-4),
      onsiteEnd: offset(-2),
      reason: 'It began a day earlier than recorded',
    });
    expect(corrected).toMatchObject({
      state: 'onsite.on_site',
      dates: { onsiteStart: offset(-4), onsiteEnd: offset(-2) },
      conflictCheck: { status: started.conflictCheck.status, run: started.conflictCheck.run },
    });
    expect(await t.app.get(CaseReplayService).verify(booked.id)).toBeNull();
  });

  it('refuses what has not happened yet and feedback long after the visit, changing nothing', async () => {
    const onsite = await caseAtOnsite('E06000050');
    const future = offset(1);
    const statement = await postEvent(onsite.id, {
      type: 'RECEIVE_POSITION_STATEMENT',
      expectedVersion: onsite.version,
      receivedOn: future,
    });
    expect(statement.status).toBe(422);
    expect(statement.body.details.reasons).toEqual([
      expect.stringMatching(/^The position statement cannot be recorded as received on .*: that is in the future\.$/),
    ]);
    await send(onsite.id, { type: 'RECEIVE_POSITION_STATEMENT', receivedOn: offset(-20) });
    const moved = await send(onsite.id, {
      type: 'RESCHEDULE_ONSITE',
      onsiteStart: offset(-12),
      onsiteEnd: offset(-10),
      reason: 'Recorded late',
    });
    await send((await completeCheck(moved)).id, { type: 'START_ONSITE' });
    const on = await getCase(onsite.id);
    for (const [date, reasons] of [
      [future, [/that is in the future/, /within 7 days of the last day on site/]],
      [offset(-2), [/within 7 days of the last day on site/]],
      [offset(-13), [/before the onsite visit starts/]],
    ] as const) {
      const feedback = await postEvent(onsite.id, { type: 'PRESENT_FEEDBACK', expectedVersion: on.version, date });
      expect(feedback.status).toBe(422);
      expect(feedback.body.details.reasons).toEqual(reasons.map((reason) => expect.stringMatching(reason)));
    }
    expect(await getCase(onsite.id)).toEqual(on);
    // The last day on site, and up to 7 days after it, are fine.
    const delivered = await send(onsite.id, { type: 'PRESENT_FEEDBACK', date: offset(-3) });
    expect(delivered).toMatchObject({ stage: 'report', deliveredOn: offset(-3) });
    const publish = await postEvent(onsite.id, {
      type: 'PUBLISH_REPORT',
      expectedVersion: (await send(onsite.id, { type: 'SUBMIT_DRAFT_REPORT' })).version,
      publishedOn: future,
      recommendations: ['Refresh the plan'],
    });
    expect(publish.status).toBe(422);
    expect(publish.body.details.reasons).toEqual([expect.stringContaining('that is in the future')]);
  });

  it('says why the team cannot be confirmed while its check runs', async () => {
    const opened = await openCase({ councilGssCode: 'E06000049' });
    await send(opened.id, { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: offset(60), onsiteEnd: offset(62) });
    const proposed = await send(opened.id, { type: 'PROPOSE_PEER', peerId: pool[0].id, role: 'lead_officer_peer' });
    expect(proposed.waitingFor).toEqual([
      {
        type: 'CONFIRM_TEAM',
        reasons: [
          'The team needs exactly one lead member peer; it has none.',
          'The conflict check for the current team has not finished yet: wait for it, then confirm.',
        ],
      },
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Random sequences of events through HTTP
