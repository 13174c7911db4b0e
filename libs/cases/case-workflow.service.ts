import { ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type Actor } from '#libs/audit';
import { enqueue, JobName, PreparedQuery, todayInLondon } from '#libs/platform';
import { PeersService } from '#libs/peers';
import { appendEvent, CasesService } from './cases.service.js';
import { columnsOf, type CaseView } from './case-view.js';
import { RemindersService, TRANSACTION_DAY_SQL } from './reminders/reminders.service.js';
import { MACHINE_VERSION } from './workflow/case.machine.js';
import { CHECK_EVENTS, SYSTEM_EVENTS, type CaseEvent } from './workflow/case-events.js';
import { persist, stageOf, stateName, step, type CaseSnapshot } from './workflow/snapshots.js';

/**
 * The case moves on if it is still at the version the event was judged against. It also gives the day of the
 * transaction in London, which the reminders plan from (every event writes through here: prepared).
 */
const CASE_MOVE = new PreparedQuery<{ version: number; updated_at: Date; today: string }>(
  'case-move',
  `UPDATE cases SET stage = $3, state = $4, on_hold = $5, manager_id = $6, onsite_start = $7, delivered_on = $8,
                    snapshot = $9, machine_version = $10, version = version + 1, updated_at = now()
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
export class CaseWorkflowService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly peers: PeersService,
    private readonly audit: AuditService,
    private readonly reminders: RemindersService,
  ) {}

  /**
   * Applies an event to the case as the caller last read it (`expectedVersion`), or to whatever it is now
   * (`'latest'`: the row is locked, so concurrent callers queue instead of failing). A version is stale only when
   * a person changed the case since: entries the system wrote since (a conflict check's result) do not make it
   * stale, as the machine's rules judge the event against the case as it now is. A system event itself is stale
   * after any change: it was computed from the version it names (two runs of one conflict check record it once).
   */
  async apply(caseId: string, input: EventInput, expectedVersion: number | 'latest', actor: Actor): Promise<CaseView> {
    return this.dataSource.transaction(async (manager) => {
      const latest = expectedVersion === 'latest';
      const { row, snapshot } = await this.cases.load(caseId, manager, latest);
      if (!latest && row.version !== expectedVersion) {
        const mayMoveOn =
          !SYSTEM_EVENTS.includes(input.type) &&
          (await this.changedOnlyBySystem(manager, caseId, expectedVersion, row.version));
        if (!mayMoveOn) throw stale(row.version);
      }
      const expected = row.version;
      const event = await this.stamp(manager, input, snapshot, actor);
      const result = step(snapshot, event);
      if (!result.accepted) {
        throw new UnprocessableEntityException({
          message: result.reasons.join(' '),
          details: { reasons: result.reasons },
        });
      }
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
      ]);
      if (!updated) {
        const [current] = await manager.query<Array<{ version: number }>>('SELECT version FROM cases WHERE id = $1', [
          caseId,
        ]);
        throw stale(current.version);
      }
      await appendEvent(manager, caseId, updated.version, event.type, event, actor, fromState, columns.state);
      if (CHECK_EVENTS.includes(event.type)) {
        const { teamFingerprint } = next.context.conflictCheck;
        await enqueue(manager, {
          name: JobName.ConflictCheck,
          data: { caseId, teamFingerprint, requestId: actor.requestId },
        });
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
      return this.cases.view(moved, next, manager);
    });
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
      case 'PROPOSE_PEER': {
        const peer = await this.peers.findById(String(input.peerId), manager);
        const proposed = peer && {
          name: peer.name,
          kind: peer.kind,
          financeExpertise: peer.expertise.includes('finance'),
          active: peer.active,
        };
        return { ...input, peer: proposed ?? null } as CaseEvent;
      }
      case 'ASSIGN_MANAGER': {
        const user = await this.cases.eligibleManager(String(input.managerId), manager);
        return { ...input, manager: user && { name: user.name, eligible: user.eligible } } as CaseEvent;
      }
      case 'SUBMIT_DRAFT_REPORT':
        return { ...input, submittedOn: todayInLondon() } as CaseEvent;
      case 'PAUSE':
      case 'CANCEL':
        return { ...input, fromStage: stageOf(snapshot) } as CaseEvent;
      case 'ADD_NOTE':
      case 'ADD_DOCUMENT': {
        const name = await this.authorName(manager, actor);
        return { ...input, by: { id: actor.userId, name, at: new Date().toISOString() } } as CaseEvent;
      }
      default:
        return input as CaseEvent;
    }
  }

  private async authorName(manager: EntityManager, actor: Actor): Promise<string> {
    if (!actor.userId) return 'system';
    const [user] = await manager.query<Array<{ name: string }>>('SELECT name FROM users WHERE id = $1', [actor.userId]);
    return user?.name ?? actor.email ?? 'unknown';
  }
}

function stale(version: number): ConflictException {
  return new ConflictException({
    message: `The case has changed since you read it: it is now at version ${version}. Read it again, then retry.`,
    version,
    details: { currentVersion: version },
  });
}
