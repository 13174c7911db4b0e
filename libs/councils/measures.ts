/**
 * The two measures' names and definitions, worded once (`docs/DOMAIN.md`, "Two measures, one meaning each"): every
 * page and document that shows a measure names and explains it with these words.
 */
export const MEASURES = {
  fiveYearTakeUp: {
    name: 'Five-year take-up',
    definition:
      'a corporate peer challenge or a finance peer review delivered within five years, counted from 1 January ' +
      '2012: never, current, due (in the fifth year) or overdue',
  },
  noCpcSince2012: {
    name: 'No CPC since 2012',
    definition:
      'no corporate peer challenge delivered since 1 January 2012 (a finance peer review does not count): the ' +
      'councils of measure 1.2 and of the nudges',
  },
} as const;

export type MeasureName = keyof typeof MEASURES;
