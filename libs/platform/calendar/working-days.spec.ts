import {
  addWorkingDays,
  isBankHoliday,
  isWorkingDay,
  londonTime,
  onOrAfterWorkingDay,
  WORKING_CALENDAR,
} from './working-days.js';

/**
 * Real England and Wales bank holidays (gov.uk/bank-holidays), checked by hand against a calendar: every date
 * below carries its weekday so a wrong fact stands out.
 */

describe('isWorkingDay', () => {
  it.each([
    // Weekends
    ['2026-07-03', 'Fri, ordinary weekday', true],
    ['2026-07-04', 'Sat', false],
    ['2026-07-05', 'Sun', false],
    ['2026-07-06', 'Mon, ordinary weekday', true],
    // Christmas 2026: Fri 25, Sat 26 → Boxing Day substitute Mon 28
    ['2026-12-24', 'Thu, Christmas Eve', true],
    ['2026-12-25', 'Fri, Christmas Day', false],
    ['2026-12-26', 'Sat, Boxing Day', false],
    ['2026-12-28', 'Mon, Boxing Day substitute', false],
    ['2026-12-29', 'Tue', true],
    // Christmas 2021: Sat 25, Sun 26 → substitutes Mon 27 and Tue 28
    ['2021-12-27', 'Mon, Christmas Day substitute', false],
    ['2021-12-28', 'Tue, Boxing Day substitute', false],
    ['2021-12-29', 'Wed', true],
    // Christmas 2022: Sun 25 → Boxing Day Mon 26, Christmas Day substitute Tue 27
    ['2022-12-26', 'Mon, Boxing Day', false],
    ['2022-12-27', 'Tue, Christmas Day substitute', false],
    ['2022-12-28', 'Wed', true],
    // Easter
    ['2025-04-17', 'Thu before Good Friday', true],
    ['2025-04-18', 'Fri, Good Friday', false],
    ['2025-04-21', 'Mon, Easter Monday', false],
    ['2025-04-22', 'Tue after Easter Monday', true],
    ['2026-04-03', 'Fri, Good Friday', false],
    ['2026-04-06', 'Mon, Easter Monday', false],
    ['2027-03-26', 'Fri, Good Friday', false],
    ['2027-03-29', 'Mon, Easter Monday', false],
    // Early May, spring and summer bank holidays
    ['2025-05-05', 'Mon, early May bank holiday', false],
    ['2025-05-26', 'Mon, spring bank holiday', false],
    ['2025-08-25', 'Mon, summer bank holiday', false],
    ['2026-05-04', 'Mon, early May bank holiday', false],
    ['2026-05-25', 'Mon, spring bank holiday', false],
    ['2026-08-31', 'Mon, summer bank holiday', false],
    // Moved and one-off holidays
    ['2020-05-04', 'Mon, first Monday of May 2020 (early May holiday moved to VE Day)', true],
    ['2020-05-08', 'Fri, early May bank holiday (VE Day)', false],
    ['2022-05-30', 'Mon, last Monday of May 2022 (spring holiday moved to 2 June)', true],
    ['2022-06-02', 'Thu, spring bank holiday', false],
    ['2022-06-03', 'Fri, Platinum Jubilee', false],
    ['2022-09-19', "Mon, the Queen's funeral", false],
    ['2023-05-08', 'Mon, the Coronation', false],
    // New Year
    ['2022-01-03', "Mon, New Year's Day substitute", false],
    ['2022-01-04', 'Tue', true],
    ['2023-01-02', "Mon, New Year's Day substitute", false],
    ['2023-01-03', 'Tue', true],
    ['2024-01-01', "Mon, New Year's Day", false],
    ['2027-01-01', "Fri, New Year's Day", false],
    ['2028-01-03', "Mon, New Year's Day substitute", false],
  ])('%s (%s) → %s', (date, _label, expected) => {
    expect(isWorkingDay(date)).toBe(expected);
  });
});

describe('isBankHoliday', () => {
  it.each([
    ['2026-12-25', 'Fri, Christmas Day'],
    ['2026-12-28', 'Mon, Boxing Day substitute'],
    ['2021-12-27', 'Mon, Christmas Day substitute'],
    ['2021-12-28', 'Tue, Boxing Day substitute'],
    ['2022-12-26', 'Mon, Boxing Day'],
    ['2022-12-27', 'Tue, Christmas Day substitute'],
    ['2025-04-18', 'Fri, Good Friday'],
    ['2025-04-21', 'Mon, Easter Monday'],
    ['2027-03-26', 'Fri, Good Friday'],
    ['2027-03-29', 'Mon, Easter Monday'],
    ['2026-05-04', 'Mon, early May'],
    ['2026-05-25', 'Mon, spring'],
    ['2026-08-31', 'Mon, summer'],
    ['2022-06-03', 'Fri, Platinum Jubilee'],
    ['2022-09-19', "Mon, the Queen's funeral"],
    ['2023-05-08', 'Mon, the Coronation'],
    ['2022-01-03', "Mon, New Year's Day substitute"],
    ['2023-01-02', "Mon, New Year's Day substitute"],
  ])('%s (%s) is a bank holiday', (date) => {
    expect(isBankHoliday(date)).toBe(true);
  });

  it.each([
    ['2026-07-06', 'Mon, ordinary weekday'],
    ['2026-07-04', 'Sat, ordinary weekend'],
    ['2026-12-24', 'Thu, Christmas Eve'],
    ['2026-12-31', "Thu, New Year's Eve"],
    ['2022-05-30', 'Mon, spring holiday moved that year'],
    ['2020-05-04', 'Mon, early May holiday moved that year'],
    ['2025-04-20', 'Sun, Easter Sunday (not a bank holiday)'],
  ])('%s (%s) is not a bank holiday', (date) => {
    expect(isBankHoliday(date)).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it.each([
    // Zero: the date itself, even when it is not a working day
    ['2026-07-06', 0, '2026-07-06', 'Mon + 0'],
    ['2026-07-04', 0, '2026-07-04', 'Sat + 0 stays on the Saturday'],
    ['2026-12-25', 0, '2026-12-25', 'Christmas Day + 0 stays on the holiday'],
    // Weekends
    ['2026-07-06', 1, '2026-07-07', 'Mon + 1 → Tue'],
    ['2026-07-03', 1, '2026-07-06', 'Fri + 1 → Mon'],
    ['2026-07-03', 5, '2026-07-10', 'Fri + 5 → next Fri'],
    ['2026-07-06', -1, '2026-07-03', 'Mon − 1 → Fri'],
    ['2026-01-05', 10, '2026-01-19', 'Mon + 10 → Mon two weeks on'],
    // From a weekend start
    ['2026-07-04', 1, '2026-07-06', 'Sat + 1 → Mon'],
    ['2026-07-05', 1, '2026-07-06', 'Sun + 1 → Mon'],
    ['2026-07-04', -1, '2026-07-03', 'Sat − 1 → Fri'],
    // From a holiday start
    ['2025-04-18', 1, '2025-04-22', 'Good Friday + 1 → Tue after Easter Monday'],
    ['2025-04-18', -1, '2025-04-17', 'Good Friday − 1 → Thu'],
    ['2026-12-25', 1, '2026-12-29', 'Christmas Day 2026 + 1 → Tue 29'],
    ['2026-12-28', -1, '2026-12-24', 'Boxing Day substitute − 1 → Christmas Eve'],
    // Christmas and Boxing Day with substitutes
    ['2026-12-24', 1, '2026-12-29', 'Thu 24 Dec 2026 + 1 skips 25, weekend, substitute 28'],
    ['2026-12-23', 3, '2026-12-30', 'Wed 23 Dec 2026 + 3 → 24, 29, 30'],
    ['2026-12-29', -1, '2026-12-24', 'Tue 29 Dec 2026 − 1 → Thu 24'],
    ['2021-12-24', 1, '2021-12-29', 'Fri 24 Dec 2021 + 1 skips weekend and substitutes 27, 28'],
    ['2022-12-23', 1, '2022-12-28', 'Fri 23 Dec 2022 + 1 skips weekend, Boxing Day 26, substitute 27'],
    // Easter
    ['2025-04-17', 1, '2025-04-22', 'Thu before Easter 2025 + 1 → Tue'],
    ['2025-04-22', -1, '2025-04-17', 'Tue after Easter 2025 − 1 → Thu'],
    ['2027-03-25', 1, '2027-03-30', 'Thu before Easter 2027 + 1 → Tue'],
    ['2026-03-30', 10, '2026-04-15', 'Mon 30 Mar 2026 + 10 across Easter'],
    ['2026-04-15', -10, '2026-03-30', 'Wed 15 Apr 2026 − 10 across Easter'],
    // Early May, spring, summer
    ['2026-05-22', 1, '2026-05-26', 'Fri + 1 over the spring bank holiday'],
    ['2026-08-28', 1, '2026-09-01', 'Fri + 1 over the summer bank holiday'],
    // One-offs
    ['2022-06-01', 1, '2022-06-06', 'Wed 1 Jun 2022 + 1 skips spring holiday and Platinum Jubilee'],
    ['2022-09-16', 1, '2022-09-20', "Fri + 1 skips the weekend and the Queen's funeral"],
    ['2023-05-05', 1, '2023-05-09', 'Fri + 1 skips the weekend and the Coronation'],
    ['2023-04-28', 5, '2023-05-09', 'Fri + 5 skips early May and the Coronation'],
    // Year ends: forwards into January, backwards over New Year
    ['2026-12-30', 1, '2026-12-31', 'Wed 30 Dec 2026 + 1 → Thu 31'],
    ['2026-12-31', 1, '2027-01-04', "31 Dec 2026 + 1 skips New Year's Day and the weekend"],
    ['2026-12-31', 3, '2027-01-06', '31 Dec 2026 + 3 → Wed 6 Jan 2027'],
    ['2027-01-04', -1, '2026-12-31', 'Mon 4 Jan 2027 − 1 → 31 Dec 2026'],
    ['2027-01-04', -2, '2026-12-30', 'Mon 4 Jan 2027 − 2 → 30 Dec 2026'],
    ['2021-12-31', 1, '2022-01-04', "31 Dec 2021 + 1 skips the weekend and the New Year's Day substitute"],
    ['2022-01-04', -1, '2021-12-31', 'Tue 4 Jan 2022 − 1 → Fri 31 Dec 2021'],
    ['2022-01-04', -3, '2021-12-29', 'Tue 4 Jan 2022 − 3 → Wed 29 Dec 2021'],
    ['2022-01-04', -4, '2021-12-24', 'Tue 4 Jan 2022 − 4 skips the Christmas substitutes → Fri 24 Dec'],
    ['2022-12-30', 1, '2023-01-03', "30 Dec 2022 + 1 skips the New Year's Day substitute 2 Jan"],
    ['2023-01-03', -1, '2022-12-30', 'Tue 3 Jan 2023 − 1 → Fri 30 Dec 2022'],
  ])('%s %p → %s (%s)', (date, days, expected) => {
    expect(addWorkingDays(date, days)).toBe(expected);
  });

  it('always lands on a working day for a non-zero count', () => {
    for (const start of ['2026-12-24', '2026-12-25', '2026-12-26', '2021-12-25', '2022-12-25', '2025-04-18']) {
      for (const days of [-15, -3, -1, 1, 3, 15]) {
        expect(isWorkingDay(addWorkingDays(start, days))).toBe(true);
      }
    }
  });
});

describe('onOrAfterWorkingDay', () => {
  it.each([
    ['2026-07-06', '2026-07-06', 'a working Monday is itself'],
    ['2026-12-31', '2026-12-31', "New Year's Eve is a working day"],
    ['2026-07-04', '2026-07-06', 'Sat → Mon'],
    ['2026-07-05', '2026-07-06', 'Sun → Mon'],
    ['2026-12-25', '2026-12-29', 'Christmas Day 2026 → Tue 29'],
    ['2026-12-26', '2026-12-29', 'Boxing Day 2026 (Sat) → Tue 29'],
    ['2021-12-25', '2021-12-29', 'Christmas Day 2021 (Sat) → Wed 29'],
    ['2022-12-25', '2022-12-28', 'Christmas Day 2022 (Sun) → Wed 28'],
    ['2022-01-01', '2022-01-04', "New Year's Day 2022 (Sat) → Tue 4"],
    ['2023-01-01', '2023-01-03', "New Year's Day 2023 (Sun) → Tue 3"],
    ['2027-01-01', '2027-01-04', "New Year's Day 2027 (Fri) → Mon 4"],
    ['2025-04-18', '2025-04-22', 'Good Friday 2025 → Tue after Easter Monday'],
    ['2027-03-26', '2027-03-30', 'Good Friday 2027 → Tue after Easter Monday'],
    ['2022-06-02', '2022-06-06', 'spring holiday 2022 → Mon after the Platinum Jubilee'],
    ['2022-09-19', '2022-09-20', "the Queen's funeral → Tue"],
    ['2023-05-06', '2023-05-09', 'Sat before the Coronation → Tue'],
  ])('%s → %s (%s)', (date, expected) => {
    expect(onOrAfterWorkingDay(date)).toBe(expected);
  });
});

describe('WORKING_CALENDAR', () => {
  it('is the working-day arithmetic of this module', () => {
    expect(WORKING_CALENDAR.addWorkingDays('2026-12-24', 1)).toBe('2026-12-29');
    expect(WORKING_CALENDAR.onOrAfter('2026-12-26')).toBe('2026-12-29');
  });
});

describe('londonTime', () => {
  it.each([
    ['2026-07-01', '08:00', '2026-07-01T07:00:00.000Z', 'summer (BST, UTC+1)'],
    ['2026-12-01', '08:00', '2026-12-01T08:00:00.000Z', 'winter (GMT)'],
    ['2026-03-28', '08:00', '2026-03-28T08:00:00.000Z', 'the day before the clocks go forward (GMT)'],
    ['2026-03-29', '08:00', '2026-03-29T07:00:00.000Z', 'the day the clocks go forward (BST from 01:00 GMT)'],
    ['2026-03-29', '00:30', '2026-03-29T00:30:00.000Z', 'the day the clocks go forward, before the change'],
    ['2026-10-24', '08:00', '2026-10-24T07:00:00.000Z', 'the day before the clocks go back (BST)'],
    ['2026-10-25', '08:00', '2026-10-25T08:00:00.000Z', 'the day the clocks go back (GMT from 02:00 BST)'],
    ['2026-10-25', '00:30', '2026-10-24T23:30:00.000Z', 'the day the clocks go back, before the change'],
    ['2026-07-01', '00:30', '2026-06-30T23:30:00.000Z', 'just after midnight in summer is the previous UTC day'],
    ['2026-12-01', '23:30', '2026-12-01T23:30:00.000Z', 'late evening in winter'],
    [
      '2026-07-01',
      '23:30',
      '2026-07-01T22:30:00.000Z',
      'late evening in summer (BST): the same UTC day, an hour earlier',
    ],
  ])('%s %s → %s (%s)', (date, time, expected) => {
    const instant = londonTime(date, time);
    expect(instant.toISOString()).toBe(expected);
    // And it reads back as that wall-clock time on that date in London.
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: 'Europe/London',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(instant);
    const part = (type: string) => parts.find((p) => p.type === type)?.value;
    expect(`${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}`).toBe(`${date} ${time}`);
  });

  it('defaults to 08:00', () => {
    expect(londonTime('2026-07-01').toISOString()).toBe('2026-07-01T07:00:00.000Z');
    expect(londonTime('2026-12-01').toISOString()).toBe('2026-12-01T08:00:00.000Z');
  });
});
