import Holidays from 'date-holidays';

/**
 * Working days in England and Wales: Monday to Friday except bank holidays, from the date-holidays package's
 * offline data (region GB-ENG; Wales has the same bank holidays), including substitute days and one-off
 * holidays such as state funerals and coronations.
 */
const holidays = new Holidays('GB', 'ENG');
const byYear = new Map<number, Set<string>>();

function bankHolidays(year: number): Set<string> {
  let days = byYear.get(year);
  if (!days) {
    days = new Set(
      holidays
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public' || holiday.type === 'bank')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    byYear.set(year, days);
  }
  return days;
}

/** The date `days` calendar days after `date` (before, when negative). */
export function addCalendarDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function isBankHoliday(date: string): boolean {
  return bankHolidays(Number(date.slice(0, 4))).has(date);
}

export function isWorkingDay(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isBankHoliday(date);
}

/** `days` working days after `date`, or before it when negative; 0 gives `date` itself. */
export function addWorkingDays(date: string, days: number): string {
  const step = days < 0 ? -1 : 1;
  let current = date;
  for (let left = Math.abs(days); left > 0;) {
    current = addCalendarDays(current, step);
    if (isWorkingDay(current)) left--;
  }
  return current;
}

/** `date` itself when it is a working day, else the next working day. */
export function onOrAfterWorkingDay(date: string): string {
  let current = date;
  while (!isWorkingDay(current)) current = addCalendarDays(current, 1);
  return current;
}

export const WORKING_CALENDAR = { addWorkingDays, onOrAfter: onOrAfterWorkingDay };

const LONDON = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The London wall-clock reading of an instant, as if it were UTC (to measure London's offset). */
function londonWallClock(instant: Date): number {
  const parts = Object.fromEntries(LONDON.formatToParts(instant).map((p) => [p.type, p.value]));
  return Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute);
}

/** The instant of a wall-clock time on a date in London (08:00 on a reminder's due date). */
export function londonTime(date: string, time = '08:00'): Date {
  const wanted = Date.parse(`${date}T${time}:00Z`);
  const offset = londonWallClock(new Date(wanted)) - wanted;
  const instant = new Date(wanted - offset);
  // Near a clock change the offset at the answer can differ from the offset at the guess: measure again.
  const corrected = londonWallClock(instant) - instant.getTime();
  return corrected === offset ? instant : new Date(wanted - corrected);
}
