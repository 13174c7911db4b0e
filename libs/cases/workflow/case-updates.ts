import { shortHash, teamFingerprint, type CaseContext, type JudgedFinding, type Override } from './case-context.js';
import type { Approver, CaseEvent, CheckFinding, EventOf } from './case-events.js';

/**
 * How each accepted event changes the case's data: pure functions from the old context to the new. The
 * machine decides whether an event is accepted and where it leads; this decides what it records.
 */
type Update<T extends CaseEvent['type']> = (context: CaseContext, event: EventOf<T>) => CaseContext;

/** A new conflict check is asked for: `pending` when the team changed, `stale` when another input did. */
function recheck(context: CaseContext, status: 'pending' | 'stale', reason: string): CaseContext {
  const check = context.conflictCheck;
  return {
    ...context,
    conflictCheck: { ...check, status, run: check.run + 1, reason, teamFingerprint: teamFingerprint(context) },
  };
}

const sameFinding = (o: Override, f: CheckFinding) => o.findingId === f.id && o.digest === f.digest;

/** The findings with the case's declarations and overrides, and the status they give (when a result is current). */
export function judged(context: CaseContext): CaseContext {
  const check = context.conflictCheck;
  const findings: JudgedFinding[] = [
    ...check.found.map((f) => ({ ...f, declared: false })),
    ...context.declaredConflicts.map((f) => ({ ...f, declared: true })),
  ].map((finding) => {
    const override =
      finding.severity === 'soft' ? (context.overrides.find((o) => sameFinding(o, finding)) ?? null) : null;
    const overridden = override?.approvedBy != null;
    return { ...finding, override, overridden, justification: override?.justification ?? null };
  });
  const current = check.status === 'clear' || check.status === 'conflicts';
  const status = current ? (findings.some((f) => !f.overridden) ? 'conflicts' : 'clear') : check.status;
  return { ...context, conflictCheck: { ...check, findings, status } };
}

const memberName = (context: CaseContext, peerId: string) =>
  context.team.find((m) => m.peerId === peerId)?.name ?? peerId;

const roleLabel = (role: string) => role.replace(/_/g, ' ');

const person = ({ id, name, at }: Approver) => ({ id, name, at });

function withoutPeer(context: CaseContext, peerId: string): CaseContext {
  return {
    ...context,
    team: context.team.filter((m) => m.peerId !== peerId),
    overrides: context.overrides.filter((o) => o.peerId !== peerId),
    declaredConflicts: context.declaredConflicts.filter((d) => d.peerId !== peerId),
  };
}

function withPeer(
  context: CaseContext,
  e: { peerId: string; role: CaseContext['team'][number]['role']; peer: EventOf<'PROPOSE_PEER'>['peer'] },
) {
  return {
    ...context,
    team: [
      ...context.team,
      {
        peerId: e.peerId,
        role: e.role,
        name: e.peer!.name,
        kind: e.peer!.kind,
        financeExpertise: e.peer!.financeExpertise,
      },
    ],
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
    judged(recheck(withPeer(c, e), 'pending', `${e.peer!.name} was proposed as ${roleLabel(e.role)}.`)),
  REMOVE_PEER: (c, e) =>
    judged(recheck(withoutPeer(c, e.peerId), 'pending', `${memberName(c, e.peerId)} was removed from the team.`)),
  REPLACE_PEER: (c, e) =>
    judged(
      recheck(
        withPeer(withoutPeer(c, e.outPeerId), { peerId: e.inPeerId, role: e.role, peer: e.peer }),
        'pending',
        `${memberName(c, e.outPeerId)} was replaced by ${e.peer!.name} as ${roleLabel(e.role)}: ${e.reason.trim()}`,
      ),
    ),
  OVERRIDE_CONFLICT: (c, e) => {
    const finding = c.conflictCheck.findings.find((f) => f.id === e.findingId)!;
    const override: Override = {
      findingId: finding.id,
      peerId: finding.peerId,
      digest: finding.digest,
      justification: e.justification.trim(),
      requestedBy: person(e.by),
      approvedBy: e.by.admin ? person(e.by) : null,
      selfApproved: e.by.admin,
    };
    return judged({ ...c, overrides: [...c.overrides.filter((o) => o.findingId !== e.findingId), override] });
  },
  APPROVE_OVERRIDE: (c, e) =>
    judged({
      ...c,
      overrides: c.overrides.map((o) => (o.findingId === e.findingId ? { ...o, approvedBy: person(e.by) } : o)),
    }),
  DECLARE_CONFLICT: (c, e) => {
    const detail = e.detail.trim();
    const declared: CheckFinding = {
      id: `declared_conflict:${e.peerId}:${shortHash(`${e.severity}\n${detail}`)}`,
      peerId: e.peerId,
      severity: e.severity,
      rule: 'declared_conflict',
      detail,
      digest: shortHash(`${e.severity}\n${detail}`),
    };
    return judged({ ...c, declaredConflicts: [...c.declaredConflicts.filter((d) => d.id !== declared.id), declared] });
  },
  CONFLICT_CHECK_COMPLETED: (c, e) => {
    const found = e.result.findings;
    // An override lapses when its finding is gone or reads differently now.
    const overrides = c.overrides.filter(
      (o) => found.some((f) => sameFinding(o, f)) || c.declaredConflicts.some((d) => sameFinding(o, d)),
    );
    const { fingerprint, checkedOn, information, warnings, config } = e.result;
    const conflictCheck = {
      ...c.conflictCheck,
      ...(config && { config }),
      status: 'clear' as const,
      fingerprint,
      checkedOn,
      found,
      information,
      warnings,
    };
    return judged({ ...c, overrides, conflictCheck });
  },
  CONFLICT_INPUTS_CHANGED: (c, e) => judged(recheck(c, 'stale', e.reason.trim())),
  COUNCIL_REORGANISED: (c, e) => ({ ...c, councilGssCode: e.to.gssCode }),
  CONFIRM_TEAM: (c, e) => ({ ...c, financeWaiverReason: e.financeWaiverReason?.trim() || null }),
  RESCHEDULE_ONSITE: (c, e) => {
    const moved = correctOnsiteDates(c, e);
    // The dates are an input of the team's check (double-booking); with no team there is nothing to check.
    return c.team.length > 0
      ? judged(recheck(moved, 'stale', `The visit moved to ${e.onsiteStart} to ${e.onsiteEnd}.`))
      : moved;
  },
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
  PAUSE: (c, e) => ({
    ...c,
    hold: { reason: e.reason.trim(), stage: e.fromStage, ...(e.fromState && { state: e.fromState }) },
  }),
  RESUME: (c) => ({ ...c, hold: null }),
  CANCEL: (c, e) => ({ ...c, hold: null, cancellation: { reason: e.reason.trim(), stage: e.fromStage } }),
  ADD_NOTE: (c, e) => ({ ...c, notes: [...c.notes, { text: e.text.trim(), by: e.by }] }),
  ADD_DOCUMENT: (c, e) => ({
    ...c,
    documents: [
      ...c.documents,
      { kind: e.kind, title: e.title.trim(), url: e.url, ...(e.receivedOn && { receivedOn: e.receivedOn }), by: e.by },
    ],
  }),
};

/**
 * The visit's dates as they are now, the old ones kept in the history with the reason. On site this is all a
 * reschedule does: the team has served, so its check is not run again (the machine's `correctDates`).
 */
export function correctOnsiteDates(c: CaseContext, e: EventOf<'RESCHEDULE_ONSITE'>): CaseContext {
  return {
    ...c,
    onsiteHistory: [
      ...c.onsiteHistory,
      { onsiteStart: c.dates.onsiteStart!, onsiteEnd: c.dates.onsiteEnd!, reason: e.reason.trim() },
    ],
    dates: { ...c.dates, onsiteStart: e.onsiteStart, onsiteEnd: e.onsiteEnd },
  };
}

export function applyEvent(context: CaseContext, event: CaseEvent): CaseContext {
  return (UPDATES[event.type] as Update<CaseEvent['type']>)(context, event);
}
