import { createHash } from 'node:crypto';
import type { CaseType, TeamRole } from '#libs/peers';
import type {
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

export interface ConflictCheck {
  status: 'pending' | 'clear' | 'conflicts';
  teamFingerprint: string;
  checkedOn: string | null;
  findings: Array<CheckFinding & { overridden: boolean; justification: string | null; declared: boolean }>;
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
  overrides: Array<{ peerId: string; justification: string }>;
  declaredConflicts: CheckFinding[];
  conflictCheck: ConflictCheck;
  financeWaiverReason: string | null;
  recommendations: Array<{ text: string; progress?: RecommendationStatus }>;
  hold: { reason: string; stage: string } | null;
  cancellation: { reason: string; stage: string } | null;
  notes: Array<{ text: string; by: Author }>;
  documents: Array<{ kind: DocumentKind; title: string; url: string; by: Author }>;
}

/** Identifies a team and how its findings are judged: a check result counts only for the fingerprint it was run on. */
export function teamFingerprint(context: Pick<CaseContext, 'team' | 'overrides' | 'declaredConflicts'>): string {
  const parts = [
    ...context.team.map((m) => `peer:${m.peerId}:${m.role}`).sort(),
    ...context.overrides.map((o) => `override:${o.peerId}`).sort(),
    ...context.declaredConflicts.map((d) => `declared:${d.peerId}:${d.severity}:${d.detail}`).sort(),
  ];
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16);
}

const EMPTY_TEAM_FINGERPRINT = teamFingerprint({ team: [], overrides: [], declaredConflicts: [] });

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
      teamFingerprint: EMPTY_TEAM_FINGERPRINT,
      checkedOn: null,
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
