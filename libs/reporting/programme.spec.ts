import { deliverables, elapsedFraction, financialYearBounds, rag, type Targets } from './programme.js';

describe('financialYearBounds', () => {
  it('runs from 1 April to 31 March', () => {
    expect(financialYearBounds(2018)).toEqual({ start: '2018-04-01', end: '2019-03-31' });
    expect(financialYearBounds(2015)).toEqual({ start: '2015-04-01', end: '2016-03-31' });
  });
});

describe('elapsedFraction', () => {
  it.each([
    [2018, '2017-06-01', 0],
    [2018, '2018-03-31', 0], // the day before the year
    [2018, '2018-04-01', 1 / 365], // the first day has passed once it is over
    [2018, '2018-09-30', 183 / 365],
    [2018, '2019-03-30', 364 / 365],
    [2018, '2019-03-31', 1], // the last day
    [2018, '2019-04-01', 1],
    [2018, '2024-01-01', 1],
    [2015, '2015-09-30', 0.5], // 2015/16 has 366 days (29 February 2016): 183 of them
    [2015, '2016-02-29', 335 / 366],
    [2015, '2016-03-31', 1],
  ])('%i/%s: %s', (year, asOf, expected) => {
    expect(elapsedFraction(year, asOf)).toBeCloseTo(expected, 12);
  });
});

describe('rag', () => {
  const up = { target: 100, start: 0, higherIsBetter: true };
  const down = { target: 50, start: 100, higherIsBetter: false };

  it.each([0, 0.25, 0.5, 0.99, 1])('is Green when met, at any time (fraction %s)', (fraction) => {
    expect(rag({ ...up, actual: 100, fraction })).toBe('Green');
    expect(rag({ ...up, actual: 130, fraction })).toBe('Green');
    expect(rag({ ...down, actual: 50, fraction })).toBe('Green');
    expect(rag({ ...down, actual: 12, fraction })).toBe('Green');
  });

  it('is Red at the year end when not met, however close', () => {
    expect(rag({ ...up, actual: 99, fraction: 1 })).toBe('Red');
    expect(rag({ ...down, actual: 51, fraction: 1 })).toBe('Red');
  });

  it('counts up: Amber exactly on the straight-line track mid-year, Red just below it', () => {
    expect(rag({ ...up, actual: 50, fraction: 0.5 })).toBe('Amber');
    expect(rag({ ...up, actual: 51, fraction: 0.5 })).toBe('Amber');
    expect(rag({ ...up, actual: 49, fraction: 0.5 })).toBe('Red');
    expect(rag({ ...up, actual: 25, fraction: 0.25 })).toBe('Amber');
    expect(rag({ ...up, actual: 24, fraction: 0.25 })).toBe('Red');
  });

  it('counts down: Amber exactly on the straight-line track from the baseline mid-year, Red just above it', () => {
    expect(rag({ ...down, actual: 75, fraction: 0.5 })).toBe('Amber');
    expect(rag({ ...down, actual: 74, fraction: 0.5 })).toBe('Amber');
    expect(rag({ ...down, actual: 76, fraction: 0.5 })).toBe('Red');
    expect(rag({ ...down, actual: 88, fraction: 0.25 })).toBe('Red'); // track: 87.5
    expect(rag({ ...down, actual: 87, fraction: 0.25 })).toBe('Amber');
  });

  it('is Amber at the start of the year for a figure still at its starting point', () => {
    expect(rag({ ...up, actual: 0, fraction: 0 })).toBe('Amber');
    expect(rag({ ...down, actual: 100, fraction: 0 })).toBe('Amber');
  });

  it('uses the fraction of the real year: exactly on track on 30 September 2015', () => {
    const fraction = elapsedFraction(2015, '2015-09-30');
    expect(rag({ actual: 6, target: 12, start: 0, fraction, higherIsBetter: true })).toBe('Amber');
    expect(rag({ actual: 5, target: 12, start: 0, fraction, higherIsBetter: true })).toBe('Red');
    // 350 councils without a challenge, a target of 343: the track is at 346.5 half way.
    expect(rag({ actual: 346, target: 343, start: 350, fraction, higherIsBetter: false })).toBe('Amber');
    expect(rag({ actual: 347, target: 343, start: 350, fraction, higherIsBetter: false })).toBe('Red');
    // A day earlier the track has moved less far.
    const before = elapsedFraction(2015, '2015-09-29');
    expect(rag({ actual: 6, target: 12, start: 0, fraction: before, higherIsBetter: true })).toBe('Amber');
    expect(rag({ actual: 5, target: 12, start: 0, fraction: before, higherIsBetter: true })).toBe('Red');
  });
});

describe('deliverables', () => {
  const targets2018: Targets = {
    financialYear: 2018,
    challengesTotal: 110,
    corporateOrFinance: 70,
    neverReductionPercent: 50,
  };

  it('reproduces the real 2018/19 outcome: 1.1 Green, 1.2 Red', () => {
    expect(
      deliverables(2018, targets2018, '2019-03-31', {
        total: 145,
        corporateOrFinance: 71,
        baseline: 112,
        stillNever: 63,
      }),
    ).toEqual([
      {
        id: '1.1',
        target: { total: 110, corporateOrFinance: 70 },
        actual: { total: 145, corporateOrFinance: 71 },
        rag: 'Green',
      },
      { id: '1.2', baseline: 112, target: 56, actual: 63, rag: 'Red' },
    ]);
  });

  it('rounds the 1.2 target down', () => {
    const [, d12] = deliverables(2018, targets2018, '2019-03-31', {
      total: 0,
      corporateOrFinance: 0,
      baseline: 113,
      stillNever: 56,
    });
    expect(d12).toMatchObject({ baseline: 113, target: 56, actual: 56, rag: 'Green' });
    const [, reduced] = deliverables(2018, { ...targets2018, neverReductionPercent: 2 }, '2019-03-31', {
      total: 0,
      corporateOrFinance: 0,
      baseline: 350,
      stillNever: 343,
    });
    expect(reduced).toMatchObject({ target: 343, rag: 'Green' });
  });

  it('gives 1.1 the worse RAG of its two figures', () => {
    const atYearEnd = (total: number, corporateOrFinance: number) =>
      deliverables(2018, targets2018, '2019-03-31', { total, corporateOrFinance, baseline: 112, stillNever: 50 })[0]
        .rag;
    expect(atYearEnd(110, 70)).toBe('Green');
    expect(atYearEnd(145, 69)).toBe('Red');
    expect(atYearEnd(109, 71)).toBe('Red');
    // mid-year (183 of 365 days): the track is at 55.2 and 35.1
    const midYear = (total: number, corporateOrFinance: number) =>
      deliverables(2018, targets2018, '2018-09-30', { total, corporateOrFinance, baseline: 112, stillNever: 100 })[0]
        .rag;
    expect(midYear(56, 36)).toBe('Amber');
    expect(midYear(110, 36)).toBe('Amber');
    expect(midYear(56, 35)).toBe('Red');
    expect(midYear(55, 70)).toBe('Red');
  });

  it('reckons 1.2 from the baseline during the year', () => {
    // 183/365 of the way from 112 to 56: the track is at 83.9
    const d12 = (stillNever: number) =>
      deliverables(2018, targets2018, '2018-09-30', { total: 0, corporateOrFinance: 0, baseline: 112, stillNever })[1]
        .rag;
    expect(d12(83)).toBe('Amber');
    expect(d12(84)).toBe('Red');
    expect(d12(56)).toBe('Green');
  });
});
