import { registerDecorator, type ValidationOptions } from 'class-validator';

/** A real calendar date written YYYY-MM-DD between 1900 and 2199 (2026-02-30 and 9999-12-31 are refused). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^(19|20|21)\d{2}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function IsCalendarDate(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName,
      options: { message: `${propertyName} must be a date written YYYY-MM-DD (1900–2199)`, ...options },
      validator: { validate: isCalendarDate },
    });
}

/** Today's date in the UK (Europe/London), as the programme's deadlines are kept. */
const LONDON_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

export function todayInLondon(now = new Date()): string {
  return LONDON_DATE.format(now);
}
