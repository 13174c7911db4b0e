import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, SYSTEM_ACTOR, type Actor } from '#libs/audit';
import {
  CheckInputs,
  CouncilRelationshipsService,
  Reorganised,
  type CheckInputChange,
  type Reorganisation,
} from '#libs/councils';
import { DatabaseLock, enqueue, JobName, PreparedQuery, Refused, Stale, todayInLondon } from '#libs/platform';
import { PeersService } from '#libs/peers';
import { appendEvent, CasesService } from './cases.service.js';
import { columnsOf, type CaseView } from './case-view.js';
import { RemindersService, TRANSACTION_DAY_SQL } from './reminders/reminders.service.js';
import { MACHINE_VERSION } from './workflow/case.machine.js';
import { untrueDates } from './workflow/date-rules.js';
import {
  BOOKING_EVENTS,
  CHECK_EVENTS,
  SYSTEM_EVENTS,
  type CaseEvent,
  type ProposedPeer,
} from './workflow/case-events.js';
import { persist, stageOf, stateName, step, type CaseSnapshot } from './workflow/snapshots.js';

/**
 * The case moves on if it is still at the version the event was judged against. It also gives the day of the
 * transaction in London, which the reminders plan from (every event writes through here: prepared).
 */
const CASE_MOVE = new PreparedQuery<{ version: number; updated_at: Date; today: string }>(
  'case-move',
  `UPDATE cases SET stage = $3, state = $4, on_hold = $5, manager_id = $6, onsite_start = $7, delivered_on = $8,
                    snapshot = $9, machine_version = $10, council_gss_code = $11, version = version + 1,
                    updated_at = now()
    WHERE id = $1 AND version = $2
   RETURNING version, updated_at, ${TRANSACTION_DAY_SQL} AS today`,
);

/** An event as a user sends it: without the facts the service stamps on it. */
export type EventInput = { type: CaseEvent['type'] } & Record<string, unknown>;

/**
 * Moves a case on: restores its snapshot, stamps the event with what the service knows (a proposed peer, an
 * assigned manager, the stage a pause leaves, a note's author), asks the machine, and writes the new
 * snapshot, the timeline entry, the outbox rows and the audit entry in one transaction guarded by the version
 * the caller read. A refused event writes nothing.
 */
@Injectable()
export class CaseWorkflowService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly peers: PeersService,
    private readonly audit: AuditService,
    private readonly reminders: RemindersService,
    private readonly checkInputs: CheckInputs,
    private readonly relationships: CouncilRelationshipsService,
    private readonly reorganised: Reorganised,
  ) {}

  onModuleInit(): void {
    this.checkInputs.listen((manager, change) => this.markStaleWhere(manager, change));
    this.reorganised.listen((manager, reorganisation) => this.followReorganisation(manager, reorganisation));
  }

  /**
   * Moves every open case of a council replaced on a vesting day that has passed to its successor (the daily job,
   * and a reorganisation applied late): a COUNCIL_REORGANISED entry on its timeline, and a new conflict check for
   * a team still being checked (the host's lineage changed). A council divided between several successors keeps
   * its cases (a reorganisation that would divide one with an open case is refused). Returns the cases moved.
   */
  async followSuccessions(today = todayInLondon(), requestId: string | null = null): Promise<number> {
    return this.dataSource.transaction((manager) => this.moveVested(manager, today, requestId));
  }

  /** A reorganisation being applied: refused if it divides a council with an open case; what has vested moves. */
  private async followReorganisation(manager: EntityManager, reorganisation: Reorganisation): Promise<void> {
    const divided = new Map<string, string[]>();
    for (const s of reorganisation.successors) {
      for (const p of s.predecessors) divided.set(p, [...(divided.get(p) ?? []), s.name]);
    }
    const codes = [...divided].filter(([, names]) => names.length > 1).map(([code]) => code);
    if (codes.length > 0) {
      const open = await manager.query<Array<{ id: string; council_gss_code: string; name: string }>>(
        `SELECT k.id, k.council_gss_code, c.name FROM cases k JOIN councils c ON c.gss_code = k.council_gss_code
          WHERE k.council_gss_code = ANY($1) AND k.stage NOT IN ('closed', 'cancelled') AND NOT k.imported
          ORDER BY c.name, k.id`,
        [codes],
      );
      if (open.length > 0) {
        throw new Refused(
          open.map(
            (k) =>
              `${k.name} has an open case (${k.id}) and would be divided between ${divided.get(k.council_gss_code)!.join(' and ')}: close or cancel the case first.`,
          ),
        );
      }
    }
    await this.moveVested(manager, reorganisation.today, reorganisation.requestId);
  }

  private async moveVested(manager: EntityManager, today: string, requestId: string | null): Promise<number> {
    const actor = { ...SYSTEM_ACTOR, requestId };
    // Before any case is locked, as every change of the checks' inputs takes it (see applyIn).
    await manager.query('SELECT pg_advisory_xact_lock($1)', [DatabaseLock.ConflictInputs]);
    let moved = 0;
    // A successor abolished in its turn passes its cases on at the next step (each pass moves a case one step).
    for (let pass = 0; pass < 5; pass++) {
      const rows = await manager.query<
        Array<{ id: string; from_code: string; from_name: string; to_code: string; to_name: string; vesting: string }>
      >(
        `SELECT k.id, p.gss_code AS from_code, p.name AS from_name, n.gss_code AS to_code, n.name AS to_name,
                to_char(s.start_date, 'YYYY-MM-DD') AS vesting
           FROM cases k
           JOIN councils p ON p.gss_code = k.council_gss_code
           JOIN council_successions s ON s.predecessor_gss_code = p.gss_code
           JOIN councils n ON n.gss_code = s.successor_gss_code
          WHERE p.end_date < $1::date AND k.stage NOT IN ('closed', 'cancelled') AND NOT k.imported
            AND (SELECT count(*) FROM council_successions o WHERE o.predecessor_gss_code = p.gss_code) = 1
          ORDER BY k.id`,
        [today],
      );
      if (rows.length === 0) break;
      for (const r of rows) {
        const from = { gssCode: r.from_code, name: r.from_name };
        const to = { gssCode: r.to_code, name: r.to_name };
        try {
          await this.applyIn(
            manager,
            r.id,
            { type: 'COUNCIL_REORGANISED', from, to, vestingDate: r.vesting },
            'latest',
            actor,
          );
        } catch (error) {
          if (!(error instanceof EventRefused)) throw error;
          continue;
        }
        moved++;
        await this.markStaleWhere(manager, {
          caseIds: [r.id],
          reason: `${from.name} was replaced by ${to.name} on ${r.vesting}: the case is now ${to.name}'s.`,
          requestId,
        });
      }
    }
    return moved;
  }

  /** Marks one case's check stale (the daily sweep), in a transaction of its own. */
  async markStale(caseId: string, reason: string, requestId: string | null): Promise<void> {
    await this.dataSource.transaction((manager) =>
      this.markStaleWhere(manager, { caseIds: [caseId], reason, requestId }),
    );
  }

  /**
   * Applies an event to the case as the caller last read it (`expectedVersion`), or to whatever it is now
   * (`'latest'`: the row is locked, so concurrent callers queue instead of failing). A version is stale only when
   * a person changed the case since: entries the system wrote since (a conflict check's result) do not make it
   * stale, as the machine's rules judge the event against the case as it now is. A system event itself is stale
   * after any change: it was computed from the version it names (two runs of one conflict check record it once).
   */
  async apply(caseId: string, input: EventInput, expectedVersion: number | 'latest', actor: Actor): Promise<CaseView> {
    return this.dataSource.transaction((manager) => this.applyIn(manager, caseId, input, expectedVersion, actor));
  }

  /**
   * Several events in one transaction, in order: all recorded or none (a team proposed in one action, one
   * `PROPOSE_PEER` per member). The first is judged against `expectedVersion`, the rest against what it left.
   */
  async applyAll(
    caseId: string,
    inputs: EventInput[],
    expectedVersion: number | 'latest',
    actor: Actor,
  ): Promise<CaseView | null> {
    return this.dataSource.transaction(async (manager) => {
      let view: CaseView | null = null;
      for (const [i, input] of inputs.entries()) {
        view = await this.applyIn(manager, caseId, input, i === 0 ? expectedVersion : 'latest', actor);
      }
      return view;
    });
  }

  /**
   * What the case would become if this event were applied now: `apply` in a transaction that is then rolled
   * back, so the same rules answer (the same 400, 409 or 422) and nothing is written, queued or audited. The
   * pages' check-your-answers step asks this before an irreversible event is sent for real.
   */
  async preview(caseId: string, input: EventInput, expectedVersion: number, actor: Actor): Promise<CaseView> {
    let view: CaseView | undefined;
    try {
      await this.dataSource.transaction(async (manager) => {
        view = await this.applyIn(manager, caseId, input, expectedVersion, actor);
        throw PREVIEWED;
      });
    } catch (error) {
      if (error !== PREVIEWED) throw error;
    }
    return view!;
  }

  /** `apply` inside the caller's transaction. */
  private async applyIn(
    manager: EntityManager,
    caseId: string,
    input: EventInput,
    expectedVersion: number | 'latest',
    actor: Actor,
  ): Promise<CaseView> {
    // Before the case is locked: a change to the checks' inputs and a check asked for never wait on each other
    // in opposite orders (DatabaseLock.ConflictInputs).
    if (BOOKING_EVENTS.includes(input.type)) {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [DatabaseLock.ConflictInputs]);
    } else if (CHECK_EVENTS.includes(input.type)) {
      await manager.query('SELECT pg_advisory_xact_lock_shared($1)', [DatabaseLock.ConflictInputs]);
    }
    const latest = expectedVersion === 'latest';
    // A person's event locks the row it reads: a check's result committing between this read and the write would
    // otherwise fail the write, though entries the system wrote never make a person's version stale.
    const { row, snapshot } = await this.cases.load(caseId, manager, latest || !SYSTEM_EVENTS.includes(input.type));
    if (!latest && row.version !== expectedVersion) {
      const mayMoveOn =
        !SYSTEM_EVENTS.includes(input.type) &&
        (await this.changedOnlyBySystem(manager, caseId, expectedVersion, row.version));
      if (!mayMoveOn) throw stale(row.version);
    }
    const expected = row.version;
    const event = await this.stamp(manager, input, snapshot, actor);
    // The machine's rules, then the dates a person may record today (never judged again on replay).
    const result = step(snapshot, event);
    const untrue = SYSTEM_EVENTS.includes(event.type)
      ? []
      : untrueDates(snapshot.context, event, todayInLondon(), stateName(snapshot.value));
    if (!result.accepted) throw new EventRefused([...result.reasons, ...untrue]);
    if (untrue.length > 0) throw new EventRefused(untrue);
    const next = result.next;
    const columns = columnsOf(next);
    const fromState = stateName(snapshot.value);
    const [updated] = await CASE_MOVE.run(manager, [
      caseId,
      expected,
      columns.stage,
      columns.state,
      columns.onHold,
      columns.managerId,
      columns.onsiteStart,
      columns.deliveredOn,
      JSON.stringify(persist(next)),
      MACHINE_VERSION,
      next.context.councilGssCode,
    ]);
    if (!updated) {
      const [current] = await manager.query<Array<{ version: number }>>('SELECT version FROM cases WHERE id = $1', [
        caseId,
      ]);
      throw stale(current.version);
    }
    await appendEvent(manager, caseId, updated.version, event.type, event, actor, fromState, columns.state);
    const { run } = next.context.conflictCheck;
    if (run !== snapshot.context.conflictCheck.run) {
      await enqueue(manager, { name: JobName.ConflictCheck, data: { caseId, run, requestId: actor.requestId } });
    }
    await this.reminders.sync(manager, caseId, columns.state, next.context, updated.today);
    await this.audit.record(
      actor,
      {
        action: 'case.event',
        entity: 'case',
        entityId: caseId,
        summary: { type: event.type, version: updated.version, from: fromState, to: columns.state },
      },
      manager,
    );
    const moved = {
      ...row,
      ...(event.type === 'COUNCIL_REORGANISED' && { council_gss_code: event.to.gssCode, council_name: event.to.name }),
      stage: columns.stage,
      state: columns.state,
      on_hold: columns.onHold,
      manager_id: columns.managerId,
      onsite_start: columns.onsiteStart,
      delivered_on: columns.deliveredOn,
      version: updated.version,
      machine_version: MACHINE_VERSION,
      updated_at: updated.updated_at,
    };
    if (BOOKING_EVENTS.includes(event.type)) {
      const peerIds = [...new Set([...snapshot.context.team, ...next.context.team].map((m) => m.peerId))];
      const reason = `The team or the visit's dates of ${row.council_name}'s case (${caseId}) changed.`;
      await this.markStaleWhere(manager, { peerIds, reason, requestId: actor.requestId, exceptCaseId: caseId });
    }
    return this.cases.view(moved, next, manager);
  }

  /**
   * Marks stale, in the caller's transaction, the check of every open case that read what changed: a case with one
   * of these peers on its team, a case whose host or a team member's home council is in the lineage of one of these
   * councils, every open team when the register changed, or the cases named. Each gets a CONFLICT_INPUTS_CHANGED
   * entry saying why, and a new check. Cases whose check no longer matters (on site, say) refuse it and are left.
   */
  private async markStaleWhere(
    manager: EntityManager,
    change: CheckInputChange & { caseIds?: string[]; exceptCaseId?: string },
  ): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [DatabaseLock.ConflictInputs]);
    const peerIds = new Set(change.peerIds ?? []);
    const councils = new Set<string>();
    if (change.councilGssCodes?.length) {
      const graph = await this.relationships.graph();
      for (const code of change.councilGssCodes) for (const member of graph.lineage(code)) councils.add(member);
      for (const id of await this.peers.idsWithHomeIn([...councils], manager)) peerIds.add(id);
    }
    const rows = await manager.query<Array<{ id: string }>>(
      `SELECT id FROM cases c
        WHERE (c.state IN ('team_assembly', 'onsite.preparing')
               OR c.snapshot #>> '{context,hold,state}' IN ('team_assembly', 'onsite.preparing'))
          AND jsonb_array_length(c.snapshot -> 'context' -> 'team') > 0
          AND ($5::boolean OR c.id = ANY($4::uuid[]) OR c.council_gss_code = ANY($2::varchar[])
               OR EXISTS (SELECT 1 FROM jsonb_array_elements(c.snapshot -> 'context' -> 'team') m
                           WHERE m ->> 'peerId' = ANY($1::text[])))
          AND ($3::uuid IS NULL OR c.id <> $3::uuid)
        ORDER BY c.id`,
      [[...peerIds], [...councils], change.exceptCaseId ?? null, change.caseIds ?? [], change.register === true],
    );
    const actor = { ...SYSTEM_ACTOR, requestId: change.requestId };
    for (const { id } of rows) {
      try {
        await this.applyIn(manager, id, { type: 'CONFLICT_INPUTS_CHANGED', reason: change.reason }, 'latest', actor);
      } catch (error) {
        if (!(error instanceof EventRefused)) throw error;
      }
    }
  }

  /** Whether every entry after version `since`, up to `now`, is a system event such as a conflict check's result. */
  private async changedOnlyBySystem(manager: EntityManager, caseId: string, since: number, now: number) {
    if (!Number.isInteger(since) || since < 1 || since > now) return false;
    const [{ byPeople }] = await manager.query<Array<{ byPeople: number }>>(
      `SELECT count(*) FILTER (WHERE actor_id IS NOT NULL OR NOT (type = ANY($3)))::int AS "byPeople"
         FROM case_events WHERE case_id = $1 AND seq > $2`,
      [caseId, since, SYSTEM_EVENTS],
    );
    return byPeople === 0;
  }

  /** Looks up what the event needs inside the event's transaction (one connection per request). */
  private async stamp(
    manager: EntityManager,
    input: EventInput,
    snapshot: CaseSnapshot,
    actor: Actor,
  ): Promise<CaseEvent> {
    switch (input.type) {
      case 'PROPOSE_PEER':
        return { ...input, peer: await this.proposed(manager, input.peerId) } as CaseEvent;
      case 'ASSIGN_MANAGER': {
        const user = await this.cases.eligibleManager(String(input.managerId), manager);
        return { ...input, manager: user && { name: user.name, eligible: user.eligible } } as CaseEvent;
      }
      case 'SUBMIT_DRAFT_REPORT':
        return { ...input, submittedOn: todayInLondon() } as CaseEvent;
      case 'PAUSE':
        return { ...input, fromStage: stageOf(snapshot), fromState: stateName(snapshot.value) } as CaseEvent;
      case 'CANCEL':
        return { ...input, fromStage: stageOf(snapshot) } as CaseEvent;
      case 'REPLACE_PEER':
        return { ...input, peer: await this.proposed(manager, input.inPeerId) } as CaseEvent;
      case 'OVERRIDE_CONFLICT':
      case 'APPROVE_OVERRIDE': {
        const user = await this.user(manager, actor);
        const by = { id: actor.userId, name: user.name, admin: user.admin, at: new Date().toISOString() };
        const finding = snapshot.context.conflictCheck.findings.find((f) => f.id === input.findingId);
        if (input.type === 'APPROVE_OVERRIDE' || !finding) return { ...input, by } as CaseEvent;
        const peerName = snapshot.context.team.find((m) => m.peerId === finding.peerId)?.name ?? finding.peerId;
        const facts = { peerId: finding.peerId, peerName, rule: finding.rule, detail: finding.detail };
        return { ...input, by, finding: facts } as CaseEvent;
      }
      case 'ADD_NOTE':
      case 'ADD_DOCUMENT': {
        const name = await this.authorName(manager, actor);
        return { ...input, by: { id: actor.userId, name, at: new Date().toISOString() } } as CaseEvent;
      }
      default:
        return input as CaseEvent;
    }
  }

  /** What the service knows of a peer proposed for the team, or null when no peer has the id. */
  private async proposed(manager: EntityManager, peerId: unknown): Promise<ProposedPeer | null> {
    const peer = await this.peers.findById(String(peerId), manager);
    return (
      peer && {
        name: peer.name,
        kind: peer.kind,
        financeExpertise: peer.expertise.includes('finance'),
        active: peer.active,
      }
    );
  }

  private async authorName(manager: EntityManager, actor: Actor): Promise<string> {
    return (await this.user(manager, actor)).name;
  }

  private async user(manager: EntityManager, actor: Actor): Promise<{ name: string; admin: boolean }> {
    if (!actor.userId) return { name: 'system', admin: false };
    const [user] = await manager.query<Array<{ name: string; admin: boolean }>>(
      `SELECT name, 'admin' = ANY(roles) AS admin FROM users WHERE id = $1`,
      [actor.userId],
    );
    return user ?? { name: actor.email ?? 'unknown', admin: false };
  }
}

/** The case moved on since the caller read it (the API's 409, with the version it is at now). */
export class CaseStale extends Stale {
  constructor(currentVersion: number) {
    super(
      `The case has changed since you read it: it is now at version ${currentVersion}. Read it again, then retry.`,
      currentVersion,
    );
  }
}

/** Thrown to roll a preview's transaction back. */
const PREVIEWED = new Error('previewed: rolled back');

/** The machine refused the event (the API's 422, with every reason). */
export class EventRefused extends Refused {}

const stale = (version: number) => new CaseStale(version);
