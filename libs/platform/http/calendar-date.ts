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

const TIME =
  /^((19|20|21)\d{2}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,6})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?$/;

/**
 * A calendar date (as isCalendarDate) or a time on one such as 2026-11-23T14:05:00Z: the forms a person writes
 * and PostgreSQL reads the same way. ISO 8601's rarer forms ("1001", week and ordinal dates) are refused.
 */
export function isDateOrTime(value: unknown): value is string {
  if (isCalendarDate(value)) return true;
  const match = typeof value === 'string' ? TIME.exec(value) : null;
  return match !== null && isCalendarDate(match[1]);
}

export function IsDateOrTime(options?: ValidationOptions) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isDateOrTime',
      target: target.constructor,
      propertyName,
      options: {
        message: `${propertyName} must be a date (YYYY-MM-DD) or a time such as 2026-11-23T14:05:00Z`,
        ...options,
      },
      validator: { validate: isDateOrTime },
    });
}

/** Today's date in the UK (Europe/London), as the programme's deadlines are kept. */
const LONDON_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' });

export function todayInLondon(now = new Date()): string {
  return LONDON_DATE.format(now);
}
