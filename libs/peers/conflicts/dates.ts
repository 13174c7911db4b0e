export interface Period {
  from: string;
  to: string | null;
}

export type Timing = 'ended' | 'current' | 'planned';

/** How to say that something happened with a council, per timing: 'was employed by', 'has been employed by', … */
export type Tenses = Record<Timing, string>;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The same month and day `years` calendar years before `on`; 29 February becomes 28 February in a common year. */
export function lookBackStart(on: string, years: number): string {
  const match = ISO_DATE.exec(on);
  if (!match) throw new RangeError(`Expected a date written YYYY-MM-DD, got ${JSON.stringify(on)}`);
  const [, yearText, month, dayText] = match;
  const year = Number(yearText) - years;
  const day = month === '02' && dayText === '29' && !isLeapYear(year) ? '28' : dayText;
  return `${String(year).padStart(4, '0')}-${month}-${day}`;
}

/** A period that has not ended by `on`, or has not started yet, counts as current. */
export function timingOf(period: Period, on: string): Timing {
  if (period.from > on) return 'planned';
  if (period.to === null || period.to >= on) return 'current';
  return 'ended';
}

export function isWithinLookBack(period: Period, on: string, years: number): boolean {
  return period.to === null || period.from > on || period.to >= lookBackStart(on, years);
}

/** E.g. "was employed by Dorset Council (interim) from 2015-04-01 to 2019-03-31". */
export function describePeriod(
  tenses: Tenses,
  councilName: string,
  period: Period & { note?: string | null },
  on: string,
): string {
  const note = period.note?.trim() ? ` (${period.note.trim()})` : '';
  const timing = timingOf(period, on);
  const subject = `${tenses[timing]} ${councilName}${note}`;
  if (timing === 'ended') return `${subject} from ${period.from} to ${period.to}`;
  if (timing === 'planned') return `${subject} from ${period.from}${period.to ? ` to ${period.to}` : ''}`;
  return `${subject} since ${period.from}${period.to ? ` (due to end ${period.to})` : ''}`;
}

/** Where an ended period sits against the look-back; empty for a current or planned one. */
export function lookBackClause(period: Period, on: string, years: number): string {
  if (timingOf(period, on) !== 'ended') return '';
  if (isWithinLookBack(period, on, years)) return `, within the ${years}-year look-back`;
  return `, before the ${years}-year look-back that starts on ${lookBackStart(on, years)}`;
}
