import type { Verdict } from '#libs/peers';
import { applyEvent, initialContext, type CaseEvent, type CaseView, type TimelineEntry } from '#libs/cases';
import {
  casePageSteps,
  DATE_SETTERS,
  dateRows,
  doneBanner,
  eventForms,
  peerChoice,
  personName,
  recordedValues,
  stageTasks,
  stepLinks,
  verdictInWords,
  stateInWords,
  summaryRows,
  teamRows,
  timelineItems,
} from './case-page.js';

const entry = (seq: number, type: string, payload: Record<string, unknown>, who = 'Pat Manager'): TimelineEntry => ({
  seq,
  type,
  payload,
  actor: { id: 'user-1', label: who },
  at: `2026-11-${String(seq).padStart(2, '0')}T10:30:00.000Z`,
  fromState: null,
  toState: null,
  requestId: null,
});

describe('DATE_SETTERS', () => {
  it('names, for each event, the dates the machine sets from its payload', () => {
    const opening = {
      caseId: 'c',
      councilGssCode: 'E06000054',
      type: 'corporate_peer_challenge' as const,
      managerId: null,
      managerName: null,
    };
    for (const [type, setters] of Object.entries(DATE_SETTERS)) {
      const payload = Object.fromEntries(setters.map(([, field], i) => [field, `2030-01-1${i}`]));
      const event = {
        type,
        reason: 'Moved',
        focusAreas: [],
        recommendations: [],
        progress: [],
        ...payload,
      } as unknown as CaseEvent;
      const before = initialContext(opening);
      const after = applyEvent({ ...before, dates: { onsiteStart: '2029-01-01', onsiteEnd: '2029-01-02' } }, event);
      for (const [key, field] of setters)
        expect({ type, key, date: after.dates[key] }).toEqual({ type, key, date: payload[field] });
    }
  });
});

describe('dateRows', () => {
  it('shows each date with who set it, and every earlier value of a date that was changed', () => {
    const view = {
      dates: { scopingMeeting: '2027-01-12', onsiteStart: '2027-03-09', onsiteEnd: '2027-03-12' },
    } as unknown as CaseView;
    const rows = dateRows(view, [
      entry(1, 'OPEN_CASE', {}),
      entry(2, 'SCHEDULE_SCOPING_MEETING', { date: '2027-01-12' }),
      entry(3, 'AGREE_SCOPE', { focusAreas: [], onsiteStart: '2027-03-02', onsiteEnd: '2027-03-05' }),
      entry(4, 'RESCHEDULE_ONSITE', { onsiteStart: '2027-03-09', onsiteEnd: '2027-03-12', reason: 'Budget <meeting>' }),
    ]);
    expect(rows.map((row) => [row[0], row[1]])).toEqual([
      [{ text: 'Scoping meeting' }, { text: '12 January 2027' }],
      [{ text: 'Onsite start' }, { text: '9 March 2027' }],
      [{ text: 'Onsite end' }, { text: '12 March 2027' }],
    ]);
    expect(rows[0][2]).toEqual({ html: 'Set 2 November 2026 at 10:30 am by Pat Manager' });
    expect(rows[1][2]).toEqual({
      html: 'Set 4 November 2026 at 10:30 am by Pat Manager: Budget &lt;meeting&gt;<br>Was 2 March 2027, set 3 November 2026 at 10:30 am by Pat Manager',
    });
  });

  it('says a date came from an import when no entry set it', () => {
    const view = { dates: { reportPublished: '2016-05-01' } } as unknown as CaseView;
    expect(dateRows(view, [entry(1, 'IMPORTED', {})])).toEqual([
      [{ text: 'Report published' }, { text: '1 May 2016' }, { html: 'Recorded on import' }],
    ]);
  });
});

describe('timelineItems', () => {
  it('lists the newest first with what each entry said, escaped, and the state it moved to', () => {
    const items = timelineItems([
      entry(1, 'OPEN_CASE', {}),
      {
        ...entry(2, 'PAUSE', { reason: 'By-<election>', fromStage: 'onsite' }),
        fromState: 'onsite',
        toState: 'on_hold',
      },
    ]);
    expect(items.map((i) => i.label.text)).toEqual(['Pause', 'Open case']);
    expect(items[0]).toMatchObject({
      byline: { text: 'Pat Manager' },
      datetime: { timestamp: '2026-11-02T10:30:00.000Z' },
    });
    expect(items[0].html).toContain('Reason: By-&lt;election&gt;');
    expect(items[0].html).toContain('Now: On hold');
    expect(items[0].html).not.toContain('on_hold');
  });

  it('names people by name, an unknown user by their label, and the worker as the system', () => {
    const who = personName(new Map([['user-1', 'Pat Manager']]));
    const items = timelineItems(
      [
        entry(1, 'OPEN_CASE', {}, 'pat@example.org'),
        { ...entry(2, 'ADD_NOTE', {}, 'gone@example.org'), actor: { id: 'user-9', label: 'gone@example.org' } },
        { ...entry(3, 'CONFLICT_CHECK_COMPLETED', {}), actor: { id: null, label: 'system' } },
      ],
      who,
    );
    expect(items.map((i) => i.byline.text)).toEqual(['The system', 'gone@example.org', 'Pat Manager']);
  });

  it('says a state in words', () => {
    expect(stateInWords('report.draft_submitted')).toBe('Report: draft submitted');
    expect(stateInWords('follow_up.awaiting_follow_up')).toBe('Follow-up: awaiting follow up');
    expect(stateInWords('closed')).toBe('Closed');
  });
});

describe('summaryRows', () => {
  const view = {
    councilGssCode: 'E06000054',
    councilName: 'Wiltshire <Council>',
    type: 'corporate_peer_challenge',
    stage: 'follow_up',
    state: 'follow_up.awaiting_follow_up',
    onHold: false,
    version: 21,
    manager: { id: 'u', name: 'Pat Manager' },
    scope: { focusAreas: ['Housing'] },
    recommendations: [{ text: 'Refresh the plan', progress: 'in_progress' }, { text: 'Invest' }],
  } as unknown as CaseView;

  it('links the council, says the stage in words and lists the recommendations with their progress', () => {
    const rows = summaryRows(view);
    expect(rows.map((r) => r.key.text)).toEqual([
      'Council',
      'Type',
      'Stage',
      'Manager',
      'Focus areas',
      'Recommendations',
    ]);
    expect(rows[0]!.value).toEqual({
      html: '<a class="govuk-link" href="/councils/E06000054">Wiltshire &lt;Council&gt;</a>',
    });
    expect(rows[2]!.value).toEqual({ text: 'Follow-up: awaiting follow up' });
    expect(rows[5]!.value).toEqual({
      html: '<ol class="govuk-list govuk-list--number"><li>Refresh the plan (In progress)</li><li>Invest</li></ol>',
    });
  });

  it('says a paused case is on hold in its stage', () => {
    const paused = { ...view, stage: 'onsite', state: 'on_hold', onHold: true, recommendations: [] } as CaseView;
    expect(summaryRows(paused)[2]!.value).toEqual({ text: 'Onsite (on hold)' });
  });
});

describe('teamRows', () => {
  const finding = (id: string, more: object = {}) => ({
    id,
    peerId: 'p-1',
    severity: 'soft',
    rule: 'neighbouring_council',
    detail: 'Borders the host',
    overridden: false,
    override: null,
    ...more,
  });
  const view = (allowedEvents: string[], status = 'conflicts') =>
    ({
      id: 'c-1',
      allowedEvents,
      team: [{ peerId: 'p-1', name: 'Olive Officer', role: 'lead_officer_peer' }],
      conflictCheck: {
        status,
        findings: [
          finding('soft-1'),
          finding('hard-1', { severity: 'hard' }),
          finding('asked-1', { override: { requestedBy: { name: 'Pat' }, approvedBy: null } }),
          finding('done-1', {
            overridden: true,
            override: { requestedBy: { name: 'Pat' }, approvedBy: { name: 'Al' } },
          }),
        ],
      },
    }) as unknown as CaseView;

  it('links each peer to the steps about them, with the peer chosen', () => {
    const [member] = teamRows(view(['REMOVE_PEER', 'DECLARE_CONFLICT', 'PROPOSE_PEER']));
    expect(member.actions).toEqual([
      { href: '/cases/c-1/steps/REMOVE_PEER?peerId=p-1', text: 'Remove' },
      { href: '/cases/c-1/steps/DECLARE_CONFLICT?peerId=p-1', text: 'Declare a conflict' },
    ]);
    expect(teamRows(view(['REPLACE_PEER']))[0].actions).toEqual([
      { href: '/cases/c-1/steps/REPLACE_PEER?outPeerId=p-1', text: 'Replace' },
    ]);
  });

  it('offers an override waiting for approval to anyone but the person who asked', () => {
    const waiting = (viewer?: string) =>
      teamRows(
        {
          ...view(['APPROVE_OVERRIDE']),
          conflictCheck: {
            status: 'conflicts',
            findings: [
              finding('asked-1', { override: { requestedBy: { id: 'u-pat', name: 'Pat' }, approvedBy: null } }),
            ],
          },
        } as unknown as CaseView,
        viewer,
      )[0].findings[0].approveHref;
    expect(waiting('u-al')).toBe('/cases/c-1/steps/APPROVE_OVERRIDE?findingId=asked-1');
    expect(waiting('u-pat')).toBeNull();
  });

  it('links only a soft finding nobody has asked to override to its own override page', () => {
    const [member] = teamRows(view(['OVERRIDE_CONFLICT']));
    expect(member.findings.map((f) => f.overrideHref)).toEqual([
      '/cases/c-1/steps/OVERRIDE_CONFLICT?findingId=soft-1',
      null,
      null,
      null,
    ]);
    // While a check runs, or where the case takes no override, there is no link.
    expect(teamRows(view([]))[0].findings.every((f) => f.overrideHref === null)).toBe(true);
  });
});

describe('peerChoice', () => {
  it('offers a peer with their kind, home council and expertise', () => {
    const olive = {
      id: 'p-1',
      name: 'Olive Officer',
      kind: 'officer' as const,
      homeCouncil: { gssCode: 'E06000022', name: 'Bath and North East Somerset' },
      expertise: ['finance', 'housing'],
    };
    expect(peerChoice(olive)).toEqual({
      value: 'p-1',
      text: 'Olive Officer: officer, Bath and North East Somerset; finance, housing',
    });
    expect(peerChoice({ ...olive, homeCouncil: null, expertise: [] }).text).toBe('Olive Officer: officer');
  });

  it('says the pre-check for this case, "can serve" only when nothing needs action in any role', () => {
    const nell = { id: 'p-2', name: 'Nell', kind: 'member' as const, homeCouncil: null, expertise: [] };
    expect(peerChoice(nell, { asLead: 'clear', asMember: 'clear' }).text).toBe('Nell: member. Pre-check: can serve');
    const said = (asLead: Verdict, asMember: Verdict) => verdictInWords({ asLead, asMember });
    expect(said('soft', 'clear')).toBe('can serve; as a lead peer, needs a justification');
    expect(said('hard', 'clear')).toBe('can serve, but not as a lead peer');
    expect(said('soft', 'soft')).toBe('needs a justification');
    expect(said('hard', 'soft')).toBe('needs a justification, but not as a lead peer');
    expect(said('hard', 'hard')).toBe('cannot serve');
  });
});

describe('doneBanner', () => {
  const view = (more: object) =>
    ({
      dates: {},
      team: [],
      allowedEvents: [],
      waitingFor: [],
      ...more,
    }) as unknown as CaseView;

  it('names what comes next, skipping what is already recorded', () => {
    expect(
      doneBanner('OPEN_CASE', 'Open the case', view({ allowedEvents: ['SCHEDULE_SCOPING_MEETING', 'AGREE_SCOPE'] })),
    ).toBe('Done: open the case. Next: schedule the scoping meeting.');
    const scheduled = view({
      dates: { scopingMeeting: '2027-01-12' },
      allowedEvents: ['SCHEDULE_SCOPING_MEETING', 'AGREE_SCOPE'],
    });
    expect(doneBanner('SCHEDULE_SCOPING_MEETING', 'Schedule the scoping meeting', scheduled)).toBe(
      'Done: schedule the scoping meeting. Next: agree the scope.',
    );
  });

  it('says what the next step waits for, and nothing more for a finished case', () => {
    const proposed = view({
      team: [{ peerId: 'p-1' }],
      allowedEvents: ['PROPOSE_PEER', 'RECEIVE_POSITION_STATEMENT'],
      waitingFor: [{ type: 'CONFIRM_TEAM', reasons: ['The team needs exactly one lead member peer; it has none.'] }],
    });
    expect(doneBanner('PROPOSE_PEER', 'Propose a peer', proposed)).toBe(
      'Done: propose a peer. Next: confirm the team. It cannot be done yet: The team needs exactly one lead member ' +
        'peer; it has none.',
    );
    expect(doneBanner('COMPLETE_FOLLOW_UP', 'Complete the follow-up', view({}))).toBe('Done: complete the follow-up.');
  });
});

describe('stageTasks', () => {
  const view = (more: object) =>
    ({
      stage: 'team_assembly',
      onHold: false,
      hold: null,
      cancellation: null,
      waitingFor: [],
      ...more,
    }) as unknown as CaseView;

  it('says each stage is completed, in progress with what it waits for, or cannot start yet and why', () => {
    const tasks = stageTasks(
      view({
        waitingFor: [{ type: 'CONFIRM_TEAM', reasons: ['The team needs exactly one lead member peer; it has none.'] }],
      }),
    );
    const said = (status: object) =>
      'tag' in status ? (status as { tag: { text: string } }).tag.text : (status as { text: string }).text;
    expect(tasks.map((t) => said(t.status))).toEqual([
      'Completed',
      'In progress',
      'Cannot start yet',
      'Cannot start yet',
      'Cannot start yet',
    ]);
    expect(tasks[1].hint).toEqual({ text: 'Waiting: The team needs exactly one lead member peer; it has none.' });
    expect(tasks[2].hint).toEqual({ text: 'After team assembly' });
    expect(
      stageTasks(view({ stage: 'closed' })).every((t) => 'text' in t.status && t.status.text === 'Completed'),
    ).toBe(true);
    const paused = stageTasks(view({ stage: 'onsite', onHold: true, hold: { stage: 'onsite' }, waitingFor: [] }));
    expect(paused[2].status).toEqual({ tag: { text: 'On hold', classes: 'govuk-tag--yellow' } });
  });
});

describe('one thing per page', () => {
  const view = (more: object) =>
    ({ id: 'c-1', dates: {}, team: [], allowedEvents: [], waitingFor: [], ...more }) as unknown as CaseView;

  it('shows on the case page only the steps that move the case on and are not yet recorded', () => {
    const scoping = view({
      allowedEvents: ['SCHEDULE_SCOPING_MEETING', 'SET_INDICATIVE_MONTH', 'AGREE_SCOPE', 'ADD_NOTE', 'PAUSE'],
    });
    expect(casePageSteps(scoping)).toEqual(['SCHEDULE_SCOPING_MEETING', 'AGREE_SCOPE']);
    const scheduled = view({ ...scoping, dates: { scopingMeeting: '2027-01-12' } });
    expect(casePageSteps(scheduled)).toEqual(['AGREE_SCOPE']);
    // Proposing a peer stays while the team is assembled.
    const assembling = view({ team: [{ peerId: 'p-1' }], allowedEvents: ['PROPOSE_PEER', 'REMOVE_PEER'] });
    expect(casePageSteps(assembling)).toEqual(['PROPOSE_PEER']);
  });

  it('links every other step the case allows, stopping the work apart, and not those about a peer or finding', () => {
    const links = stepLinks(
      view({
        dates: { scopingMeeting: '2027-01-12' },
        allowedEvents: [
          'SCHEDULE_SCOPING_MEETING',
          'AGREE_SCOPE',
          'ADD_NOTE',
          'REMOVE_PEER',
          'APPROVE_OVERRIDE',
          'CANCEL',
        ],
      }),
    );
    expect(links.others).toEqual([
      { href: '/cases/c-1/steps/SCHEDULE_SCOPING_MEETING', text: 'Change the scoping meeting date' },
      { href: '/cases/c-1/steps/ADD_NOTE', text: 'Add a note' },
    ]);
    expect(links.stopping).toEqual([{ href: '/cases/c-1/steps/CANCEL', text: 'Cancel the case' }]);
  });

  it('offers no form for a step that is not one, even an empty name (a page of its own asks for one form)', () => {
    const assembling = view({ team: [], allowedEvents: ['PROPOSE_PEER'], recommendations: [], conflictCheck: {} });
    const sources = { peers: [], managers: [] };
    expect(eventForms(assembling, sources).map((f) => f.type)).toEqual(['PROPOSE_PEER']);
    expect(eventForms(assembling, sources, undefined, '' as never)).toEqual([]);
    expect(eventForms(assembling, sources, undefined, 'toString' as never)).toEqual([]);
  });

  it('starts a step’s own page from what is recorded', () => {
    const recorded = view({
      dates: { onsiteStart: '2027-03-02', onsiteEnd: '2027-03-05', indicativeMonth: '2027-03' },
      manager: { id: 'u-1', name: 'Pat' },
    });
    expect(recordedValues(recorded, 'RESCHEDULE_ONSITE')).toEqual({
      'onsiteStart-day': '02',
      'onsiteStart-month': '03',
      'onsiteStart-year': '2027',
      'onsiteEnd-day': '05',
      'onsiteEnd-month': '03',
      'onsiteEnd-year': '2027',
    });
    expect(recordedValues(recorded, 'SET_INDICATIVE_MONTH')).toEqual({ month: '2027-03' });
    expect(recordedValues(recorded, 'ASSIGN_MANAGER')).toEqual({ managerId: 'u-1' });
    expect(recordedValues(recorded, 'ADD_NOTE')).toEqual({});
  });
});
