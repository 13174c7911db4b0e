/** The programme's deliverables 1.1 and 1.2 (`000`) and their RAG, as pure arithmetic. */
export type Rag = 'Green' | 'Amber' | 'Red';

export interface Targets {
  financialYear: number;
  challengesTotal: number;
  corporateOrFinance: number;
  neverReductionPercent: number;
}

/** 2018 → 1 April 2018 to 31 March 2019. */
export function financialYearBounds(year: number): { start: string; end: string } {
  return { start: `${year}-04-01`, end: `${year + 1}-03-31` };
}

/** How much of the financial year has passed on `asOf` (0 before it starts, 1 on its last day and after). */
export function elapsedFraction(year: number, asOf: string): number {
  const { start, end } = financialYearBounds(year);
  if (asOf < start) return 0;
  if (asOf >= end) return 1;
  const day = 86_400_000;
  const total = (Date.parse(end) - Date.parse(start)) / day + 1;
  return ((Date.parse(asOf) - Date.parse(start)) / day + 1) / total;
}

/**
 * Green when met; Red when the year is over and it is not; during the year Amber when on a straight-line
 * track to the target, else Red. `higherIsBetter` for counts of challenges, not for councils without one.
 */
export function rag(options: {
  actual: number;
  target: number;
  start: number;
  fraction: number;
  higherIsBetter: boolean;
}): Rag {
  const { actual, target, start, fraction, higherIsBetter } = options;
  const met = higherIsBetter ? actual >= target : actual <= target;
  if (met) return 'Green';
  if (fraction >= 1) return 'Red';
  const expected = start + (target - start) * fraction;
  const onTrack = higherIsBetter ? actual >= expected : actual <= expected;
  return onTrack ? 'Amber' : 'Red';
}

export function deliverables(
  financialYear: number,
  targets: Targets,
  asOf: string,
  figures: { total: number; corporateOrFinance: number; baseline: number; stillNever: number },
) {
  // The year being reported, not the year its targets were set for (they carry forward).
  const fraction = elapsedFraction(financialYear, asOf);
  const neverTarget = Math.floor((figures.baseline * (100 - targets.neverReductionPercent)) / 100);
  const challengesRag = [
    rag({ actual: figures.total, target: targets.challengesTotal, start: 0, fraction, higherIsBetter: true }),
    rag({
      actual: figures.corporateOrFinance,
      target: targets.corporateOrFinance,
      start: 0,
      fraction,
      higherIsBetter: true,
    }),
  ];
  const worst = (rags: Rag[]): Rag => (rags.includes('Red') ? 'Red' : rags.includes('Amber') ? 'Amber' : 'Green');
  return [
    {
      id: '1.1',
      target: { total: targets.challengesTotal, corporateOrFinance: targets.corporateOrFinance },
      actual: { total: figures.total, corporateOrFinance: figures.corporateOrFinance },
      rag: worst(challengesRag),
    },
    {
      id: '1.2',
      baseline: figures.baseline,
      target: neverTarget,
      actual: figures.stillNever,
      rag: rag({
        actual: figures.stillNever,
        target: neverTarget,
        start: figures.baseline,
        fraction,
        higherIsBetter: false,
      }),
    },
  ];
}
