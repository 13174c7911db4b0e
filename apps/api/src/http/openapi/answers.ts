/**
 * The shape of every JSON answer in the contract, one exported type each: `npm run openapi` turns them into the
 * JSON Schemas of `answer-schemas.json`, which the OpenAPI document serves as its components, so the document is
 * only ever what the code returns. Each operation names its answer with `@Answer` (answer.decorator.ts).
 */
import type { AuditView } from '#libs/audit';
import type { IssuedToken, PasswordLinkKind, Role, TwoFactorSetup, TwoFactorStatus, UserView } from '#libs/auth';
import type {
  CaseSummary,
  CaseView,
  CouncilHistory,
  OverrideRow,
  ReminderView,
  RoleSuggestions,
  SuggestedTeamView,
  TimelineEntry,
} from '#libs/cases';
import type {
  ArrangementView,
  CouncilDetail,
  CouncilFacts,
  CouncilRelationships,
  CouncilSummary,
  NoteView,
  AppliedReorganisation,
  ReorganisationView,
} from '#libs/councils';
import type { NudgePreview } from '#libs/nudges';
import type { DealingView, PeerDetail, PeerView, PreCheck, UnavailabilityView } from '#libs/peers';
import type { PlanConstraint, PlanMove, PlanSettings, StoredPlan } from '#libs/planning';
import type { Page } from '#libs/platform';
import type {
  BoardReport,
  NeverOverTime,
  NonEngagedCouncil,
  ProgrammeReport,
  TakeUpReport,
  Targets,
  TargetsChange,
} from '#libs/reporting';

/** Every error: `{ statusCode, error, message, details? }` (docs/API.md, Errors). */
export interface ApiError {
  statusCode: number;
  error: string;
  message: string;
  /** For a 400, each field and its problems; for a 429, `{ retryAfterSeconds }`; else what the error adds. */
  details?: unknown;
  /** The case's current version, on a 409 for a stale expectedVersion. */
  version?: number;
}

export interface SignedIn extends IssuedToken {
  user: { id: string; email: string; name: string; roles: Role[] };
}
export type Token = IssuedToken;
export type User = UserView;
export type UserList = Page<UserView>;
export interface PasswordChanged {
  sessionsEnded: number;
}
export interface PasswordResetRequested {
  message: string;
}
export interface PasswordLinkSent {
  kind: PasswordLinkKind;
  expiresAt: string;
}
export type SecondFactor = TwoFactorStatus;
export type SecondFactorSetup = TwoFactorSetup;

export type Case = CaseView;
export type CaseList = Page<CaseSummary>;
export type Timeline = TimelineEntry[];
export type Reminders = ReminderView[];
export interface Overrides {
  from: string | null;
  to: string | null;
  overrides: OverrideRow[];
}

export type CouncilList = Page<CouncilSummary>;
export type Council = CouncilDetail;
export type CouncilHistoryAnswer = CouncilHistory;
export type Relationships = CouncilRelationships;
export type Arrangement = ArrangementView;
export type Facts = CouncilFacts;
export type CouncilNote = NoteView;

export type PeerList = Page<PeerView>;
export type Peer = PeerDetail;
export type Dealing = DealingView;
export type Unavailability = UnavailabilityView;
export type TeamSuggestions = RoleSuggestions;
export type SuggestedTeam = SuggestedTeamView;

export type ConflictPreCheck = PreCheck;

export type NudgesPreview = NudgePreview;
export interface NudgesRun {
  queued: number;
  quietPeriod: NudgePreview['quietPeriod'];
}

export interface FactsImported {
  created: number;
  updated: number;
  unchanged: number;
}
export interface ChallengesImported {
  created: number;
  unchanged: number;
}

export interface Reorganisations {
  reorganisations: ReorganisationView[];
}
export type ReorganisationApplied = AppliedReorganisation;

export type AuditList = Page<AuditView>;

export type Settings = PlanSettings;
export type Constraint = PlanConstraint;
export interface Constraints {
  constraints: PlanConstraint[];
}
export type Plan = StoredPlan;
export interface PlanMoves {
  planId: string;
  moves: PlanMove[];
}

export type TakeUp = TakeUpReport;
export type NeverOverTimeReport = NeverOverTime;
export type Programme = ProgrammeReport;
export type Board = BoardReport;
export interface NonEngaged {
  councils: NonEngagedCouncil[];
}
export type YearTargets = Targets;
export type TargetsHistory = TargetsChange[];

export interface Health {
  status: 'ok' | 'error';
  checks: Record<string, 'ok' | 'error'>;
}
export interface Readiness {
  status: 'ok' | 'error' | 'shutting_down';
}
/** @nestjs/terminus's result: each indicator with what it found. */
export interface HealthDetails {
  status: 'ok' | 'error' | 'shutting_down';
  info?: Record<string, { status: string; [key: string]: unknown }>;
  error?: Record<string, { status: string; [key: string]: unknown }>;
  details: Record<string, { status: string; [key: string]: unknown }>;
}
