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

/**
 * Where the year's challenges stand (`003` para 9): delivered; confirmed (onsite dates agreed within the year, not
 * yet delivered); in discussion (an indicative month within the year, no onsite dates yet).
 */
export interface Pipeline {
  delivered: number;
  confirmed: number;
  inDiscussion: number;
}

/**
 * The seeds' key (`003` para 2): Green when achieved; Amber when partly achieved or on track, that is when what is
 * delivered, confirmed and in discussion would reach the target; Red when not achieved and not on track. Once the
 * year is over there is no track left: Green or Red only.
 */
export function rag(options: { achieved: boolean; onTrack: boolean; yearOver: boolean }): Rag {
  if (options.achieved) return 'Green';
  if (options.yearOver || !options.onTrack) return 'Red';
  return 'Amber';
}

/** RAG of a count that should reach `target`: the pipeline counts towards it. */
function countRag(pipeline: Pipeline, target: number, yearOver: boolean): Rag {
  const { delivered, confirmed, inDiscussion } = pipeline;
  return rag({ achieved: delivered >= target, onTrack: delivered + confirmed + inDiscussion >= target, yearOver });
}

const worst = (rags: Rag[]): Rag => (rags.includes('Red') ? 'Red' : rags.includes('Amber') ? 'Amber' : 'Green');

export interface ProgrammeFigures {
  /** Challenges of every type, and corporate or finance ones. */
  total: Pipeline;
  corporateOrFinance: Pipeline;
  /** Measure 1.2: councils with no CPC since 2012 on 1 April, and on the day reported. */
  baseline: number;
  stillNever: number;
  /** Of those still without one, how many have a CPC confirmed, or (only) in discussion, within the year. */
  neverConfirmed: number;
  neverInDiscussion: number;
}

type Pair = { total: number; corporateOrFinance: number };

/** Deliverable 1.1: peer challenges delivered, of all types and corporate or finance; `actual` is `delivered`. */
export interface ChallengesDeliverable {
  id: '1.1';
  target: Pair;
  actual: Pair;
  delivered: Pair;
  confirmed: Pair;
  inDiscussion: Pair;
  rag: Rag;
}

/** Deliverable 1.2: councils with no CPC since 2012, from the baseline down to the target. */
export interface NeverDeliverable {
  id: '1.2';
  baseline: number;
  target: number;
  actual: number;
  delivered: number;
  confirmed: number;
  inDiscussion: number;
  rag: Rag;
}

export function deliverables(
  financialYear: number,
  targets: Targets,
  asOf: string,
  figures: ProgrammeFigures,
): [ChallengesDeliverable, NeverDeliverable] {
  // The year being reported, not the year its targets were set for (they carry forward).
  const yearOver = asOf >= financialYearBounds(financialYear).end;
  const neverTarget = Math.floor((figures.baseline * (100 - targets.neverReductionPercent)) / 100);
  const { total, corporateOrFinance: cof } = figures;
  const pair = (key: keyof Pipeline) => ({ total: total[key], corporateOrFinance: cof[key] });
  return [
    {
      id: '1.1',
      target: { total: targets.challengesTotal, corporateOrFinance: targets.corporateOrFinance },
      actual: pair('delivered'),
      delivered: pair('delivered'),
      confirmed: pair('confirmed'),
      inDiscussion: pair('inDiscussion'),
      rag: worst([
        countRag(total, targets.challengesTotal, yearOver),
        countRag(cof, targets.corporateOrFinance, yearOver),
      ]),
    },
    {
      id: '1.2',
      baseline: figures.baseline,
      target: neverTarget,
      actual: figures.stillNever,
      // Councils that had their first CPC since 2012 this year (a council abolished meanwhile leaves the count).
      delivered: Math.max(0, figures.baseline - figures.stillNever),
      confirmed: figures.neverConfirmed,
      inDiscussion: figures.neverInDiscussion,
      rag: rag({
        achieved: figures.stillNever <= neverTarget,
        onTrack: figures.stillNever - figures.neverConfirmed - figures.neverInDiscussion <= neverTarget,
        yearOver,
      }),
    },
  ];
}
