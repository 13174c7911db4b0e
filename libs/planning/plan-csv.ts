import { toCsv } from '#libs/reporting';
import type { PlannedCouncil } from './planner.js';

/** Why a council is proposed for its quarter, in a sentence: the planner's binding reason, or why it is on time. */
export function whyProposed(c: PlannedCouncil, startQuarter: string): string {
  if (c.reason) return c.reason;
  if (c.dueQuarter === startQuarter) return 'due now (never challenged since 2012, or due at the horizon’s start)';
  return `five-year due by ${c.dueQuarter}: planned on time`;
}

/** A plan's councils as CSV, one line each. */
export function planCsv(councils: PlannedCouncil[], startQuarter: string): string {
  return toCsv(
    ['GSS code', 'Council', 'Region', 'Due by', 'Planned for', 'Quarters late', 'Why this quarter'],
    councils.map((c) => [
      c.gssCode,
      c.name,
      c.region,
      c.dueQuarter,
      c.plannedQuarter,
      c.lateBy,
      whyProposed(c, startQuarter),
    ]),
  );
}
