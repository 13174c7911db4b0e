import { dayBefore, reorganisationRowProblems, successorsOf, type ReorganisationRow } from './reorganisations.js';

const register = {
  councils: new Map([
    ['E10000019', { name: 'Lincolnshire', endDate: null }],
    ['E07000136', { name: 'Boston', endDate: null }],
    ['E07000026', { name: 'Allerdale', endDate: '2023-03-31' }],
  ]),
};
const row = (over: Partial<ReorganisationRow> = {}): ReorganisationRow => ({
  predecessor_gss_code: 'E07000136',
  predecessor_name: 'Boston',
  successor_gss_code: 'E06000099',
  successor_name: 'Lincolnshire Coast',
  successor_type: 'unitary',
  successor_region: 'East Midlands',
  successor_start_date: '2028-04-01',
  ...over,
});

describe('reorganisation rows', () => {
  it('accept a good row, with or without the end date as reorganisations.csv gives it', () => {
    expect(reorganisationRowProblems(row(), register)).toEqual([]);
    expect(reorganisationRowProblems(row({ end_date: '2028-03-31' }), register)).toEqual([]);
    expect(reorganisationRowProblems(row({ end_date: '2028-04-01' }), register)).toEqual([]);
    expect(reorganisationRowProblems(row({ end_date: '2028-03-30' }), register)).toEqual([
      'end_date must be 2028-03-31 (the day before successor_start_date) or be left out',
    ]);
  });

  it('refuse a council succeeding itself, an empty name and a row that is not an object', () => {
    expect(reorganisationRowProblems(row({ successor_gss_code: 'E07000136', successor_name: ' ' }), register)).toEqual([
      'successor_gss_code E07000136 is already in the register (Boston)',
      'a council cannot succeed itself',
      'successor_name must be the new council’s name',
    ]);
    expect(reorganisationRowProblems(['E07000136'], register)).toEqual(['a row must be an object']);
  });

  it('gather a council divided between successors, and successors made of several councils', () => {
    const { successors, problems } = successorsOf([
      { line: 2, row: row({ predecessor_gss_code: 'E10000019', predecessor_name: 'Lincolnshire' }) },
      { line: 3, row: row() },
      {
        line: 4,
        row: row({
          predecessor_gss_code: 'E10000019',
          predecessor_name: 'Lincolnshire',
          successor_gss_code: 'E06000098',
          successor_name: 'South Lincolnshire',
        }),
      },
    ]);
    expect(problems).toEqual([]);
    expect(successors.map((s) => [s.gssCode, s.predecessors])).toEqual([
      ['E06000099', ['E10000019', 'E07000136']],
      ['E06000098', ['E10000019']],
    ]);
  });

  it('end a predecessor the day before its successor starts, across month and year ends', () => {
    expect(dayBefore('2028-04-01')).toBe('2028-03-31');
    expect(dayBefore('2028-03-01')).toBe('2028-02-29');
    expect(dayBefore('2029-01-01')).toBe('2028-12-31');
  });
});
