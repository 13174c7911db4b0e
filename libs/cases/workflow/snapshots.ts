import {
  __unsafe_getAllOwnEventDescriptors as ownEventsOf,
  createActor,
  initialTransition,
  transition,
  type SnapshotFrom,
  type StateValue,
} from 'xstate';
import { shortHash, type CaseContext } from './case-context.js';
import {
  SYSTEM_EVENTS,
  type CaseEvent,
  type CaseEventType,
  type CaseOpening,
  type CheckFinding,
} from './case-events.js';
import { caseMachine, MACHINE_VERSION } from './case.machine.js';
import { unmetConditions, unmetPreconditions } from './case-rules.js';
import { notYetPossible } from './date-rules.js';

export type CaseSnapshot = SnapshotFrom<typeof caseMachine>;

/** The JSON stored in `cases.snapshot`, with the machine version it was written by. */
export interface StoredSnapshot {
  value: StateValue;
  context: CaseContext;
  historyValue?: Record<string, unknown>;
  status?: string;
  [key: string]: unknown;
}

/**
 * Upgrades from each older machine version to the next. Version 1 (the first design) had the stages at the
 * top level, no pause and no notes, documents, declared conflicts or scoping-meeting history.
 */
const UPGRADES: Record<number, (snapshot: StoredSnapshot) => StoredSnapshot> = {
  1: (snapshot) => {
    const value = snapshot.value;
    const finished = value === 'closed' || value === 'cancelled';
    const context = snapshot.context as Partial<CaseContext> & CaseContext;
    return {
      ...snapshot,
      value: finished ? value : { open: value },
      historyValue: {},
      children: snapshot.children ?? {},
      context: {
        ...context,
        notes: context.notes ?? [],
        documents: context.documents ?? [],
        declaredConflicts: context.declaredConflicts ?? [],
        scopingMeetingHistory: context.scopingMeetingHistory ?? [],
        hold: context.hold ?? null,
      },
    };
  },
};

/**
 * Version 2 judged overrides per peer and matched results by the team's fingerprint. Version 3 gives every finding
 * an id, takes overrides per finding with a second person's approval, and matches results by run. A version 2
 * check keeps its findings, with ids of their own (`legacy:…`) so they still show, and the case's declarations; its
 * per-peer overrides are dropped (they stay in the timeline), so the status is judged again without them; its
 * missing fingerprint makes the
 * conflict-check sweep ask for a new check under today's rules (`ConflictCheckJob.requeueStale`). A snapshot
 * already in the version 3 shape is left as it is.
 */
UPGRADES[2] = (snapshot) => {
  const context = snapshot.context as CaseContext;
  if ('run' in context.conflictCheck) return snapshot;
  const old = context.conflictCheck as unknown as {
    status: 'pending' | 'clear' | 'conflicts';
    teamFingerprint: string;
    checkedOn: string | null;
    findings: Array<{
      peerId: string;
      severity: 'hard' | 'soft';
      rule: string;
      detail: string;
      declared: boolean;
      overridden: boolean;
      justification: string | null;
    }>;
    information: CaseContext['conflictCheck']['information'];
    warnings: CaseContext['conflictCheck']['warnings'];
  };
  // The rules' findings keep what they said; the case's own declarations come from its own list, with the ids a
  // declaration gets now. Nothing is overridden any more: per-peer overrides do not carry over.
  const found = old.findings
    .filter((f) => !f.declared)
    .map(({ peerId, severity, rule, detail }, i) => ({
      id: `legacy:${peerId}:${i}`,
      peerId,
      severity,
      rule,
      detail,
      digest: `legacy:${i}`,
    }));
  const declaredConflicts = (context.declaredConflicts as Array<Omit<CheckFinding, 'id' | 'digest'>>).map((d) => {
    const digest = shortHash(`${d.severity}\n${d.detail}`);
    return { ...d, id: `declared_conflict:${d.peerId}:${digest}`, digest };
  });
  const findings = [
    ...found.map((f) => ({ ...f, declared: false })),
    ...declaredConflicts.map((f) => ({ ...f, declared: true })),
  ].map((f) => ({ ...f, override: null, overridden: false, justification: null }));
  const status = old.status === 'pending' ? 'pending' : findings.length > 0 ? 'conflicts' : 'clear';
  return {
    ...snapshot,
    context: {
      ...context,
      overrides: [],
      declaredConflicts,
      conflictCheck: {
        status,
        run: 0,
        reason: null,
        teamFingerprint: old.teamFingerprint,
        fingerprint: null,
        checkedOn: old.checkedOn,
        found,
        findings,
        information: old.information,
        warnings: old.warnings,
      },
    },
  };
};

export function upgradeSnapshot(stored: StoredSnapshot, version: number): StoredSnapshot {
  if (version > MACHINE_VERSION) {
    throw new Error(`The snapshot was written by machine version ${version}, newer than ${MACHINE_VERSION}`);
  }
  let snapshot = stored;
  for (let v = version; v < MACHINE_VERSION; v++) {
    const upgrade = UPGRADES[v];
    if (!upgrade) throw new Error(`No upgrade from machine version ${v}`);
    snapshot = upgrade(snapshot);
  }
  return snapshot;
}

export function openCase(opening: CaseOpening): CaseSnapshot {
  return initialTransition(caseMachine, opening)[0];
}

/** A peer challenge delivered before the system existed: a closed case holding the dates it was delivered on. */
export function importedCase(opening: CaseOpening, dates: CaseContext['dates']): CaseSnapshot {
  const context = { ...openCase(opening).context, dates };
  return caseMachine.resolveState({ value: 'closed', context });
}

export function restore(stored: StoredSnapshot, version: number): CaseSnapshot {
  // With a snapshot the actor ignores its input; it is never started, only asked for the restored snapshot.
  const snapshot = upgradeSnapshot(stored, version) as never;
  const restored = createActor(caseMachine, { snapshot, input: snapshot }).getSnapshot();
  if (restored.status === 'error') {
    throw new Error(`The stored snapshot cannot be restored: ${String(restored.error)}`);
  }
  return restored;
}

export function persist(snapshot: CaseSnapshot): StoredSnapshot {
  return caseMachine.getPersistedSnapshot(snapshot) as unknown as StoredSnapshot;
}

/** The next snapshot, or the reasons the event is refused. */
export function step(
  snapshot: CaseSnapshot,
  event: CaseEvent,
): { accepted: true; next: CaseSnapshot } | { accepted: false; reasons: string[] } {
  if (snapshot.can(event)) return { accepted: true, next: transition(caseMachine, snapshot, event)[0] };
  const state = stateName(snapshot.value);
  if (!ownEventsOf(snapshot).includes(event.type)) {
    return { accepted: false, reasons: [`${event.type} is not possible while the case is in ${state}.`] };
  }
  const reasons = unmetConditions(snapshot.context, event);
  return { accepted: false, reasons: reasons.length > 0 ? reasons : [`${event.type} is not possible now.`] };
}

/** The events a user may send now that will be accepted (given a suitable payload). */
export function allowedEvents(snapshot: CaseSnapshot): CaseEventType[] {
  return (ownEventsOf(snapshot) as CaseEventType[])
    .filter((type) => !SYSTEM_EVENTS.includes(type))
    .filter((type) => unmetPreconditions(snapshot.context, type).length === 0);
}

/** The events that move a case on to its next step (`waitingFor` explains those held back). */
const MOVING_ON: readonly CaseEventType[] = [
  'AGREE_SCOPE',
  'CONFIRM_TEAM',
  'START_ONSITE',
  'PRESENT_FEEDBACK',
  'SUBMIT_DRAFT_REPORT',
  'PUBLISH_REPORT',
  'SCHEDULE_FOLLOW_UP',
  'COMPLETE_FOLLOW_UP',
  'RESUME',
];

/**
 * The steps that would move the case on from where it is but cannot be taken yet, each with every reason (the
 * machine's preconditions and, from `date-rules.ts`, what cannot happen before its day): what the case waits for.
 */
export function waitingFor(snapshot: CaseSnapshot, today: string): Array<{ type: CaseEventType; reasons: string[] }> {
  return (ownEventsOf(snapshot) as CaseEventType[])
    .filter((type) => MOVING_ON.includes(type))
    .map((type) => ({
      type,
      reasons: [...unmetPreconditions(snapshot.context, type), ...notYetPossible(snapshot.context, type, today)],
    }))
    .filter((held) => held.reasons.length > 0);
}

/** `onsite.preparing` for `{ open: { onsite: 'preparing' } }`: the state without the `open` wrapper. */
export function stateName(value: StateValue): string {
  const path: string[] = [];
  let current: StateValue = value;
  while (typeof current !== 'string') {
    const [key] = Object.keys(current);
    path.push(key);
    current = current[key] as StateValue;
  }
  path.push(current);
  return (path[0] === 'open' ? path.slice(1) : path).join('.');
}

/** The stage of the lifecycle: a paused case keeps the stage it was paused in. */
export function stageOf(snapshot: Pick<CaseSnapshot, 'value' | 'context'>): string {
  const state = stateName(snapshot.value);
  if (state === 'on_hold') return snapshot.context.hold?.stage ?? 'scoping';
  return state.split('.')[0];
}
