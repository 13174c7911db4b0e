import { teamFingerprint, type CaseContext } from './case-context.js';
import type { CaseEvent, CheckResult, EventOf } from './case-events.js';

/**
 * How each accepted event changes the case's data: pure functions from the old context to the new. The
 * machine decides whether an event is accepted and where it leads; this decides what it records.
 */
type Update<T extends CaseEvent['type']> = (context: CaseContext, event: EventOf<T>) => CaseContext;

/** A new conflict check is due: the team or how its findings are judged has changed. */
function recheck(context: CaseContext): CaseContext {
  return {
    ...context,
    conflictCheck: { ...context.conflictCheck, status: 'pending', teamFingerprint: teamFingerprint(context) },
  };
}

/** Marks overridden soft findings, pins declared conflicts and decides the status. */
function judged(context: CaseContext, result: CheckResult): CaseContext['conflictCheck'] {
  const justification = (peerId: string) => context.overrides.find((o) => o.peerId === peerId)?.justification ?? null;
  const found = [
    ...result.findings.map((f) => ({ ...f, declared: false })),
    ...context.declaredConflicts.map((f) => ({ ...f, declared: true })),
  ].map((finding) => {
    const reason = finding.severity === 'soft' ? justification(finding.peerId) : null;
    return { ...finding, overridden: reason !== null, justification: reason };
  });
  return {
    status: found.some((f) => !f.overridden) ? 'conflicts' : 'clear',
    teamFingerprint: result.teamFingerprint,
    checkedOn: result.checkedOn,
    findings: found,
    information: result.information,
    warnings: result.warnings,
  };
}

const UPDATES: { [T in CaseEvent['type']]: Update<T> } = {
  SCHEDULE_SCOPING_MEETING: (c, e) => ({
    ...c,
    scopingMeetingHistory: c.dates.scopingMeeting
      ? [...c.scopingMeetingHistory, c.dates.scopingMeeting]
      : c.scopingMeetingHistory,
    dates: { ...c.dates, scopingMeeting: e.date },
  }),
  SET_INDICATIVE_MONTH: (c, e) => ({ ...c, dates: { ...c.dates, indicativeMonth: e.month } }),
  AGREE_SCOPE: (c, e) => ({
    ...c,
    scope: { ...c.scope, focusAreas: e.focusAreas.map((area) => area.trim()).filter(Boolean) },
    dates: { ...c.dates, onsiteStart: e.onsiteStart, onsiteEnd: e.onsiteEnd },
  }),
  PROPOSE_PEER: (c, e) =>
    recheck({
      ...c,
      team: [
        ...c.team,
        {
          peerId: e.peerId,
          role: e.role,
          name: e.peer!.name,
          kind: e.peer!.kind,
          financeExpertise: e.peer!.financeExpertise,
        },
      ],
    }),
  REMOVE_PEER: (c, e) =>
    recheck({
      ...c,
      team: c.team.filter((m) => m.peerId !== e.peerId),
      overrides: c.overrides.filter((o) => o.peerId !== e.peerId),
      declaredConflicts: c.declaredConflicts.filter((d) => d.peerId !== e.peerId),
    }),
  OVERRIDE_CONFLICT: (c, e) =>
    recheck({
      ...c,
      overrides: [
        ...c.overrides.filter((o) => o.peerId !== e.peerId),
        { peerId: e.peerId, justification: e.justification.trim() },
      ],
    }),
  DECLARE_CONFLICT: (c, e) =>
    recheck({
      ...c,
      declaredConflicts: [
        ...c.declaredConflicts,
        { peerId: e.peerId, severity: e.severity, rule: 'declared_conflict', detail: e.detail.trim() },
      ],
    }),
  CONFLICT_CHECK_COMPLETED: (c, e) => ({ ...c, conflictCheck: judged(c, e.result) }),
  CONFIRM_TEAM: (c, e) => ({ ...c, financeWaiverReason: e.financeWaiverReason?.trim() || null }),
  RESCHEDULE_ONSITE: (c, e) => ({
    ...c,
    onsiteHistory: [
      ...c.onsiteHistory,
      { onsiteStart: c.dates.onsiteStart!, onsiteEnd: c.dates.onsiteEnd!, reason: e.reason.trim() },
    ],
    dates: { ...c.dates, onsiteStart: e.onsiteStart, onsiteEnd: e.onsiteEnd },
  }),
  ASSIGN_MANAGER: (c, e) => ({ ...c, manager: { id: e.managerId, name: e.manager!.name } }),
  RECEIVE_POSITION_STATEMENT: (c, e) => ({ ...c, dates: { ...c.dates, positionStatementReceived: e.receivedOn } }),
  START_ONSITE: (c) => c,
  PRESENT_FEEDBACK: (c, e) => ({ ...c, dates: { ...c.dates, feedbackPresented: e.date } }),
  SUBMIT_DRAFT_REPORT: (c, e) => (e.submittedOn ? { ...c, dates: { ...c.dates, draftSubmitted: e.submittedOn } } : c),
  PUBLISH_REPORT: (c, e) => ({
    ...c,
    recommendations: e.recommendations
      .map((text) => text.trim())
      .filter(Boolean)
      .map((text) => ({ text })),
    dates: { ...c.dates, reportPublished: e.publishedOn },
  }),
  RECEIVE_ACTION_PLAN: (c, e) => ({ ...c, dates: { ...c.dates, actionPlanReceived: e.receivedOn } }),
  SCHEDULE_FOLLOW_UP: (c, e) => ({ ...c, dates: { ...c.dates, followUp: e.date } }),
  COMPLETE_FOLLOW_UP: (c, e) => ({
    ...c,
    recommendations: c.recommendations.map((r, index) => ({
      ...r,
      progress: e.progress.find((p) => p.index === index)?.status,
    })),
    dates: { ...c.dates, followUpCompleted: e.date },
  }),
  PAUSE: (c, e) => ({ ...c, hold: { reason: e.reason.trim(), stage: e.fromStage } }),
  RESUME: (c) => ({ ...c, hold: null }),
  CANCEL: (c, e) => ({ ...c, hold: null, cancellation: { reason: e.reason.trim(), stage: e.fromStage } }),
  ADD_NOTE: (c, e) => ({ ...c, notes: [...c.notes, { text: e.text.trim(), by: e.by }] }),
  ADD_DOCUMENT: (c, e) => ({
    ...c,
    documents: [...c.documents, { kind: e.kind, title: e.title.trim(), url: e.url, by: e.by }],
  }),
};

export function applyEvent(context: CaseContext, event: CaseEvent): CaseContext {
  return (UPDATES[event.type] as Update<CaseEvent['type']>)(context, event);
}
