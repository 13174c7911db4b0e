import { todayInLondon } from '#libs/platform';
import type { CaseType } from '#libs/peers';
import type { CaseContext } from './workflow/case-context.js';
import type { CaseEventType } from './workflow/case-events.js';
import { notYetPossible } from './workflow/date-rules.js';
import { allowedEvents, stageOf, stateName, waitingFor, type CaseSnapshot } from './workflow/snapshots.js';

/** A row of `cases` as the services read it. */
export interface CaseRow {
  id: string;
  council_gss_code: string;
  council_name: string;
  type: CaseType;
  manager_id: string | null;
  stage: string;
  state: string;
  on_hold: boolean;
  version: number;
  machine_version: number;
  snapshot: unknown;
  onsite_start: string | null;
  delivered_on: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface CaseSummary {
  id: string;
  councilGssCode: string;
  councilName: string;
  type: CaseType;
  stage: string;
  state: string;
  onHold: boolean;
  version: number;
  managerId: string | null;
  onsiteStart: string | null;
  deliveredOn: string | null;
  createdAt: string;
  updatedAt: string;
}

export type CaseView = CaseSummary &
  Pick<
    CaseContext,
    | 'manager'
    | 'scope'
    | 'dates'
    | 'onsiteHistory'
    | 'scopingMeetingHistory'
    | 'conflictCheck'
    | 'financeWaiverReason'
    | 'recommendations'
    | 'hold'
    | 'cancellation'
    | 'notes'
    | 'documents'
  > & {
    allowedEvents: CaseEventType[];
    /** The steps that would move the case on but cannot be taken yet, with every reason. */
    waitingFor: Array<{ type: CaseEventType; reasons: string[] }>;
    firstCpc: boolean;
    team: Array<{ peerId: string; name: string; role: string; kind: string; financeExpertise: boolean }>;
    declaredConflicts: CaseContext['declaredConflicts'];
    overrides: CaseContext['overrides'];
  };

export function summaryOf(row: CaseRow): CaseSummary {
  return {
    id: row.id,
    councilGssCode: row.council_gss_code,
    councilName: row.council_name,
    type: row.type,
    stage: row.stage,
    state: row.state,
    onHold: row.on_hold,
    version: row.version,
    managerId: row.manager_id,
    onsiteStart: row.onsite_start,
    deliveredOn: row.delivered_on,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** The case as the API shows it; `allowedEvents` leaves out what cannot be done today (a visit before its day). */
export function viewOf(row: CaseRow, snapshot: CaseSnapshot, firstCpc: boolean, today = todayInLondon()): CaseView {
  const c = snapshot.context;
  return {
    ...summaryOf(row),
    allowedEvents: allowedEvents(snapshot).filter((type) => notYetPossible(c, type, today).length === 0),
    waitingFor: waitingFor(snapshot, today),
    firstCpc,
    manager: c.manager,
    scope: c.scope,
    dates: c.dates,
    onsiteHistory: c.onsiteHistory,
    scopingMeetingHistory: c.scopingMeetingHistory,
    team: c.team,
    conflictCheck: c.conflictCheck,
    overrides: c.overrides,
    declaredConflicts: c.declaredConflicts,
    financeWaiverReason: c.financeWaiverReason,
    recommendations: c.recommendations,
    hold: c.hold,
    cancellation: c.cancellation,
    notes: c.notes,
    documents: c.documents,
  };
}

/** The columns kept beside the snapshot so lists and reports can filter without reading it. */
export function columnsOf(snapshot: CaseSnapshot) {
  const state = stateName(snapshot.value);
  return {
    stage: stageOf(snapshot),
    state,
    onHold: state === 'on_hold',
    managerId: snapshot.context.manager?.id ?? null,
    onsiteStart: snapshot.context.dates.onsiteStart ?? null,
    deliveredOn: snapshot.context.dates.feedbackPresented ?? null,
  };
}
