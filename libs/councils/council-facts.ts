import { isCalendarDate } from '#libs/platform';

/**
 * Council facts with effective dates (`docs/DOMAIN.md`, "Take-up breakdowns"): the MoU asks take-up by political
 * control and LGA membership. Pure rules here; `CouncilFactsService` stores and reads them.
 */
export const FACT_VALUES = {
  political_control: [
    'conservative',
    'labour',
    'liberal_democrat',
    'green',
    'independent',
    'other',
    'no_overall_control',
  ],
  lga_membership: ['member', 'on_notice', 'not_member'],
} as const;

export type FactKind = keyof typeof FACT_VALUES;
export const FACT_KINDS = Object.keys(FACT_VALUES) as FactKind[];

/** One fact of one council, from a day on. */
export interface CouncilFact {
  gssCode: string;
  kind: FactKind;
  value: string;
  from: string;
}

const FIELDS = ['gssCode', 'kind', 'value', 'from'];

/** Every problem of a row of facts, as sentences naming the field; `councils` holds the register's codes. */
export function factProblems(row: unknown, councils: ReadonlySet<string>): string[] {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) return ['a row must be an object'];
  const r = row as Record<string, unknown>;
  const problems = Object.keys(r)
    .filter((key) => !FIELDS.includes(key))
    .map((key) => `${key} is not a field (the fields are ${FIELDS.join(', ')})`);
  if (typeof r.gssCode !== 'string' || !councils.has(r.gssCode.toUpperCase())) {
    problems.push('gssCode must be the GSS code of a council in the register');
  }
  const kind = r.kind as FactKind;
  if (!FACT_KINDS.includes(kind)) problems.push(`kind must be one of: ${FACT_KINDS.join(', ')}`);
  else if (!(FACT_VALUES[kind] as readonly string[]).includes(r.value as string)) {
    problems.push(`value must be one of: ${FACT_VALUES[kind].join(', ')}`);
  }
  if (!isCalendarDate(r.from)) problems.push('from must be a date (YYYY-MM-DD)');
  return problems;
}

/** SQL: the value of the fact `kind` (a literal kind) of the council aliased `c` on the date in `asOf`, or 'unknown'. */
export function factOnSql(kind: FactKind, asOf: string): string {
  return `coalesce((SELECT f.value FROM council_facts f
                     WHERE f.gss_code = c.gss_code AND f.kind = '${kind}' AND f.effective_from <= ${asOf}::date
                     ORDER BY f.effective_from DESC LIMIT 1), 'unknown')`;
}
