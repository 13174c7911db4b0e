/** Calendar quarters written `YYYY-Qn`, and their arithmetic as one integer: year × 4 + (n − 1). */

const QUARTER = /^(\d{4})-Q([1-4])$/;

export function isQuarter(value: string): boolean {
  return QUARTER.test(value);
}

export function quarterIndex(quarter: string): number {
  const m = QUARTER.exec(quarter);
  if (!m) throw new Error(`not a quarter: ${quarter}`);
  return Number(m[1]) * 4 + Number(m[2]) - 1;
}

export function quarterName(index: number): string {
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

/** The quarter a date (YYYY-MM-DD) falls in, as an index. */
export function quarterOfDate(date: string): number {
  return Number(date.slice(0, 4)) * 4 + Math.floor((Number(date.slice(5, 7)) - 1) / 3);
}

/** The first day of a quarter (YYYY-MM-DD). */
export function quarterStart(index: number): string {
  const month = (index % 4) * 3 + 1;
  return `${String(Math.floor(index / 4)).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
}

/** The last day of a quarter (YYYY-MM-DD). */
export function quarterEnd(index: number): string {
  const next = new Date(`${quarterStart(index + 1)}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() - 1);
  return next.toISOString().slice(0, 10);
}

const DAY = 86_400_000;

function dayNumber(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / DAY;
}

/** Days in a quarter (90 to 92). */
export function quarterDays(index: number): number {
  return dayNumber(quarterEnd(index)) - dayNumber(quarterStart(index)) + 1;
}

/**
 * How many days of the quarter fall in at least one of the periods (inclusive dates; overlapping periods count
 * each day once).
 */
export function quietDaysIn(index: number, periods: ReadonlyArray<{ from: string; to: string }>): number {
  const start = dayNumber(quarterStart(index));
  const end = dayNumber(quarterEnd(index));
  const spans = periods
    .map((p) => [Math.max(start, dayNumber(p.from)), Math.min(end, dayNumber(p.to))] as const)
    .filter(([a, b]) => a <= b)
    .sort((x, y) => x[0] - y[0]);
  let days = 0;
  let covered = start - 1;
  for (const [a, b] of spans) {
    if (b <= covered) continue;
    days += b - Math.max(a, covered + 1) + 1;
    covered = b;
  }
  return days;
}

/** The calendar quarter after the one `date` falls in: the default start of a plan. */
export function nextQuarter(date: string): string {
  return quarterName(quarterOfDate(date) + 1);
}
