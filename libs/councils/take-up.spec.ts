import { addYears, TAKE_UP_BASELINE, takeUpStatus } from './take-up.js';

describe('addYears', () => {
  it.each([
    ['2016-06-16', 4, '2020-06-16'],
    ['2016-06-16', 5, '2021-06-16'],
    ['2019-03-01', 5, '2024-03-01'],
    ['2012-01-01', 0, '2012-01-01'],
    ['2016-02-29', 4, '2020-02-29'], // leap year to leap year: the same day
    ['2016-02-29', 5, '2021-02-28'], // into a common year: 28 February
    ['2016-02-29', 1, '2017-02-28'],
    ['2000-02-29', 100, '2100-02-28'], // 2100 is not a leap year
    ['2000-02-29', 400, '2400-02-29'],
    ['2021-02-28', 3, '2024-02-28'], // 28 February stays 28 February
    ['2016-12-31', 5, '2021-12-31'],
  ])('%s + %i years = %s', (date, years, expected) => {
    expect(addYears(date, years)).toBe(expected);
  });

  it('counts back as well as forward', () => {
    expect(addYears('2026-11-23', -4)).toBe('2022-11-23');
    expect(addYears('2024-02-29', -1)).toBe('2023-02-28');
  });
});

describe('takeUpStatus', () => {
  it('has the baseline of 1 January 2012', () => {
    expect(TAKE_UP_BASELINE).toBe('2012-01-01');
  });

  it('is never without a challenge', () => {
    expect(takeUpStatus(null, '2026-11-23')).toBe('never');
  });

  it.each([
    // a challenge on the baseline day itself counts; the day before does not
    ['2012-01-01', '2012-01-01', 'current'],
    ['2012-01-01', '2015-12-31', 'current'],
    ['2012-01-01', '2016-01-01', 'due'],
    ['2012-01-01', '2017-01-01', 'overdue'],
    ['2011-12-31', '2011-12-31', 'never'],
    ['2011-12-31', '2012-01-01', 'never'],
    ['2011-12-31', '2026-11-23', 'never'],
  ])('a challenge on %s, as of %s: %s', (last, asOf, expected) => {
    expect(takeUpStatus(last, asOf)).toBe(expected);
  });

  it.each([
    ['2016-06-16', 'current'], // the day of the challenge
    ['2016-06-17', 'current'],
    ['2020-06-15', 'current'], // the day before the 4th anniversary
    ['2020-06-16', 'due'], // the 4th anniversary
    ['2021-06-15', 'due'], // the day before the 5th anniversary
    ['2021-06-16', 'overdue'], // the 5th anniversary
    ['2030-01-01', 'overdue'],
  ])('a challenge on 2016-06-16, as of %s: %s', (asOf, expected) => {
    expect(takeUpStatus('2016-06-16', asOf)).toBe(expected);
  });

  it.each([
    ['2020-02-28', 'current'],
    ['2020-02-29', 'due'], // 2020 is a leap year: the 4th anniversary is 29 February
    ['2021-02-27', 'due'],
    ['2021-02-28', 'overdue'], // 2021 is not: the 5th anniversary is 28 February
    ['2021-03-01', 'overdue'],
  ])('a challenge on 29 February 2016, as of %s: %s', (asOf, expected) => {
    expect(takeUpStatus('2016-02-29', asOf)).toBe(expected);
  });

  it('does not count a challenge delivered after the date', () => {
    expect(takeUpStatus('2020-05-01', '2020-04-30')).toBe('never');
    expect(takeUpStatus('2020-05-01', '2012-01-01')).toBe('never');
    expect(takeUpStatus('2020-05-01', '2020-05-01')).toBe('current');
  });
});
