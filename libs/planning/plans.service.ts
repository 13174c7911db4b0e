import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type Actor } from '#libs/audit';
import { DatabaseLock, todayInLondon, NotFound, Busy } from '#libs/platform';
import { inputsHash, PlanInputsService, type PlanInputs } from './plan-inputs.service.js';
import { PlanSettingsService } from './plan-settings.service.js';
import { plan, type PlannedCouncil, type PlanResult } from './planner.js';

export interface PlanSummary {
  councils: number;
  onTime: number;
  late: number;
  unplaceable: number;
  /** Councils abolished before they are due: their successors are planned instead (`replacedBy`). */
  replaced: number;
  byQuarter: PlanResult['byQuarter'];
}

/** A stored plan as the API gives it (docs/API.md, Plans). */
export interface StoredPlan {
  id: string;
  createdAt: string;
  createdBy: string;
  inputs: {
    asOf: string;
    startQuarter: string;
    horizonQuarters: number;
    capacityPerQuarter: number;
    capacityByRegion: Record<string, number> | null;
    preElectionWeeks: number;
    quietPeriods: Array<{ from: string; to: string; reason?: string }>;
    constraints: Array<{ gssCode: string; notBefore: string | null; notAfter: string | null; reason: string | null }>;
    openCases: Array<{ gssCode: string; quarter: string }>;
  };
  summary: PlanSummary;
  councils: PlannedCouncil[];
  byRegion: PlanResult['byRegion'];
}

export interface PlanMove {
  gssCode: string;
  from: string | null;
  to: string | null;
}

/** The label of plans the daily job computes. */
export const REPLAN_LABEL = 'daily re-plan';

function summarise(result: PlanResult): PlanSummary {
  const replaced = result.councils.filter((c) => c.replacedBy).length;
  const unplaceable = result.councils.filter((c) => c.plannedQuarter === null && !c.replacedBy).length;
  const late = result.councils.filter((c) => c.plannedQuarter !== null && c.lateBy > 0).length;
  return {
    councils: result.councils.length,
    onTime: result.councils.length - unplaceable - late - replaced,
    late,
    unplaceable,
    replaced,
    byQuarter: result.byQuarter,
  };
}

function publicInputs(inputs: PlanInputs): StoredPlan['inputs'] {
  const p = inputs.planning;
  return {
    asOf: inputs.asOf,
    startQuarter: p.startQuarter,
    horizonQuarters: p.horizonQuarters,
    capacityPerQuarter: p.capacityPerQuarter,
    capacityByRegion: p.capacityByRegion ?? null,
    preElectionWeeks: inputs.preElectionWeeks,
    quietPeriods: inputs.adminQuietPeriods,
    constraints: p.councils
      .filter((c) => c.notBefore || c.notAfter)
      .map((c) => ({
        gssCode: c.gssCode,
        notBefore: c.notBefore ?? null,
        notAfter: c.notAfter ?? null,
        reason: c.constraintReason ?? null,
      })),
    openCases: p.councils
      .filter((c) => c.openCaseQuarter)
      .map((c) => ({ gssCode: c.gssCode, quarter: c.openCaseQuarter! })),
  };
}

/**
 * Versioned plans (issue #19): a run reads today's inputs and stores the plan with them, under an advisory lock
 * taken without waiting (a second run meanwhile is refused: 409), in one transaction (nothing half-written).
 */
@Injectable()
export class PlansService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: PlanSettingsService,
    private readonly inputs: PlanInputsService,
    private readonly audit: AuditService,
  ) {}

  /** Computes and stores a plan; `onlyIfChanged` (the daily job) stores none when the inputs are the latest's. */
  async run(
    actor: Actor,
    options: {
      asOf?: string;
      label?: string;
      onlyIfChanged?: boolean;
      /** Runs in the run's transaction once the plan and its moves are written (the job's digest). */
      afterStore?: (manager: EntityManager, planId: string, moves: PlanMove[]) => Promise<void>;
    } = {},
  ): Promise<{ plan: StoredPlan | null; moves: PlanMove[] }> {
    return this.dataSource.transaction(async (manager) => {
      const [{ locked }] = await manager.query<Array<{ locked: boolean }>>(
        'SELECT pg_try_advisory_xact_lock($1) AS locked',
        [DatabaseLock.PlanRun],
      );
      if (!locked) throw new Busy('A plan is being computed already: try again when it has finished');
      const inputs = await this.inputs.read(manager, await this.settings.settings(), options.asOf ?? todayInLondon());
      const hash = inputsHash(inputs.planning);
      const [previous] = await manager.query<Array<{ id: string; inputs_hash: string }>>(
        'SELECT id, inputs_hash FROM plans ORDER BY created_at DESC, id DESC LIMIT 1',
      );
      if (options.onlyIfChanged && previous?.inputs_hash === hash) return { plan: null, moves: [] };
      const result = plan(inputs.planning);
      const [{ id }] = await manager.query<Array<{ id: string }>>(
        `INSERT INTO plans (created_by, created_by_label, inputs_hash, inputs, summary, councils, by_region)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id::text AS id`,
        [
          actor.userId,
          options.label ?? actor.email ?? REPLAN_LABEL,
          hash,
          JSON.stringify(inputs),
          JSON.stringify(summarise(result)),
          JSON.stringify(result.councils),
          JSON.stringify(result.byRegion),
        ],
      );
      const moves = previous ? await this.recordMoves(manager, previous.id, id) : [];
      await options.afterStore?.(manager, id, moves);
      await this.audit.record(
        actor,
        { action: 'plan.run', entity: 'plan', entityId: id, summary: { ...summarise(result), moved: moves.length } },
        manager,
      );
      return { plan: await this.find(manager, id), moves };
    });
  }

  /** Councils whose planned quarter differs from the previous plan's, stored against the new plan. */
  private async recordMoves(manager: EntityManager, previousId: string, id: string): Promise<PlanMove[]> {
    const councilsOf = (param: string) =>
      `SELECT x."gssCode" AS gss_code, x."plannedQuarter" AS planned
         FROM plans p, jsonb_to_recordset(p.councils) AS x("gssCode" text, "plannedQuarter" text)
        WHERE p.id = ${param}::bigint`;
    return manager.query<PlanMove[]>(
      `WITH before AS (${councilsOf('$1')}), after AS (${councilsOf('$2')}),
       moved AS (
         INSERT INTO plan_moves (plan_id, gss_code, from_quarter, to_quarter)
         SELECT $2::bigint, a.gss_code, b.planned, a.planned
           FROM after a LEFT JOIN before b ON b.gss_code = a.gss_code
          WHERE b.gss_code IS NULL OR b.planned IS DISTINCT FROM a.planned
         RETURNING gss_code, from_quarter, to_quarter
       )
       SELECT gss_code AS "gssCode", from_quarter AS "from", to_quarter AS "to" FROM moved ORDER BY gss_code`,
      [previousId, id],
    );
  }

  async latest(): Promise<StoredPlan> {
    const [row] = await this.dataSource.query<Array<{ id: string }>>(
      'SELECT id::text AS id FROM plans ORDER BY created_at DESC, id DESC LIMIT 1',
    );
    if (!row) throw new NotFound('No plan has been computed yet');
    return (await this.find(this.dataSource.manager, row.id))!;
  }

  /** The council's line of the latest plan, with the plan's id and time; null before any plan or if it is not in it. */
  async latestFor(gssCode: string): Promise<{ planId: string; createdAt: string; council: PlannedCouncil } | null> {
    const [row] = await this.dataSource.query<Array<{ id: string; created_at: string; council: PlannedCouncil }>>(
      `SELECT p.id::text AS id, to_char(p.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
              c AS council
         FROM (SELECT id, created_at, councils FROM plans ORDER BY created_at DESC, id DESC LIMIT 1) p
         CROSS JOIN LATERAL jsonb_array_elements(p.councils) c
        WHERE c ->> 'gssCode' = upper($1)`,
      [gssCode],
    );
    return row ? { planId: row.id, createdAt: row.created_at, council: row.council } : null;
  }

  async get(id: string): Promise<StoredPlan> {
    if (!/^\d{1,18}$/.test(id)) throw new NotFound(`No plan ${id}`);
    const found = await this.find(this.dataSource.manager, id);
    if (!found) throw new NotFound(`No plan ${id}`);
    return found;
  }

  /** The moves a plan recorded against the plan before it. */
  async moves(id: string): Promise<PlanMove[]> {
    return this.dataSource.query<PlanMove[]>(
      `SELECT gss_code AS "gssCode", from_quarter AS "from", to_quarter AS "to" FROM plan_moves
        WHERE plan_id = $1 ORDER BY gss_code`,
      [id],
    );
  }

  private async find(manager: EntityManager, id: string): Promise<StoredPlan | null> {
    const [row] = await manager.query<
      Array<{
        id: string;
        created_at: string;
        created_by_label: string;
        inputs: PlanInputs;
        summary: PlanSummary;
        councils: PlannedCouncil[];
        by_region: PlanResult['byRegion'];
      }>
    >(
      `SELECT id::text AS id, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
              created_by_label, inputs, summary, councils, by_region
         FROM plans WHERE id = $1`,
      [id],
    );
    if (!row) return null;
    return {
      id: row.id,
      createdAt: row.created_at,
      createdBy: row.created_by_label,
      inputs: publicInputs(row.inputs),
      summary: row.summary,
      councils: row.councils,
      byRegion: row.by_region,
    };
  }
}
