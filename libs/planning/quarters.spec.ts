import {
  nextQuarter,
  quarterDays,
  quarterEnd,
  quarterIndex,
  quarterName,
  quarterOfDate,
  quietDaysIn,
} from './quarters.js';

describe('quarters', () => {
  it('numbers, names and bounds calendar quarters', () => {
    expect(quarterName(quarterIndex('2027-Q4') + 1)).toBe('2028-Q1');
    expect(quarterName(quarterOfDate('2027-06-30'))).toBe('2027-Q2');
    expect(quarterEnd(quarterIndex('2028-Q1'))).toBe('2028-03-31');
    expect(quarterDays(quarterIndex('2028-Q1'))).toBe(91);
    expect(quarterDays(quarterIndex('2027-Q1'))).toBe(90);
    expect(nextQuarter('2026-12-05')).toBe('2027-Q1');
    expect(() => quarterIndex('2027-Q5')).toThrow();
  });

  it('counts quiet days once where periods overlap, clipped to the quarter', () => {
    const q = quarterIndex('2027-Q2');
    expect(quietDaysIn(q, [{ from: '2027-03-01', to: '2027-04-10' }])).toBe(10);
    expect(
      quietDaysIn(q, [
        { from: '2027-04-05', to: '2027-04-20' },
        { from: '2027-04-10', to: '2027-04-12' },
        { from: '2027-04-15', to: '2027-04-25' },
      ]),
    ).toBe(21);
    expect(quietDaysIn(q, [{ from: '2027-07-01', to: '2027-07-02' }])).toBe(0);
  });
});
