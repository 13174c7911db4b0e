import { CORE_COMPONENTS, type CaseContext } from './case-context.js';
import type {
  Author,
  CaseEvent,
  CaseEventType,
  CaseOpening,
  CheckFinding,
  CheckResult,
  EventOf,
  ProposedPeer,
} from './case-events.js';
import { MACHINE_VERSION } from './case.machine.js';
import { unmetConditions } from './case-rules.js';
import {
  allowedEvents,
  openCase,
  persist,
  restore,
  stageOf,
  stateName,
  step,
  upgradeSnapshot,
  type CaseSnapshot,
  type StoredSnapshot,
} from './snapshots.js';

type Role = EventOf<'PROPOSE_PEER'>['role'];
type Kind = ProposedPeer['kind'];
/** An event, or an event built from the case it is sent to (a check result for the current team, a stamped stage). */
type Step = CaseEvent | ((snapshot: CaseSnapshot) => CaseEvent);

// ---------------------------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------------------------

const OPENING: CaseOpening = {
  caseId: 'case-1',
  councilGssCode: 'E07000147',
  type: 'corporate_peer_challenge',
  managerId: 'user-pcm-1',
  managerName: 'Pat Manager',
};

const BY: Author = { id: 'user-pcm-1', name: 'Pat Manager', at: '2025-05-01T09:00:00.000Z' };

const ONSITE_START = '2025-06-09';
const ONSITE_END = '2025-06-12';
const FEEDBACK_ON = '2025-06-12';
const PUBLISHED_ON = '2025-08-01';
const FOLLOW_UP_ON = '2026-02-02';

const peer = (name: string, kind: Kind, extra: Partial<ProposedPeer> = {}): ProposedPeer => ({
  name,
  kind,
  financeExpertise: false,
  active: true,
  ...extra,
});

const LEAD_OFFICER = peer('Olive Officer', 'officer', { financeExpertise: true });
const LEAD_MEMBER = peer('Cllr Mike Member', 'member');
const OFFICER = peer('Sam Soft', 'officer');
const HARD_OFFICER = peer('Harriet Hard', 'officer');
const EXTERNAL = peer('Ezra External', 'external');

const propose = (peerId: string, role: Role, proposed: ProposedPeer | null): CaseEvent => ({
  type: 'PROPOSE_PEER',
  peerId,
  role,
  peer: proposed,
});

const soft = (
  peerId: string,
  rule = 'neighbouring_council',
  detail = 'Home council is a neighbour.',
): CheckFinding => ({
  peerId,
  severity: 'soft',
  rule,
  detail,
});

const hard = (peerId: string, rule = 'employment', detail = 'Worked at the host council in 2023.'): CheckFinding => ({
  peerId,
  severity: 'hard',
  rule,
  detail,
});

/** The worker's result for the team the case has now (or for `fingerprint`). */
const checkResult = (snapshot: CaseSnapshot, findings: CheckFinding[] = [], fingerprint?: string): CheckResult => ({
  teamFingerprint: fingerprint ?? snapshot.context.conflictCheck.teamFingerprint,
  checkedOn: '2025-05-10',
  findings,
  information: [{ peerId: 'p-lo', rule: 'previous_challenge', detail: 'Served on a 2019 challenge elsewhere.' }],
  warnings: [{ rule: 'untrained_member_peer', detail: 'Training is out of date.', peerId: 'p-lm' }],
});

const checkCompleted =
  (findings: CheckFinding[] = []): Step =>
  (snapshot) => ({ type: 'CONFLICT_CHECK_COMPLETED', result: checkResult(snapshot, findings) });

const pause =
  (reason = 'Council elections'): Step =>
  (snapshot) => ({ type: 'PAUSE', reason, fromStage: stageOf(snapshot) });

const cancel =
  (reason = 'The council withdrew'): Step =>
  (snapshot) => ({ type: 'CANCEL', reason, fromStage: stageOf(snapshot) });

const assignManager = (managerId = 'user-pcm-2', name = 'Nia Newmanager'): CaseEvent => ({
  type: 'ASSIGN_MANAGER',
  managerId,
  manager: { name, eligible: true },
});

const RECOMMENDATIONS = [
  '  Refresh the medium-term financial strategy ',
  'Invest in member development',
  '   ',
  'Review the corporate plan',
];

const completeAll: CaseEvent = {
  type: 'COMPLETE_FOLLOW_UP',
  date: FOLLOW_UP_ON,
  progress: [
    { index: 0, status: 'achieved' },
    { index: 1, status: 'in_progress' },
    { index: 2, status: 'not_started' },
  ],
};

// ---------------------------------------------------------------------------------------------------------------
// Driving a case through real events
// ---------------------------------------------------------------------------------------------------------------

function resolve(snapshot: CaseSnapshot, s: Step): CaseEvent {
  return typeof s === 'function' ? s(snapshot) : s;
}

/** Sends the event and expects it to be accepted. */
function accept(snapshot: CaseSnapshot, s: Step): CaseSnapshot {
  const event = resolve(snapshot, s);
  const result = step(snapshot, event);
  if (!result.accepted) {
    throw new Error(`${event.type} was refused in ${stateName(snapshot.value)}: ${result.reasons.join(' | ')}`);
  }
  return result.next;
}

/** Sends the event and expects it to be refused; returns the reasons. */
function refuse(snapshot: CaseSnapshot, s: Step): string[] {
  const event = resolve(snapshot, s);
  const result = step(snapshot, event);
  if (result.accepted) {
    throw new Error(`${event.type} was accepted in ${stateName(snapshot.value)} (→ ${stateName(result.next.value)})`);
  }
  return result.reasons;
}

function play(snapshot: CaseSnapshot, ...steps: Step[]): CaseSnapshot {
  return steps.reduce(accept, snapshot);
}

/** Milestones on the way through a case; `team_ready` is team_assembly with a confirmable team. */
const ROUTE = [
  ['scoping', []],
  [
    'team_assembly',
    [
      {
        type: 'AGREE_SCOPE',
        focusAreas: [' Housing delivery ', '', 'Climate'],
        onsiteStart: ONSITE_START,
        onsiteEnd: ONSITE_END,
      },
    ],
  ],
  [
    'team_ready',
    [
      propose('p-lo', 'lead_officer_peer', LEAD_OFFICER),
      propose('p-lm', 'lead_member_peer', LEAD_MEMBER),
      checkCompleted(),
    ],
  ],
  ['onsite.preparing', [{ type: 'CONFIRM_TEAM' }]],
  ['onsite.on_site', [{ type: 'RECEIVE_POSITION_STATEMENT', receivedOn: '2025-05-20' }, { type: 'START_ONSITE' }]],
  ['report.drafting', [{ type: 'PRESENT_FEEDBACK', date: FEEDBACK_ON }]],
  ['report.draft_submitted', [{ type: 'SUBMIT_DRAFT_REPORT' }]],
  [
    'follow_up.awaiting_follow_up',
    [{ type: 'PUBLISH_REPORT', publishedOn: PUBLISHED_ON, recommendations: RECOMMENDATIONS }],
  ],
  ['follow_up.follow_up_scheduled', [{ type: 'SCHEDULE_FOLLOW_UP', date: FOLLOW_UP_ON }]],
  ['closed', [completeAll]],
] as const satisfies ReadonlyArray<readonly [string, readonly Step[]]>;

type RouteMilestone = (typeof ROUTE)[number][0];
type Milestone = RouteMilestone | 'on_hold' | 'cancelled';

/** A case driven from opening to `milestone` through real events. */
function reach(milestone: Milestone): CaseSnapshot {
  if (milestone === 'on_hold') return play(reach('onsite.on_site'), pause());
  if (milestone === 'cancelled') return play(reach('team_ready'), cancel());
  let snapshot = openCase(OPENING);
  for (const [name, steps] of ROUTE) {
    snapshot = play(snapshot, ...steps);
    if (name === milestone) return snapshot;
  }
  throw new Error(`unknown milestone ${milestone}`);
}

const stored = (snapshot: CaseSnapshot): StoredSnapshot => JSON.parse(JSON.stringify(persist(snapshot)));
const roundTrip = (snapshot: CaseSnapshot): CaseSnapshot => restore(stored(snapshot), MACHINE_VERSION);
const sorted = (types: readonly CaseEventType[]) => [...types].sort();

// ---------------------------------------------------------------------------------------------------------------
// What each state accepts
// ---------------------------------------------------------------------------------------------------------------

const EVERYWHERE: CaseEventType[] = ['CONFLICT_CHECK_COMPLETED', 'ADD_NOTE', 'ADD_DOCUMENT'];
const OPEN: CaseEventType[] = [...EVERYWHERE, 'ASSIGN_MANAGER', 'PAUSE', 'CANCEL'];

/** Every state and the events it accepts (with a suitable payload), from the machine and docs/API.md. */
const ACCEPTED: Record<string, CaseEventType[]> = {
  scoping: [...OPEN, 'SCHEDULE_SCOPING_MEETING', 'SET_INDICATIVE_MONTH', 'AGREE_SCOPE'],
  team_assembly: [
    ...OPEN,
    'PROPOSE_PEER',
    'REMOVE_PEER',
    'OVERRIDE_CONFLICT',
    'DECLARE_CONFLICT',
    'RESCHEDULE_ONSITE',
    'RECEIVE_POSITION_STATEMENT',
    'CONFIRM_TEAM',
  ],
  'onsite.preparing': [...OPEN, 'RECEIVE_POSITION_STATEMENT', 'RESCHEDULE_ONSITE', 'START_ONSITE'],
  'onsite.on_site': [...OPEN, 'RECEIVE_POSITION_STATEMENT', 'PRESENT_FEEDBACK'],
  'report.drafting': [...OPEN, 'SUBMIT_DRAFT_REPORT'],
  'report.draft_submitted': [...OPEN, 'PUBLISH_REPORT'],
  'follow_up.awaiting_follow_up': [...OPEN, 'RECEIVE_ACTION_PLAN', 'SCHEDULE_FOLLOW_UP'],
  'follow_up.follow_up_scheduled': [...OPEN, 'RECEIVE_ACTION_PLAN', 'SCHEDULE_FOLLOW_UP', 'COMPLETE_FOLLOW_UP'],
  on_hold: [...EVERYWHERE, 'RESUME', 'ASSIGN_MANAGER', 'CANCEL'],
  closed: EVERYWHERE,
  cancelled: EVERYWHERE,
};

/** The milestone that reaches each state. */
const STATES: Array<[string, Milestone]> = [
  ['scoping', 'scoping'],
  ['team_assembly', 'team_assembly'],
  ['onsite.preparing', 'onsite.preparing'],
  ['onsite.on_site', 'onsite.on_site'],
  ['report.drafting', 'report.drafting'],
  ['report.draft_submitted', 'report.draft_submitted'],
  ['follow_up.awaiting_follow_up', 'follow_up.awaiting_follow_up'],
  ['follow_up.follow_up_scheduled', 'follow_up.follow_up_scheduled'],
  ['on_hold', 'on_hold'],
  ['closed', 'closed'],
  ['cancelled', 'cancelled'],
];
const OPEN_STATES = STATES.filter(([state]) => !['on_hold', 'closed', 'cancelled'].includes(state));

/** One event of each type; the payload does not matter to a state that does not accept the type. */
const ANY_EVENT: Record<CaseEventType, Step> = {
  SCHEDULE_SCOPING_MEETING: { type: 'SCHEDULE_SCOPING_MEETING', date: '2025-04-01' },
  SET_INDICATIVE_MONTH: { type: 'SET_INDICATIVE_MONTH', month: '2025-06' },
  AGREE_SCOPE: { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: ONSITE_START, onsiteEnd: ONSITE_END },
  PROPOSE_PEER: propose('p-ext', 'external_peer', EXTERNAL),
  REMOVE_PEER: { type: 'REMOVE_PEER', peerId: 'p-lo' },
  OVERRIDE_CONFLICT: { type: 'OVERRIDE_CONFLICT', peerId: 'p-lo', justification: 'Long ago' },
  DECLARE_CONFLICT: { type: 'DECLARE_CONFLICT', peerId: 'p-lo', severity: 'soft', detail: 'Friend of the leader' },
  CONFLICT_CHECK_COMPLETED: checkCompleted(),
  CONFIRM_TEAM: { type: 'CONFIRM_TEAM' },
  RESCHEDULE_ONSITE: { type: 'RESCHEDULE_ONSITE', onsiteStart: '2025-06-16', onsiteEnd: '2025-06-19', reason: 'x' },
  ASSIGN_MANAGER: assignManager(),
  RECEIVE_POSITION_STATEMENT: { type: 'RECEIVE_POSITION_STATEMENT', receivedOn: '2025-05-20' },
  START_ONSITE: { type: 'START_ONSITE' },
  PRESENT_FEEDBACK: { type: 'PRESENT_FEEDBACK', date: FEEDBACK_ON },
  SUBMIT_DRAFT_REPORT: { type: 'SUBMIT_DRAFT_REPORT' },
  PUBLISH_REPORT: { type: 'PUBLISH_REPORT', publishedOn: PUBLISHED_ON, recommendations: ['One'] },
  RECEIVE_ACTION_PLAN: { type: 'RECEIVE_ACTION_PLAN', receivedOn: '2025-09-01' },
  SCHEDULE_FOLLOW_UP: { type: 'SCHEDULE_FOLLOW_UP', date: FOLLOW_UP_ON },
  COMPLETE_FOLLOW_UP: completeAll,
  PAUSE: pause(),
  RESUME: { type: 'RESUME' },
  CANCEL: cancel(),
  ADD_NOTE: { type: 'ADD_NOTE', text: 'A note', by: BY },
  ADD_DOCUMENT: { type: 'ADD_DOCUMENT', kind: 'other', title: 'A document', url: 'https://example.org/d', by: BY },
};
const ALL_TYPES = Object.keys(ANY_EVENT) as CaseEventType[];

interface Transition {
  from: Milestone;
  type: CaseEventType;
  to: string;
  event: Step;
  given?: Step[];
}

const SPECIFIC_TRANSITIONS: Transition[] = [
  { from: 'scoping', type: 'SCHEDULE_SCOPING_MEETING', to: 'scoping', event: ANY_EVENT.SCHEDULE_SCOPING_MEETING },
  { from: 'scoping', type: 'SET_INDICATIVE_MONTH', to: 'scoping', event: ANY_EVENT.SET_INDICATIVE_MONTH },
  { from: 'scoping', type: 'AGREE_SCOPE', to: 'team_assembly', event: ANY_EVENT.AGREE_SCOPE },
  { from: 'team_assembly', type: 'PROPOSE_PEER', to: 'team_assembly', event: ANY_EVENT.PROPOSE_PEER },
  { from: 'team_ready', type: 'REMOVE_PEER', to: 'team_assembly', event: ANY_EVENT.REMOVE_PEER },
  { from: 'team_ready', type: 'DECLARE_CONFLICT', to: 'team_assembly', event: ANY_EVENT.DECLARE_CONFLICT },
  {
    from: 'team_ready',
    type: 'OVERRIDE_CONFLICT',
    to: 'team_assembly',
    given: [propose('p-op', 'officer_peer', OFFICER), checkCompleted([soft('p-op')])],
    event: { type: 'OVERRIDE_CONFLICT', peerId: 'p-op', justification: 'Only a neighbour' },
  },
  { from: 'team_assembly', type: 'RESCHEDULE_ONSITE', to: 'team_assembly', event: ANY_EVENT.RESCHEDULE_ONSITE },
  {
    from: 'team_assembly',
    type: 'RECEIVE_POSITION_STATEMENT',
    to: 'team_assembly',
    event: ANY_EVENT.RECEIVE_POSITION_STATEMENT,
  },
  { from: 'team_ready', type: 'CONFIRM_TEAM', to: 'onsite.preparing', event: ANY_EVENT.CONFIRM_TEAM },
  {
    from: 'onsite.preparing',
    type: 'RECEIVE_POSITION_STATEMENT',
    to: 'onsite.preparing',
    event: ANY_EVENT.RECEIVE_POSITION_STATEMENT,
  },
  { from: 'onsite.preparing', type: 'RESCHEDULE_ONSITE', to: 'onsite.preparing', event: ANY_EVENT.RESCHEDULE_ONSITE },
  {
    from: 'onsite.preparing',
    type: 'START_ONSITE',
    to: 'onsite.on_site',
    given: [ANY_EVENT.RECEIVE_POSITION_STATEMENT],
    event: ANY_EVENT.START_ONSITE,
  },
  {
    from: 'onsite.on_site',
    type: 'RECEIVE_POSITION_STATEMENT',
    to: 'onsite.on_site',
    event: { type: 'RECEIVE_POSITION_STATEMENT', receivedOn: '2025-05-21' },
  },
  { from: 'onsite.on_site', type: 'PRESENT_FEEDBACK', to: 'report.drafting', event: ANY_EVENT.PRESENT_FEEDBACK },
  {
    from: 'report.drafting',
    type: 'SUBMIT_DRAFT_REPORT',
    to: 'report.draft_submitted',
    event: ANY_EVENT.SUBMIT_DRAFT_REPORT,
  },
  {
    from: 'report.draft_submitted',
    type: 'PUBLISH_REPORT',
    to: 'follow_up.awaiting_follow_up',
    event: ANY_EVENT.PUBLISH_REPORT,
  },
  {
    from: 'follow_up.awaiting_follow_up',
    type: 'RECEIVE_ACTION_PLAN',
    to: 'follow_up.awaiting_follow_up',
    event: ANY_EVENT.RECEIVE_ACTION_PLAN,
  },
  {
    from: 'follow_up.awaiting_follow_up',
    type: 'SCHEDULE_FOLLOW_UP',
    to: 'follow_up.follow_up_scheduled',
    event: ANY_EVENT.SCHEDULE_FOLLOW_UP,
  },
  {
    from: 'follow_up.follow_up_scheduled',
    type: 'RECEIVE_ACTION_PLAN',
    to: 'follow_up.follow_up_scheduled',
    event: ANY_EVENT.RECEIVE_ACTION_PLAN,
  },
  {
    from: 'follow_up.follow_up_scheduled',
    type: 'SCHEDULE_FOLLOW_UP',
    to: 'follow_up.follow_up_scheduled',
    event: { type: 'SCHEDULE_FOLLOW_UP', date: '2026-03-02' },
  },
  { from: 'follow_up.follow_up_scheduled', type: 'COMPLETE_FOLLOW_UP', to: 'closed', event: completeAll },
  { from: 'on_hold', type: 'RESUME', to: 'onsite.on_site', event: ANY_EVENT.RESUME },
  { from: 'on_hold', type: 'ASSIGN_MANAGER', to: 'on_hold', event: ANY_EVENT.ASSIGN_MANAGER },
  { from: 'on_hold', type: 'CANCEL', to: 'cancelled', event: ANY_EVENT.CANCEL },
];

const TRANSITIONS: Transition[] = [
  ...SPECIFIC_TRANSITIONS,
  ...OPEN_STATES.flatMap(([state, from]): Transition[] => [
    { from, type: 'ASSIGN_MANAGER', to: state, event: ANY_EVENT.ASSIGN_MANAGER },
    { from, type: 'PAUSE', to: 'on_hold', event: ANY_EVENT.PAUSE },
    { from, type: 'CANCEL', to: 'cancelled', event: ANY_EVENT.CANCEL },
  ]),
  ...STATES.flatMap(([state, from]): Transition[] => [
    { from, type: 'CONFLICT_CHECK_COMPLETED', to: state, event: ANY_EVENT.CONFLICT_CHECK_COMPLETED },
    { from, type: 'ADD_NOTE', to: state, event: ANY_EVENT.ADD_NOTE },
    { from, type: 'ADD_DOCUMENT', to: state, event: ANY_EVENT.ADD_DOCUMENT },
  ]),
];

const stateOfMilestone = (milestone: Milestone) => (milestone === 'team_ready' ? 'team_assembly' : milestone);

// ===============================================================================================================

describe('case machine', () => {
  describe('opening a case', () => {
    it('starts in scoping with the core components, the manager and a clear check for the empty team', () => {
      const snapshot = openCase(OPENING);
      expect(stateName(snapshot.value)).toBe('scoping');
      expect(snapshot.value).toEqual({ open: 'scoping' });
      expect(stageOf(snapshot)).toBe('scoping');
      expect(snapshot.context).toMatchObject({
        caseId: 'case-1',
        councilGssCode: 'E07000147',
        manager: { id: 'user-pcm-1', name: 'Pat Manager' },
        scope: { coreComponents: [...CORE_COMPONENTS], focusAreas: [] },
        team: [],
        hold: null,
        cancellation: null,
        notes: [],
        documents: [],
      });
      expect(snapshot.context.conflictCheck).toMatchObject({ status: 'clear', checkedOn: null, findings: [] });
    });

    it('has no core components for other types and no manager when none is given', () => {
      const snapshot = openCase({ ...OPENING, type: 'finance_peer_review', managerId: null, managerName: null });
      expect(snapshot.context.scope.coreComponents).toEqual([]);
      expect(snapshot.context.manager).toBeNull();
    });

    it('the route helper reaches every milestone through real events', () => {
      for (const [state, milestone] of STATES) expect(stateName(reach(milestone).value)).toBe(state);
      expect(stateName(reach('team_ready').value)).toBe('team_assembly');
    });
  });

  describe('transitions', () => {
    it('the table covers every event each state accepts, and nothing else', () => {
      const covered: Record<string, CaseEventType[]> = {};
      for (const t of TRANSITIONS) (covered[stateOfMilestone(t.from)] ??= []).push(t.type);
      for (const state of Object.keys(ACCEPTED)) expect(sorted(covered[state] ?? [])).toEqual(sorted(ACCEPTED[state]));
      expect(Object.keys(covered).sort()).toEqual(Object.keys(ACCEPTED).sort());
    });

    it.each(TRANSITIONS.map((t) => [stateOfMilestone(t.from), t.type, t.to, t] as const))(
      '%s + %s → %s',
      (_state, _type, to, t) => {
        const before = play(reach(t.from), ...(t.given ?? []));
        const next = accept(before, t.event);
        expect(stateName(next.value)).toBe(to);
      },
    );

    const refusedEverywhere = STATES.flatMap(([state, milestone]) =>
      ALL_TYPES.filter((type) => !ACCEPTED[state].includes(type)).map((type) => [state, type, milestone] as const),
    );

    it.each(refusedEverywhere)('%s refuses %s as not possible in that state', (state, type, milestone) => {
      const snapshot = reach(milestone);
      expect(refuse(snapshot, ANY_EVENT[type])).toEqual([`${type} is not possible while the case is in ${state}.`]);
    });

    it('a refused event leaves the snapshot as it was', () => {
      const snapshot = reach('team_assembly');
      const before = JSON.stringify(persist(snapshot));
      refuse(snapshot, { type: 'CONFIRM_TEAM' });
      refuse(snapshot, { type: 'START_ONSITE' });
      expect(JSON.stringify(persist(snapshot))).toBe(before);
    });

    it('records what each step of the route says', () => {
      const closed = reach('closed');
      expect(closed.context.scope.focusAreas).toEqual(['Housing delivery', 'Climate']);
      expect(closed.context.team.map((m) => [m.peerId, m.role])).toEqual([
        ['p-lo', 'lead_officer_peer'],
        ['p-lm', 'lead_member_peer'],
      ]);
      expect(closed.context.dates).toEqual({
        onsiteStart: ONSITE_START,
        onsiteEnd: ONSITE_END,
        positionStatementReceived: '2025-05-20',
        feedbackPresented: FEEDBACK_ON,
        reportPublished: PUBLISHED_ON,
        followUp: FOLLOW_UP_ON,
        followUpCompleted: FOLLOW_UP_ON,
      });
      expect(closed.context.recommendations).toEqual([
        { text: 'Refresh the medium-term financial strategy', progress: 'achieved' },
        { text: 'Invest in member development', progress: 'in_progress' },
        { text: 'Review the corporate plan', progress: 'not_started' },
      ]);
      expect(closed.context.financeWaiverReason).toBeNull();
    });

    it('SCHEDULE_SCOPING_MEETING may repeat and keeps the earlier dates', () => {
      const snapshot = play(
        openCase(OPENING),
        { type: 'SCHEDULE_SCOPING_MEETING', date: '2025-04-01' },
        { type: 'SCHEDULE_SCOPING_MEETING', date: '2025-04-08' },
        { type: 'SCHEDULE_SCOPING_MEETING', date: '2025-04-15' },
      );
      expect(snapshot.context.dates.scopingMeeting).toBe('2025-04-15');
      expect(snapshot.context.scopingMeetingHistory).toEqual(['2025-04-01', '2025-04-08']);
    });

    it('ADD_NOTE and ADD_DOCUMENT record their author, also on a closed or cancelled case', () => {
      for (const milestone of ['closed', 'cancelled'] as const) {
        const snapshot = play(
          reach(milestone),
          { type: 'ADD_NOTE', text: '  Lessons learnt  ', by: BY },
          { type: 'ADD_DOCUMENT', kind: 'final_report', title: ' Final report ', url: 'https://x.org/r.pdf', by: BY },
        );
        expect(stateName(snapshot.value)).toBe(milestone);
        expect(snapshot.context.notes).toEqual([{ text: 'Lessons learnt', by: BY }]);
        expect(snapshot.context.documents).toEqual([
          { kind: 'final_report', title: 'Final report', url: 'https://x.org/r.pdf', by: BY },
        ]);
      }
    });
  });

  // -------------------------------------------------------------------------------------------------------------

  describe('onsite dates (AGREE_SCOPE and RESCHEDULE_ONSITE)', () => {
    const ACCEPTED_DATES = [
      ['1 day', '2025-06-09', '2025-06-09'],
      ['5 days', '2025-06-09', '2025-06-13'],
      ['5 days over a month end', '2025-02-26', '2025-03-02'],
      ['5 days over the clocks going forward', '2025-03-27', '2025-03-31'],
    ] as const;
    const REFUSED_DATES = [
      [
        '6 days',
        '2025-06-09',
        '2025-06-14',
        'The onsite visit must last 1 to 5 days; 2025-06-09 to 2025-06-14 is 6 days.',
      ],
      [
        '6 days over a leap day',
        '2024-02-26',
        '2024-03-02',
        'The onsite visit must last 1 to 5 days; 2024-02-26 to 2024-03-02 is 6 days.',
      ],
      [
        'end before start',
        '2025-06-10',
        '2025-06-09',
        'The onsite visit cannot end (2025-06-09) before it starts (2025-06-10).',
      ],
    ] as const;

    it.each(ACCEPTED_DATES)('AGREE_SCOPE accepts %s', (_label, onsiteStart, onsiteEnd) => {
      const next = accept(openCase(OPENING), { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart, onsiteEnd });
      expect(stateName(next.value)).toBe('team_assembly');
      expect(next.context.dates).toMatchObject({ onsiteStart, onsiteEnd });
    });

    it.each(REFUSED_DATES)('AGREE_SCOPE refuses %s', (_label, onsiteStart, onsiteEnd, reason) => {
      expect(refuse(openCase(OPENING), { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart, onsiteEnd })).toEqual([
        reason,
      ]);
    });

    describe.each([['team_assembly'], ['onsite.preparing']] as const)('RESCHEDULE_ONSITE in %s', (milestone) => {
      it.each(ACCEPTED_DATES)(
        'accepts %s and keeps the old dates with the reason',
        (_label, onsiteStart, onsiteEnd) => {
          const next = accept(reach(milestone), {
            type: 'RESCHEDULE_ONSITE',
            onsiteStart,
            onsiteEnd,
            reason: '  Council elections ',
          });
          expect(stateName(next.value)).toBe(milestone);
          expect(next.context.dates).toMatchObject({ onsiteStart, onsiteEnd });
          expect(next.context.onsiteHistory).toEqual([
            { onsiteStart: ONSITE_START, onsiteEnd: ONSITE_END, reason: 'Council elections' },
          ]);
        },
      );

      it.each(REFUSED_DATES)('refuses %s', (_label, onsiteStart, onsiteEnd, reason) => {
        expect(refuse(reach(milestone), { type: 'RESCHEDULE_ONSITE', onsiteStart, onsiteEnd, reason: 'x' })).toEqual([
          reason,
        ]);
      });

      it('refuses the dates already planned', () => {
        expect(
          refuse(reach(milestone), {
            type: 'RESCHEDULE_ONSITE',
            onsiteStart: ONSITE_START,
            onsiteEnd: ONSITE_END,
            reason: 'x',
          }),
        ).toEqual([`The onsite visit is already planned for ${ONSITE_START} to ${ONSITE_END}.`]);
      });
    });
  });

  // -------------------------------------------------------------------------------------------------------------

  describe('PROPOSE_PEER', () => {
    it('adds the stamped peer to the team and starts a new conflict check', () => {
      const before = reach('team_assembly');
      const next = accept(before, propose('p-op', 'officer_peer', OFFICER));
      expect(next.context.team).toEqual([
        { peerId: 'p-op', role: 'officer_peer', name: 'Sam Soft', kind: 'officer', financeExpertise: false },
      ]);
      expect(next.context.conflictCheck.status).toBe('pending');
      expect(next.context.conflictCheck.teamFingerprint).not.toBe(before.context.conflictCheck.teamFingerprint);
    });

    it('refuses an unknown peer', () => {
      expect(refuse(reach('team_assembly'), propose('p-nobody', 'officer_peer', null))).toEqual([
        'No peer in the pool has the id p-nobody.',
      ]);
    });

    it('refuses an inactive peer', () => {
      expect(refuse(reach('team_assembly'), propose('p-old', 'officer_peer', { ...OFFICER, active: false }))).toEqual([
        'Sam Soft is no longer active in the peer pool.',
      ]);
    });

    it('refuses a peer already on the team, in any role', () => {
      expect(refuse(reach('team_ready'), propose('p-lo', 'shadow_peer', LEAD_OFFICER))).toEqual([
        'Olive Officer is already on the team as lead officer peer.',
      ]);
    });

    it('reports every problem at once', () => {
      const reasons = refuse(
        reach('team_ready'),
        propose('p-lm', 'lead_officer_peer', { ...LEAD_MEMBER, active: false }),
      );
      expect(reasons).toHaveLength(3);
      expect(reasons[0]).toBe('Cllr Mike Member is no longer active in the peer pool.');
      expect(reasons[1]).toBe('Cllr Mike Member is already on the team as lead member peer.');
      expect(reasons[2]).toMatch(/^Cllr Mike Member is a member peer and cannot be the lead officer peer\.$/);
    });

    const ROLE_KINDS: Array<[Role, Kind[]]> = [
      ['lead_officer_peer', ['officer']],
      ['officer_peer', ['officer']],
      ['lead_member_peer', ['member']],
      ['member_peer', ['member']],
      ['external_peer', ['external']],
      ['shadow_peer', ['officer', 'member', 'external']],
    ];
    const LABELS: Record<Role, string> = {
      lead_officer_peer: 'lead officer peer',
      officer_peer: 'officer peer',
      lead_member_peer: 'lead member peer',
      member_peer: 'member peer',
      external_peer: 'external peer',
      shadow_peer: 'shadow peer',
    };
    const KINDS: Kind[] = ['officer', 'member', 'external'];
    const COMBINATIONS = ROLE_KINDS.flatMap(([role, fits]) =>
      KINDS.map((kind) => [role, kind, fits.includes(kind)] as const),
    );

    it.each(COMBINATIONS)('role %s with a peer of kind %s: accepted = %s', (role, kind, fits) => {
      const event = propose('p-new', role, peer('Robin Role', kind));
      const snapshot = reach('team_assembly');
      if (fits) {
        expect(accept(snapshot, event).context.team).toEqual([
          expect.objectContaining({ peerId: 'p-new', role, kind }),
        ]);
      } else {
        const reasons = refuse(snapshot, event);
        expect(reasons).toHaveLength(1);
        expect(reasons[0]).toMatch(new RegExp(`^Robin Role is an? ${kind} peer and cannot be the ${LABELS[role]}\\.$`));
      }
    });

    it('uses the right article before the kind of peer in a role/kind mismatch', () => {
      const snapshot = reach('team_assembly');
      expect(refuse(snapshot, propose('p-1', 'lead_member_peer', peer('Ann', 'officer')))).toEqual([
        'Ann is an officer peer and cannot be the lead member peer.',
      ]);
      expect(refuse(snapshot, propose('p-2', 'officer_peer', peer('Bea', 'external')))).toEqual([
        'Bea is an external peer and cannot be the officer peer.',
      ]);
      expect(refuse(snapshot, propose('p-3', 'external_peer', peer('Cai', 'member')))).toEqual([
        'Cai is a member peer and cannot be the external peer.',
      ]);
    });
  });

  describe('REMOVE_PEER', () => {
    it('removes the peer and their override, and starts a new conflict check', () => {
      const withOverride = play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        checkCompleted([soft('p-op')]),
        { type: 'OVERRIDE_CONFLICT', peerId: 'p-op', justification: 'Fine' },
      );
      const next = accept(withOverride, { type: 'REMOVE_PEER', peerId: 'p-op' });
      expect(next.context.team.map((m) => m.peerId)).toEqual(['p-lo', 'p-lm']);
      expect(next.context.overrides).toEqual([]);
      expect(next.context.conflictCheck.status).toBe('pending');
    });

    it('refuses a peer not on the team', () => {
      expect(refuse(reach('team_ready'), { type: 'REMOVE_PEER', peerId: 'p-stranger' })).toEqual([
        'The peer p-stranger is not on the proposed team.',
      ]);
    });

    it('reports both problems on an empty team', () => {
      expect(refuse(reach('team_assembly'), { type: 'REMOVE_PEER', peerId: 'p-lo' })).toEqual([
        'No peer has been proposed yet.',
        'The peer p-lo is not on the proposed team.',
      ]);
    });
  });

  // -------------------------------------------------------------------------------------------------------------

  describe('OVERRIDE_CONFLICT', () => {
    /** The ready team plus a soft-finding officer peer and a hard-finding officer peer, checked. */
    const withFindings = () =>
      play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        propose('p-hard', 'officer_peer', HARD_OFFICER),
        checkCompleted([soft('p-op'), hard('p-hard')]),
      );

    it('refuses to override a hard finding', () => {
      expect(refuse(withFindings(), { type: 'OVERRIDE_CONFLICT', peerId: 'p-hard', justification: 'Please' })).toEqual([
        `Harriet Hard's finding "employment" is hard and cannot be overridden: remove Harriet Hard or change the role.`,
      ]);
    });

    it('accepts a soft finding, records the trimmed justification and starts a new check', () => {
      const before = withFindings();
      const next = accept(before, { type: 'OVERRIDE_CONFLICT', peerId: 'p-op', justification: '  Only a neighbour ' });
      expect(next.context.overrides).toEqual([{ peerId: 'p-op', justification: 'Only a neighbour' }]);
      expect(next.context.conflictCheck.status).toBe('pending');
      expect(next.context.conflictCheck.teamFingerprint).not.toBe(before.context.conflictCheck.teamFingerprint);
    });

    it('replaces an earlier override of the same peer', () => {
      const next = play(
        withFindings(),
        { type: 'OVERRIDE_CONFLICT', peerId: 'p-op', justification: 'First' },
        { type: 'OVERRIDE_CONFLICT', peerId: 'p-op', justification: 'Second' },
      );
      expect(next.context.overrides).toEqual([{ peerId: 'p-op', justification: 'Second' }]);
    });

    it('refuses a peer with no finding when the check has finished', () => {
      expect(refuse(withFindings(), { type: 'OVERRIDE_CONFLICT', peerId: 'p-lm', justification: 'x' })).toEqual([
        'Cllr Mike Member has no finding to override.',
      ]);
    });

    it('refuses when there is no soft finding at all, with every reason', () => {
      expect(refuse(reach('team_ready'), { type: 'OVERRIDE_CONFLICT', peerId: 'p-lm', justification: 'x' })).toEqual([
        'There is no soft finding to override.',
        'Cllr Mike Member has no finding to override.',
      ]);
    });

    it('refuses a peer not on the team', () => {
      expect(refuse(withFindings(), { type: 'OVERRIDE_CONFLICT', peerId: 'p-stranger', justification: 'x' })).toEqual([
        'The peer p-stranger is not on the proposed team.',
      ]);
    });

    it('accepts while the check is pending, for a peer whose findings are not known yet', () => {
      const pending = accept(withFindings(), propose('p-new', 'officer_peer', peer('Nell New', 'officer')));
      expect(pending.context.conflictCheck.status).toBe('pending');
      const next = accept(pending, { type: 'OVERRIDE_CONFLICT', peerId: 'p-new', justification: 'Anticipated' });
      expect(next.context.overrides).toEqual([{ peerId: 'p-new', justification: 'Anticipated' }]);
    });

    it('accepts while the check is pending, for a peer with a soft finding', () => {
      const pending = accept(withFindings(), propose('p-new', 'officer_peer', peer('Nell New', 'officer')));
      expect(stateName(accept(pending, { type: 'OVERRIDE_CONFLICT', peerId: 'p-op', justification: 'x' }).value)).toBe(
        'team_assembly',
      );
    });
  });

  // -------------------------------------------------------------------------------------------------------------

  describe('CONFIRM_TEAM', () => {
    const confirm = { type: 'CONFIRM_TEAM' } as const;
    const FINANCE =
      'No one on the team has finance expertise: propose a peer with finance expertise, or give financeWaiverReason.';

    const team = (...members: Array<[string, Role, ProposedPeer]>) =>
      play(reach('team_assembly'), ...members.map(([id, role, p]) => propose(id, role, p)), checkCompleted());

    it('accepts one lead officer, one lead member, finance expertise and a clear check', () => {
      const next = accept(reach('team_ready'), confirm);
      expect(stateName(next.value)).toBe('onsite.preparing');
      expect(next.context.financeWaiverReason).toBeNull();
    });

    it('refuses an empty team with every reason', () => {
      expect(refuse(reach('team_assembly'), confirm)).toEqual([
        'The team needs exactly one lead officer peer; it has none.',
        'The team needs exactly one lead member peer; it has none.',
        FINANCE,
      ]);
    });

    it('refuses with no lead officer peer', () => {
      const snapshot = team(['p-lm', 'lead_member_peer', LEAD_MEMBER], ['p-op', 'officer_peer', LEAD_OFFICER]);
      expect(refuse(snapshot, confirm)).toEqual(['The team needs exactly one lead officer peer; it has none.']);
    });

    it('refuses with two lead officer peers', () => {
      const snapshot = team(
        ['p-lo', 'lead_officer_peer', LEAD_OFFICER],
        ['p-lo2', 'lead_officer_peer', OFFICER],
        ['p-lm', 'lead_member_peer', LEAD_MEMBER],
      );
      expect(refuse(snapshot, confirm)).toEqual(['The team needs exactly one lead officer peer; it has 2.']);
    });

    it('refuses with no lead member peer', () => {
      const snapshot = team(['p-lo', 'lead_officer_peer', LEAD_OFFICER], ['p-mp', 'member_peer', LEAD_MEMBER]);
      expect(refuse(snapshot, confirm)).toEqual(['The team needs exactly one lead member peer; it has none.']);
    });

    it('refuses with two lead member peers', () => {
      const snapshot = team(
        ['p-lo', 'lead_officer_peer', LEAD_OFFICER],
        ['p-lm', 'lead_member_peer', LEAD_MEMBER],
        ['p-lm2', 'lead_member_peer', peer('Cllr Two', 'member')],
      );
      expect(refuse(snapshot, confirm)).toEqual(['The team needs exactly one lead member peer; it has 2.']);
    });

    describe('finance expertise', () => {
      const noFinance = () => team(['p-lo', 'lead_officer_peer', OFFICER], ['p-lm', 'lead_member_peer', LEAD_MEMBER]);

      it('refuses without finance expertise or a waiver', () => {
        expect(refuse(noFinance(), confirm)).toEqual([FINANCE]);
      });

      it('refuses a blank waiver', () => {
        expect(refuse(noFinance(), { type: 'CONFIRM_TEAM', financeWaiverReason: '   ' })).toEqual([FINANCE]);
      });

      it('accepts a waiver and records it trimmed', () => {
        const next = accept(noFinance(), { type: 'CONFIRM_TEAM', financeWaiverReason: ' S151 briefing instead ' });
        expect(stateName(next.value)).toBe('onsite.preparing');
        expect(next.context.financeWaiverReason).toBe('S151 briefing instead');
      });

      it('accepts finance expertise from any member, shadow peers included', () => {
        const snapshot = team(
          ['p-lo', 'lead_officer_peer', OFFICER],
          ['p-lm', 'lead_member_peer', LEAD_MEMBER],
          ['p-sh', 'shadow_peer', peer('Fin Shadow', 'external', { financeExpertise: true })],
        );
        expect(stateName(accept(snapshot, confirm).value)).toBe('onsite.preparing');
      });
    });

    it('refuses while the check for the current team is pending', () => {
      const pending = accept(reach('team_ready'), propose('p-op', 'officer_peer', OFFICER));
      expect(refuse(pending, confirm)).toEqual([
        'The conflict check for the current team has not finished yet: wait for it, then confirm.',
      ]);
    });

    it('refuses an un-overridden soft finding and a hard finding, naming the peers', () => {
      const snapshot = play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        propose('p-hard', 'officer_peer', HARD_OFFICER),
        checkCompleted([soft('p-op'), hard('p-hard')]),
      );
      expect(refuse(snapshot, confirm)).toEqual([
        'Sam Soft has a soft finding "neighbouring_council" with no justification recorded: Home council is a neighbour.',
        'Harriet Hard cannot serve in this role (hard finding "employment", which cannot be overridden): ' +
          'Worked at the host council in 2023.',
      ]);
    });

    it('reports lead, finding and finance problems together', () => {
      const snapshot = play(
        reach('team_assembly'),
        propose('p-op', 'officer_peer', OFFICER),
        checkCompleted([soft('p-op')]),
      );
      expect(refuse(snapshot, confirm)).toEqual([
        'The team needs exactly one lead officer peer; it has none.',
        'The team needs exactly one lead member peer; it has none.',
        'Sam Soft has a soft finding "neighbouring_council" with no justification recorded: Home council is a neighbour.',
        FINANCE,
      ]);
    });

    it('accepts once the soft finding is overridden and the check for that team has finished', () => {
      const overridden = play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        checkCompleted([soft('p-op')]),
        { type: 'OVERRIDE_CONFLICT', peerId: 'p-op', justification: 'Only a neighbour' },
      );
      expect(refuse(overridden, confirm)).toEqual([
        'The conflict check for the current team has not finished yet: wait for it, then confirm.',
      ]);
      const checked = accept(overridden, checkCompleted([soft('p-op')]));
      expect(checked.context.conflictCheck.status).toBe('clear');
      expect(stateName(accept(checked, confirm).value)).toBe('onsite.preparing');
    });
  });

  // -------------------------------------------------------------------------------------------------------------

  describe('CONFLICT_CHECK_COMPLETED', () => {
    it('refuses a result for an earlier team', () => {
      const before = accept(reach('team_assembly'), propose('p-lo', 'lead_officer_peer', LEAD_OFFICER));
      const stale = before.context.conflictCheck.teamFingerprint;
      const after = accept(before, propose('p-lm', 'lead_member_peer', LEAD_MEMBER));
      expect(
        refuse(after, { type: 'CONFLICT_CHECK_COMPLETED', result: checkResult(after, [hard('p-lo')], stale) }),
      ).toEqual(['The result is for an earlier version of the team and is discarded.']);
      expect(after.context.conflictCheck.status).toBe('pending');
    });

    it('records a result for the current team', () => {
      const pending = play(reach('team_ready'), propose('p-op', 'officer_peer', OFFICER));
      const result = checkResult(pending, [soft('p-op')]);
      const next = accept(pending, { type: 'CONFLICT_CHECK_COMPLETED', result });
      expect(next.context.conflictCheck).toEqual({
        status: 'conflicts',
        teamFingerprint: pending.context.conflictCheck.teamFingerprint,
        checkedOn: '2025-05-10',
        findings: [{ ...soft('p-op'), declared: false, overridden: false, justification: null }],
        information: result.information,
        warnings: result.warnings,
      });
    });

    it('marks soft findings overridden from the recorded overrides, never hard ones', () => {
      const snapshot = play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        propose('p-hard', 'officer_peer', HARD_OFFICER),
        checkCompleted([soft('p-op')]),
        // p-hard has no finding yet; a pending check lets the override be recorded in advance.
        propose('p-ext', 'external_peer', EXTERNAL),
        { type: 'OVERRIDE_CONFLICT', peerId: 'p-op', justification: 'Only a neighbour' },
        { type: 'OVERRIDE_CONFLICT', peerId: 'p-hard', justification: 'Trust me' },
        checkCompleted([soft('p-op'), hard('p-hard'), soft('p-hard', 'same_county', 'Same county.')]),
      );
      expect(snapshot.context.conflictCheck.findings).toEqual([
        { ...soft('p-op'), declared: false, overridden: true, justification: 'Only a neighbour' },
        { ...hard('p-hard'), declared: false, overridden: false, justification: null },
        {
          ...soft('p-hard', 'same_county', 'Same county.'),
          declared: false,
          overridden: true,
          justification: 'Trust me',
        },
      ]);
      expect(snapshot.context.conflictCheck.status).toBe('conflicts');
    });

    it('is clear when every finding is overridden', () => {
      const snapshot = play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        checkCompleted([soft('p-op')]),
        { type: 'OVERRIDE_CONFLICT', peerId: 'p-op', justification: 'Fine' },
        checkCompleted([soft('p-op')]),
      );
      expect(snapshot.context.conflictCheck.status).toBe('clear');
    });

    it('counts while the case is paused', () => {
      const pending = play(reach('team_ready'), propose('p-op', 'officer_peer', OFFICER), pause());
      const checked = accept(pending, checkCompleted());
      expect(stateName(checked.value)).toBe('on_hold');
      const resumed = accept(checked, { type: 'RESUME' });
      expect(stateName(resumed.value)).toBe('team_assembly');
      expect(resumed.context.conflictCheck.status).toBe('clear');
      expect(stateName(accept(resumed, { type: 'CONFIRM_TEAM' }).value)).toBe('onsite.preparing');
    });
  });

  describe('DECLARE_CONFLICT', () => {
    it('records the declaration and starts a new check', () => {
      const next = accept(reach('team_ready'), {
        type: 'DECLARE_CONFLICT',
        peerId: 'p-lm',
        severity: 'soft',
        detail: '  Former colleague of the chief executive ',
      });
      expect(next.context.declaredConflicts).toEqual([
        {
          peerId: 'p-lm',
          severity: 'soft',
          rule: 'declared_conflict',
          detail: 'Former colleague of the chief executive',
        },
      ]);
      expect(next.context.conflictCheck.status).toBe('pending');
    });

    it('refuses a peer not on the team, and both reasons on an empty team', () => {
      const declare = (peerId: string): CaseEvent => ({
        type: 'DECLARE_CONFLICT',
        peerId,
        severity: 'hard',
        detail: 'x',
      });
      expect(refuse(reach('team_ready'), declare('p-stranger'))).toEqual([
        'The peer p-stranger is not on the proposed team.',
      ]);
      expect(refuse(reach('team_assembly'), declare('p-lm'))).toEqual([
        'No peer has been proposed yet.',
        'The peer p-lm is not on the proposed team.',
      ]);
    });

    it('is pinned: it appears in the findings of a check that did not find it, until overridden', () => {
      const declared = play(reach('team_ready'), {
        type: 'DECLARE_CONFLICT',
        peerId: 'p-lm',
        severity: 'soft',
        detail: 'Former colleague',
      });
      const checked = accept(declared, checkCompleted([]));
      const pinned = {
        peerId: 'p-lm',
        severity: 'soft',
        rule: 'declared_conflict',
        detail: 'Former colleague',
        declared: true,
      };
      expect(checked.context.conflictCheck.status).toBe('conflicts');
      expect(checked.context.conflictCheck.findings).toEqual([{ ...pinned, overridden: false, justification: null }]);
      expect(refuse(checked, { type: 'CONFIRM_TEAM' })).toEqual([
        'Cllr Mike Member has a soft finding "declared_conflict" with no justification recorded: Former colleague',
      ]);

      const overridden = play(
        checked,
        { type: 'OVERRIDE_CONFLICT', peerId: 'p-lm', justification: 'Ten years ago' },
        checkCompleted([]),
      );
      expect(overridden.context.conflictCheck.findings).toEqual([
        { ...pinned, overridden: true, justification: 'Ten years ago' },
      ]);
      expect(overridden.context.conflictCheck.status).toBe('clear');
      expect(stateName(accept(overridden, { type: 'CONFIRM_TEAM' }).value)).toBe('onsite.preparing');
    });

    it('a pinned hard declaration cannot be overridden', () => {
      const checked = play(
        reach('team_ready'),
        { type: 'DECLARE_CONFLICT', peerId: 'p-lm', severity: 'hard', detail: 'Spouse works there' },
        checkCompleted([soft('p-lo')]),
      );
      expect(checked.context.conflictCheck.findings.map((f) => [f.peerId, f.severity, f.declared])).toEqual([
        ['p-lo', 'soft', false],
        ['p-lm', 'hard', true],
      ]);
      expect(refuse(checked, { type: 'OVERRIDE_CONFLICT', peerId: 'p-lm', justification: 'x' })).toEqual([
        `Cllr Mike Member's finding "declared_conflict" is hard and cannot be overridden: remove Cllr Mike Member or change the role.`,
      ]);
    });

    it('no longer blocks the team once the declared peer is removed', () => {
      const snapshot = play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        checkCompleted([]),
        { type: 'DECLARE_CONFLICT', peerId: 'p-op', severity: 'hard', detail: 'Spouse works there' },
        checkCompleted([]),
        { type: 'REMOVE_PEER', peerId: 'p-op' },
        checkCompleted([]),
      );
      expect(snapshot.context.team.map((m) => m.peerId)).toEqual(['p-lo', 'p-lm']);
      expect(snapshot.context.conflictCheck.findings.filter((f) => f.peerId === 'p-op')).toEqual([]);
      expect(snapshot.context.conflictCheck.status).toBe('clear');
      expect(step(snapshot, { type: 'CONFIRM_TEAM' })).toMatchObject({ accepted: true });
    });
  });

  // -------------------------------------------------------------------------------------------------------------

  describe('onsite, report and follow-up rules', () => {
    it('START_ONSITE needs the position statement', () => {
      const preparing = reach('onsite.preparing');
      expect(refuse(preparing, { type: 'START_ONSITE' })).toEqual([
        "The council's position statement has not been received.",
      ]);
      expect(allowedEvents(preparing)).not.toContain('START_ONSITE');
      const received = accept(preparing, { type: 'RECEIVE_POSITION_STATEMENT', receivedOn: '2025-05-20' });
      expect(received.context.dates.positionStatementReceived).toBe('2025-05-20');
      expect(allowedEvents(received)).toContain('START_ONSITE');
      expect(stateName(accept(received, { type: 'START_ONSITE' }).value)).toBe('onsite.on_site');
    });

    it('PRESENT_FEEDBACK cannot come before the onsite visit starts; on its first day it can', () => {
      const onSite = reach('onsite.on_site');
      expect(refuse(onSite, { type: 'PRESENT_FEEDBACK', date: '2025-06-08' })).toEqual([
        `Feedback cannot be presented (2025-06-08) before the onsite visit starts (${ONSITE_START}).`,
      ]);
      const next = accept(onSite, { type: 'PRESENT_FEEDBACK', date: ONSITE_START });
      expect(stateName(next.value)).toBe('report.drafting');
      expect(next.context.dates.feedbackPresented).toBe(ONSITE_START);
    });

    describe('PUBLISH_REPORT', () => {
      const publish = (publishedOn: string, recommendations: string[]): CaseEvent => ({
        type: 'PUBLISH_REPORT',
        publishedOn,
        recommendations,
      });
      const NONE = 'The report needs at least one recommendation.';

      it.each([
        ['no recommendations', []],
        ['only blank recommendations', ['', '   ']],
      ])('refuses %s', (_label, recommendations) => {
        expect(refuse(reach('report.draft_submitted'), publish(PUBLISHED_ON, recommendations))).toEqual([NONE]);
      });

      it('refuses a date before the feedback, with every reason', () => {
        const BEFORE = `The report cannot be published (2025-06-11) before feedback was presented (${FEEDBACK_ON}).`;
        expect(refuse(reach('report.draft_submitted'), publish('2025-06-11', ['One']))).toEqual([BEFORE]);
        expect(refuse(reach('report.draft_submitted'), publish('2025-06-11', []))).toEqual([NONE, BEFORE]);
      });

      it('accepts on the feedback day and keeps the trimmed, non-empty recommendations', () => {
        const next = accept(reach('report.draft_submitted'), publish(FEEDBACK_ON, [' A ', '', 'B']));
        expect(stateName(next.value)).toBe('follow_up.awaiting_follow_up');
        expect(next.context.recommendations).toEqual([{ text: 'A' }, { text: 'B' }]);
        expect(next.context.dates.reportPublished).toBe(FEEDBACK_ON);
      });
    });

    describe('SCHEDULE_FOLLOW_UP', () => {
      it.each([['follow_up.awaiting_follow_up'], ['follow_up.follow_up_scheduled']] as const)(
        'in %s refuses a date before publication and accepts the publication day',
        (milestone) => {
          const snapshot = reach(milestone);
          expect(refuse(snapshot, { type: 'SCHEDULE_FOLLOW_UP', date: '2025-07-31' })).toEqual([
            `The follow-up (2025-07-31) cannot come before the report was published (${PUBLISHED_ON}).`,
          ]);
          const next = accept(snapshot, { type: 'SCHEDULE_FOLLOW_UP', date: PUBLISHED_ON });
          expect(stateName(next.value)).toBe('follow_up.follow_up_scheduled');
          expect(next.context.dates.followUp).toBe(PUBLISHED_ON);
        },
      );
    });

    describe('COMPLETE_FOLLOW_UP (three recommendations)', () => {
      const complete = (...progress: Array<[number, 'achieved' | 'in_progress' | 'not_started']>): CaseEvent => ({
        type: 'COMPLETE_FOLLOW_UP',
        date: FOLLOW_UP_ON,
        progress: progress.map(([index, status]) => ({ index, status })),
      });

      it.each([
        [
          'an index past the end',
          complete([0, 'achieved'], [1, 'achieved'], [2, 'achieved'], [3, 'achieved']),
          ['There is no recommendation 3: the report has 3 (0 to 2).'],
        ],
        [
          'a negative index',
          complete([-1, 'achieved'], [0, 'achieved'], [1, 'achieved'], [2, 'achieved']),
          ['There is no recommendation -1: the report has 3 (0 to 2).'],
        ],
        [
          'a duplicate index',
          complete([0, 'achieved'], [1, 'achieved'], [1, 'in_progress'], [2, 'achieved']),
          ['Recommendation 1 is given progress more than once.'],
        ],
        [
          'missing recommendations',
          complete([1, 'achieved']),
          ['Record progress on every recommendation; missing: 0, 2.'],
        ],
        [
          'all three problems at once',
          complete([0, 'achieved'], [0, 'achieved'], [5, 'achieved']),
          [
            'There is no recommendation 5: the report has 3 (0 to 2).',
            'Recommendation 0 is given progress more than once.',
            'Record progress on every recommendation; missing: 1, 2.',
          ],
        ],
      ])('refuses %s', (_label, event, reasons) => {
        expect(refuse(reach('follow_up.follow_up_scheduled'), event)).toEqual(reasons);
      });

      it('accepts progress on every recommendation in any order and closes the case', () => {
        const next = accept(
          reach('follow_up.follow_up_scheduled'),
          complete([2, 'achieved'], [0, 'not_started'], [1, 'in_progress']),
        );
        expect(stateName(next.value)).toBe('closed');
        expect(next.context.recommendations.map((r) => r.progress)).toEqual(['not_started', 'in_progress', 'achieved']);
      });
    });

    it('RECEIVE_ACTION_PLAN records the date', () => {
      const next = accept(reach('follow_up.awaiting_follow_up'), {
        type: 'RECEIVE_ACTION_PLAN',
        receivedOn: '2025-09-01',
      });
      expect(next.context.dates.actionPlanReceived).toBe('2025-09-01');
    });
  });

  describe('ASSIGN_MANAGER', () => {
    it('refuses an unknown user', () => {
      expect(refuse(reach('scoping'), { type: 'ASSIGN_MANAGER', managerId: 'user-x', manager: null })).toEqual([
        'No user has the id user-x.',
      ]);
    });

    it('refuses a user who is not an active peer challenge manager', () => {
      const event: CaseEvent = {
        type: 'ASSIGN_MANAGER',
        managerId: 'user-pa',
        manager: { name: 'Alex Adviser', eligible: false },
      };
      expect(refuse(reach('scoping'), event)).toEqual(['Alex Adviser is not an active peer challenge manager.']);
    });

    it('refuses the manager the case already has', () => {
      expect(refuse(reach('scoping'), assignManager('user-pcm-1', 'Pat Manager'))).toEqual([
        'Pat Manager already manages this case.',
      ]);
    });

    it('accepts a new manager, also on a case opened without one', () => {
      expect(accept(reach('scoping'), assignManager()).context.manager).toEqual({
        id: 'user-pcm-2',
        name: 'Nia Newmanager',
      });
      const unmanaged = openCase({ ...OPENING, managerId: null, managerName: null });
      expect(accept(unmanaged, assignManager('user-pcm-1', 'Pat Manager')).context.manager).toEqual({
        id: 'user-pcm-1',
        name: 'Pat Manager',
      });
    });
  });

  // -------------------------------------------------------------------------------------------------------------

  describe('PAUSE and RESUME', () => {
    it.each(OPEN_STATES)('from %s: on hold keeps the stage, RESUME returns to the exact state', (state, milestone) => {
      const before = reach(milestone);
      const paused = accept(before, pause('  Council elections '));
      expect(stateName(paused.value)).toBe('on_hold');
      expect(paused.context.hold).toEqual({ reason: 'Council elections', stage: state.split('.')[0] });
      expect(stageOf(paused)).toBe(stageOf(before));

      const resumed = accept(paused, { type: 'RESUME' });
      expect(resumed.value).toEqual(before.value);
      expect(stateName(resumed.value)).toBe(state);
      expect(resumed.context).toEqual(before.context);
    });

    it.each(OPEN_STATES)(
      'from %s: RESUME after persist → JSON → restore returns to the exact state',
      (state, milestone) => {
        const before = reach(milestone);
        const restored = roundTrip(accept(before, pause()));
        expect(stateName(restored.value)).toBe('on_hold');
        expect(stageOf(restored)).toBe(state.split('.')[0]);
        expect(allowedEvents(restored).sort()).toEqual(
          sorted(['RESUME', 'ASSIGN_MANAGER', 'CANCEL', 'ADD_NOTE', 'ADD_DOCUMENT']),
        );

        const resumed = roundTrip(accept(restored, { type: 'RESUME' }));
        expect(stateName(resumed.value)).toBe(state);
        expect(resumed.context).toEqual(before.context);
      },
    );

    it('resumes the exact substate after several events while on hold and a manager change', () => {
      const submitted = reach('report.draft_submitted');
      const paused = play(submitted, pause(), assignManager(), {
        type: 'ADD_NOTE',
        text: 'Waiting for the new leader',
        by: BY,
      });
      const resumed = accept(roundTrip(paused), { type: 'RESUME' });
      expect(stateName(resumed.value)).toBe('report.draft_submitted');
      expect(resumed.context.manager).toEqual({ id: 'user-pcm-2', name: 'Nia Newmanager' });
      expect(resumed.context.hold).toBeNull();
      expect(stateName(accept(resumed, ANY_EVENT.PUBLISH_REPORT).value)).toBe('follow_up.awaiting_follow_up');
    });

    it('a second pause and resume returns to where the second pause left', () => {
      const first = play(reach('onsite.preparing'), pause(), { type: 'RESUME' });
      const moved = play(
        first,
        { type: 'RECEIVE_POSITION_STATEMENT', receivedOn: '2025-05-20' },
        { type: 'START_ONSITE' },
      );
      const again = play(roundTrip(accept(moved, pause())), { type: 'RESUME' });
      expect(stateName(again.value)).toBe('onsite.on_site');
    });

    it('the paused stage accepts none of its own events', () => {
      const paused = reach('on_hold');
      expect(refuse(paused, ANY_EVENT.PRESENT_FEEDBACK)).toEqual([
        'PRESENT_FEEDBACK is not possible while the case is in on_hold.',
      ]);
      expect(refuse(paused, pause())).toEqual(['PAUSE is not possible while the case is in on_hold.']);
    });

    it('CANCEL from on hold records the stage the case was paused in', () => {
      const paused = reach('on_hold');
      const cancelled = accept(paused, cancel('  Council withdrew '));
      expect(stateName(cancelled.value)).toBe('cancelled');
      expect(stageOf(cancelled)).toBe('cancelled');
      expect(cancelled.context.hold).toBeNull();
      expect(cancelled.context.cancellation).toEqual({ reason: 'Council withdrew', stage: 'onsite' });
      expect(refuse(cancelled, { type: 'RESUME' })).toEqual(['RESUME is not possible while the case is in cancelled.']);
    });

    it('CANCEL from an open stage records that stage', () => {
      const cancelled = accept(reach('report.drafting'), cancel());
      expect(cancelled.context.cancellation).toEqual({ reason: 'The council withdrew', stage: 'report' });
    });
  });

  // -------------------------------------------------------------------------------------------------------------

  describe('allowedEvents', () => {
    it.each(STATES)(
      'in %s offers only events the state accepts, never CONFLICT_CHECK_COMPLETED',
      (state, milestone) => {
        const allowed = allowedEvents(reach(milestone));
        expect(allowed).not.toContain('CONFLICT_CHECK_COMPLETED');
        for (const type of allowed) expect(ACCEPTED[state]).toContain(type);
      },
    );

    it.each([
      [
        'scoping',
        ['SCHEDULE_SCOPING_MEETING', 'SET_INDICATIVE_MONTH', 'AGREE_SCOPE', 'ASSIGN_MANAGER', 'PAUSE', 'CANCEL'],
      ],
      [
        'team_assembly',
        ['PROPOSE_PEER', 'RESCHEDULE_ONSITE', 'RECEIVE_POSITION_STATEMENT', 'ASSIGN_MANAGER', 'PAUSE', 'CANCEL'],
      ],
      [
        'team_ready',
        [
          'PROPOSE_PEER',
          'REMOVE_PEER',
          'DECLARE_CONFLICT',
          'RESCHEDULE_ONSITE',
          'RECEIVE_POSITION_STATEMENT',
          'CONFIRM_TEAM',
          'ASSIGN_MANAGER',
          'PAUSE',
          'CANCEL',
        ],
      ],
      ['onsite.preparing', ['RECEIVE_POSITION_STATEMENT', 'RESCHEDULE_ONSITE', 'ASSIGN_MANAGER', 'PAUSE', 'CANCEL']],
      ['onsite.on_site', ['RECEIVE_POSITION_STATEMENT', 'PRESENT_FEEDBACK', 'ASSIGN_MANAGER', 'PAUSE', 'CANCEL']],
      ['report.drafting', ['SUBMIT_DRAFT_REPORT', 'ASSIGN_MANAGER', 'PAUSE', 'CANCEL']],
      ['report.draft_submitted', ['PUBLISH_REPORT', 'ASSIGN_MANAGER', 'PAUSE', 'CANCEL']],
      [
        'follow_up.awaiting_follow_up',
        ['RECEIVE_ACTION_PLAN', 'SCHEDULE_FOLLOW_UP', 'ASSIGN_MANAGER', 'PAUSE', 'CANCEL'],
      ],
      [
        'follow_up.follow_up_scheduled',
        ['RECEIVE_ACTION_PLAN', 'SCHEDULE_FOLLOW_UP', 'COMPLETE_FOLLOW_UP', 'ASSIGN_MANAGER', 'PAUSE', 'CANCEL'],
      ],
      ['on_hold', ['RESUME', 'ASSIGN_MANAGER', 'CANCEL']],
      ['closed', []],
      ['cancelled', []],
    ] as Array<[Milestone, CaseEventType[]]>)('at %s is exactly the expected list', (milestone, expected) => {
      expect(sorted(allowedEvents(reach(milestone)))).toEqual(sorted([...expected, 'ADD_NOTE', 'ADD_DOCUMENT']));
    });

    it('closed and cancelled cases offer only ADD_NOTE and ADD_DOCUMENT', () => {
      expect(sorted(allowedEvents(reach('closed')))).toEqual(['ADD_DOCUMENT', 'ADD_NOTE']);
      expect(sorted(allowedEvents(reach('cancelled')))).toEqual(['ADD_DOCUMENT', 'ADD_NOTE']);
    });

    describe('CONFIRM_TEAM is offered only when its preconditions hold', () => {
      it.each([
        ['with no team', () => reach('team_assembly'), false],
        [
          'with one lead only',
          () => play(reach('team_assembly'), propose('p-lo', 'lead_officer_peer', LEAD_OFFICER), checkCompleted()),
          false,
        ],
        [
          'while the check is pending',
          () => play(reach('team_ready'), propose('p-op', 'officer_peer', OFFICER)),
          false,
        ],
        [
          'with an un-overridden soft finding',
          () => play(reach('team_ready'), propose('p-op', 'officer_peer', OFFICER), checkCompleted([soft('p-op')])),
          false,
        ],
        ['with a ready team', () => reach('team_ready'), true],
        [
          'with a ready team lacking finance expertise (a waiver can be given)',
          () =>
            play(
              reach('team_assembly'),
              propose('p-lo', 'lead_officer_peer', OFFICER),
              propose('p-lm', 'lead_member_peer', LEAD_MEMBER),
              checkCompleted(),
            ),
          true,
        ],
        [
          'with the soft finding overridden and checked',
          () =>
            play(
              reach('team_ready'),
              propose('p-op', 'officer_peer', OFFICER),
              checkCompleted([soft('p-op')]),
              { type: 'OVERRIDE_CONFLICT', peerId: 'p-op', justification: 'Fine' },
              checkCompleted([soft('p-op')]),
            ),
          true,
        ],
      ] as Array<[string, () => CaseSnapshot, boolean]>)('%s: %s', (_label, build, offered) => {
        const snapshot = build();
        expect(allowedEvents(snapshot).includes('CONFIRM_TEAM')).toBe(offered);
        expect(
          unmetConditions(snapshot.context, { type: 'CONFIRM_TEAM', financeWaiverReason: 'Waived' }).length === 0,
        ).toBe(offered);
      });
    });

    it('offers OVERRIDE_CONFLICT only when there is a soft finding', () => {
      expect(allowedEvents(reach('team_ready'))).not.toContain('OVERRIDE_CONFLICT');
      const hardOnly = play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        checkCompleted([hard('p-op')]),
      );
      expect(allowedEvents(hardOnly)).not.toContain('OVERRIDE_CONFLICT');
      const withSoft = play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        checkCompleted([soft('p-op')]),
      );
      expect(allowedEvents(withSoft)).toContain('OVERRIDE_CONFLICT');
    });
  });

  describe('unmetConditions', () => {
    it('is empty for an acceptable event and lists every condition otherwise, whatever the state', () => {
      const context = reach('team_ready').context;
      expect(unmetConditions(context, { type: 'CONFIRM_TEAM' })).toEqual([]);
      expect(unmetConditions(context, propose('p-lo', 'lead_member_peer', { ...LEAD_OFFICER, active: false }))).toEqual(
        [
          'Olive Officer is no longer active in the peer pool.',
          'Olive Officer is already on the team as lead officer peer.',
          expect.stringMatching(/^Olive Officer is an? officer peer and cannot be the lead member peer\.$/),
        ],
      );
    });
  });

  // -------------------------------------------------------------------------------------------------------------

  describe('names of states and stages', () => {
    it.each([
      [{ open: 'scoping' }, 'scoping'],
      [{ open: { onsite: 'preparing' } }, 'onsite.preparing'],
      [{ open: { follow_up: 'follow_up_scheduled' } }, 'follow_up.follow_up_scheduled'],
      ['on_hold', 'on_hold'],
      ['closed', 'closed'],
    ])('stateName(%j) is %s', (value, name) => {
      expect(stateName(value)).toBe(name);
    });

    it.each(STATES.filter(([state]) => state !== 'on_hold'))('stageOf %s', (state, milestone) => {
      expect(stageOf(reach(milestone))).toBe(state.split('.')[0]);
    });

    it('stageOf a paused case is the stage it left, scoping when the hold has no stage', () => {
      expect(stageOf(reach('on_hold'))).toBe('onsite');
      const context = reach('on_hold').context as CaseContext;
      expect(stageOf({ value: 'on_hold', context: { ...context, hold: null } })).toBe('scoping');
    });
  });

  describe('persisting and restoring', () => {
    it.each(STATES)('a case in %s survives persist → JSON → restore', (state, milestone) => {
      const snapshot = reach(milestone);
      const restored = roundTrip(snapshot);
      expect(stateName(restored.value)).toBe(state);
      expect(restored.context).toEqual(snapshot.context);
      expect(sorted(allowedEvents(restored))).toEqual(sorted(allowedEvents(snapshot)));
    });

    it('a restored case moves on like the original', () => {
      const restored = roundTrip(reach('team_ready'));
      expect(stateName(accept(restored, { type: 'CONFIRM_TEAM' }).value)).toBe('onsite.preparing');
    });

    describe('version 1 snapshots', () => {
      const ADDED_IN_V2 = ['notes', 'documents', 'declaredConflicts', 'scopingMeetingHistory', 'hold'];
      /** A context as machine version 1 wrote it: without the fields version 2 added. */
      const v1Context = () =>
        Object.fromEntries(Object.entries(reach('team_ready').context).filter(([key]) => !ADDED_IN_V2.includes(key)));
      /** A version 1 snapshot as xstate persisted it: the stages at the top level, no history. */
      const v1Persisted = (value: unknown): StoredSnapshot =>
        JSON.parse(JSON.stringify({ status: 'active', value, context: v1Context(), children: {} }));

      function expectUpgradedAndMovingOn(restored: CaseSnapshot) {
        expect(restored.status).toBe('active');
        expect(stateName(restored.value)).toBe('onsite.preparing');
        expect(stageOf(restored)).toBe('onsite');
        expect(restored.context).toMatchObject({
          notes: [],
          documents: [],
          declaredConflicts: [],
          scopingMeetingHistory: [],
          hold: null,
          team: reach('team_ready').context.team,
        });
        expect(sorted(allowedEvents(restored))).toEqual(sorted(allowedEvents(reach('onsite.preparing'))));

        const moved = play(
          restored,
          { type: 'ADD_NOTE', text: 'Migrated', by: BY },
          { type: 'RECEIVE_POSITION_STATEMENT', receivedOn: '2025-05-20' },
          { type: 'START_ONSITE' },
        );
        expect(stateName(moved.value)).toBe('onsite.on_site');
        expect(moved.context.notes).toHaveLength(1);

        const resumed = play(roundTrip(accept(moved, pause())), { type: 'RESUME' });
        expect(stateName(resumed.value)).toBe('onsite.on_site');
        expect(stateName(accept(resumed, ANY_EVENT.PRESENT_FEEDBACK).value)).toBe('report.drafting');
      }

      it('the fixture lacks every field version 2 added', () => {
        for (const key of ADDED_IN_V2) expect(v1Context()).not.toHaveProperty(key);
      });

      it('as xstate persisted it, lands in onsite.preparing with the new fields and accepts the next events', () => {
        expectUpgradedAndMovingOn(restore(v1Persisted({ onsite: 'preparing' }), 1));
      });

      it('in its minimal form { value, context, status }, lands in onsite.preparing and accepts the next events', () => {
        const v1 = { value: { onsite: 'preparing' }, context: v1Context(), status: 'active' };
        expectUpgradedAndMovingOn(restore(JSON.parse(JSON.stringify(v1)), 1));
      });

      it.each([['scoping'], ['closed'], ['cancelled']])('upgrades a version 1 case in %s', (value) => {
        const v1 = v1Persisted(value);
        expect(upgradeSnapshot(v1, 1).value).toEqual(value === 'scoping' ? { open: 'scoping' } : value);
        const restored = restore(v1, 1);
        expect(restored.status).toBe('active');
        expect(stateName(restored.value)).toBe(value);
      });
    });

    it('upgradeSnapshot leaves a current snapshot as it is', () => {
      const current = stored(reach('onsite.on_site'));
      expect(upgradeSnapshot(current, MACHINE_VERSION)).toBe(current);
    });

    it('upgradeSnapshot and restore refuse a snapshot from a newer machine', () => {
      const current = stored(reach('scoping'));
      expect(() => upgradeSnapshot(current, MACHINE_VERSION + 1)).toThrow(
        `The snapshot was written by machine version ${MACHINE_VERSION + 1}, newer than ${MACHINE_VERSION}`,
      );
      expect(() => restore(current, MACHINE_VERSION + 1)).toThrow(/newer than/);
    });

    it('upgradeSnapshot refuses a version it has no upgrade from', () => {
      expect(() => upgradeSnapshot(stored(reach('scoping')), 0)).toThrow('No upgrade from machine version 0');
    });
  });
});
