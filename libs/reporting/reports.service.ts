import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, type Actor } from '#libs/audit';
import {
  councilExistsSql,
  factOnSql,
  TAKE_UP_BASELINE,
  takeUpJoin,
  takeUpSql,
  type CouncilSummary,
  type TakeUpStatus,
} from '#libs/councils';
import { fieldError, todayInLondon } from '#libs/platform';
import {
  deliverables,
  financialYearBounds,
  type ChallengesDeliverable,
  type NeverDeliverable,
  type Pipeline,
  type Targets,
} from './programme.js';

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** A case in the year's pipeline: onsite dates agreed in the year (confirmed), or only an indicative month in it. */
interface PipelineRow {
  council_gss_code: string;
  type: string;
  confirmed: boolean;
  in_discussion: boolean;
}

/** A change of a year's targets: what they became, who changed them and when. */
export interface TargetsChange extends Targets {
  changedAt: string;
  changedBy: { id: string | null; email: string | null };
}

const CORPORATE_OR_FINANCE = ['corporate_peer_challenge', 'finance_peer_review'];

interface TakeUpRow {
  gss_code: string;
  name: string;
  type: CouncilSummary['type'];
  region: CouncilSummary['region'];
  status: TakeUpStatus;
  last_cpc: string | null;
  no_cpc_since_2012: boolean;
  political_control: string;
  lga_membership: string;
}

/** Councils by take-up status: the report's counts, and each group's in a breakdown. */
export type TakeUpCounts = Record<TakeUpStatus, number>;

/** `GET /reports/take-up`: the counts, each breakdown (adding up to them) and the councils. */
export interface TakeUpReport {
  asOf: string;
  baselineDate: string;
  councilsTotal: number;
  counts: TakeUpCounts;
  byRegion: Record<string, TakeUpCounts>;
  byType: Record<string, TakeUpCounts>;
  byPoliticalControl: Record<string, TakeUpCounts>;
  byMembership: Record<string, TakeUpCounts>;
  councils: CouncilSummary[];
}

/** `GET /reports/never-over-time`: one point each 1 April from 2013, and today. */
export interface NeverOverTime {
  region: string | null;
  baselineDate: string;
  points: Array<{ date: string; councils: number; never: number; noCpcSince2012: number }>;
}

/** `GET /reports/programme`: the year's two deliverables with their pipeline and RAG. */
export interface ProgrammeReport {
  financialYear: number;
  asOf: string;
  targetsFrom: number;
  deliverables: [ChallengesDeliverable, NeverDeliverable];
}

/** A council that has not engaged, with its last nudge and how many notes it has. */
export interface NonEngagedCouncil {
  gssCode: string;
  name: string;
  region: string;
  type: string;
  lastNudgeAt: string | null;
  notesCount: number;
  principalAdviser: string | null;
}

/** The programme's reports: take-up, deliverables 1.1 and 1.2 with RAG, and the councils that have not engaged. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /**
   * Five-year take-up of the councils existing on `asOf`: the counts, and the same counts by region, type, political
   * control and LGA membership on that day (`unknown` where no fact is recorded); each breakdown adds up to the
   * counts.
   */
  async takeUp(asOf = todayInLondon(), region?: string): Promise<TakeUpReport> {
    const rows = await this.councilsOn(asOf, region);
    const empty = (): TakeUpCounts => ({ never: 0, current: 0, due: 0, overdue: 0 });
    const counts = empty();
    const breakdown = (group: (row: TakeUpRow) => string) => {
      const by: Record<string, TakeUpCounts> = {};
      for (const row of rows) (by[group(row)] ??= empty())[row.status]++;
      return by;
    };
    for (const row of rows) counts[row.status]++;
    return {
      asOf,
      baselineDate: TAKE_UP_BASELINE,
      councilsTotal: rows.length,
      counts,
      byRegion: breakdown((r) => r.region),
      byType: breakdown((r) => r.type),
      byPoliticalControl: breakdown((r) => r.political_control),
      byMembership: breakdown((r) => r.lga_membership),
      councils: rows.map((r): CouncilSummary => ({
        gssCode: r.gss_code,
        name: r.name,
        type: r.type,
        region: r.region,
        takeUp: { status: r.status, lastCpcDate: r.last_cpc },
        noCpcSince2012: r.no_cpc_since_2012,
      })),
    };
  }

  /**
   * How many councils had had no corporate peer challenge since 2012 (`noCpcSince2012`, the trend deliverable 1.2 is
   * about) and no corporate or finance one (`never`, five-year take-up) at the start of each 1 April from 2013 (the
   * first year-start after the 2012 baseline), and today. A 1 April point's `noCpcSince2012` is that year's 1.2
   * baseline: the councils existing that day, with the challenges delivered before it (their predecessors'
   * included); today's point counts today's challenges too.
   */
  async neverOverTime(region?: string, today = todayInLondon()): Promise<NeverOverTime> {
    const dates: string[] = [];
    for (let year = 2013; `${year}-04-01` <= today; year++) dates.push(`${year}-04-01`);
    if (dates.at(-1) !== today) dates.push(today);
    const points: NeverOverTime['points'] = [];
    for (const date of dates) {
      const rows = await this.councilsOn(date === today ? today : dayBefore(date), region, date);
      points.push({
        date,
        councils: rows.length,
        never: rows.filter((r) => r.status === 'never').length,
        noCpcSince2012: rows.filter((r) => r.no_cpc_since_2012).length,
      });
    }
    return { region: region ?? null, baselineDate: TAKE_UP_BASELINE, points };
  }

  async programme(financialYear: number, asOfGiven?: string): Promise<ProgrammeReport> {
    const targets = await this.targets(financialYear);
    const { start, end } = financialYearBounds(financialYear);
    const today = todayInLondon();
    const asOf = asOfGiven ?? (today < end ? today : end);
    if (asOf < start) throw fieldError('asOf', `asOf must be on or after ${start}, the start of the year`);
    const until = asOf < end ? asOf : end;
    const [delivered] = await this.dataSource.query<Array<{ total: number; corporate_or_finance: number }>>(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE type IN ('corporate_peer_challenge', 'finance_peer_review'))::int
                AS corporate_or_finance
         FROM cases WHERE delivered_on BETWEEN $1::date AND $2::date`,
      [start, until],
    );
    const pipeline = await this.pipeline(financialYear, until);
    // Measure 1.2 counts councils with no corporate peer challenge since 2012: a finance peer review is not one.
    const baseline = (await this.councilsOn(dayBefore(start), undefined, start)).filter(
      (r) => r.no_cpc_since_2012,
    ).length;
    const stillWithout = new Set(
      (await this.councilsOn(until)).filter((r) => r.no_cpc_since_2012).map((r) => r.gss_code),
    );
    const corporate = pipeline.filter(
      (p) => p.type === 'corporate_peer_challenge' && stillWithout.has(p.council_gss_code),
    );
    const confirmedCouncils = new Set(corporate.filter((p) => p.confirmed).map((p) => p.council_gss_code));
    const discussedCouncils = new Set(
      corporate
        .filter((p) => p.in_discussion && !confirmedCouncils.has(p.council_gss_code))
        .map((p) => p.council_gss_code),
    );
    const count = (rows: PipelineRow[], total: number): Pipeline => ({
      delivered: total,
      confirmed: rows.filter((p) => p.confirmed).length,
      inDiscussion: rows.filter((p) => p.in_discussion).length,
    });
    return {
      financialYear,
      asOf,
      targetsFrom: targets.financialYear,
      deliverables: deliverables(financialYear, targets, until, {
        total: count(pipeline, delivered.total),
        corporateOrFinance: count(
          pipeline.filter((p) => CORPORATE_OR_FINANCE.includes(p.type)),
          delivered.corporate_or_finance,
        ),
        baseline,
        stillNever: stillWithout.size,
        neverConfirmed: confirmedCouncils.size,
        neverInDiscussion: discussedCouncils.size,
      }),
    };
  }

  /**
   * The year's pipeline as it stands now, for a report as of `until`: the cases not cancelled and not delivered by
   * `until` whose onsite visit starts within the year (confirmed), or that have no onsite dates yet but an
   * indicative month within the year (in discussion).
   */
  private pipeline(financialYear: number, until: string): Promise<PipelineRow[]> {
    const { start, end } = financialYearBounds(financialYear);
    return this.dataSource.query<PipelineRow[]>(
      `SELECT council_gss_code, type, confirmed, in_discussion FROM (
         SELECT k.council_gss_code, k.type,
                k.onsite_start BETWEEN $1::date AND $2::date AS confirmed,
                k.onsite_start IS NULL
                  AND (k.snapshot -> 'context' -> 'dates' ->> 'indicativeMonth') BETWEEN $4 AND $5 AS in_discussion
           FROM cases k
          WHERE NOT k.imported AND k.stage <> 'cancelled' AND (k.delivered_on IS NULL OR k.delivered_on > $3::date)
       ) p WHERE confirmed OR in_discussion`,
      [start, end, until, start.slice(0, 7), end.slice(0, 7)],
    );
  }

  /**
   * The councils that have not engaged (`001` rec 26: "not yet engaged with CPC nor … other similar processes"):
   * five-year take-up `never`, no corporate or finance peer challenge since 2012; with their last nudge and notes.
   */
  async nonEngaged(asOf = todayInLondon()): Promise<NonEngagedCouncil[]> {
    return this.dataSource.query<NonEngagedCouncil[]>(
      `${takeUpSql('$1')}
       SELECT c.gss_code AS "gssCode", c.name, c.region, c.type,
              (SELECT to_char(max(coalesce(e.sent_at, e.created_at)), 'YYYY-MM-DD"T"HH24:MI:SS"Z"') FROM emails e
                WHERE e.council_gss_code = c.gss_code AND e.template LIKE 'nudge%') AS "lastNudgeAt",
              (SELECT count(*)::int FROM council_notes n WHERE n.council_gss_code = c.gss_code) AS "notesCount",
              u.name AS "principalAdviser"
         FROM councils c ${takeUpJoin('$1')}
         LEFT JOIN users u ON u.id = c.principal_adviser_id
        WHERE t.status = 'never' AND ${councilExistsSql('$1')}
        ORDER BY c.region, c.name`,
      [asOf],
    );
  }

  /** The targets of the year, or of the latest earlier year that has them (targets carry forward). */
  async targets(financialYear: number): Promise<Targets> {
    const [row] = await this.dataSource.query<
      Array<{
        financial_year: number;
        challenges_total: number;
        corporate_or_finance: number;
        never_reduction_percent: number;
      }>
    >(`SELECT * FROM programme_targets WHERE financial_year <= $1 ORDER BY financial_year DESC LIMIT 1`, [
      financialYear,
    ]);
    if (!row) throw fieldError('financialYear', `No targets are set for ${financialYear} or any earlier year`);
    return {
      financialYear: row.financial_year,
      challengesTotal: row.challenges_total,
      corporateOrFinance: row.corporate_or_finance,
      neverReductionPercent: row.never_reduction_percent,
    };
  }

  /** Sets the year's targets, with a row of their history and an audit entry in the same transaction. */
  async setTargets(targets: Targets, actor: Actor): Promise<Targets> {
    const values = [
      targets.financialYear,
      targets.challengesTotal,
      targets.corporateOrFinance,
      targets.neverReductionPercent,
    ];
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO programme_targets (financial_year, challenges_total, corporate_or_finance, never_reduction_percent)
         VALUES ($1, $2, $3, $4)
         ON CONFLICT (financial_year) DO UPDATE SET challenges_total = $2, corporate_or_finance = $3,
           never_reduction_percent = $4, updated_at = now()`,
        values,
      );
      await manager.query(
        `INSERT INTO programme_target_changes (financial_year, challenges_total, corporate_or_finance,
                                               never_reduction_percent, changed_by, changed_by_email)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [...values, actor.userId, actor.email],
      );
      await this.audit.record(
        actor,
        {
          action: 'programme.targets.update',
          entity: 'programme_targets',
          entityId: String(targets.financialYear),
          summary: { ...targets },
        },
        manager,
      );
    });
    return targets;
  }

  /** Every change of the targets, newest first; of one year when given. */
  async targetsHistory(financialYear?: number): Promise<TargetsChange[]> {
    const rows = await this.dataSource.query<
      Array<{
        financial_year: number;
        challenges_total: number;
        corporate_or_finance: number;
        never_reduction_percent: number;
        changed_at: Date;
        changed_by: string | null;
        changed_by_email: string | null;
      }>
    >(
      `SELECT * FROM programme_target_changes WHERE $1::int IS NULL OR financial_year = $1
        ORDER BY changed_at DESC, id DESC`,
      [financialYear ?? null],
    );
    return rows.map((r) => ({
      financialYear: r.financial_year,
      challengesTotal: r.challenges_total,
      corporateOrFinance: r.corporate_or_finance,
      neverReductionPercent: r.never_reduction_percent,
      changedAt: r.changed_at.toISOString(),
      changedBy: { id: r.changed_by, email: r.changed_by_email },
    }));
  }

  /** The years that have targets of their own, latest first. */
  async targetYears(): Promise<Targets[]> {
    const rows = await this.dataSource.query<Array<{ financial_year: number }>>(
      'SELECT financial_year FROM programme_targets ORDER BY financial_year DESC',
    );
    return Promise.all(rows.map((r) => this.targets(r.financial_year)));
  }

  /** Councils that exist on `existsOn` (default `asOf`), with their take-up as of `asOf`. */
  private councilsOn(asOf: string, region?: string, existsOn = asOf): Promise<TakeUpRow[]> {
    return this.dataSource.query<TakeUpRow[]>(
      `${takeUpSql('$1')}
       SELECT c.gss_code, c.name, c.type, c.region, t.status, t.last_cpc, t.no_cpc_since_2012,
              ${factOnSql('political_control', '$1')} AS political_control,
              ${factOnSql('lga_membership', '$1')} AS lga_membership
         FROM councils c ${takeUpJoin('$1')}
        WHERE ${councilExistsSql('$2')} AND ($3::text IS NULL OR c.region = $3)
        ORDER BY c.name, c.gss_code`,
      [asOf, existsOn, region ?? null],
    );
  }
}
