import { ROLE_KINDS, TEAM_ROLE_NAMES, type TeamRole } from '#libs/peers';
import type { CaseContext } from './case-context.js';
import type { CaseEvent, CaseEventType, EventOf, ProposedPeer } from './case-events.js';

/**
 * The conditions each event must meet, as sentences a manager can act on. An event is accepted only when its
 * list is empty; the machine's one guard asks this module, and a refusal reports every sentence.
 *
 * `preconditions` depend on the case alone (so `allowedEvents` can offer only what will be accepted);
 * `checks` also read the event's payload.
 */
interface Rule<T extends CaseEventType> {
  preconditions?: (context: CaseContext) => string[];
  checks?: (context: CaseContext, event: EventOf<T>) => string[];
}

const MAX_ONSITE_DAYS = 5;

function daysInclusive(start: string, end: string): number {
  return (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000 + 1;
}

function onsiteProblems(start: string, end: string): string[] {
  if (end < start) return [`The onsite visit cannot end (${end}) before it starts (${start}).`];
  const days = daysInclusive(start, end);
  if (days > MAX_ONSITE_DAYS) {
    return [`The onsite visit must last 1 to ${MAX_ONSITE_DAYS} days; ${start} to ${end} is ${days} days.`];
  }
  return [];
}

const memberName = (context: CaseContext, peerId: string) => context.team.find((m) => m.peerId === peerId)?.name;

function notOnTeam(context: CaseContext, peerId: string): string[] {
  return memberName(context, peerId) ? [] : [`The peer ${peerId} is not on the proposed team.`];
}

function teamNeeded(context: CaseContext): string[] {
  return context.team.length > 0 ? [] : ['No peer has been proposed yet.'];
}

function leadProblems(context: CaseContext, role: TeamRole): string[] {
  const count = context.team.filter((m) => m.role === role).length;
  if (count === 1) return [];
  const label = TEAM_ROLE_NAMES[role];
  return [`The team needs exactly one ${label}; it has ${count === 0 ? 'none' : count}.`];
}

/** Why the team cannot go ahead yet: a check not current, or a finding not resolved. Empty when it can. */
export function findingProblems(context: CaseContext): string[] {
  const check = context.conflictCheck;
  if (check.status === 'pending') {
    return ['The conflict check for the current team has not finished yet: wait for it, then confirm.'];
  }
  if (check.status === 'stale') {
    return [`The conflict check is being run again because an input changed (${check.reason}): wait for it.`];
  }
  return check.findings
    .filter((finding) => !finding.overridden)
    .map((finding) => {
      const name = memberName(context, finding.peerId) ?? finding.peerId;
      if (finding.severity === 'hard') {
        return `${name} cannot serve in this role (hard finding "${finding.rule}", which cannot be overridden): ${finding.detail}`;
      }
      if (finding.override) {
        return `${name}'s override of "${finding.rule}" waits for a second person to approve it.`;
      }
      return `${name} has a soft finding "${finding.rule}" with no approved justification: ${finding.detail}`;
    });
}

const MIN_JUSTIFICATION = 20;

function proposalProblems(context: CaseContext, e: { peerId: string; role: TeamRole; peer: ProposedPeer | null }) {
  if (!e.peer) return [`No peer in the pool has the id ${e.peerId}.`];
  const problems: string[] = [];
  if (!e.peer.active) problems.push(`${e.peer.name} is no longer active in the peer pool.`);
  const current = context.team.find((m) => m.peerId === e.peerId);
  if (current) problems.push(`${e.peer.name} is already on the team as ${TEAM_ROLE_NAMES[current.role]}.`);
  const kind = ROLE_KINDS[e.role];
  if (kind && kind !== e.peer.kind) {
    problems.push(
      `${e.peer.name} is ${e.peer.kind === 'member' ? 'a' : 'an'} ${e.peer.kind} peer and cannot be the ${TEAM_ROLE_NAMES[e.role]}.`,
    );
  }
  return problems;
}

const checkIsCurrent = (context: CaseContext) =>
  context.conflictCheck.status === 'clear' || context.conflictCheck.status === 'conflicts';

const RULES: { [T in CaseEventType]: Rule<T> } = {
  SCHEDULE_SCOPING_MEETING: {},
  SET_INDICATIVE_MONTH: {
    checks: (context, e) =>
      context.dates.indicativeMonth === e.month ? [`The indicative month is already ${e.month}.`] : [],
  },
  AGREE_SCOPE: { checks: (_, e) => onsiteProblems(e.onsiteStart, e.onsiteEnd) },
  PROPOSE_PEER: { checks: proposalProblems },
  REMOVE_PEER: { preconditions: teamNeeded, checks: (context, e) => notOnTeam(context, e.peerId) },
  REPLACE_PEER: {
    preconditions: teamNeeded,
    checks: (context, e) => {
      const out = notOnTeam(context, e.outPeerId);
      if (out.length > 0) return out;
      if (e.inPeerId === e.outPeerId) return ['A peer cannot replace themselves: choose another peer.'];
      const reason = e.reason.trim() ? [] : ['Say why the peer is replaced.'];
      const others = { ...context, team: context.team.filter((m) => m.peerId !== e.outPeerId) };
      return [...proposalProblems(others, { peerId: e.inPeerId, role: e.role, peer: e.peer }), ...reason];
    },
  },
  OVERRIDE_CONFLICT: {
    preconditions: (context) => {
      if (!checkIsCurrent(context) && context.team.length > 0) {
        return ['The conflict check is running: wait for its result before overriding a finding.'];
      }
      return context.conflictCheck.findings.some((f) => f.severity === 'soft' && !f.overridden)
        ? []
        : ['There is no soft finding to override.'];
    },
    checks: (context, e) => {
      const finding = context.conflictCheck.findings.find((f) => f.id === e.findingId);
      if (!finding) return [`No current finding has the id ${e.findingId}.`];
      const problems: string[] = [];
      if (finding.severity === 'hard') {
        const name = memberName(context, finding.peerId) ?? finding.peerId;
        problems.push(
          `The finding "${finding.rule}" is hard and cannot be overridden: remove ${name} or change the role.`,
        );
      } else if (finding.overridden) {
        problems.push(`The finding "${finding.rule}" is already overridden.`);
      }
      if (e.justification.trim().length < MIN_JUSTIFICATION) {
        problems.push(`Write a justification of at least ${MIN_JUSTIFICATION} characters.`);
      }
      return problems;
    },
  },
  APPROVE_OVERRIDE: {
    preconditions: (context) =>
      checkIsCurrent(context) && context.conflictCheck.findings.some((f) => f.override && !f.overridden)
        ? []
        : ['No override is waiting for approval.'],
    checks: (context, e) => {
      const finding = context.conflictCheck.findings.find((f) => f.id === e.findingId);
      if (!finding) return [`No current finding has the id ${e.findingId}.`];
      if (!finding.override) return [`No override has been asked for the finding "${finding.rule}".`];
      if (finding.overridden) return [`The override of "${finding.rule}" is already approved.`];
      if (finding.override.requestedBy.id === e.by.id) {
        return ['An override must be approved by someone other than the person who asked for it.'];
      }
      return [];
    },
  },
  DECLARE_CONFLICT: { preconditions: teamNeeded, checks: (context, e) => notOnTeam(context, e.peerId) },
  CONFLICT_CHECK_COMPLETED: {
    checks: (context, e) =>
      e.result.run === context.conflictCheck.run && !checkIsCurrent(context)
        ? []
        : ['The result is for an earlier check and is discarded.'],
  },
  CONFLICT_INPUTS_CHANGED: {
    preconditions: (context) => {
      if (context.team.length === 0) return ['The case has no team to check.'];
      // Paused: only a case paused before its visit started still has a team check that matters.
      const paused = context.hold;
      if (paused && !['team_assembly', 'onsite.preparing'].includes(paused.state ?? '')) {
        return ['The case was paused on site or later: its team is not checked again.'];
      }
      return [];
    },
  },
  COUNCIL_REORGANISED: {
    checks: (context, e) =>
      e.from.gssCode !== context.councilGssCode
        ? [`The case is not ${e.from.name}'s.`]
        : e.to.gssCode === context.councilGssCode
          ? [`The case is already ${e.to.name}'s.`]
          : [],
  },
  CONFIRM_TEAM: {
    preconditions: (context) => [
      ...leadProblems(context, 'lead_officer_peer'),
      ...leadProblems(context, 'lead_member_peer'),
      ...findingProblems(context),
    ],
    checks: (context, e) =>
      context.team.some((m) => m.financeExpertise) || e.financeWaiverReason?.trim()
        ? []
        : [
            'No one on the team has finance expertise: propose a peer with finance expertise, or give ' +
              'financeWaiverReason.',
          ],
  },
  RESCHEDULE_ONSITE: {
    checks: (context, e) => {
      const { onsiteStart, onsiteEnd } = context.dates;
      if (e.onsiteStart === onsiteStart && e.onsiteEnd === onsiteEnd) {
        return [`The onsite visit is already planned for ${onsiteStart} to ${onsiteEnd}.`];
      }
      return onsiteProblems(e.onsiteStart, e.onsiteEnd);
    },
  },
  ASSIGN_MANAGER: {
    checks: (context, e) => {
      if (!e.manager) return [`No user has the id ${e.managerId}.`];
      if (!e.manager.eligible) return [`${e.manager.name} is not an active peer challenge manager.`];
      if (context.manager?.id === e.managerId) return [`${e.manager.name} already manages this case.`];
      return [];
    },
  },
  RECEIVE_POSITION_STATEMENT: {},
  START_ONSITE: {
    preconditions: (context) => [
      ...(context.dates.positionStatementReceived ? [] : ["The council's position statement has not been received."]),
      ...findingProblems(context),
    ],
  },
  PRESENT_FEEDBACK: {
    checks: (context, e) =>
      context.dates.onsiteStart && e.date < context.dates.onsiteStart
        ? [`Feedback cannot be presented (${e.date}) before the onsite visit starts (${context.dates.onsiteStart}).`]
        : [],
  },
  SUBMIT_DRAFT_REPORT: {},
  PUBLISH_REPORT: {
    checks: (context, e) => {
      const problems: string[] = [];
      if (!e.recommendations.some((text) => text.trim())) {
        problems.push('The report needs at least one recommendation.');
      }
      const feedback = context.dates.feedbackPresented;
      if (feedback && e.publishedOn < feedback) {
        problems.push(`The report cannot be published (${e.publishedOn}) before feedback was presented (${feedback}).`);
      }
      return problems;
    },
  },
  RECEIVE_ACTION_PLAN: {},
  SCHEDULE_FOLLOW_UP: {
    checks: (context, e) => {
      const published = context.dates.reportPublished;
      return published && e.date < published
        ? [`The follow-up (${e.date}) cannot come before the report was published (${published}).`]
        : [];
    },
  },
  COMPLETE_FOLLOW_UP: {
    checks: (context, e) => {
      const count = context.recommendations.length;
      const problems = e.progress
        .filter((p) => p.index < 0 || p.index >= count)
        .map((p) => `There is no recommendation ${p.index}: the report has ${count} (0 to ${count - 1}).`);
      const seen = new Set<number>();
      for (const p of e.progress) {
        if (seen.has(p.index)) problems.push(`Recommendation ${p.index} is given progress more than once.`);
        seen.add(p.index);
      }
      const missing = context.recommendations.map((_, i) => i).filter((i) => !seen.has(i));
      if (missing.length > 0) problems.push(`Record progress on every recommendation; missing: ${missing.join(', ')}.`);
      return problems;
    },
  },
  PAUSE: {},
  RESUME: {},
  CANCEL: {},
  ADD_NOTE: {},
  ADD_DOCUMENT: {},
};

/** Every unmet condition of this event on this case; empty when it may be accepted. */
export function unmetConditions(context: CaseContext, event: CaseEvent): string[] {
  const rule = RULES[event.type] as Rule<CaseEventType>;
  return [...(rule.preconditions?.(context) ?? []), ...(rule.checks?.(context, event as never) ?? [])];
}

/** The conditions that depend on the case alone, used to offer only events that can be accepted. */
export function unmetPreconditions(context: CaseContext, type: CaseEventType): string[] {
  return RULES[type].preconditions?.(context) ?? [];
}
