import { createHash } from 'node:crypto';
import type { CaseType, TeamRole } from '#libs/peers';
import type {
  Approver,
  Author,
  CaseOpening,
  CheckFinding,
  CheckResult,
  DocumentKind,
  ProposedPeer,
  RecommendationStatus,
} from './case-events.js';

/** The five core components every corporate peer challenge covers (`001` para 10). */
export const CORE_COMPONENTS = [
  'Understanding of the local place and priority setting',
  'Leadership of place',
  'Organisational leadership and governance',
  'Financial planning and viability',
  'Capacity to deliver',
] as const;

export interface TeamMember extends Omit<ProposedPeer, 'active'> {
  peerId: string;
  role: TeamRole;
}

/** A justification for keeping a peer despite one soft finding, and who approved it. */
export interface Override {
  findingId: string;
  peerId: string;
  /** The finding as it read when the override was asked for: the override lapses when the finding changes. */
  digest: string;
  justification: string;
  requestedBy: Omit<Approver, 'admin'>;
  approvedBy: Omit<Approver, 'admin'> | null;
  /** An admin's own override, approved without a second person. */
  selfApproved: boolean;
}

export interface JudgedFinding extends CheckFinding {
  declared: boolean;
  /** The override asked for this finding as it now reads, approved or not. */
  override: Override | null;
  /** True when an approved override covers it: it no longer blocks. */
  overridden: boolean;
  justification: string | null;
}

/**
 * The conflict-of-interest check. `pending`: the team changed and its check has not reported; `stale`: an input
 * the last check read changed (`reason` says which) and a new check is on its way; `clear` or `conflicts`: the
 * result for the current run, judged with the case's overrides and declarations.
 */
export interface ConflictCheck {
  status: 'pending' | 'stale' | 'clear' | 'conflicts';
  /** The check asked for last: a result counts only for this run. */
  run: number;
  /** Why the latest check was asked for. */
  reason: string | null;
  teamFingerprint: string;
  /** Every input the result read (null before the first result). */
  fingerprint: string | null;
  /** The look-back and refresher periods the result ran with. */
  config?: CheckResult['config'];
  checkedOn: string | null;
  /** The rules' findings as the check recorded them; `findings` is what they mean with overrides and declarations. */
  found: CheckFinding[];
  findings: JudgedFinding[];
  information: CheckResult['information'];
  warnings: CheckResult['warnings'];
}

export interface CaseDates {
  scopingMeeting?: string;
  /** The month (YYYY-MM) the visit is expected in, while in scoping: the pipeline's "in discussion". */
  indicativeMonth?: string;
  onsiteStart?: string;
  onsiteEnd?: string;
  positionStatementReceived?: string;
  feedbackPresented?: string;
  draftSubmitted?: string;
  reportPublished?: string;
  actionPlanReceived?: string;
  followUp?: string;
  followUpCompleted?: string;
}

/** Everything the machine knows of a case. Plain JSON: it is stored in the snapshot. */
export interface CaseContext {
  caseId: string;
  councilGssCode: string;
  type: CaseType;
  manager: { id: string; name: string | null } | null;
  scope: { coreComponents: string[]; focusAreas: string[] };
  dates: CaseDates;
  onsiteHistory: Array<{ onsiteStart: string; onsiteEnd: string; reason: string }>;
  scopingMeetingHistory: string[];
  team: TeamMember[];
  overrides: Override[];
  declaredConflicts: CheckFinding[];
  conflictCheck: ConflictCheck;
  financeWaiverReason: string | null;
  recommendations: Array<{ text: string; progress?: RecommendationStatus }>;
  /** `state`: the exact state it was paused in (since machine version 3). */
  hold: { reason: string; stage: string; state?: string } | null;
  cancellation: { reason: string; stage: string } | null;
  notes: Array<{ text: string; by: Author }>;
  /** `receivedOn`: the day it was received or prepared, when given (else the day `by.at` it was recorded). */
  documents: Array<{ kind: DocumentKind; title: string; url: string; receivedOn?: string; by: Author }>;
}

/** Identifies a team: its peers and their roles. */
export function teamFingerprint(context: Pick<CaseContext, 'team'>): string {
  const parts = context.team.map((m) => `peer:${m.peerId}:${m.role}`).sort();
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16);
}

export const shortHash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 12);

const EMPTY_TEAM_FINGERPRINT = teamFingerprint({ team: [] });

export function initialContext(opening: CaseOpening): CaseContext {
  const empty = { team: [], overrides: [], declaredConflicts: [] };
  return {
    caseId: opening.caseId,
    councilGssCode: opening.councilGssCode,
    type: opening.type,
    manager: opening.managerId ? { id: opening.managerId, name: opening.managerName } : null,
    scope: {
      coreComponents: opening.type === 'corporate_peer_challenge' ? [...CORE_COMPONENTS] : [],
      focusAreas: [],
    },
    dates: {},
    onsiteHistory: [],
    scopingMeetingHistory: [],
    ...empty,
    conflictCheck: {
      status: 'clear',
      run: 0,
      reason: null,
      teamFingerprint: EMPTY_TEAM_FINGERPRINT,
      fingerprint: null,
      checkedOn: null,
      found: [],
      findings: [],
      information: [],
      warnings: [],
    },
    financeWaiverReason: null,
    recommendations: [],
    hold: null,
    cancellation: null,
    notes: [],
    documents: [],
  };
}
