import { financialYearBounds } from './programme.js';

/** The quarters of a financial year (1 April – 31 March): Q1 April–June … Q4 January–March. */
export function quarterBounds(financialYear: number, quarter: number): { from: string; to: string } {
  const starts = ['04-01', '07-01', '10-01', '01-01'];
  const ends = ['06-30', '09-30', '12-31', '03-31'];
  const year = quarter === 4 ? financialYear + 1 : financialYear;
  return { from: `${year}-${starts[quarter - 1]}`, to: `${year}-${ends[quarter - 1]}` };
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2016/17". */
export const yearName = (financialYear: number) =>
  `${financialYear}/${String((financialYear + 1) % 100).padStart(2, '0')}`;

/**
 * The board paper's narrative of deliverable 1.1 in the form of `003` para 9: "27 peer challenges delivered in
 * the quarter, increasing the total at the end of September to 52; an additional 51 confirmed; active discussions
 * with 42 more". `asOf` is the day the figures are as of (the quarter's end, or today within it).
 */
export function boardNarrative(figures: {
  asOf: string;
  deliveredInQuarter: number;
  deliveredInYear: number;
  confirmed: number;
  inDiscussion: number;
}): string {
  const month = MONTHS[Number(figures.asOf.slice(5, 7)) - 1];
  const challenges = (n: number) => `${n} peer challenge${n === 1 ? '' : 's'}`;
  return (
    `${challenges(figures.deliveredInQuarter)} delivered in the quarter, increasing the total at the end of ` +
    `${month} to ${figures.deliveredInYear}; an additional ${figures.confirmed} confirmed; active discussions ` +
    `with ${figures.inDiscussion} more`
  );
}

/** Whether the quarter has started by `today`, and the day its figures are as of: its end, or today within it. */
export function boardAsOf(financialYear: number, quarter: number, today: string): string | null {
  const { from, to } = quarterBounds(financialYear, quarter);
  if (today < from) return null;
  const { end } = financialYearBounds(financialYear);
  return today < to ? today : to < end ? to : end;
}
