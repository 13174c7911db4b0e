import { addCalendarDays, isCalendarDate } from '#libs/platform';
import { COUNCIL_TYPES, REGIONS, type CouncilType, type Region } from './council.entity.js';

/**
 * A reorganisation an admin applies to the register (docs/DOMAIN.md, "Reorganisations ahead"): predecessors that
 * cease to exist and the successors that take over their areas from a vesting day, past or future. Pure rules here;
 * `ReorganisationsService` checks them against the register and writes them all or nothing.
 *
 * A row names one predecessor and one successor, as `data/councils/reorganisations.csv` does, with the successor's
 * type and region added (a new council needs them). A predecessor ceases on the day before its successor's start
 * date, as the register reads the historical file.
 */
export interface ReorganisationRow {
  predecessor_gss_code: string;
  predecessor_name: string;
  successor_gss_code: string;
  successor_name: string;
  successor_type: CouncilType;
  successor_region: Region;
  successor_start_date: string;
  /** As in reorganisations.csv: optional, and if given the day before the start date or the start date itself. */
  end_date?: string;
}

export const REORGANISATION_FIELDS = [
  'predecessor_gss_code',
  'predecessor_name',
  'successor_gss_code',
  'successor_name',
  'successor_type',
  'successor_region',
  'successor_start_date',
  'end_date',
] as const;

/** An English council's GSS code: E, two digits of entity type, six of the council. */
export const GSS_CODE = /^E\d{8}$/;

/** The register as a reorganisation reads it: each council's name and the last day it exists (null: still). */
export interface RegisterView {
  councils: ReadonlyMap<string, { name: string; endDate: string | null }>;
}

/** The last day a predecessor exists: the day before its successor starts. */
export const dayBefore = (isoDate: string): string => addCalendarDays(isoDate, -1);

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** Every problem of one row on its own, as sentences naming the column; `register` holds the councils. */
export function reorganisationRowProblems(row: unknown, register: RegisterView): string[] {
  if (row === null || typeof row !== 'object' || Array.isArray(row)) return ['a row must be an object'];
  const r = row as Record<string, unknown>;
  const problems = Object.keys(r)
    .filter((key) => !(REORGANISATION_FIELDS as readonly string[]).includes(key))
    .map((key) => `${key} is not a column (the columns are ${REORGANISATION_FIELDS.join(', ')})`);
  const predecessor = text(r.predecessor_gss_code).toUpperCase();
  const known = register.councils.get(predecessor);
  if (!known) problems.push('predecessor_gss_code must be the GSS code of a council in the register');
  else {
    if (text(r.predecessor_name) !== known.name) {
      problems.push(`predecessor_name must be the register's name of ${predecessor}: ${known.name}`);
    }
    if (known.endDate) {
      problems.push(
        `${known.name} (${predecessor}) is already replaced by a reorganisation (its last day: ${known.endDate})`,
      );
    }
  }
  const successor = text(r.successor_gss_code).toUpperCase();
  if (!GSS_CODE.test(successor)) problems.push('successor_gss_code must be a GSS code such as E06000065');
  else if (register.councils.has(successor)) {
    problems.push(
      `successor_gss_code ${successor} is already in the register (${register.councils.get(successor)!.name})`,
    );
  }
  if (successor && successor === predecessor) problems.push('a council cannot succeed itself');
  if (!text(r.successor_name)) problems.push('successor_name must be the new council’s name');
  if (!COUNCIL_TYPES.includes(r.successor_type as CouncilType)) {
    problems.push(`successor_type must be one of: ${COUNCIL_TYPES.join(', ')}`);
  }
  if (!REGIONS.includes(r.successor_region as Region)) {
    problems.push(`successor_region must be one of: ${REGIONS.join(', ')}`);
  }
  const start = r.successor_start_date;
  if (!isCalendarDate(start)) problems.push('successor_start_date must be a date (YYYY-MM-DD)');
  else if (r.end_date !== undefined && r.end_date !== '' && r.end_date !== start && r.end_date !== dayBefore(start)) {
    problems.push(`end_date must be ${dayBefore(start)} (the day before successor_start_date) or be left out`);
  }
  return problems;
}

/** A successor with everything it is made of, as the rows say once they agree. */
export interface PlannedSuccessor {
  gssCode: string;
  name: string;
  type: CouncilType;
  region: Region;
  startDate: string;
  predecessors: string[];
}

/** Reads the rows (each already valid on its own) as successors; the problems where rows disagree, by line. */
export function successorsOf(rows: ReadonlyArray<{ line: number; row: ReorganisationRow }>): {
  successors: PlannedSuccessor[];
  problems: Array<{ line: number; problems: string[] }>;
} {
  const successors = new Map<string, PlannedSuccessor & { line: number }>();
  const endings = new Map<string, { start: string; line: number }>();
  const pairs = new Map<string, number>();
  const problems: Array<{ line: number; problems: string[] }> = [];
  for (const { line, row } of rows) {
    const found: string[] = [];
    const code = row.successor_gss_code.trim().toUpperCase();
    const predecessor = row.predecessor_gss_code.trim().toUpperCase();
    const start = row.successor_start_date;
    const pair = `${predecessor}>${code}`;
    if (pairs.has(pair)) found.push(`repeats line ${pairs.get(pair)}`);
    else pairs.set(pair, line);
    const known = successors.get(code);
    if (!known) {
      successors.set(code, {
        gssCode: code,
        name: row.successor_name.trim(),
        type: row.successor_type,
        region: row.successor_region,
        startDate: start,
        predecessors: [predecessor],
        line,
      });
    } else {
      for (const [field, mine, theirs] of [
        ['successor_name', row.successor_name.trim(), known.name],
        ['successor_type', row.successor_type, known.type],
        ['successor_region', row.successor_region, known.region],
        ['successor_start_date', start, known.startDate],
      ] as const) {
        if (mine !== theirs) found.push(`${field} differs from line ${known.line} for ${code} (${theirs})`);
      }
      if (!known.predecessors.includes(predecessor)) known.predecessors.push(predecessor);
    }
    const ending = endings.get(predecessor);
    if (!ending) endings.set(predecessor, { start, line });
    else if (ending.start !== start) {
      found.push(`${predecessor} would end twice: its successors must all start on the same day (line ${ending.line})`);
    }
    if (found.length > 0) problems.push({ line, problems: found });
  }
  return { successors: [...successors.values()].map(({ line: _line, ...s }) => s), problems };
}
