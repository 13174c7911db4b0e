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
  peerId: string;
  severity: 'hard' | 'soft';
  rule: string;
  detail: string;
}

export interface CheckResult {
  teamFingerprint: string;
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
  | { type: 'OVERRIDE_CONFLICT'; peerId: string; justification: string }
  | { type: 'DECLARE_CONFLICT'; peerId: string; severity: 'hard' | 'soft'; detail: string }
  | { type: 'CONFLICT_CHECK_COMPLETED'; result: CheckResult }
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
  | { type: 'PAUSE'; reason: string; fromStage: string }
  | { type: 'RESUME' }
  | { type: 'CANCEL'; reason: string; fromStage: string }
  | { type: 'ADD_NOTE'; text: string; by: Author }
  | { type: 'ADD_DOCUMENT'; kind: DocumentKind; title: string; url: string; by: Author };

/** Who added a note or a document, and when (the service stamps it). */
export interface Author {
  id: string | null;
  name: string;
  at: string;
}

export type CaseEventType = CaseEvent['type'];
export type EventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

/** Sent only by the worker; a user who sends one is refused. */
export const SYSTEM_EVENTS: readonly CaseEventType[] = ['CONFLICT_CHECK_COMPLETED'];

/** Events that change the team or how its findings are judged: each starts a new conflict check. */
export const CHECK_EVENTS: readonly CaseEventType[] = [
  'PROPOSE_PEER',
  'REMOVE_PEER',
  'OVERRIDE_CONFLICT',
  'DECLARE_CONFLICT',
];

/** What a case is opened with: the first entry of its timeline. */
export interface CaseOpening {
  caseId: string;
  councilGssCode: string;
  type: CaseType;
  managerId: string | null;
  managerName: string | null;
}
