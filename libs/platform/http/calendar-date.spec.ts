import { isCalendarDate, isDateOrTime } from './calendar-date.js';

describe('isCalendarDate', () => {
  it.each(['2026-11-23', '1900-01-01', '2199-12-31', '2024-02-29'])('takes %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });
  it.each(['2026-02-30', '2023-02-29', '9999-12-31', '2026-1-1', '1001', '', null, 20261123])('refuses %s', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });
});

describe('isDateOrTime', () => {
  it.each([
    '2026-11-23',
    '2026-11-23T14:05',
    '2026-11-23T14:05:00Z',
    '2026-11-23T14:05:00.123+01:00',
    '2026-03-29T01:30:00+0100',
  ])('takes %s', (value) => {
    expect(isDateOrTime(value)).toBe(true);
  });
  it.each([
    '1001',
    '2026',
    '2026-W48',
    '2026-327',
    '2026-11-23T24:00:00Z',
    '2026-02-30T10:00:00Z',
    '2026-11-23 14:05',
    'now',
    {},
  ])('refuses %s', (value) => {
    expect(isDateOrTime(value)).toBe(false);
  });
});
