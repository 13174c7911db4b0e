import type { TakeUpStatus } from './councils.service.js';

/** The programme's baseline: challenges count from this day (`DOMAIN.md`, five-year take-up). */
export const TAKE_UP_BASELINE = '2012-01-01';
/**
 * The challenge types that count towards *five-year take-up* (never / current / due / overdue): a corporate peer
 * challenge or a finance peer review. *No CPC since 2012* (measure 1.2, the nudges, the rec 11 team warning)
 * counts corporate peer challenges only (`docs/DOMAIN.md`, "Two measures").
 */
export const TAKE_UP_TYPES = ['corporate_peer_challenge', 'finance_peer_review'] as const;

/** *No CPC since 2012* on `asOf`, from the council's last delivered corporate peer challenge (or null). */
export function noCpcSince2012(lastCorporateDate: string | null, asOf: string): boolean {
  return !lastCorporateDate || lastCorporateDate > asOf || lastCorporateDate < TAKE_UP_BASELINE;
}

/** The same day `years` later; 29 February becomes 28 February in a common year (as PostgreSQL does). */
export function addYears(date: string, years: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const target = year + years;
  const leap = (target % 4 === 0 && target % 100 !== 0) || target % 400 === 0;
  const d = month === 2 && day === 29 && !leap ? 28 : day;
  return `${String(target).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * A council's take-up on a date, from its last delivered CPC or FPR since the baseline: `current` for four
 * years, `due` in the fifth year (from the 4th anniversary), `overdue` from the 5th anniversary on.
 */
export function takeUpStatus(lastCpcDate: string | null, asOf: string): TakeUpStatus {
  if (!lastCpcDate || lastCpcDate > asOf || lastCpcDate < TAKE_UP_BASELINE) return 'never';
  if (asOf < addYears(lastCpcDate, 4)) return 'current';
  if (asOf < addYears(lastCpcDate, 5)) return 'due';
  return 'overdue';
}

/** SQL: the council aliased `c` exists on the date in `param` (a date parameter such as `$1`). */
export function councilExistsSql(param: string): string {
  return `(c.start_date IS NULL OR c.start_date <= ${param}::date) AND (c.end_date IS NULL OR c.end_date >= ${param}::date)`;
}

/** SQL: the cases aliased `k` that count towards take-up on the date in `asOf` (a date parameter). */
export function takeUpCasesSql(asOf: string): string {
  return `k.type IN ('corporate_peer_challenge', 'finance_peer_review')
         AND k.delivered_on >= DATE '${TAKE_UP_BASELINE}' AND k.delivered_on <= ${asOf}::date`;
}

/**
 * SQL: the recursive CTE `lineage(code)`: the council whose code is `code` (a parameter) and the councils it
 * replaced, transitively. A statement that takes the lineage from a code, instead of an array of codes, keeps its
 * estimates the same for every council, so PostgreSQL can plan it once per connection (a prepared statement with
 * an array parameter was planned again on each run: 0.9 ms of a council history's 2.4 ms in PostgreSQL).
 */
export function lineageCte(code: string): string {
  return `lineage(code) AS (
     SELECT gss_code FROM councils WHERE gss_code = ${code}
     UNION
     SELECT s.predecessor_gss_code FROM council_successions s JOIN lineage l ON s.successor_gss_code = l.code
   )`;
}

/** SQL: the take-up status on the date in `asOf` of a council whose last challenge is `last` (a date, or null). */
export function takeUpStatusSql(last: string, asOf: string): string {
  return `CASE WHEN ${last} IS NULL THEN 'never'
                  WHEN ${asOf}::date < ${last} + interval '4 years' THEN 'current'
                  WHEN ${asOf}::date < ${last} + interval '5 years' THEN 'due'
                  ELSE 'overdue' END`;
}

/** SQL: the latest `delivered_on` of the cases aliased `k` (of the take-up types) that are corporate peer challenges. */
const LAST_CORPORATE = `max(k.delivered_on) FILTER (WHERE k.type = 'corporate_peer_challenge')`;

/**
 * SQL: the CTEs for each council's last delivered CPC or FPR (`last_cpc`, five-year take-up) and last delivered CPC
 * (`last_corporate`, no CPC since 2012) on or before `$asOf` (a date parameter), counting the cases of the councils
 * it replaced; a query joins its councils to them with takeUpJoin(). (One council's take-up
 * comes with its detail, from its lineage: `CouncilsService.get`.)
 *
 * Each council's own last challenge comes from `council_last_cpc`, which triggers keep as cases change (one row a
 * council instead of every delivered case: the take-up report over 1,000,000 cases read 800,000 index entries),
 * whenever no council's last challenge is after `asOf`, as for today. For an earlier date, or after a challenge
 * recorded with a later date, it comes from one pass over cases_take_up_idx instead; PostgreSQL decides which
 * once per query (the other branch is never run). The lineage (predecessors, transitively) starts from the
 * successions, which few councils have, and only adds what those councils inherit, from their own cases. (Started
 * from every council, PostgreSQL guessed millions of lineage rows, planned for them and compiled the plan with
 * JIT: seconds for 100,000 councils.)
 */
export function takeUpSql(asOf: string): string {
  return `
    WITH RECURSIVE lineage(root, code) AS (
      SELECT successor_gss_code, predecessor_gss_code FROM council_successions
      UNION
      SELECT l.root, s.predecessor_gss_code FROM council_successions s JOIN lineage l ON s.successor_gss_code = l.code
    ),
    delivered AS (
      SELECT s.gss_code AS code, s.last_cpc,
             CASE WHEN s.last_corporate >= DATE '${TAKE_UP_BASELINE}' THEN s.last_corporate END AS last_corporate
        FROM council_last_cpc s
       WHERE s.last_cpc >= DATE '${TAKE_UP_BASELINE}'
         AND NOT EXISTS (SELECT FROM council_last_cpc later WHERE later.last_cpc > ${asOf}::date)
      UNION ALL
      SELECT k.council_gss_code AS code, max(k.delivered_on) AS last_cpc, ${LAST_CORPORATE} AS last_corporate
        FROM cases k
       WHERE EXISTS (SELECT FROM council_last_cpc later WHERE later.last_cpc > ${asOf}::date)
         AND ${takeUpCasesSql(asOf)}
       GROUP BY k.council_gss_code
    ),
    inherited AS (
      SELECT l.root, max(k.delivered_on) AS last_cpc, ${LAST_CORPORATE} AS last_corporate
        FROM lineage l JOIN cases k ON k.council_gss_code = l.code
       WHERE ${takeUpCasesSql(asOf)}
       GROUP BY l.root
    )`;
}

/**
 * SQL: joins the council aliased `c` to its take-up `t`: `t.last_cpc` (text YYYY-MM-DD or null), `t.status`
 * (five-year take-up) and `t.no_cpc_since_2012`, from the CTEs of takeUpSql() with the same `asOf`.
 */
export function takeUpJoin(asOf: string): string {
  return `
        LEFT JOIN delivered d ON d.code = c.gss_code
        LEFT JOIN inherited i ON i.root = c.gss_code
        CROSS JOIN LATERAL (
          SELECT greatest(d.last_cpc, i.last_cpc) AS last_cpc,
                 greatest(d.last_corporate, i.last_corporate) AS last_corporate
        ) AS last
        CROSS JOIN LATERAL (
          SELECT to_char(last.last_cpc, 'YYYY-MM-DD') AS last_cpc, ${takeUpStatusSql('last.last_cpc', asOf)} AS status,
                 last.last_corporate IS NULL AS no_cpc_since_2012
        ) AS t`;
}
