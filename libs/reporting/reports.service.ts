import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  councilExistsSql,
  TAKE_UP_BASELINE,
  takeUpJoin,
  takeUpSql,
  type CouncilSummary,
  type TakeUpStatus,
} from '#libs/councils';
import { fieldError, todayInLondon } from '#libs/platform';
import { deliverables, financialYearBounds, type Targets } from './programme.js';

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

interface TakeUpRow {
  gss_code: string;
  name: string;
  type: CouncilSummary['type'];
  region: CouncilSummary['region'];
  status: TakeUpStatus;
  last_cpc: string | null;
  no_cpc_since_2012: boolean;
}

/** The programme's reports: take-up, deliverables 1.1 and 1.2 with RAG, and the councils that have not engaged. */
@Injectable()
export class ReportsService {
  constructor(private readonly dataSource: DataSource) {}

  async takeUp(asOf = todayInLondon(), region?: string) {
    const rows = await this.councilsOn(asOf, region);
    const empty = () => ({ never: 0, current: 0, due: 0, overdue: 0 });
    const counts = empty();
    const byRegion: Record<string, ReturnType<typeof empty>> = {};
    for (const row of rows) {
      counts[row.status]++;
      (byRegion[row.region] ??= empty())[row.status]++;
    }
    return {
      asOf,
      baselineDate: TAKE_UP_BASELINE,
      councilsTotal: rows.length,
      counts,
      byRegion,
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
  async neverOverTime(region?: string, today = todayInLondon()) {
    const dates: string[] = [];
    for (let year = 2013; `${year}-04-01` <= today; year++) dates.push(`${year}-04-01`);
    if (dates.at(-1) !== today) dates.push(today);
    const points = [];
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

  async programme(financialYear: number, asOfGiven?: string) {
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
    // Measure 1.2 counts councils with no corporate peer challenge since 2012: a finance peer review is not one.
    const baseline = (await this.councilsOn(dayBefore(start), undefined, start)).filter(
      (r) => r.no_cpc_since_2012,
    ).length;
    const stillNever = (await this.councilsOn(until)).filter((r) => r.no_cpc_since_2012).length;
    return {
      financialYear,
      asOf,
      targetsFrom: targets.financialYear,
      deliverables: deliverables(financialYear, targets, until, {
        total: delivered.total,
        corporateOrFinance: delivered.corporate_or_finance,
        baseline,
        stillNever,
      }),
    };
  }

  /**
   * The councils that have not engaged (`001` rec 26: "not yet engaged with CPC nor … other similar processes"):
   * five-year take-up `never`, no corporate or finance peer challenge since 2012; with their last nudge and notes.
   */
  async nonEngaged(asOf = todayInLondon()) {
    return this.dataSource.query<
      Array<{ gssCode: string; name: string; region: string; lastNudgeAt: string | null; notesCount: number }>
    >(
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

  async setTargets(targets: Targets): Promise<Targets> {
    await this.dataSource.query(
      `INSERT INTO programme_targets (financial_year, challenges_total, corporate_or_finance, never_reduction_percent)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (financial_year) DO UPDATE SET challenges_total = $2, corporate_or_finance = $3,
         never_reduction_percent = $4, updated_at = now()`,
      [targets.financialYear, targets.challengesTotal, targets.corporateOrFinance, targets.neverReductionPercent],
    );
    return targets;
  }

  /** Councils that exist on `existsOn` (default `asOf`), with their take-up as of `asOf`. */
  private councilsOn(asOf: string, region?: string, existsOn = asOf): Promise<TakeUpRow[]> {
    return this.dataSource.query<TakeUpRow[]>(
      `${takeUpSql('$1')}
       SELECT c.gss_code, c.name, c.type, c.region, t.status, t.last_cpc, t.no_cpc_since_2012
         FROM councils c ${takeUpJoin('$1')}
        WHERE ${councilExistsSql('$2')} AND ($3::text IS NULL OR c.region = $3)
        ORDER BY c.name, c.gss_code`,
      [asOf, existsOn, region ?? null],
    );
  }
}
