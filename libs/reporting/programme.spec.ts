import { deliverables, financialYearBounds, rag, type ProgrammeFigures, type Targets } from './programme.js';

describe('financialYearBounds', () => {
  it('runs from 1 April to 31 March', () => {
    expect(financialYearBounds(2018)).toEqual({ start: '2018-04-01', end: '2019-03-31' });
  });
});

describe('rag, by the seeds’ key (003 para 2)', () => {
  it.each([
    [true, true, false, 'Green'],
    [true, false, true, 'Green'],
    [false, true, false, 'Amber'],
    [false, false, false, 'Red'],
    [false, true, true, 'Red'],
  ] as const)('achieved %s, on track %s, year over %s: %s', (achieved, onTrack, yearOver, expected) => {
    expect(rag({ achieved, onTrack, yearOver })).toBe(expected);
  });
});

describe('deliverables', () => {
  const targets: Targets = {
    financialYear: 2016,
    challengesTotal: 110,
    corporateOrFinance: 70,
    neverReductionPercent: 50,
  };
  const none = { delivered: 0, confirmed: 0, inDiscussion: 0 };
  const figures = (more: Partial<ProgrammeFigures>): ProgrammeFigures => ({
    total: none,
    corporateOrFinance: none,
    baseline: 112,
    stillNever: 112,
    neverConfirmed: 0,
    neverInDiscussion: 0,
    ...more,
  });

  it('is Amber at 30 September 2016 with 52 delivered, 51 confirmed and 42 in discussion against 110 (003 para 9)', () => {
    const [d11] = deliverables(
      2016,
      targets,
      '2016-09-30',
      figures({
        total: { delivered: 52, confirmed: 51, inDiscussion: 42 },
        corporateOrFinance: { delivered: 30, confirmed: 25, inDiscussion: 20 },
      }),
    );
    expect(d11).toEqual({
      id: '1.1',
      target: { total: 110, corporateOrFinance: 70 },
      actual: { total: 52, corporateOrFinance: 30 },
      delivered: { total: 52, corporateOrFinance: 30 },
      confirmed: { total: 51, corporateOrFinance: 25 },
      inDiscussion: { total: 42, corporateOrFinance: 20 },
      rag: 'Amber',
    });
  });

  it('is Red mid-year when the pipeline falls short, and Green mid-year once achieved', () => {
    const midYear = (total: ProgrammeFigures['total'], cof = { delivered: 70, confirmed: 0, inDiscussion: 0 }) =>
      deliverables(2016, targets, '2016-09-30', figures({ total, corporateOrFinance: cof }))[0].rag;
    expect(midYear({ delivered: 52, confirmed: 40, inDiscussion: 17 })).toBe('Red');
    expect(midYear({ delivered: 52, confirmed: 40, inDiscussion: 18 })).toBe('Amber');
    expect(midYear({ delivered: 110, confirmed: 0, inDiscussion: 0 })).toBe('Green');
    // 1.1 takes the worse of its two figures
    expect(
      midYear({ delivered: 110, confirmed: 0, inDiscussion: 0 }, { delivered: 30, confirmed: 10, inDiscussion: 0 }),
    ).toBe('Red');
  });

  it('reproduces the real 2018/19 year end (004): 1.1 Green with 145 of 110, 1.2 Red with 63 against 56', () => {
    const result = deliverables(
      2018,
      { ...targets, financialYear: 2018 },
      '2019-03-31',
      figures({
        total: { delivered: 145, confirmed: 0, inDiscussion: 0 },
        corporateOrFinance: { delivered: 71, confirmed: 0, inDiscussion: 0 },
        baseline: 112,
        stillNever: 63,
        // a pipeline no longer counts once the year is over
        neverConfirmed: 5,
        neverInDiscussion: 5,
      }),
    );
    expect(result[0]).toMatchObject({ actual: { total: 145, corporateOrFinance: 71 }, rag: 'Green' });
    expect(result[1]).toEqual({
      id: '1.2',
      baseline: 112,
      target: 56,
      actual: 63,
      delivered: 49,
      confirmed: 5,
      inDiscussion: 5,
      rag: 'Red',
    });
  });

  it('counts 1.2’s pipeline down from the councils still without a CPC, and rounds its target down', () => {
    const d12 = (stillNever: number, neverConfirmed: number, neverInDiscussion: number) =>
      deliverables(
        2018,
        targets,
        '2018-09-30',
        figures({ baseline: 113, stillNever, neverConfirmed, neverInDiscussion }),
      )[1];
    expect(d12(56, 0, 0)).toMatchObject({ target: 56, rag: 'Green' });
    expect(d12(80, 14, 10)).toMatchObject({ rag: 'Amber' });
    expect(d12(80, 14, 9)).toMatchObject({ rag: 'Red' });
    const [, reduced] = deliverables(
      2018,
      { ...targets, neverReductionPercent: 2 },
      '2019-03-31',
      figures({ baseline: 350, stillNever: 343 }),
    );
    expect(reduced).toMatchObject({ target: 343, rag: 'Green' });
  });
});
