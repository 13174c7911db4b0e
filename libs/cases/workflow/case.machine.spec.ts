import { CORE_COMPONENTS, shortHash, type CaseContext } from './case-context.js';
import type {
  Approver,
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
/** An event, or an event built from the case it is sent to (a check result for the current run, a stamped stage). */
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

/** Who asks for an override, a second person who approves it, and an admin whose own override needs no second. */
const REQUESTER: Approver = { id: 'user-pcm-1', name: 'Pat Manager', admin: false, at: '2025-05-12T09:00:00.000Z' };
const SECOND: Approver = { id: 'user-pcm-2', name: 'Nia Newmanager', admin: false, at: '2025-05-12T10:00:00.000Z' };
const ADMIN: Approver = { id: 'user-admin-1', name: 'Ada Admin', admin: true, at: '2025-05-12T11:00:00.000Z' };
/** An approver as an override records them: without `admin`. */
const person = ({ id, name, at }: Approver) => ({ id, name, at });

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
const NEW_OFFICER = peer('Nell New', 'officer');

const propose = (peerId: string, role: Role, proposed: ProposedPeer | null): CaseEvent => ({
  type: 'PROPOSE_PEER',
  peerId,
  role,
  peer: proposed,
});

const replace = (
  outPeerId: string,
  inPeerId: string,
  role: Role,
  proposed: ProposedPeer | null,
  reason = 'Took a post at a neighbouring council.',
): CaseEvent => ({ type: 'REPLACE_PEER', outPeerId, inPeerId, role, reason, peer: proposed });

/** A finding as the worker reports it: its id names the rule and the peer; its digest changes with what it says. */
const finding = (severity: CheckFinding['severity'], peerId: string, rule: string, detail: string): CheckFinding => ({
  id: `${rule}:${peerId}`,
  peerId,
  severity,
  rule,
  detail,
  digest: shortHash(`${severity}\n${rule}\n${detail}`),
});

const soft = (peerId: string, rule = 'neighbouring_council', detail = 'Home council is a neighbour.') =>
  finding('soft', peerId, rule, detail);

const hard = (peerId: string, rule = 'employment', detail = 'Worked at the host council in 2023.') =>
  finding('hard', peerId, rule, detail);

/** The same finding (same id) saying something else: a new digest. */
const reworded = (f: CheckFinding, detail: string): CheckFinding => finding(f.severity, f.peerId, f.rule, detail);

/** Sam Soft's (p-op) soft finding, the one most tests override. */
const SOFT_OP = soft('p-op').id;

/** The worker's result for the check the case asked for last (or for `run`). */
const checkResult = (
  snapshot: CaseSnapshot,
  findings: CheckFinding[] = [],
  run = snapshot.context.conflictCheck.run,
): CheckResult => ({
  run,
  fingerprint: `inputs-of-run-${run}`,
  checkedOn: '2025-05-10',
  findings,
  information: [{ peerId: 'p-lo', rule: 'previous_challenge', detail: 'Served on a 2019 challenge elsewhere.' }],
  warnings: [{ rule: 'untrained_member_peer', detail: 'Training is out of date.', peerId: 'p-lm' }],
});

const checkCompleted =
  (findings: CheckFinding[] = []): Step =>
  (snapshot) => ({ type: 'CONFLICT_CHECK_COMPLETED', result: checkResult(snapshot, findings) });

const inputsChanged = (reason = 'The register of councils changed.'): CaseEvent => ({
  type: 'CONFLICT_INPUTS_CHANGED',
  reason,
});

/** Long enough (at least 20 characters once trimmed). */
const JUSTIFICATION = 'Only a neighbour; no shared services or staff.';

const overrideOf = (findingId: string, justification = JUSTIFICATION, by = REQUESTER): CaseEvent => ({
  type: 'OVERRIDE_CONFLICT',
  findingId,
  justification,
  by,
});

const approve = (findingId: string, by = SECOND): CaseEvent => ({ type: 'APPROVE_OVERRIDE', findingId, by });

const declare = (peerId: string, severity: 'hard' | 'soft', detail: string): CaseEvent => ({
  type: 'DECLARE_CONFLICT',
  peerId,
  severity,
  detail,
});

/** The id and digest DECLARE_CONFLICT gives a declaration. */
const declaredDigest = (severity: 'hard' | 'soft', detail: string) => shortHash(`${severity}\n${detail}`);
const declaredId = (peerId: string, severity: 'hard' | 'soft', detail: string) =>
  `declared_conflict:${peerId}:${declaredDigest(severity, detail)}`;

const findingIn = (snapshot: CaseSnapshot, id: string) =>
  snapshot.context.conflictCheck.findings.find((f) => f.id === id);

const pause =
  (reason = 'Council elections'): Step =>
  (snapshot) => ({ type: 'PAUSE', reason, fromStage: stageOf(snapshot), fromState: stateName(snapshot.value) });

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

/** The refusals of the conflict rules, as a manager reads them. */
const PENDING = 'The conflict check for the current team has not finished yet: wait for it, then confirm.';
const staleBecause = (reason: string) =>
  `The conflict check is being run again because an input changed (${reason}): wait for it.`;
const DISCARDED = 'The result is for an earlier check and is discarded.';
const NO_SOFT_FINDING = 'There is no soft finding to override.';
const CHECK_RUNNING = 'The conflict check is running: wait for its result before overriding a finding.';
const NOTHING_TO_APPROVE = 'No override is waiting for approval.';
const TOO_SHORT = 'Write a justification of at least 20 characters.';
const SECOND_PERSON = 'An override must be approved by someone other than the person who asked for it.';
const UNRESOLVED_SOFT =
  'Sam Soft has a soft finding "neighbouring_council" with no approved justification: Home council is a neighbour.';
const AWAITING_APPROVAL = `Sam Soft's override of "neighbouring_council" waits for a second person to approve it.`;
const HARD_BLOCKS =
  'Harriet Hard cannot serve in this role (hard finding "employment", which cannot be overridden): ' +
  'Worked at the host council in 2023.';

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
const OPEN: CaseEventType[] = [...EVERYWHERE, 'ASSIGN_MANAGER', 'COUNCIL_REORGANISED', 'PAUSE', 'CANCEL'];
/** What a team whose visit has not started accepts about its conflicts. */
const CONFLICTS: CaseEventType[] = [
  'PROPOSE_PEER',
  'REMOVE_PEER',
  'REPLACE_PEER',
  'OVERRIDE_CONFLICT',
  'APPROVE_OVERRIDE',
  'DECLARE_CONFLICT',
  'CONFLICT_INPUTS_CHANGED',
];

/** Every state and the events it accepts (with a suitable payload), from the machine and docs/API.md. */
const ACCEPTED: Record<string, CaseEventType[]> = {
  scoping: [...OPEN, 'SCHEDULE_SCOPING_MEETING', 'SET_INDICATIVE_MONTH', 'AGREE_SCOPE'],
  team_assembly: [...OPEN, ...CONFLICTS, 'RESCHEDULE_ONSITE', 'RECEIVE_POSITION_STATEMENT', 'CONFIRM_TEAM'],
  'onsite.preparing': [...OPEN, ...CONFLICTS, 'RECEIVE_POSITION_STATEMENT', 'RESCHEDULE_ONSITE', 'START_ONSITE'],
  'onsite.on_site': [...OPEN, 'RECEIVE_POSITION_STATEMENT', 'RESCHEDULE_ONSITE', 'PRESENT_FEEDBACK'],
  'report.drafting': [...OPEN, 'SUBMIT_DRAFT_REPORT'],
  'report.draft_submitted': [...OPEN, 'PUBLISH_REPORT'],
  'follow_up.awaiting_follow_up': [...OPEN, 'RECEIVE_ACTION_PLAN', 'SCHEDULE_FOLLOW_UP'],
  'follow_up.follow_up_scheduled': [...OPEN, 'RECEIVE_ACTION_PLAN', 'SCHEDULE_FOLLOW_UP', 'COMPLETE_FOLLOW_UP'],
  on_hold: [...EVERYWHERE, 'CONFLICT_INPUTS_CHANGED', 'COUNCIL_REORGANISED', 'RESUME', 'ASSIGN_MANAGER', 'CANCEL'],
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

/**
 * States reached with their check current and no event of theirs asking for another: every state accepts a
 * check's result, but there it is always for an earlier check. (Elsewhere the table below reaches the state with a
 * check outstanding.)
 */
const RESULT_ALWAYS_DISCARDED = STATES.filter(
  ([state]) => !['team_assembly', 'onsite.preparing', 'on_hold', 'cancelled'].includes(state),
);

/** One event of each type; the payload does not matter to a state that does not accept the type. */
const REORGANISED = {
  type: 'COUNCIL_REORGANISED',
  from: { gssCode: 'E07000147', name: 'North Norfolk' },
  to: { gssCode: 'E06000099', name: 'North Norfolk Coast' },
  vestingDate: '2027-04-01',
} as const;

const ANY_EVENT: Record<CaseEventType, Step> = {
  COUNCIL_REORGANISED: REORGANISED,
  SCHEDULE_SCOPING_MEETING: { type: 'SCHEDULE_SCOPING_MEETING', date: '2025-04-01' },
  SET_INDICATIVE_MONTH: { type: 'SET_INDICATIVE_MONTH', month: '2025-06' },
  AGREE_SCOPE: { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: ONSITE_START, onsiteEnd: ONSITE_END },
  PROPOSE_PEER: propose('p-ext', 'external_peer', EXTERNAL),
  REMOVE_PEER: { type: 'REMOVE_PEER', peerId: 'p-lo' },
  REPLACE_PEER: replace('p-lo', 'p-lo2', 'lead_officer_peer', peer('Oscar Other', 'officer')),
  OVERRIDE_CONFLICT: overrideOf(soft('p-lm').id),
  APPROVE_OVERRIDE: approve(soft('p-lm').id),
  DECLARE_CONFLICT: declare('p-lo', 'soft', 'Friend of the leader'),
  CONFLICT_CHECK_COMPLETED: checkCompleted(),
  CONFLICT_INPUTS_CHANGED: inputsChanged(),
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
  /** Events that prepare the case without leaving the state. */
  given?: Step[];
  /** The case to start from when `reach(from)` is not it (it must be in the state of `from`). */
  start?: () => CaseSnapshot;
}

/** The lead member peer's soft finding, found by a check asked for in onsite.preparing. */
const PREPARING_WITH_SOFT_FINDING: Step[] = [inputsChanged(), checkCompleted([soft('p-lm')])];

const SPECIFIC_TRANSITIONS: Transition[] = [
  { from: 'scoping', type: 'SCHEDULE_SCOPING_MEETING', to: 'scoping', event: ANY_EVENT.SCHEDULE_SCOPING_MEETING },
  { from: 'scoping', type: 'SET_INDICATIVE_MONTH', to: 'scoping', event: ANY_EVENT.SET_INDICATIVE_MONTH },
  { from: 'scoping', type: 'AGREE_SCOPE', to: 'team_assembly', event: ANY_EVENT.AGREE_SCOPE },
  { from: 'team_assembly', type: 'PROPOSE_PEER', to: 'team_assembly', event: ANY_EVENT.PROPOSE_PEER },
  { from: 'team_ready', type: 'REMOVE_PEER', to: 'team_assembly', event: ANY_EVENT.REMOVE_PEER },
  { from: 'team_ready', type: 'REPLACE_PEER', to: 'team_assembly', event: ANY_EVENT.REPLACE_PEER },
  { from: 'team_ready', type: 'DECLARE_CONFLICT', to: 'team_assembly', event: ANY_EVENT.DECLARE_CONFLICT },
  {
    from: 'team_ready',
    type: 'OVERRIDE_CONFLICT',
    to: 'team_assembly',
    given: [propose('p-op', 'officer_peer', OFFICER), checkCompleted([soft('p-op')])],
    event: overrideOf(SOFT_OP),
  },
  {
    from: 'team_ready',
    type: 'APPROVE_OVERRIDE',
    to: 'team_assembly',
    given: [propose('p-op', 'officer_peer', OFFICER), checkCompleted([soft('p-op')]), overrideOf(SOFT_OP)],
    event: approve(SOFT_OP),
  },
  {
    from: 'team_ready',
    type: 'CONFLICT_INPUTS_CHANGED',
    to: 'team_assembly',
    event: ANY_EVENT.CONFLICT_INPUTS_CHANGED,
  },
  {
    from: 'team_assembly',
    type: 'CONFLICT_CHECK_COMPLETED',
    to: 'team_assembly',
    given: [ANY_EVENT.PROPOSE_PEER],
    event: ANY_EVENT.CONFLICT_CHECK_COMPLETED,
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
  { from: 'onsite.preparing', type: 'PROPOSE_PEER', to: 'team_assembly', event: ANY_EVENT.PROPOSE_PEER },
  { from: 'onsite.preparing', type: 'REMOVE_PEER', to: 'team_assembly', event: ANY_EVENT.REMOVE_PEER },
  { from: 'onsite.preparing', type: 'REPLACE_PEER', to: 'team_assembly', event: ANY_EVENT.REPLACE_PEER },
  {
    from: 'onsite.preparing',
    type: 'DECLARE_CONFLICT',
    to: 'onsite.preparing',
    event: ANY_EVENT.DECLARE_CONFLICT,
  },
  {
    from: 'onsite.preparing',
    type: 'OVERRIDE_CONFLICT',
    to: 'onsite.preparing',
    given: PREPARING_WITH_SOFT_FINDING,
    event: ANY_EVENT.OVERRIDE_CONFLICT,
  },
  {
    from: 'onsite.preparing',
    type: 'APPROVE_OVERRIDE',
    to: 'onsite.preparing',
    given: [...PREPARING_WITH_SOFT_FINDING, ANY_EVENT.OVERRIDE_CONFLICT],
    event: ANY_EVENT.APPROVE_OVERRIDE,
  },
  {
    from: 'onsite.preparing',
    type: 'CONFLICT_INPUTS_CHANGED',
    to: 'onsite.preparing',
    event: ANY_EVENT.CONFLICT_INPUTS_CHANGED,
  },
  {
    from: 'onsite.preparing',
    type: 'CONFLICT_CHECK_COMPLETED',
    to: 'onsite.preparing',
    given: [ANY_EVENT.CONFLICT_INPUTS_CHANGED],
    event: ANY_EVENT.CONFLICT_CHECK_COMPLETED,
  },
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
  { from: 'onsite.on_site', type: 'RESCHEDULE_ONSITE', to: 'onsite.on_site', event: ANY_EVENT.RESCHEDULE_ONSITE },
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
  { from: 'on_hold', type: 'COUNCIL_REORGANISED', to: 'on_hold', event: ANY_EVENT.COUNCIL_REORGANISED },
  { from: 'on_hold', type: 'CANCEL', to: 'cancelled', event: ANY_EVENT.CANCEL },
  {
    from: 'on_hold',
    type: 'CONFLICT_INPUTS_CHANGED',
    to: 'on_hold',
    start: () => play(reach('team_ready'), pause()),
    event: ANY_EVENT.CONFLICT_INPUTS_CHANGED,
  },
  {
    from: 'on_hold',
    type: 'CONFLICT_CHECK_COMPLETED',
    to: 'on_hold',
    start: () => play(reach('team_ready'), ANY_EVENT.PROPOSE_PEER, pause()),
    event: ANY_EVENT.CONFLICT_CHECK_COMPLETED,
  },
  {
    from: 'cancelled',
    type: 'CONFLICT_CHECK_COMPLETED',
    to: 'cancelled',
    start: () => play(reach('team_ready'), ANY_EVENT.PROPOSE_PEER, cancel()),
    event: ANY_EVENT.CONFLICT_CHECK_COMPLETED,
  },
];

const TRANSITIONS: Transition[] = [
  ...SPECIFIC_TRANSITIONS,
  ...OPEN_STATES.flatMap(([state, from]): Transition[] => [
    { from, type: 'ASSIGN_MANAGER', to: state, event: ANY_EVENT.ASSIGN_MANAGER },
    { from, type: 'COUNCIL_REORGANISED', to: state, event: ANY_EVENT.COUNCIL_REORGANISED },
    { from, type: 'PAUSE', to: 'on_hold', event: ANY_EVENT.PAUSE },
    { from, type: 'CANCEL', to: 'cancelled', event: ANY_EVENT.CANCEL },
  ]),
  ...STATES.flatMap(([state, from]): Transition[] => [
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
        overrides: [],
        declaredConflicts: [],
        hold: null,
        cancellation: null,
        notes: [],
        documents: [],
      });
      expect(snapshot.context.conflictCheck).toMatchObject({
        status: 'clear',
        run: 0,
        reason: null,
        fingerprint: null,
        checkedOn: null,
        found: [],
        findings: [],
      });
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
      // Covered by 'discards a result …' below.
      for (const [state] of RESULT_ALWAYS_DISCARDED) (covered[state] ??= []).push('CONFLICT_CHECK_COMPLETED');
      for (const state of Object.keys(ACCEPTED)) expect(sorted(covered[state] ?? [])).toEqual(sorted(ACCEPTED[state]));
      expect(Object.keys(covered).sort()).toEqual(Object.keys(ACCEPTED).sort());
    });

    it.each(TRANSITIONS.map((t) => [stateOfMilestone(t.from), t.type, t.to, t] as const))(
      '%s + %s → %s',
      (state, _type, to, t) => {
        const before = play(t.start ? t.start() : reach(t.from), ...(t.given ?? []));
        expect(stateName(before.value)).toBe(state);
        const next = accept(before, t.event);
        expect(stateName(next.value)).toBe(to);
      },
    );

    it.each(RESULT_ALWAYS_DISCARDED)(
      '%s accepts CONFLICT_CHECK_COMPLETED but discards a result when no check is outstanding',
      (_state, milestone) => {
        const snapshot = reach(milestone);
        expect(['clear', 'conflicts']).toContain(snapshot.context.conflictCheck.status);
        expect(refuse(snapshot, checkCompleted([hard('p-lo')]))).toEqual([DISCARDED]);
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
      refuse(snapshot, inputsChanged());
      refuse(snapshot, checkCompleted());
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
      expect(closed.context.conflictCheck).toMatchObject({ status: 'clear', run: 2, fingerprint: 'inputs-of-run-2' });
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

  it('COUNCIL_REORGANISED makes an open or paused case its successor’s, keeping the rest; never a finished one', () => {
    for (const milestone of ['onsite.preparing', 'on_hold'] as const) {
      const before = reach(milestone);
      const after = accept(before, REORGANISED);
      expect(stateName(after.value)).toBe(stateName(before.value));
      expect(after.context).toEqual({ ...before.context, councilGssCode: 'E06000099' });
      expect(refuse(after, REORGANISED)).toEqual(["The case is not North Norfolk's."]);
    }
    for (const milestone of ['closed', 'cancelled'] as const) {
      expect(step(reach(milestone), REORGANISED).accepted).toBe(false);
    }
  });
  // -------------------------------------------------------------------------------------------------------------

  describe('onsite dates (AGREE_SCOPE and RESCHEDULE_ONSITE)', () => {
    it('moving the visit asks for a new check of the team (double-booking), and of no team none', () => {
      const empty = accept(reach('team_assembly'), ANY_EVENT.RESCHEDULE_ONSITE);
      expect(empty.context.conflictCheck).toMatchObject({ status: 'clear', run: 0 });
      const ready = reach('team_ready');
      const moved = accept(ready, ANY_EVENT.RESCHEDULE_ONSITE);
      expect(moved.context.conflictCheck).toMatchObject({
        status: 'stale',
        run: ready.context.conflictCheck.run + 1,
        reason: 'The visit moved to 2025-06-16 to 2025-06-19.',
      });
    });

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

    it('on site, puts wrong dates right, keeping the old ones, and runs no new check of a team that has served', () => {
      const before = reach('onsite.on_site');
      const next = accept(before, {
        type: 'RESCHEDULE_ONSITE',
        onsiteStart: '2025-06-02',
        onsiteEnd: '2025-06-04',
        reason: ' The visit began a week early ',
      });
      expect(stateName(next.value)).toBe('onsite.on_site');
      expect(next.context.dates).toMatchObject({ onsiteStart: '2025-06-02', onsiteEnd: '2025-06-04' });
      expect(next.context.onsiteHistory).toEqual([
        { onsiteStart: ONSITE_START, onsiteEnd: ONSITE_END, reason: 'The visit began a week early' },
      ]);
      expect(next.context.conflictCheck).toEqual(before.context.conflictCheck);
      expect(
        refuse(before, { type: 'RESCHEDULE_ONSITE', onsiteStart: '2025-06-02', onsiteEnd: '2025-06-08', reason: 'x' }),
      ).toEqual(['The onsite visit must last 1 to 5 days; 2025-06-02 to 2025-06-08 is 7 days.']);
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

    it.each([['team_ready'], ['onsite.preparing']] as const)(
      'RESCHEDULE_ONSITE in %s asks for a new check: stale, the next run, the new dates as the reason',
      (milestone) => {
        const before = reach(milestone);
        const next = accept(before, ANY_EVENT.RESCHEDULE_ONSITE);
        const reason = 'The visit moved to 2025-06-16 to 2025-06-19.';
        expect(next.context.conflictCheck).toMatchObject({
          status: 'stale',
          run: before.context.conflictCheck.run + 1,
          reason,
        });
        // The findings of the last result stay on show until the new one arrives.
        expect(next.context.conflictCheck.found).toEqual(before.context.conflictCheck.found);
        const gate = milestone === 'team_ready' ? 'CONFIRM_TEAM' : 'START_ONSITE';
        expect(refuse(next, { type: gate })).toContain(staleBecause(reason));
        expect(accept(next, checkCompleted()).context.conflictCheck).toMatchObject({ status: 'clear', reason });
      },
    );
  });

  // -------------------------------------------------------------------------------------------------------------

  describe('PROPOSE_PEER', () => {
    it('adds the stamped peer to the team and asks for a new conflict check', () => {
      const before = reach('team_assembly');
      const next = accept(before, propose('p-op', 'officer_peer', OFFICER));
      expect(next.context.team).toEqual([
        { peerId: 'p-op', role: 'officer_peer', name: 'Sam Soft', kind: 'officer', financeExpertise: false },
      ]);
      expect(next.context.conflictCheck).toMatchObject({
        status: 'pending',
        run: before.context.conflictCheck.run + 1,
        reason: 'Sam Soft was proposed as officer peer.',
      });
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
    it('removes the peer with their overrides and declarations, and asks for a new conflict check', () => {
      const withOverride = play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        checkCompleted([soft('p-op')]),
        overrideOf(SOFT_OP),
        approve(SOFT_OP),
        declare('p-op', 'soft', 'Former colleague'),
      );
      expect(withOverride.context.overrides).toHaveLength(1);
      expect(withOverride.context.declaredConflicts).toHaveLength(1);
      const next = accept(withOverride, { type: 'REMOVE_PEER', peerId: 'p-op' });
      expect(next.context.team.map((m) => m.peerId)).toEqual(['p-lo', 'p-lm']);
      expect(next.context.overrides).toEqual([]);
      expect(next.context.declaredConflicts).toEqual([]);
      expect(next.context.conflictCheck).toMatchObject({
        status: 'pending',
        run: withOverride.context.conflictCheck.run + 1,
        reason: 'Sam Soft was removed from the team.',
      });
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

  describe('REPLACE_PEER', () => {
    it('refuses a peer replacing themselves (which would drop their declarations)', () => {
      const declared = play(reach('team_ready'), {
        type: 'DECLARE_CONFLICT',
        peerId: 'p-lm',
        severity: 'hard',
        detail: 'Spouse works there',
      });
      expect(refuse(declared, replace('p-lm', 'p-lm', 'lead_member_peer', LEAD_MEMBER))).toEqual([
        'A peer cannot replace themselves: choose another peer.',
      ]);
    });

    /** The ready team plus Sam Soft, whose soft finding is overridden and who declared a conflict. */
    const withSam = () =>
      play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        checkCompleted([soft('p-op')]),
        overrideOf(SOFT_OP),
        approve(SOFT_OP),
        declare('p-op', 'soft', 'Former colleague'),
      );

    it("puts the new peer in the team, drops the old one's overrides and declarations, and asks for a new check", () => {
      const before = withSam();
      const next = accept(
        before,
        replace('p-op', 'p-new', 'officer_peer', NEW_OFFICER, '  Sam took a post at a neighbouring council. '),
      );
      expect(stateName(next.value)).toBe('team_assembly');
      expect(next.context.team).toEqual([
        ...reach('team_ready').context.team,
        { peerId: 'p-new', role: 'officer_peer', name: 'Nell New', kind: 'officer', financeExpertise: false },
      ]);
      expect(next.context.overrides).toEqual([]);
      expect(next.context.declaredConflicts).toEqual([]);
      expect(next.context.conflictCheck).toMatchObject({
        status: 'pending',
        run: before.context.conflictCheck.run + 1,
        reason: 'Sam Soft was replaced by Nell New as officer peer: Sam took a post at a neighbouring council.',
      });
      expect(refuse(next, { type: 'CONFIRM_TEAM' })).toEqual([PENDING]);
      expect(stateName(play(next, checkCompleted(), { type: 'CONFIRM_TEAM' }).value)).toBe('onsite.preparing');
    });

    it('may put the new peer in a lead role, in place of the lead it replaces', () => {
      const next = play(
        reach('team_ready'),
        replace('p-lo', 'p-lo2', 'lead_officer_peer', peer('Oscar Other', 'officer', { financeExpertise: true })),
        checkCompleted(),
      );
      expect(next.context.team.map((m) => [m.peerId, m.role])).toEqual([
        ['p-lm', 'lead_member_peer'],
        ['p-lo2', 'lead_officer_peer'],
      ]);
      expect(stateName(accept(next, { type: 'CONFIRM_TEAM' }).value)).toBe('onsite.preparing');
    });

    it('refuses an out peer not on the team, whatever else is wrong', () => {
      expect(refuse(withSam(), replace('p-stranger', 'p-nobody', 'officer_peer', null, ' '))).toEqual([
        'The peer p-stranger is not on the proposed team.',
      ]);
    });

    it('refuses an unknown in peer', () => {
      expect(refuse(withSam(), replace('p-op', 'p-nobody', 'officer_peer', null))).toEqual([
        'No peer in the pool has the id p-nobody.',
      ]);
    });

    it('refuses an inactive in peer', () => {
      expect(refuse(withSam(), replace('p-op', 'p-new', 'officer_peer', { ...NEW_OFFICER, active: false }))).toEqual([
        'Nell New is no longer active in the peer pool.',
      ]);
    });

    it('refuses an in peer of the wrong kind for the role', () => {
      expect(refuse(withSam(), replace('p-op', 'p-new', 'officer_peer', peer('Cllr Nye', 'member')))).toEqual([
        'Cllr Nye is a member peer and cannot be the officer peer.',
      ]);
    });

    it('refuses an in peer already on the team', () => {
      expect(refuse(withSam(), replace('p-op', 'p-lm', 'officer_peer', LEAD_MEMBER))).toEqual([
        'Cllr Mike Member is already on the team as lead member peer.',
        'Cllr Mike Member is a member peer and cannot be the officer peer.',
      ]);
      expect(refuse(withSam(), replace('p-op', 'p-lo', 'shadow_peer', LEAD_OFFICER))).toEqual([
        'Olive Officer is already on the team as lead officer peer.',
      ]);
    });

    it.each([[''], ['   ']])('refuses a blank reason (%j)', (reason) => {
      expect(refuse(withSam(), replace('p-op', 'p-new', 'officer_peer', NEW_OFFICER, reason))).toEqual([
        'Say why the peer is replaced.',
      ]);
    });

    it('reports every problem of the in peer and the reason at once', () => {
      expect(
        refuse(
          withSam(),
          replace('p-op', 'p-new', 'officer_peer', { ...peer('Cllr Nye', 'member'), active: false }, ''),
        ),
      ).toEqual([
        'Cllr Nye is no longer active in the peer pool.',
        'Cllr Nye is a member peer and cannot be the officer peer.',
        'Say why the peer is replaced.',
      ]);
    });

    it('refuses on an empty team with both reasons', () => {
      expect(refuse(reach('team_assembly'), replace('p-lo', 'p-new', 'officer_peer', NEW_OFFICER))).toEqual([
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

    it('asks for an override of one soft finding: recorded with its requester and digest, not yet approved', () => {
      const before = withFindings();
      const next = accept(before, overrideOf(SOFT_OP, `  ${JUSTIFICATION} `));
      const override = {
        findingId: SOFT_OP,
        peerId: 'p-op',
        digest: soft('p-op').digest,
        justification: JUSTIFICATION,
        requestedBy: person(REQUESTER),
        approvedBy: null,
        selfApproved: false,
      };
      expect(next.context.overrides).toEqual([override]);
      expect(findingIn(next, SOFT_OP)).toEqual({
        ...soft('p-op'),
        declared: false,
        override,
        overridden: false,
        justification: JUSTIFICATION,
      });
      // Judged at once: no new check is asked for.
      expect(next.context.conflictCheck).toMatchObject({ status: 'conflicts', run: before.context.conflictCheck.run });
      expect(refuse(next, { type: 'CONFIRM_TEAM' })).toEqual([AWAITING_APPROVAL, HARD_BLOCKS]);
    });

    it('refuses to override a hard finding', () => {
      expect(refuse(withFindings(), overrideOf(hard('p-hard').id))).toEqual([
        'The finding "employment" is hard and cannot be overridden: remove Harriet Hard or change the role.',
      ]);
    });

    it('refuses an unknown finding id', () => {
      expect(refuse(withFindings(), overrideOf('neighbouring_council:p-lm'))).toEqual([
        'No current finding has the id neighbouring_council:p-lm.',
      ]);
    });

    it('refuses a justification shorter than 20 characters once trimmed; 20 is enough', () => {
      const nineteen = 'Neighbour, not more';
      expect(nineteen).toHaveLength(19);
      expect(refuse(withFindings(), overrideOf(SOFT_OP, nineteen))).toEqual([TOO_SHORT]);
      expect(refuse(withFindings(), overrideOf(SOFT_OP, `    ${nineteen}     `))).toEqual([TOO_SHORT]);
      expect(refuse(withFindings(), overrideOf(SOFT_OP, ''))).toEqual([TOO_SHORT]);
      const next = accept(withFindings(), overrideOf(SOFT_OP, `${nineteen}.`));
      expect(next.context.overrides.map((o) => o.justification)).toEqual(['Neighbour, not more.']);
    });

    it('reports a hard finding and a short justification together', () => {
      expect(refuse(withFindings(), overrideOf(hard('p-hard').id, 'Please'))).toEqual([
        'The finding "employment" is hard and cannot be overridden: remove Harriet Hard or change the role.',
        TOO_SHORT,
      ]);
    });

    it('refuses a finding already overridden', () => {
      const twoSoft = play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        checkCompleted([soft('p-op'), soft('p-op', 'same_county', 'Same county.')]),
        overrideOf(SOFT_OP),
        approve(SOFT_OP),
      );
      expect(refuse(twoSoft, overrideOf(SOFT_OP))).toEqual([
        'The finding "neighbouring_council" is already overridden.',
      ]);
      // With no other soft finding left, the precondition says so too.
      const all = play(twoSoft, overrideOf(soft('p-op', 'same_county').id), approve(soft('p-op', 'same_county').id));
      expect(refuse(all, overrideOf(SOFT_OP))).toEqual([
        NO_SOFT_FINDING,
        'The finding "neighbouring_council" is already overridden.',
      ]);
    });

    it('is per finding: a second soft finding of the same peer needs its own override', () => {
      const twoSoft = play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        checkCompleted([soft('p-op'), soft('p-op', 'same_county', 'Same county.')]),
        overrideOf(SOFT_OP),
        approve(SOFT_OP),
      );
      expect(twoSoft.context.conflictCheck.status).toBe('conflicts');
      expect(twoSoft.context.conflictCheck.findings.map((f) => [f.id, f.overridden])).toEqual([
        [SOFT_OP, true],
        ['same_county:p-op', false],
      ]);
      expect(refuse(twoSoft, { type: 'CONFIRM_TEAM' })).toEqual([
        'Sam Soft has a soft finding "same_county" with no approved justification: Same county.',
      ]);
    });

    it('asking again for the same finding replaces the earlier request, with its new requester', () => {
      const next = play(
        withFindings(),
        overrideOf(SOFT_OP),
        overrideOf(SOFT_OP, 'A second, better justification.', SECOND),
      );
      expect(next.context.overrides).toEqual([
        expect.objectContaining({
          findingId: SOFT_OP,
          justification: 'A second, better justification.',
          requestedBy: person(SECOND),
          approvedBy: null,
        }),
      ]);
      // The first requester is now the second person.
      expect(accept(next, approve(SOFT_OP, REQUESTER)).context.overrides[0].approvedBy).toEqual(person(REQUESTER));
    });

    it('refuses when there is no soft finding at all, with every reason', () => {
      expect(refuse(reach('team_ready'), overrideOf(SOFT_OP))).toEqual([
        NO_SOFT_FINDING,
        `No current finding has the id ${SOFT_OP}.`,
      ]);
    });

    it('refuses while the check is pending (the team changed)', () => {
      const pending = accept(withFindings(), propose('p-new', 'officer_peer', NEW_OFFICER));
      expect(pending.context.conflictCheck.status).toBe('pending');
      expect(findingIn(pending, SOFT_OP)).toBeDefined();
      expect(refuse(pending, overrideOf(SOFT_OP))).toEqual([CHECK_RUNNING]);
    });

    it('refuses while the check is stale (an input changed)', () => {
      const stale = accept(withFindings(), inputsChanged());
      expect(stale.context.conflictCheck.status).toBe('stale');
      expect(findingIn(stale, SOFT_OP)).toBeDefined();
      expect(refuse(stale, overrideOf(SOFT_OP))).toEqual([CHECK_RUNNING]);
    });
  });

  describe('APPROVE_OVERRIDE', () => {
    /** The ready team plus Sam Soft, whose one soft finding has an override asked for by REQUESTER. */
    const requested = () =>
      play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        checkCompleted([soft('p-op')]),
        overrideOf(SOFT_OP),
      );

    it('refuses approval by the person who asked for the override', () => {
      expect(refuse(requested(), approve(SOFT_OP, REQUESTER))).toEqual([SECOND_PERSON]);
      // Even when they are an admin now.
      expect(refuse(requested(), approve(SOFT_OP, { ...REQUESTER, admin: true }))).toEqual([SECOND_PERSON]);
    });

    it('accepts approval by another user: the finding is overridden and the check clear', () => {
      const before = requested();
      expect(before.context.conflictCheck.status).toBe('conflicts');
      const next = accept(before, approve(SOFT_OP, SECOND));
      expect(next.context.overrides).toEqual([
        {
          findingId: SOFT_OP,
          peerId: 'p-op',
          digest: soft('p-op').digest,
          justification: JUSTIFICATION,
          requestedBy: person(REQUESTER),
          approvedBy: person(SECOND),
          selfApproved: false,
        },
      ]);
      expect(findingIn(next, SOFT_OP)).toMatchObject({ overridden: true, justification: JUSTIFICATION });
      expect(next.context.conflictCheck).toMatchObject({ status: 'clear', run: before.context.conflictCheck.run });
      expect(stateName(accept(next, { type: 'CONFIRM_TEAM' }).value)).toBe('onsite.preparing');
    });

    it("an admin's approval of someone else's request is an ordinary approval", () => {
      const next = accept(requested(), approve(SOFT_OP, ADMIN));
      expect(next.context.overrides[0]).toMatchObject({ approvedBy: person(ADMIN), selfApproved: false });
      expect(next.context.conflictCheck.status).toBe('clear');
    });

    it("an admin's own override is approved at once and marked selfApproved", () => {
      const next = play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        checkCompleted([soft('p-op')]),
        overrideOf(SOFT_OP, JUSTIFICATION, ADMIN),
      );
      expect(next.context.overrides).toEqual([
        {
          findingId: SOFT_OP,
          peerId: 'p-op',
          digest: soft('p-op').digest,
          justification: JUSTIFICATION,
          requestedBy: person(ADMIN),
          approvedBy: person(ADMIN),
          selfApproved: true,
        },
      ]);
      expect(next.context.conflictCheck.status).toBe('clear');
      expect(refuse(next, approve(SOFT_OP))).toEqual([
        NOTHING_TO_APPROVE,
        'The override of "neighbouring_council" is already approved.',
      ]);
      expect(stateName(accept(next, { type: 'CONFIRM_TEAM' }).value)).toBe('onsite.preparing');
    });

    it('refuses when no override waits, with every reason', () => {
      expect(refuse(reach('team_ready'), approve(SOFT_OP))).toEqual([
        NOTHING_TO_APPROVE,
        `No current finding has the id ${SOFT_OP}.`,
      ]);
      const unrequested = play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        checkCompleted([soft('p-op')]),
      );
      expect(refuse(unrequested, approve(SOFT_OP))).toEqual([
        NOTHING_TO_APPROVE,
        'No override has been asked for the finding "neighbouring_council".',
      ]);
    });

    it('refuses a finding with no override while another waits', () => {
      const snapshot = play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        checkCompleted([soft('p-op'), soft('p-op', 'same_county', 'Same county.')]),
        overrideOf(SOFT_OP),
      );
      expect(refuse(snapshot, approve('same_county:p-op'))).toEqual([
        'No override has been asked for the finding "same_county".',
      ]);
      expect(refuse(snapshot, approve('nope'))).toEqual(['No current finding has the id nope.']);
    });

    it('refuses while the check is pending or stale', () => {
      const pending = accept(requested(), propose('p-new', 'officer_peer', NEW_OFFICER));
      expect(refuse(pending, approve(SOFT_OP))).toEqual([NOTHING_TO_APPROVE]);
      const stale = accept(requested(), inputsChanged());
      expect(refuse(stale, approve(SOFT_OP))).toEqual([NOTHING_TO_APPROVE]);
    });
  });

  describe('overrides and new results', () => {
    /** The ready team plus Sam Soft, whose soft finding is overridden and approved: the check is clear. */
    const overridden = () =>
      play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        checkCompleted([soft('p-op')]),
        overrideOf(SOFT_OP),
        approve(SOFT_OP),
      );

    it('an override lapses when a new result changes what its finding says (its digest)', () => {
      const before = overridden();
      expect(before.context.conflictCheck.status).toBe('clear');
      const changed = reworded(soft('p-op'), 'Home council now shares a chief executive with the host.');
      expect(changed.id).toBe(SOFT_OP);
      expect(changed.digest).not.toBe(soft('p-op').digest);
      const next = play(before, inputsChanged(), checkCompleted([changed]));
      expect(next.context.overrides).toEqual([]);
      expect(findingIn(next, SOFT_OP)).toEqual({
        ...changed,
        declared: false,
        override: null,
        overridden: false,
        justification: null,
      });
      expect(next.context.conflictCheck.status).toBe('conflicts');
      expect(refuse(next, { type: 'CONFIRM_TEAM' })).toEqual([
        'Sam Soft has a soft finding "neighbouring_council" with no approved justification: ' +
          'Home council now shares a chief executive with the host.',
      ]);
      // It can be overridden again, as it now reads.
      const again = play(next, overrideOf(SOFT_OP), approve(SOFT_OP));
      expect(again.context.overrides[0].digest).toBe(changed.digest);
      expect(again.context.conflictCheck.status).toBe('clear');
    });

    it('an override survives when the same finding returns unchanged', () => {
      const before = overridden();
      const next = play(before, inputsChanged(), checkCompleted([soft('p-op')]));
      expect(next.context.overrides).toEqual(before.context.overrides);
      expect(findingIn(next, SOFT_OP)).toMatchObject({ overridden: true, justification: JUSTIFICATION });
      expect(next.context.conflictCheck.status).toBe('clear');
    });

    it('an override survives a change to the rest of the team', () => {
      const before = overridden();
      const next = play(before, propose('p-ext', 'external_peer', EXTERNAL), checkCompleted([soft('p-op')]));
      expect(next.context.overrides).toEqual(before.context.overrides);
      expect(next.context.conflictCheck.status).toBe('clear');
    });

    it('an override lapses when its finding is gone, and does not come back with it', () => {
      const gone = play(overridden(), inputsChanged(), checkCompleted([]));
      expect(gone.context.overrides).toEqual([]);
      expect(gone.context.conflictCheck.status).toBe('clear');
      const back = play(gone, inputsChanged(), checkCompleted([soft('p-op')]));
      expect(findingIn(back, SOFT_OP)).toMatchObject({ override: null, overridden: false });
      expect(back.context.conflictCheck.status).toBe('conflicts');
    });

    it('a request not yet approved lapses the same way', () => {
      const requested = play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        checkCompleted([soft('p-op')]),
        overrideOf(SOFT_OP),
      );
      const next = play(requested, inputsChanged(), checkCompleted([reworded(soft('p-op'), 'Something else.')]));
      expect(next.context.overrides).toEqual([]);
      expect(refuse(next, approve(SOFT_OP))).toEqual([
        NOTHING_TO_APPROVE,
        'No override has been asked for the finding "neighbouring_council".',
      ]);
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
      expect(refuse(pending, confirm)).toEqual([PENDING]);
    });

    it('refuses while the check is stale, saying why it is run again', () => {
      const stale = accept(reach('team_ready'), inputsChanged('  Olive Officer took a post at a neighbour.  '));
      expect(refuse(stale, confirm)).toEqual([staleBecause('Olive Officer took a post at a neighbour.')]);
      expect(stateName(play(stale, checkCompleted(), confirm).value)).toBe('onsite.preparing');
    });

    it('refuses an un-overridden soft finding and a hard finding, naming the peers', () => {
      const snapshot = play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        propose('p-hard', 'officer_peer', HARD_OFFICER),
        checkCompleted([soft('p-op'), hard('p-hard')]),
      );
      expect(refuse(snapshot, confirm)).toEqual([UNRESOLVED_SOFT, HARD_BLOCKS]);
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
        UNRESOLVED_SOFT,
        FINANCE,
      ]);
    });

    it('accepts once the override of the soft finding is approved, with no new check needed', () => {
      const requested = play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        checkCompleted([soft('p-op')]),
        overrideOf(SOFT_OP),
      );
      expect(refuse(requested, confirm)).toEqual([AWAITING_APPROVAL]);
      const approved = accept(requested, approve(SOFT_OP));
      expect(approved.context.conflictCheck.status).toBe('clear');
      expect(refuse(approved, checkCompleted([soft('p-op')]))).toEqual([DISCARDED]);
      expect(stateName(accept(approved, confirm).value)).toBe('onsite.preparing');
    });
  });

  // -------------------------------------------------------------------------------------------------------------

  describe('CONFLICT_CHECK_COMPLETED', () => {
    it('discards a result for an earlier run', () => {
      const before = accept(reach('team_assembly'), propose('p-lo', 'lead_officer_peer', LEAD_OFFICER));
      const earlier = before.context.conflictCheck.run;
      const after = accept(before, propose('p-lm', 'lead_member_peer', LEAD_MEMBER));
      expect(after.context.conflictCheck.run).toBe(earlier + 1);
      expect(
        refuse(after, { type: 'CONFLICT_CHECK_COMPLETED', result: checkResult(after, [hard('p-lo')], earlier) }),
      ).toEqual([DISCARDED]);
      expect(after.context.conflictCheck.status).toBe('pending');
    });

    it('discards a result for the run asked for before an input changed', () => {
      const pending = accept(reach('team_ready'), propose('p-op', 'officer_peer', OFFICER));
      const earlier = pending.context.conflictCheck.run;
      const stale = accept(pending, inputsChanged());
      expect(refuse(stale, { type: 'CONFLICT_CHECK_COMPLETED', result: checkResult(stale, [], earlier) })).toEqual([
        DISCARDED,
      ]);
      expect(accept(stale, checkCompleted()).context.conflictCheck.status).toBe('clear');
    });

    it('discards a second result for a run already recorded', () => {
      const pending = accept(reach('team_ready'), propose('p-op', 'officer_peer', OFFICER));
      const checked = accept(pending, checkCompleted([soft('p-op')]));
      expect(refuse(checked, checkCompleted([]))).toEqual([DISCARDED]);
      expect(checked.context.conflictCheck.status).toBe('conflicts');
    });

    it('discards a result for a later run than was asked for', () => {
      const pending = accept(reach('team_ready'), propose('p-op', 'officer_peer', OFFICER));
      const later = pending.context.conflictCheck.run + 1;
      expect(refuse(pending, { type: 'CONFLICT_CHECK_COMPLETED', result: checkResult(pending, [], later) })).toEqual([
        DISCARDED,
      ]);
    });

    it('records a result for the current run', () => {
      const pending = play(reach('team_ready'), propose('p-op', 'officer_peer', OFFICER));
      const result = checkResult(pending, [soft('p-op')]);
      const next = accept(pending, { type: 'CONFLICT_CHECK_COMPLETED', result });
      expect(next.context.conflictCheck).toEqual({
        status: 'conflicts',
        run: pending.context.conflictCheck.run,
        reason: 'Sam Soft was proposed as officer peer.',
        teamFingerprint: pending.context.conflictCheck.teamFingerprint,
        fingerprint: result.fingerprint,
        checkedOn: '2025-05-10',
        found: [soft('p-op')],
        findings: [{ ...soft('p-op'), declared: false, override: null, overridden: false, justification: null }],
        information: result.information,
        warnings: result.warnings,
      });
    });

    it('never marks a hard finding overridden, and pins declarations after the findings', () => {
      const snapshot = play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        propose('p-hard', 'officer_peer', HARD_OFFICER),
        checkCompleted([soft('p-op'), soft('p-hard', 'same_county', 'Same county.'), hard('p-hard')]),
        overrideOf(SOFT_OP),
        approve(SOFT_OP),
        overrideOf(soft('p-hard', 'same_county').id, 'Trust me, it is only the county.'),
        approve(soft('p-hard', 'same_county').id),
        declare('p-lm', 'soft', 'Former colleague'),
      );
      expect(snapshot.context.conflictCheck.findings.map((f) => [f.id, f.declared, f.overridden])).toEqual([
        [SOFT_OP, false, true],
        ['same_county:p-hard', false, true],
        ['employment:p-hard', false, false],
        [declaredId('p-lm', 'soft', 'Former colleague'), true, false],
      ]);
      expect(snapshot.context.conflictCheck.status).toBe('conflicts');
    });

    it('is clear when every finding is overridden', () => {
      const snapshot = play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        checkCompleted([soft('p-op')]),
        overrideOf(SOFT_OP),
        approve(SOFT_OP),
        inputsChanged(),
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

  describe('CONFLICT_INPUTS_CHANGED', () => {
    it('marks a clear check stale with its trimmed reason and bumps the run; the last findings stay on show', () => {
      const before = play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        checkCompleted([soft('p-op')]),
        overrideOf(SOFT_OP),
        approve(SOFT_OP),
      );
      expect(before.context.conflictCheck.status).toBe('clear');
      const next = accept(before, inputsChanged('  Sam Soft’s home council merged with another.  '));
      expect(stateName(next.value)).toBe('team_assembly');
      expect(next.context.conflictCheck).toEqual({
        ...before.context.conflictCheck,
        status: 'stale',
        run: before.context.conflictCheck.run + 1,
        reason: 'Sam Soft’s home council merged with another.',
      });
      expect(next.context.overrides).toEqual(before.context.overrides);
      expect(refuse(next, { type: 'CONFIRM_TEAM' })).toEqual([
        staleBecause('Sam Soft’s home council merged with another.'),
      ]);
    });

    it('marks a check with findings stale too, and the result judges it again', () => {
      const conflicts = play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        checkCompleted([soft('p-op')]),
      );
      const stale = accept(conflicts, inputsChanged());
      expect(stale.context.conflictCheck.status).toBe('stale');
      expect(accept(stale, checkCompleted()).context.conflictCheck.status).toBe('clear');
    });

    it('is refused when the team is empty', () => {
      expect(refuse(reach('team_assembly'), inputsChanged())).toEqual(['The case has no team to check.']);
    });

    it('is accepted while paused before the visit, and the case resumes with the check still to come', () => {
      const paused = play(reach('team_ready'), pause());
      expect(paused.context.hold).toMatchObject({ stage: 'team_assembly', state: 'team_assembly' });
      const stale = accept(paused, inputsChanged());
      expect(stateName(stale.value)).toBe('on_hold');
      const resumed = accept(stale, { type: 'RESUME' });
      expect(stateName(resumed.value)).toBe('team_assembly');
      expect(refuse(resumed, { type: 'CONFIRM_TEAM' })).toEqual([staleBecause('The register of councils changed.')]);
      expect(stateName(play(resumed, checkCompleted(), { type: 'CONFIRM_TEAM' }).value)).toBe('onsite.preparing');
    });

    it('is refused while paused on site, and while paused with no exact state recorded (before version 3)', () => {
      expect(refuse(reach('on_hold'), inputsChanged())).toEqual([
        'The case was paused on site or later: its team is not checked again.',
      ]);
      const old = play(reach('team_ready'), (snapshot) => ({
        type: 'PAUSE',
        reason: 'Elections',
        fromStage: stageOf(snapshot),
      }));
      expect(refuse(old, inputsChanged())).toEqual([
        'The case was paused on site or later: its team is not checked again.',
      ]);
    });

    it('in onsite.preparing stays there, and START_ONSITE waits for the new check', () => {
      const preparing = play(reach('onsite.preparing'), ANY_EVENT.RECEIVE_POSITION_STATEMENT);
      const stale = accept(preparing, inputsChanged());
      expect(stateName(stale.value)).toBe('onsite.preparing');
      expect(refuse(stale, { type: 'START_ONSITE' })).toEqual([staleBecause('The register of councils changed.')]);
      expect(allowedEvents(stale)).not.toContain('START_ONSITE');
      expect(stateName(play(stale, checkCompleted(), { type: 'START_ONSITE' }).value)).toBe('onsite.on_site');
    });
  });

  describe('DECLARE_CONFLICT', () => {
    it('records the declaration and judges it at once, without a new check', () => {
      const before = reach('team_ready');
      const next = accept(before, declare('p-lm', 'soft', '  Former colleague of the chief executive '));
      const detail = 'Former colleague of the chief executive';
      expect(next.context.declaredConflicts).toEqual([
        {
          id: declaredId('p-lm', 'soft', detail),
          peerId: 'p-lm',
          severity: 'soft',
          rule: 'declared_conflict',
          detail,
          digest: declaredDigest('soft', detail),
        },
      ]);
      expect(next.context.conflictCheck).toMatchObject({ status: 'conflicts', run: before.context.conflictCheck.run });
      expect(refuse(next, { type: 'CONFIRM_TEAM' })).toEqual([
        `Cllr Mike Member has a soft finding "declared_conflict" with no approved justification: ${detail}`,
      ]);
    });

    it('declaring the same conflict again records it once', () => {
      const next = play(
        reach('team_ready'),
        declare('p-lm', 'soft', 'Former colleague'),
        declare('p-lm', 'soft', '  Former colleague  '),
      );
      expect(next.context.declaredConflicts).toHaveLength(1);
    });

    it('while a check is pending, is recorded and judged when the result arrives', () => {
      const pending = play(reach('team_ready'), propose('p-op', 'officer_peer', OFFICER));
      const declared = accept(pending, declare('p-op', 'hard', 'Spouse works there'));
      expect(declared.context.conflictCheck.status).toBe('pending');
      const checked = accept(declared, checkCompleted([]));
      expect(checked.context.conflictCheck.status).toBe('conflicts');
      expect(checked.context.conflictCheck.findings.map((f) => [f.peerId, f.declared])).toEqual([['p-op', true]]);
    });

    it('refuses a peer not on the team, and both reasons on an empty team', () => {
      const declareHard = (peerId: string) => declare(peerId, 'hard', 'x');
      expect(refuse(reach('team_ready'), declareHard('p-stranger'))).toEqual([
        'The peer p-stranger is not on the proposed team.',
      ]);
      expect(refuse(reach('team_assembly'), declareHard('p-lm'))).toEqual([
        'No peer has been proposed yet.',
        'The peer p-lm is not on the proposed team.',
      ]);
    });

    it('is pinned: it stays in the findings of a check that did not find it, until overridden', () => {
      const declared = play(reach('team_ready'), declare('p-lm', 'soft', 'Former colleague'));
      const id = declaredId('p-lm', 'soft', 'Former colleague');
      const checked = play(declared, inputsChanged(), checkCompleted([]));
      const pinned = {
        id,
        peerId: 'p-lm',
        severity: 'soft',
        rule: 'declared_conflict',
        detail: 'Former colleague',
        digest: declaredDigest('soft', 'Former colleague'),
        declared: true,
      };
      expect(checked.context.conflictCheck.status).toBe('conflicts');
      expect(checked.context.conflictCheck.findings).toEqual([
        { ...pinned, override: null, overridden: false, justification: null },
      ]);
      expect(refuse(checked, { type: 'CONFIRM_TEAM' })).toEqual([
        'Cllr Mike Member has a soft finding "declared_conflict" with no approved justification: Former colleague',
      ]);

      const justification = 'Ten years ago, in another council.';
      const overridden = play(checked, overrideOf(id, justification), approve(id));
      expect(overridden.context.conflictCheck.findings).toEqual([
        { ...pinned, override: overridden.context.overrides[0], overridden: true, justification },
      ]);
      expect(overridden.context.conflictCheck.status).toBe('clear');
      // The override of a declaration survives the next result: the declaration is still there.
      const rechecked = play(overridden, inputsChanged(), checkCompleted([]));
      expect(rechecked.context.overrides).toEqual(overridden.context.overrides);
      expect(rechecked.context.conflictCheck.status).toBe('clear');
      expect(stateName(accept(rechecked, { type: 'CONFIRM_TEAM' }).value)).toBe('onsite.preparing');
    });

    it('a pinned hard declaration cannot be overridden', () => {
      const checked = play(
        reach('team_ready'),
        declare('p-lm', 'hard', 'Spouse works there'),
        inputsChanged(),
        checkCompleted([soft('p-lo')]),
      );
      expect(checked.context.conflictCheck.findings.map((f) => [f.peerId, f.severity, f.declared])).toEqual([
        ['p-lo', 'soft', false],
        ['p-lm', 'hard', true],
      ]);
      expect(refuse(checked, overrideOf(declaredId('p-lm', 'hard', 'Spouse works there')))).toEqual([
        'The finding "declared_conflict" is hard and cannot be overridden: remove Cllr Mike Member or change the role.',
      ]);
    });

    it('no longer blocks the team once the declared peer is removed', () => {
      const snapshot = play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        checkCompleted([]),
        declare('p-op', 'hard', 'Spouse works there'),
        { type: 'REMOVE_PEER', peerId: 'p-op' },
        checkCompleted([]),
      );
      expect(snapshot.context.team.map((m) => m.peerId)).toEqual(['p-lo', 'p-lm']);
      expect(snapshot.context.declaredConflicts).toEqual([]);
      expect(snapshot.context.conflictCheck.findings.filter((f) => f.peerId === 'p-op')).toEqual([]);
      expect(snapshot.context.conflictCheck.status).toBe('clear');
      expect(step(snapshot, { type: 'CONFIRM_TEAM' })).toMatchObject({ accepted: true });
    });
  });

  // -------------------------------------------------------------------------------------------------------------

  describe('team changes in onsite.preparing', () => {
    /**
     * A confirmed team of three whose visit was moved, with the position statement, a note and a document: all of
     * which a return to team assembly keeps.
     */
    const preparing = () =>
      play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        checkCompleted(),
        { type: 'CONFIRM_TEAM', financeWaiverReason: ' Not needed ' },
        { type: 'RESCHEDULE_ONSITE', onsiteStart: '2025-06-16', onsiteEnd: '2025-06-19', reason: 'Elections' },
        checkCompleted(),
        { type: 'RECEIVE_POSITION_STATEMENT', receivedOn: '2025-05-20' },
        { type: 'ADD_NOTE', text: 'Agenda agreed', by: BY },
        { type: 'ADD_DOCUMENT', kind: 'position_statement', title: 'PS', url: 'https://x.org/ps.pdf', by: BY },
      );

    it.each([
      [
        'PROPOSE_PEER',
        propose('p-ext', 'external_peer', EXTERNAL),
        ['p-lo', 'p-lm', 'p-op', 'p-ext'],
        'Ezra External was proposed as external peer.',
      ],
      ['REMOVE_PEER', { type: 'REMOVE_PEER', peerId: 'p-op' }, ['p-lo', 'p-lm'], 'Sam Soft was removed from the team.'],
      [
        'REPLACE_PEER',
        replace('p-op', 'p-new', 'officer_peer', NEW_OFFICER, 'Sam is ill.'),
        ['p-lo', 'p-lm', 'p-new'],
        'Sam Soft was replaced by Nell New as officer peer: Sam is ill.',
      ],
    ] as Array<[string, CaseEvent, string[], string]>)(
      '%s goes back to team_assembly, keeping dates and documents, with a new pending check',
      (_type, event, team, reason) => {
        const before = preparing();
        expect(stateName(before.value)).toBe('onsite.preparing');
        const next = accept(before, event);
        expect(stateName(next.value)).toBe('team_assembly');
        expect(stageOf(next)).toBe('team_assembly');
        expect(next.context.team.map((m) => m.peerId)).toEqual(team);
        expect(next.context.conflictCheck).toMatchObject({
          status: 'pending',
          run: before.context.conflictCheck.run + 1,
          reason,
        });
        const keep = ({ team: _t, conflictCheck: _c, ...rest }: CaseContext) => rest;
        expect(keep(next.context)).toEqual(keep(before.context));
        expect(next.context.dates).toMatchObject({
          onsiteStart: '2025-06-16',
          onsiteEnd: '2025-06-19',
          positionStatementReceived: '2025-05-20',
        });
        expect(next.context.documents).toHaveLength(1);

        expect(refuse(next, { type: 'CONFIRM_TEAM' })).toEqual([PENDING]);
        const confirmed = play(next, checkCompleted(), { type: 'CONFIRM_TEAM', financeWaiverReason: 'x' });
        expect(stateName(confirmed.value)).toBe('onsite.preparing');
        expect(stateName(accept(confirmed, { type: 'START_ONSITE' }).value)).toBe('onsite.on_site');
      },
    );

    it('DECLARE_CONFLICT, OVERRIDE_CONFLICT and APPROVE_OVERRIDE stay in onsite.preparing', () => {
      const id = declaredId('p-op', 'soft', 'Former colleague');
      const declared = accept(preparing(), declare('p-op', 'soft', 'Former colleague'));
      expect(stateName(declared.value)).toBe('onsite.preparing');
      const requested = accept(declared, overrideOf(id));
      expect(stateName(requested.value)).toBe('onsite.preparing');
      const approved = accept(requested, approve(id));
      expect(stateName(approved.value)).toBe('onsite.preparing');
      expect(approved.context.conflictCheck.status).toBe('clear');
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

    it('START_ONSITE is refused while the check is stale, with every reason', () => {
      const stale = accept(reach('onsite.preparing'), inputsChanged());
      expect(refuse(stale, { type: 'START_ONSITE' })).toEqual([
        "The council's position statement has not been received.",
        staleBecause('The register of councils changed.'),
      ]);
    });

    it('START_ONSITE is refused with an unresolved finding, until its override is approved', () => {
      const received = play(reach('onsite.preparing'), ANY_EVENT.RECEIVE_POSITION_STATEMENT);
      const id = declaredId('p-lm', 'soft', 'Former colleague');
      const declared = accept(received, declare('p-lm', 'soft', 'Former colleague'));
      expect(refuse(declared, { type: 'START_ONSITE' })).toEqual([
        'Cllr Mike Member has a soft finding "declared_conflict" with no approved justification: Former colleague',
      ]);
      const requested = accept(declared, overrideOf(id));
      expect(refuse(requested, { type: 'START_ONSITE' })).toEqual([
        `Cllr Mike Member's override of "declared_conflict" waits for a second person to approve it.`,
      ]);
      expect(allowedEvents(requested)).not.toContain('START_ONSITE');
      expect(stateName(play(requested, approve(id), { type: 'START_ONSITE' }).value)).toBe('onsite.on_site');
    });

    it('START_ONSITE is refused with a hard finding', () => {
      const received = play(
        reach('onsite.preparing'),
        ANY_EVENT.RECEIVE_POSITION_STATEMENT,
        declare('p-lm', 'hard', 'Spouse works there'),
      );
      expect(refuse(received, { type: 'START_ONSITE' })).toEqual([
        'Cllr Mike Member cannot serve in this role (hard finding "declared_conflict", which cannot be overridden): ' +
          'Spouse works there',
      ]);
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
      expect(paused.context.hold).toEqual({ reason: 'Council elections', stage: state.split('.')[0], state });
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
    it.each(STATES)('in %s offers only events the state accepts, never the system events', (state, milestone) => {
      const allowed = allowedEvents(reach(milestone));
      expect(allowed).not.toContain('CONFLICT_CHECK_COMPLETED');
      expect(allowed).not.toContain('CONFLICT_INPUTS_CHANGED');
      for (const type of allowed) expect(ACCEPTED[state]).toContain(type);
    });

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
          'REPLACE_PEER',
          'DECLARE_CONFLICT',
          'RESCHEDULE_ONSITE',
          'RECEIVE_POSITION_STATEMENT',
          'CONFIRM_TEAM',
          'ASSIGN_MANAGER',
          'PAUSE',
          'CANCEL',
        ],
      ],
      [
        'onsite.preparing',
        [
          'PROPOSE_PEER',
          'REMOVE_PEER',
          'REPLACE_PEER',
          'DECLARE_CONFLICT',
          'RECEIVE_POSITION_STATEMENT',
          'RESCHEDULE_ONSITE',
          'ASSIGN_MANAGER',
          'PAUSE',
          'CANCEL',
        ],
      ],
      [
        'onsite.on_site',
        ['RECEIVE_POSITION_STATEMENT', 'RESCHEDULE_ONSITE', 'PRESENT_FEEDBACK', 'ASSIGN_MANAGER', 'PAUSE', 'CANCEL'],
      ],
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
      const withSoft = () =>
        play(reach('team_ready'), propose('p-op', 'officer_peer', OFFICER), checkCompleted([soft('p-op')]));

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
        ['while the check is stale', () => play(reach('team_ready'), inputsChanged()), false],
        ['with an un-overridden soft finding', withSoft, false],
        ['with an override awaiting approval', () => play(withSoft(), overrideOf(SOFT_OP)), false],
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
          "with the soft finding's override approved",
          () => play(withSoft(), overrideOf(SOFT_OP), approve(SOFT_OP)),
          true,
        ],
        ["with an admin's own override", () => play(withSoft(), overrideOf(SOFT_OP, JUSTIFICATION, ADMIN)), true],
      ] as Array<[string, () => CaseSnapshot, boolean]>)('%s: %s', (_label, build, offered) => {
        const snapshot = build();
        expect(allowedEvents(snapshot).includes('CONFIRM_TEAM')).toBe(offered);
        expect(
          unmetConditions(snapshot.context, { type: 'CONFIRM_TEAM', financeWaiverReason: 'Waived' }).length === 0,
        ).toBe(offered);
      });
    });

    it('offers OVERRIDE_CONFLICT only when a current check has a soft finding not overridden', () => {
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
      expect(allowedEvents(accept(withSoft, inputsChanged()))).not.toContain('OVERRIDE_CONFLICT');
      expect(allowedEvents(accept(withSoft, propose('p-ext', 'external_peer', EXTERNAL)))).not.toContain(
        'OVERRIDE_CONFLICT',
      );
      // A request not yet approved may be asked again.
      expect(allowedEvents(accept(withSoft, overrideOf(SOFT_OP)))).toContain('OVERRIDE_CONFLICT');
      expect(allowedEvents(play(withSoft, overrideOf(SOFT_OP), approve(SOFT_OP)))).not.toContain('OVERRIDE_CONFLICT');
    });

    it('offers APPROVE_OVERRIDE only while an override waits for approval on a current check', () => {
      const withSoft = play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        checkCompleted([soft('p-op')]),
      );
      expect(allowedEvents(withSoft)).not.toContain('APPROVE_OVERRIDE');
      const requested = accept(withSoft, overrideOf(SOFT_OP));
      expect(allowedEvents(requested)).toContain('APPROVE_OVERRIDE');
      expect(allowedEvents(accept(requested, inputsChanged()))).not.toContain('APPROVE_OVERRIDE');
      expect(allowedEvents(accept(requested, approve(SOFT_OP)))).not.toContain('APPROVE_OVERRIDE');
      expect(allowedEvents(accept(withSoft, overrideOf(SOFT_OP, JUSTIFICATION, ADMIN)))).not.toContain(
        'APPROVE_OVERRIDE',
      );
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

    it('a restored case keeps its overrides, requests and stale check', () => {
      const snapshot = play(
        reach('team_ready'),
        propose('p-op', 'officer_peer', OFFICER),
        checkCompleted([soft('p-op'), soft('p-op', 'same_county', 'Same county.')]),
        overrideOf(SOFT_OP),
        approve(SOFT_OP),
        overrideOf('same_county:p-op'),
        inputsChanged(),
      );
      const restored = roundTrip(snapshot);
      expect(restored.context).toEqual(snapshot.context);
      const next = play(
        restored,
        checkCompleted([soft('p-op'), soft('p-op', 'same_county', 'Same county.')]),
        approve('same_county:p-op'),
      );
      expect(next.context.conflictCheck.status).toBe('clear');
    });

    /** A finding as machine versions 1 and 2 judged it: per peer, with no id or digest. */
    interface V2Finding {
      peerId: string;
      severity: 'hard' | 'soft';
      rule: string;
      detail: string;
      declared: boolean;
      overridden: boolean;
      justification: string | null;
    }

    /** The conflict check as machine versions 1 and 2 stored it: no run, matched by the team's fingerprint. */
    const v2Check = (context: CaseContext, status: 'pending' | 'clear' | 'conflicts', findings: V2Finding[] = []) => ({
      status,
      teamFingerprint: context.conflictCheck.teamFingerprint,
      checkedOn: '2025-05-10',
      findings,
      information: context.conflictCheck.information,
      warnings: context.conflictCheck.warnings,
    });

    describe('version 1 snapshots', () => {
      const ADDED_IN_V2 = ['notes', 'documents', 'declaredConflicts', 'scopingMeetingHistory', 'hold'];
      /** A context as machine version 1 wrote it: without the fields version 2 added, its check as it stored it. */
      const v1Context = () => {
        const context = reach('team_ready').context;
        return Object.fromEntries(
          Object.entries({ ...context, overrides: [], conflictCheck: v2Check(context, 'clear') }).filter(
            ([key]) => !ADDED_IN_V2.includes(key),
          ),
        );
      };
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
        // Version 2's check, kept: no run yet, and no fingerprint, so the sweep asks for it again.
        expect(restored.context.conflictCheck).toMatchObject({
          status: 'clear',
          run: 0,
          reason: null,
          fingerprint: null,
          found: [],
          findings: [],
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
        expect(restored.context.conflictCheck).toMatchObject({ status: 'clear', run: 0, reason: null });
      });
    });

    describe('version 2 snapshots', () => {
      const SOFT_V2 = {
        peerId: 'p-lo',
        severity: 'soft',
        rule: 'neighbouring_council',
        detail: 'Home council is a neighbour.',
      } as const;
      const DECLARED_V2 = {
        peerId: 'p-lm',
        severity: 'hard',
        rule: 'declared_conflict',
        detail: 'Spouse works there',
      } as const;

      /**
       * A case as machine version 2 stored it, at `milestone`: a soft finding overridden per peer, and a hard
       * declaration pinned by the last result.
       */
      function v2Persisted(milestone: Milestone): StoredSnapshot {
        const current = stored(reach(milestone));
        const context = current.context;
        return JSON.parse(
          JSON.stringify({
            ...current,
            context: {
              ...context,
              overrides: [{ peerId: 'p-lo', justification: 'Only a neighbour' }],
              declaredConflicts: [DECLARED_V2],
              conflictCheck: v2Check(context, 'conflicts', [
                { ...SOFT_V2, declared: false, overridden: true, justification: 'Only a neighbour' },
                { ...DECLARED_V2, declared: true, overridden: false, justification: null },
              ]),
            },
          }),
        );
      }

      const LEGACY_SOFT = { id: 'legacy:p-lo:0', ...SOFT_V2, digest: 'legacy:0' };
      const DECLARED_DIGEST = declaredDigest('hard', DECLARED_V2.detail);
      // A declaration comes from the case's own list, with the id a declaration gets now.
      const LEGACY_DECLARED = {
        ...DECLARED_V2,
        id: `declared_conflict:p-lm:${DECLARED_DIGEST}`,
        digest: DECLARED_DIGEST,
      };
      const SOFT_UNAPPROVED =
        'Olive Officer has a soft finding "neighbouring_council" with no approved justification: ' +
        'Home council is a neighbour.';
      const DECLARED_HARD =
        'Cllr Mike Member cannot serve in this role (hard finding "declared_conflict", which cannot be overridden): ' +
        'Spouse works there';
      const SWEEP = 'The team is checked again under the new conflict rules.';

      it('keeps the findings with legacy ids, run 0 and no fingerprint; per-peer overrides go and the status is judged without them', () => {
        const v2 = v2Persisted('team_ready');
        const restored = restore(v2, 2);
        expect(stateName(restored.value)).toBe('team_assembly');
        expect(restored.context.overrides).toEqual([]);
        expect(restored.context.declaredConflicts).toEqual([LEGACY_DECLARED]);
        expect(restored.context.conflictCheck).toEqual({
          status: 'conflicts',
          run: 0,
          reason: null,
          teamFingerprint: v2.context.conflictCheck.teamFingerprint,
          fingerprint: null,
          checkedOn: '2025-05-10',
          found: [LEGACY_SOFT],
          findings: [
            { ...LEGACY_SOFT, declared: false, override: null, overridden: false, justification: null },
            { ...LEGACY_DECLARED, declared: true, override: null, overridden: false, justification: null },
          ],
          information: v2.context.conflictCheck.information,
          warnings: v2.context.conflictCheck.warnings,
        });
        // Nothing else changes.
        const rest = ({ overrides: _o, declaredConflicts: _d, conflictCheck: _c, ...others }: CaseContext) => others;
        expect(rest(restored.context)).toEqual(rest(v2.context));
        expect(refuse(restored, { type: 'CONFIRM_TEAM' })).toEqual([SOFT_UNAPPROVED, DECLARED_HARD]);
      });

      it('the check the sweep asks for is judged under the new rules: the per-peer override no longer counts', () => {
        const restored = restore(v2Persisted('team_ready'), 2);
        const stale = accept(restored, inputsChanged(SWEEP));
        expect(stale.context.conflictCheck).toMatchObject({ status: 'stale', run: 1, reason: SWEEP });
        expect(refuse(stale, { type: 'CONFIRM_TEAM' })).toEqual([staleBecause(SWEEP)]);
        expect(refuse(stale, { type: 'CONFLICT_CHECK_COMPLETED', result: checkResult(stale, [], 0) })).toEqual([
          DISCARDED,
        ]);
        const checked = accept(stale, checkCompleted([soft('p-lo')]));
        expect(checked.context.conflictCheck.findings.map((f) => [f.id, f.declared, f.overridden])).toEqual([
          [soft('p-lo').id, false, false],
          [LEGACY_DECLARED.id, true, false],
        ]);
        expect(refuse(checked, { type: 'CONFIRM_TEAM' })).toEqual([SOFT_UNAPPROVED, DECLARED_HARD]);
        const resolved = play(checked, overrideOf(soft('p-lo').id), approve(soft('p-lo').id), {
          type: 'REMOVE_PEER',
          peerId: 'p-lm',
        });
        expect(resolved.context.declaredConflicts).toEqual([]);
        expect(resolved.context.overrides).toHaveLength(1);
      });

      it("keeps a declaration made after the last result: the case's own list is what counts", () => {
        const current = stored(reach('team_ready'));
        const v2 = JSON.parse(
          JSON.stringify({
            ...current,
            context: {
              ...current.context,
              declaredConflicts: [DECLARED_V2],
              conflictCheck: v2Check(current.context, 'pending'),
            },
          }),
        ) as StoredSnapshot;
        const restored = restore(v2, 2);
        expect(restored.context.declaredConflicts).toEqual([LEGACY_DECLARED]);
        const checked = accept(restored, checkCompleted());
        expect(refuse(checked, { type: 'CONFIRM_TEAM' })).toEqual([DECLARED_HARD]);
      });

      it('a pending check stays pending at run 0, and the result for run 0 counts', () => {
        const current = stored(accept(reach('team_ready'), propose('p-op', 'officer_peer', OFFICER)));
        const v2 = JSON.parse(
          JSON.stringify({
            ...current,
            context: { ...current.context, conflictCheck: v2Check(current.context, 'pending') },
          }),
        ) as StoredSnapshot;
        const restored = restore(v2, 2);
        expect(restored.context.conflictCheck).toMatchObject({ status: 'pending', run: 0 });
        expect(refuse(restored, { type: 'CONFIRM_TEAM' })).toEqual([PENDING]);
        const checked = accept(restored, checkCompleted([soft('p-op')]));
        expect(checked.context.conflictCheck).toMatchObject({
          status: 'conflicts',
          run: 0,
          fingerprint: 'inputs-of-run-0',
        });
      });

      it('a case in onsite.preparing keeps its findings: the hard declaration still stops the visit', () => {
        const restored = restore(v2Persisted('onsite.preparing'), 2);
        expect(stateName(restored.value)).toBe('onsite.preparing');
        expect(restored.context.conflictCheck).toMatchObject({ status: 'conflicts', run: 0, fingerprint: null });
        const received = accept(restored, ANY_EVENT.RECEIVE_POSITION_STATEMENT);
        expect(refuse(received, { type: 'START_ONSITE' })).toEqual([SOFT_UNAPPROVED, DECLARED_HARD]);
      });

      it('a closed case keeps its status at run 0; its findings get legacy ids', () => {
        const upgraded = upgradeSnapshot(v2Persisted('closed'), 2);
        expect(upgraded.value).toBe('closed');
        expect(upgraded.context.overrides).toEqual([]);
        expect(upgraded.context.conflictCheck).toMatchObject({
          status: 'conflicts',
          run: 0,
          reason: null,
          fingerprint: null,
          found: [LEGACY_SOFT],
        });
        expect(upgraded.context.conflictCheck.findings.map((f) => f.id)).toEqual(['legacy:p-lo:0', LEGACY_DECLARED.id]);
        const restored = restore(v2Persisted('closed'), 2);
        expect(stateName(restored.value)).toBe('closed');
        expect(refuse(restored, checkCompleted())).toEqual([DISCARDED]);
      });

      it('a case in team_assembly without a team keeps its clear check at run 0', () => {
        const current = stored(reach('team_assembly'));
        const v2 = JSON.parse(
          JSON.stringify({
            ...current,
            context: { ...current.context, conflictCheck: v2Check(current.context, 'clear') },
          }),
        ) as StoredSnapshot;
        const restored = restore(v2, 2);
        expect(restored.context.conflictCheck).toMatchObject({
          status: 'clear',
          run: 0,
          reason: null,
          found: [],
          findings: [],
        });
        expect(stateName(accept(restored, propose('p-op', 'officer_peer', OFFICER)).value)).toBe('team_assembly');
      });

      it('a snapshot already in the version 3 shape is left as it is', () => {
        const current = stored(reach('team_ready'));
        expect(upgradeSnapshot(current, 2)).toBe(current);
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
