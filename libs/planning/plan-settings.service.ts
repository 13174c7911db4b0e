import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, type Actor } from '#libs/audit';
import { fieldError, NotFound } from '#libs/platform';
import type { PlanConstraintDto, PlanSettingsDto } from './dto/plan-settings.dto.js';

export interface PlanSettings {
  horizonQuarters: number;
  capacityPerQuarter: number;
  capacityByRegion: Record<string, number> | null;
  preElectionWeeks: number;
  quietPeriods: Array<{ from: string; to: string; reason?: string }>;
  updatedAt: string;
  updatedBy: string | null;
}

export interface PlanConstraint {
  gssCode: string;
  name: string;
  notBefore: string | null;
  notAfter: string | null;
  reason: string;
  updatedAt: string;
  updatedBy: string | null;
}

/** The planner's settings (one row) and the councils' not-before / not-after dates: read, changed and audited. */
@Injectable()
export class PlanSettingsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async settings(): Promise<PlanSettings> {
    const [row] = await this.dataSource.query<PlanSettings[]>(
      `SELECT s.horizon_quarters AS "horizonQuarters", s.capacity_per_quarter AS "capacityPerQuarter",
              s.capacity_by_region AS "capacityByRegion", s.pre_election_weeks AS "preElectionWeeks",
              s.quiet_periods AS "quietPeriods", to_char(s.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt",
              u.email AS "updatedBy"
         FROM plan_settings s LEFT JOIN users u ON u.id = s.updated_by WHERE s.id = 1`,
    );
    return row;
  }

  /** What the DTO's validation cannot say alone: each quiet period ends on or after its start. */
  checkSettings(dto: PlanSettingsDto): void {
    (dto.quietPeriods ?? []).forEach((p, i) => {
      if (p.to < p.from) throw fieldError(`quietPeriods.${i}.to`, `quietPeriods.${i}.to must not be before its from`);
    });
  }

  async setSettings(dto: PlanSettingsDto, actor: Actor): Promise<PlanSettings> {
    this.checkSettings(dto);
    const quiet = dto.quietPeriods ?? [];
    const current = await this.settings();
    const next = {
      horizonQuarters: dto.horizonQuarters,
      capacityPerQuarter: dto.capacityPerQuarter,
      capacityByRegion:
        dto.capacityByRegion && Object.keys(dto.capacityByRegion).length > 0 ? dto.capacityByRegion : null,
      preElectionWeeks: dto.preElectionWeeks ?? current.preElectionWeeks,
      quietPeriods: quiet.map((p) => ({ from: p.from, to: p.to, ...(p.reason ? { reason: p.reason } : {}) })),
    };
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE plan_settings SET horizon_quarters = $1, capacity_per_quarter = $2, capacity_by_region = $3,
                pre_election_weeks = $4, quiet_periods = $5, updated_by = $6, updated_at = now() WHERE id = 1`,
        [
          next.horizonQuarters,
          next.capacityPerQuarter,
          next.capacityByRegion === null ? null : JSON.stringify(next.capacityByRegion),
          next.preElectionWeeks,
          JSON.stringify(next.quietPeriods),
          actor.userId,
        ],
      );
      await this.audit.record(
        actor,
        { action: 'plan.settings.update', entity: 'plan_settings', entityId: '1', summary: next },
        manager,
      );
    });
    return this.settings();
  }

  /** Every council's dates for planning; or one council's (`gssCode`), an empty list when it has none. */
  async constraints(gssCode: string | null = null): Promise<PlanConstraint[]> {
    return this.dataSource.query<PlanConstraint[]>(
      `SELECT pc.gss_code AS "gssCode", c.name, to_char(pc.not_before, 'YYYY-MM-DD') AS "notBefore",
              to_char(pc.not_after, 'YYYY-MM-DD') AS "notAfter", pc.reason,
              to_char(pc.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt", u.email AS "updatedBy"
         FROM council_plan_constraints pc JOIN councils c ON c.gss_code = pc.gss_code
         LEFT JOIN users u ON u.id = pc.updated_by
        WHERE $1::varchar IS NULL OR pc.gss_code = $1
        ORDER BY c.name, pc.gss_code`,
      [gssCode],
    );
  }

  async setConstraint(gssCode: string, dto: PlanConstraintDto, actor: Actor): Promise<PlanConstraint> {
    const notBefore = dto.notBefore ?? null;
    const notAfter = dto.notAfter ?? null;
    if (notBefore === null && notAfter === null) throw fieldError('notBefore', 'give notBefore, notAfter or both');
    if (notBefore !== null && notAfter !== null && notAfter < notBefore)
      throw fieldError('notAfter', 'notAfter must not be before notBefore');
    await this.dataSource.transaction(async (manager) => {
      const [council] = await manager.query<unknown[]>('SELECT 1 FROM councils WHERE gss_code = $1', [gssCode]);
      if (!council) throw new NotFound(`No council ${gssCode}`);
      await manager.query(
        `INSERT INTO council_plan_constraints (gss_code, not_before, not_after, reason, updated_by)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (gss_code) DO UPDATE SET not_before = $2, not_after = $3, reason = $4, updated_by = $5,
           updated_at = now()`,
        [gssCode, notBefore, notAfter, dto.reason, actor.userId],
      );
      await this.audit.record(
        actor,
        {
          action: 'plan.constraint.set',
          entity: 'council',
          entityId: gssCode,
          summary: { notBefore, notAfter, reason: dto.reason },
        },
        manager,
      );
    });
    return (await this.constraints(gssCode))[0];
  }

  async removeConstraint(gssCode: string, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const [{ n }] = await manager.query<Array<{ n: number }>>(
        'WITH gone AS (DELETE FROM council_plan_constraints WHERE gss_code = $1 RETURNING 1) SELECT count(*)::int AS n FROM gone',
        [gssCode],
      );
      if (n === 0) throw new NotFound(`No planning constraint for ${gssCode}`);
      await this.audit.record(
        actor,
        { action: 'plan.constraint.remove', entity: 'council', entityId: gssCode, summary: {} },
        manager,
      );
    });
  }
}
