import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type Actor } from '#libs/audit';
import { UUID, fieldError, NotFound, PreparedQuery, todayInLondon, type Page } from '#libs/platform';
import { CaseHistoryService, FUTURE } from './case-history.service.js';
import { columnsOf, summaryOf, viewOf, type CaseRow, type CaseSummary, type CaseView } from './case-view.js';
import {
  OPEN_STAGES,
  STAGES,
  type CaseOrder,
  type ListCasesQuery,
  type OpenCaseDto,
  type Stage,
} from './dto/case.dto.js';
import { RemindersService, TRANSACTION_DAY_SQL } from './reminders/reminders.service.js';
import { MACHINE_VERSION } from './workflow/case.machine.js';
import type { CaseOpening } from './workflow/case-events.js';
import { openCase, persist, restore, type CaseSnapshot, type StoredSnapshot } from './workflow/snapshots.js';

export const CASE_COLUMNS = `
  c.id, c.council_gss_code, co.name AS council_name, c.type, c.manager_id, c.stage, c.state, c.on_hold,
  c.version, c.machine_version, c.snapshot, to_char(c.onsite_start, 'YYYY-MM-DD') AS onsite_start,
  to_char(c.delivered_on, 'YYYY-MM-DD') AS delivered_on, c.created_at, c.updated_at`;

const CASE_BY_ID_SQL = `SELECT ${CASE_COLUMNS} FROM cases c JOIN councils co ON co.gss_code = c.council_gss_code WHERE c.id = $1`;
const CASE_BY_ID = new PreparedQuery<CaseRow>('case-by-id', CASE_BY_ID_SQL);
const CASE_FOR_UPDATE = new PreparedQuery<CaseRow>('case-by-id-for-update', `${CASE_BY_ID_SQL} FOR UPDATE OF c`);

/** An accepted event (with its seq), or a system activity that changed nothing (seq null). */
export interface TimelineEntry {
  seq: number | null;
  type: string;
  payload: Record<string, unknown>;
  actor: { id: string | null; label: string };
  at: string;
  fromState: string | null;
  toState: string | null;
  requestId: string | null;
}

export interface LoadedCase {
  row: CaseRow;
  snapshot: CaseSnapshot;
}

/** Opens cases and reads them; `CaseWorkflowService` moves them on. */
/** Each order of `list` (a fixed SQL fragment per allowed value: nothing of the query is interpolated). */
const ORDER_BY: Record<CaseOrder, string> = {
  changed: 'c.updated_at DESC, c.id',
  visit: "c.stage IN ('closed', 'cancelled'), c.onsite_start ASC NULLS LAST, c.updated_at DESC, c.id",
  council: 'co.name, c.type, c.updated_at DESC, c.id',
  type: 'c.type, co.name, c.updated_at DESC, c.id',
  stage: `array_position(ARRAY[${STAGES.map((s) => `'${s}'`).join(', ')}]::text[], c.stage::text), c.onsite_start ASC NULLS LAST, co.name, c.id`,
};

@Injectable()
export class CasesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly history: CaseHistoryService,
    private readonly audit: AuditService,
    private readonly reminders: RemindersService,
  ) {}

  async open(dto: OpenCaseDto, actor: Actor): Promise<CaseView> {
    const [council] = await this.dataSource.query<
      Array<{ gss_code: string; name: string; gone: boolean; starts: string | null; divided: string[] }>
    >(
      `SELECT c.gss_code, c.name, c.end_date < $2::date AS gone,
              CASE WHEN c.start_date > $2::date THEN to_char(c.start_date, 'YYYY-MM-DD') END AS starts,
              ARRAY(SELECT n.name FROM council_successions s JOIN councils n ON n.gss_code = s.successor_gss_code
                     WHERE s.predecessor_gss_code = c.gss_code ORDER BY n.name) AS divided
         FROM councils c WHERE c.gss_code = upper($1)`,
      [dto.councilGssCode, todayInLondon()],
    );
    if (!council) throw fieldError('councilGssCode', `No council has the GSS code ${dto.councilGssCode}`);
    if (council.gone) {
      throw fieldError('councilGssCode', `${council.gss_code} no longer exists: open the case for its successor`);
    }
    if (council.starts) {
      throw fieldError(
        'councilGssCode',
        `${council.name} exists from ${council.starts}: until then open the case for the council it replaces`,
      );
    }
    if (council.divided.length > 1) {
      throw fieldError(
        'councilGssCode',
        `${council.name} is to be divided between ${council.divided.join(' and ')}: a case opened for it now could not move to one of them on their vesting day`,
      );
    }
    const manager = dto.managerId ? await this.eligibleManager(dto.managerId) : null;
    if (dto.managerId && !manager?.eligible) {
      throw fieldError('managerId', 'managerId must be an active user with the peer_challenge_manager role');
    }
    const opening: CaseOpening = {
      caseId: randomUUID(),
      councilGssCode: council.gss_code,
      type: dto.type,
      managerId: manager?.id ?? null,
      managerName: manager?.name ?? null,
    };
    const snapshot = openCase(opening);
    const columns = columnsOf(snapshot);
    await this.dataSource.transaction(async (manager) => {
      const [{ today }] = await manager.query<Array<{ today: string }>>(
        `INSERT INTO cases (id, council_gss_code, type, manager_id, stage, state, on_hold, version, machine_version,
                            snapshot)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9)
         RETURNING ${TRANSACTION_DAY_SQL} AS today`,
        [
          opening.caseId,
          opening.councilGssCode,
          opening.type,
          opening.managerId,
          columns.stage,
          columns.state,
          columns.onHold,
          MACHINE_VERSION,
          JSON.stringify(persist(snapshot)),
        ],
      );
      await appendEvent(manager, opening.caseId, 1, 'OPEN_CASE', opening, actor, null, columns.state);
      await this.reminders.sync(manager, opening.caseId, columns.state, snapshot.context, today);
      await this.audit.record(
        actor,
        { action: 'case.open', entity: 'case', entityId: opening.caseId, summary: { ...opening } },
        manager,
      );
    });
    return this.get(opening.caseId);
  }

  async list(query: ListCasesQuery): Promise<Page<CaseSummary>> {
    const { filter, params } = filterOf(query);
    const [{ total }] = await this.dataSource.query<Array<{ total: number }>>(
      `SELECT count(*)::int AS total ${CASES_FROM} ${filter}`,
      params,
    );
    const rows = await this.dataSource.query<CaseRow[]>(
      `SELECT ${CASE_COLUMNS} ${CASES_FROM} ${filter}
        ORDER BY ${ORDER_BY[query.sort ?? 'changed']} LIMIT ${query.limit} OFFSET ${query.offset}`,
      params,
    );
    return { items: rows.map(summaryOf), total, limit: query.limit, offset: query.offset };
  }

  /** How many cases the filters match at each stage (every stage, 0 included; limit and offset play no part). */
  async stageCounts(query: ListCasesQuery): Promise<Record<Stage, number>> {
    const { filter, params } = filterOf(query);
    const rows = await this.dataSource.query<Array<{ stage: Stage; count: number }>>(
      `SELECT c.stage, count(*)::int AS count ${CASES_FROM} ${filter} GROUP BY c.stage`,
      params,
    );
    const counts = Object.fromEntries(STAGES.map((stage) => [stage, 0])) as Record<Stage, number>;
    for (const row of rows) counts[row.stage] = row.count;
    return counts;
  }

  async get(id: string): Promise<CaseView> {
    const { row, snapshot } = await this.load(id);
    return this.view(row, snapshot);
  }

  async view(row: CaseRow, snapshot: CaseSnapshot, manager?: EntityManager): Promise<CaseView> {
    const before = row.delivered_on ?? FUTURE;
    const firstCpc = await this.history.isFirstCpc(row.council_gss_code, before, row.id, manager);
    return viewOf(row, snapshot, firstCpc);
  }

  /**
   * The case and its machine snapshot (upgraded from an older machine version when needed); 404 if unknown.
   * With `lock`, the row stays locked until the caller's transaction ends.
   */
  async load(id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<LoadedCase> {
    if (!UUID.test(id)) throw new NotFound(`No case has the id ${id}`);
    const [row] = await (lock ? CASE_FOR_UPDATE : CASE_BY_ID).run(manager, [id]);
    if (!row) throw new NotFound(`No case has the id ${id}`);
    return { row, snapshot: restore(row.snapshot as StoredSnapshot, row.machine_version) };
  }

  async timeline(id: string): Promise<TimelineEntry[]> {
    await this.load(id);
    const rows = await this.dataSource.query<
      Array<{
        seq: number;
        type: string;
        payload: Record<string, unknown>;
        actor_id: string | null;
        actor_label: string;
        at: Date;
        from_state: string | null;
        to_state: string;
        request_id: string | null;
      }>
    >('SELECT * FROM case_events WHERE case_id = $1 ORDER BY seq', [id]);
    const events: TimelineEntry[] = rows.map((r) => ({
      seq: r.seq,
      type: r.type,
      payload: r.payload,
      actor: { id: r.actor_id, label: r.actor_label },
      at: r.at.toISOString(),
      fromState: r.from_state,
      toState: r.to_state,
      requestId: r.request_id,
    }));
    return [...events, ...(await this.activities(id))].sort((a, b) => a.at.localeCompare(b.at));
  }

  /** What the system did on a case without changing it (reminders sent), as timeline entries without a seq. */
  private async activities(id: string): Promise<TimelineEntry[]> {
    const reminders = await this.dataSource.query<
      Array<{ kind: string; due_on: string; recipients: string[]; sent_at: Date; note: string | null }>
    >(
      `SELECT kind, to_char(due_on, 'YYYY-MM-DD') AS due_on, recipients, sent_at, note FROM reminders
        WHERE case_id = $1 AND status = 'sent'`,
      [id],
    );
    return reminders.map((r) => ({
      seq: null,
      type: 'REMINDER_SENT',
      payload: { kind: r.kind, dueOn: r.due_on, to: r.recipients, note: r.note },
      actor: { id: null, label: 'system' },
      at: r.sent_at.toISOString(),
      fromState: null,
      toState: null,
      requestId: null,
    }));
  }

  async eligibleManager(
    id: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ id: string; name: string; eligible: boolean } | null> {
    if (!UUID.test(id)) return null;
    const [user] = await manager.query<Array<{ id: string; name: string; eligible: boolean }>>(
      `SELECT id, name, (active AND 'peer_challenge_manager' = ANY(roles)) AS eligible FROM users WHERE id = $1`,
      [id],
    );
    return user ?? null;
  }
}

const CASES_FROM = 'FROM cases c JOIN councils co ON co.gss_code = c.council_gss_code';

/** The WHERE clause of a case list's filters and its parameters. */
function filterOf(query: ListCasesQuery): { filter: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, value: unknown) => {
    params.push(value);
    where.push(clause.replace('?', `$${params.length}`));
  };
  if (query.stage) add('c.stage = ?', query.stage);
  if (query.councilGssCode) add('c.council_gss_code = upper(?)', query.councilGssCode);
  if (query.managerId) add('c.manager_id = ?::uuid', query.managerId);
  if (query.type) add('c.type = ?', query.type);
  if (query.onHold) add('c.on_hold = ?', query.onHold === 'true');
  if (query.open) add(query.open === 'true' ? 'c.stage = ANY(?)' : 'c.stage <> ALL(?)', [...OPEN_STAGES]);
  if (query.region) add('co.region = ?', query.region);
  if (query.q?.trim())
    add(
      "co.name ILIKE '%' || ? || '%'",
      query.q.trim().replace(/[\\%_]/g, (ch) => `\\${ch}`),
    );
  return { filter: where.length ? `WHERE ${where.join(' AND ')}` : '', params };
}

const TIMELINE_APPEND = new PreparedQuery(
  'timeline-append',
  `INSERT INTO case_events (case_id, seq, type, payload, actor_id, actor_label, request_id, from_state, to_state)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
);

/** Appends one entry to a case's timeline (inside the caller's transaction). */
export async function appendEvent(
  manager: EntityManager,
  caseId: string,
  seq: number,
  type: string,
  payload: object,
  actor: Actor,
  fromState: string | null,
  toState: string,
): Promise<void> {
  await TIMELINE_APPEND.run(manager, [
    caseId,
    seq,
    type,
    JSON.stringify(payload),
    actor.userId,
    actor.email ?? 'system',
    actor.requestId,
    fromState,
    toState,
  ]);
}

/** Opens the timelines of several cases at once with their first entry (seq 1, from no state; caller's transaction). */
export async function appendEvents(
  manager: EntityManager,
  entries: Array<{ caseId: string; payload: object; toState: string }>,
  type: string,
  actor: Actor,
): Promise<void> {
  if (entries.length === 0) return;
  await manager.query(
    `INSERT INTO case_events (case_id, seq, type, payload, actor_id, actor_label, request_id, from_state, to_state)
     SELECT case_id, 1, $1, payload, $2, $3, $4, NULL, to_state
       FROM unnest($5::uuid[], $6::jsonb[], $7::text[]) AS e(case_id, payload, to_state)`,
    [
      type,
      actor.userId,
      actor.email ?? 'system',
      actor.requestId,
      entries.map((e) => e.caseId),
      entries.map((e) => JSON.stringify(e.payload)),
      entries.map((e) => e.toState),
    ],
  );
}
