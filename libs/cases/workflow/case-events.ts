import type { CaseType, TeamRole } from '#libs/peers';

/**
 * The machine's vocabulary. Payloads are what the API accepted, plus the facts the service looked up when it
 * accepted them (a proposed peer's name, kind and finance expertise; an assigned manager's name), so the
 * timeline alone replays to the same state.
 */
export type RecommendationStatus = 'achieved' | 'in_progress' | 'not_started';
export type DocumentKind =
  | 'position_statement'
  | 'finance_briefing'
  | 'performance_briefing'
  | 'draft_report'
  | 'final_report'
  | 'action_plan'
  | 'other';
export const DOCUMENT_KINDS: readonly DocumentKind[] = [
  'position_statement',
  'finance_briefing',
  'performance_briefing',
  'draft_report',
  'final_report',
  'action_plan',
  'other',
];

/** What the service knows of a peer when it is proposed. */
export interface ProposedPeer {
  name: string;
  kind: 'officer' | 'member' | 'external';
  financeExpertise: boolean;
  active: boolean;
}

export interface CheckFinding {
  /** Stable across checks: the rule, the peer and the dealing, arrangement, council or case it came from. */
  id: string;
  peerId: string;
  severity: 'hard' | 'soft';
  rule: string;
  detail: string;
  /** Changes when anything the finding says changes: an override lapses with it. */
  digest: string;
}

export interface CheckResult {
  /** The check this answers (`conflictCheck.run`): a result for an earlier run is discarded. */
  run: number;
  /** Identifies every input the check read. */
  fingerprint: string;
  /** The look-back and refresher periods it ran with: a restart with others makes the result stale. */
  config?: { lookBackYears: number; trainingRefresherYears: number };
  checkedOn: string;
  findings: CheckFinding[];
  information: Array<{ peerId: string; rule: string; detail: string }>;
  warnings: Array<{ rule: string; detail: string; peerId?: string }>;
}

export type CaseEvent =
  | { type: 'SCHEDULE_SCOPING_MEETING'; date: string }
  | { type: 'SET_INDICATIVE_MONTH'; month: string }
  | { type: 'AGREE_SCOPE'; focusAreas: string[]; onsiteStart: string; onsiteEnd: string }
  | { type: 'PROPOSE_PEER'; peerId: string; role: TeamRole; peer: ProposedPeer | null }
  | { type: 'REMOVE_PEER'; peerId: string }
  | {
      type: 'REPLACE_PEER';
      outPeerId: string;
      inPeerId: string;
      role: TeamRole;
      reason: string;
      peer: ProposedPeer | null;
    }
  | { type: 'OVERRIDE_CONFLICT'; findingId: string; justification: string; by: Approver; finding?: FindingFacts }
  | { type: 'APPROVE_OVERRIDE'; findingId: string; by: Approver }
  | { type: 'DECLARE_CONFLICT'; peerId: string; severity: 'hard' | 'soft'; detail: string }
  | { type: 'CONFLICT_CHECK_COMPLETED'; result: CheckResult }
  | { type: 'CONFLICT_INPUTS_CHANGED'; reason: string }
  | { type: 'COUNCIL_REORGANISED'; from: CouncilName; to: CouncilName; vestingDate: string }
  | { type: 'CONFIRM_TEAM'; financeWaiverReason?: string }
  | { type: 'RESCHEDULE_ONSITE'; onsiteStart: string; onsiteEnd: string; reason: string }
  | { type: 'ASSIGN_MANAGER'; managerId: string; manager: { name: string; eligible: boolean } | null }
  | { type: 'RECEIVE_POSITION_STATEMENT'; receivedOn: string }
  | { type: 'START_ONSITE' }
  | { type: 'PRESENT_FEEDBACK'; date: string }
  | { type: 'SUBMIT_DRAFT_REPORT'; submittedOn?: string }
  | { type: 'PUBLISH_REPORT'; publishedOn: string; recommendations: string[] }
  | { type: 'RECEIVE_ACTION_PLAN'; receivedOn: string }
  | { type: 'SCHEDULE_FOLLOW_UP'; date: string }
  | {
      type: 'COMPLETE_FOLLOW_UP';
      date: string;
      progress: Array<{ index: number; status: RecommendationStatus }>;
    }
  | { type: 'PAUSE'; reason: string; fromStage: string; fromState?: string }
  | { type: 'RESUME' }
  | { type: 'CANCEL'; reason: string; fromStage: string }
  | { type: 'ADD_NOTE'; text: string; by: Author }
  | { type: 'ADD_DOCUMENT'; kind: DocumentKind; title: string; url: string; receivedOn?: string; by: Author };

/** What an override's finding said when it was asked for (stamped for the overrides report). */
export interface FindingFacts {
  peerId: string;
  peerName: string;
  rule: string;
  detail: string;
}

/** Who asked for or approved an override, and when (the service stamps it). */
export interface Approver {
  id: string | null;
  name: string;
  /** An admin's own override takes effect without a second person. */
  admin: boolean;
  at: string;
}

/** A council as a reorganisation names it on the timeline. */
export interface CouncilName {
  gssCode: string;
  name: string;
}

/** Who added a note or a document, and when (the service stamps it). */
export interface Author {
  id: string | null;
  name: string;
  at: string;
}

export type CaseEventType = CaseEvent['type'];
export type EventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

/** Sent only by the worker; a user who sends one is refused. */
export const SYSTEM_EVENTS: readonly CaseEventType[] = [
  'CONFLICT_CHECK_COMPLETED',
  'CONFLICT_INPUTS_CHANGED',
  'COUNCIL_REORGANISED',
];

/** Events that change the team or an input of its check: each asks for a new conflict check. */
export const CHECK_EVENTS: readonly CaseEventType[] = [
  'PROPOSE_PEER',
  'REMOVE_PEER',
  'REPLACE_PEER',
  'RESCHEDULE_ONSITE',
  'CONFLICT_INPUTS_CHANGED',
];

/**
 * Events that change what other cases' checks read (who is booked on which dates): they mark those checks stale in
 * the same transaction, so they take the conflict inputs' lock exclusively (`conflict-inputs.ts`).
 */
export const BOOKING_EVENTS: readonly CaseEventType[] = [
  'PROPOSE_PEER',
  'REMOVE_PEER',
  'REPLACE_PEER',
  'RESCHEDULE_ONSITE',
  'CANCEL',
];

/** What a case is opened with: the first entry of its timeline. */
export interface CaseOpening {
  caseId: string;
  councilGssCode: string;
  type: CaseType;
  managerId: string | null;
  managerName: string | null;
}
