import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type Actor } from '#libs/audit';
import { checkedRows, DatabaseLock, RowsRefused, todayInLondon } from '#libs/platform';
import { CheckInputs } from './check-inputs.js';
import type { CouncilType, Region } from './council.entity.js';
import { Reorganised } from './reorganised.js';
import {
  dayBefore,
  reorganisationRowProblems,
  successorsOf,
  type PlannedSuccessor,
  type RegisterView,
  type ReorganisationRow,
} from './reorganisations.js';

/** A successor and the councils it replaced, on its vesting day: the register's reorganisations, past and future. */
export interface ReorganisationView {
  vestingDate: string;
  /** `scheduled`: the vesting day is still to come (the predecessors are live until the day before). */
  status: 'scheduled' | 'vested';
  successor: { gssCode: string; name: string; type: CouncilType; region: Region };
  predecessors: Array<{ gssCode: string; name: string; type: CouncilType }>;
}

export interface AppliedReorganisation {
  successors: Array<{ gssCode: string; name: string; vestingDate: string; predecessors: string[] }>;
  /** Of them, those whose vesting day is today or has passed: their predecessors' open cases moved already. */
  vested: number;
}

/**
 * Applies reorganisations to the register (docs/DOMAIN.md, "Reorganisations ahead"), all or nothing: the new
 * councils from their vesting day, each predecessor's last day (the day before), and the successions that make a
 * successor inherit its predecessors' history (take-up, lineage, the council history). In one transaction, under
 * the register's lock, so two at once cannot both abolish a council. Every open team's conflict check is marked
 * stale (lineages changed) and the case library moves what has vested already (`Reorganised`).
 */
@Injectable()
export class ReorganisationsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly checkInputs: CheckInputs,
    private readonly reorganised: Reorganised,
  ) {}

  async apply(rows: Array<{ line: number; row: unknown }>, actor: Actor): Promise<AppliedReorganisation> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [DatabaseLock.CouncilRegister]);
      const register = await this.registerView(manager);
      const trimmed = rows.map(({ line, row }) => ({ line, row: trimmedRow(row) }));
      checkedRows<ReorganisationRow>(
        trimmed,
        (row) => reorganisationRowProblems(row, register),
        (r) => `${r.predecessor_gss_code.toUpperCase()}>${r.successor_gss_code.toUpperCase()}`,
      );
      const { successors, problems } = successorsOf(
        trimmed.map(({ line, row }) => ({ line, row: row as unknown as ReorganisationRow })),
      );
      if (problems.length > 0) throw new RowsRefused(problems);
      const today = todayInLondon();
      await this.write(manager, successors);
      await this.audit.recordMany(
        actor,
        successors.map((s) => ({
          action: 'council.reorganisation.apply',
          entity: 'council',
          entityId: s.gssCode,
          summary: { name: s.name, vestingDate: s.startDate, predecessors: s.predecessors },
        })),
        manager,
      );
      await this.checkInputs.changed(manager, {
        register: true,
        reason: `The register changed: ${successors.map((s) => `${s.name} replaces ${s.predecessors.map((p) => register.councils.get(p)!.name).join(', ')} from ${s.startDate}`).join('; ')}.`,
        requestId: actor.requestId,
      });
      await this.reorganised.applied(manager, { successors, today, requestId: actor.requestId });
      return {
        successors: successors.map((s) => ({
          gssCode: s.gssCode,
          name: s.name,
          vestingDate: s.startDate,
          predecessors: s.predecessors,
        })),
        vested: successors.filter((s) => s.startDate <= today).length,
      };
    });
  }

  /** Every reorganisation in the register, the newest vesting day first. */
  async list(today = todayInLondon()): Promise<ReorganisationView[]> {
    const rows = await this.dataSource.query<
      Array<{
        vesting: string;
        gss_code: string;
        name: string;
        type: CouncilType;
        region: Region;
        predecessors: ReorganisationView['predecessors'];
      }>
    >(
      `SELECT to_char(s.start_date, 'YYYY-MM-DD') AS vesting, n.gss_code, n.name, n.type, n.region,
              json_agg(json_build_object('gssCode', p.gss_code, 'name', p.name, 'type', p.type) ORDER BY p.name) AS predecessors
         FROM council_successions s
         JOIN councils n ON n.gss_code = s.successor_gss_code
         JOIN councils p ON p.gss_code = s.predecessor_gss_code
        GROUP BY s.start_date, n.gss_code
        ORDER BY s.start_date DESC, n.name`,
    );
    return rows.map((r) => ({
      vestingDate: r.vesting,
      status: r.vesting > today ? 'scheduled' : 'vested',
      successor: { gssCode: r.gss_code, name: r.name, type: r.type, region: r.region },
      predecessors: r.predecessors,
    }));
  }

  private async registerView(manager: EntityManager): Promise<RegisterView> {
    const rows = await manager.query<Array<{ gss_code: string; name: string; end_date: string | null }>>(
      `SELECT gss_code, name, to_char(end_date, 'YYYY-MM-DD') AS end_date FROM councils`,
    );
    return { councils: new Map(rows.map((r) => [r.gss_code, { name: r.name, endDate: r.end_date }])) };
  }

  /**
   * The successors (with their predecessors' principal adviser when they all had the same one), the predecessors'
   * last day, and the successions.
   */
  private async write(manager: EntityManager, successors: PlannedSuccessor[]): Promise<void> {
    const pairs = successors.flatMap((s) => s.predecessors.map((p) => ({ predecessor: p, successor: s })));
    await manager.query(
      `INSERT INTO councils (gss_code, name, official_name, type, region, start_date, principal_adviser_id)
       SELECT g.gss_code, g.name, g.name, g.type, g.region, g.start_date,
              (SELECT CASE WHEN count(DISTINCT p.principal_adviser_id) = 1 AND bool_and(p.principal_adviser_id IS NOT NULL)
                           THEN min(p.principal_adviser_id::text)::uuid END
                 FROM councils p WHERE p.gss_code = ANY(l.predecessors))
         FROM unnest($1::varchar[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[]) AS
              g(gss_code, name, type, region, start_date, predecessors_csv)
         CROSS JOIN LATERAL (SELECT string_to_array(g.predecessors_csv, ',')::varchar[] AS predecessors) AS l(predecessors)`,
      [
        successors.map((s) => s.gssCode),
        successors.map((s) => s.name),
        successors.map((s) => s.type),
        successors.map((s) => s.region),
        successors.map((s) => s.startDate),
        successors.map((s) => s.predecessors.join(',')),
      ],
    );
    await manager.query(
      `UPDATE councils c SET end_date = g.end_date, updated_at = now()
         FROM unnest($1::varchar[], $2::date[]) AS g(gss_code, end_date) WHERE c.gss_code = g.gss_code`,
      [pairs.map((p) => p.predecessor), pairs.map((p) => dayBefore(p.successor.startDate))],
    );
    await manager.query(
      `INSERT INTO council_successions (predecessor_gss_code, successor_gss_code, start_date)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::date[])`,
      [pairs.map((p) => p.predecessor), pairs.map((p) => p.successor.gssCode), pairs.map((p) => p.successor.startDate)],
    );
  }
}

/** A row with its text values trimmed and its codes upper-cased, so the rules and the writes read the same. */
function trimmedRow(row: unknown): unknown {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) return row;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    const text = typeof value === 'string' ? value.trim() : value;
    out[key] = key.endsWith('_gss_code') && typeof text === 'string' ? text.toUpperCase() : text;
  }
  return out;
}
