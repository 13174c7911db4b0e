import { boardAsOf, boardNarrative, quarterBounds, yearName } from './board.js';

describe('the board report', () => {
  it('has four quarters from April to March', () => {
    expect(quarterBounds(2016, 1)).toEqual({ from: '2016-04-01', to: '2016-06-30' });
    expect(quarterBounds(2016, 2)).toEqual({ from: '2016-07-01', to: '2016-09-30' });
    expect(quarterBounds(2016, 3)).toEqual({ from: '2016-10-01', to: '2016-12-31' });
    expect(quarterBounds(2016, 4)).toEqual({ from: '2017-01-01', to: '2017-03-31' });
    expect(yearName(2016)).toBe('2016/17');
    expect(yearName(2099)).toBe('2099/00');
  });

  it('writes the narrative in the form of 003 para 9', () => {
    expect(
      boardNarrative({
        asOf: '2016-09-30',
        deliveredInQuarter: 27,
        deliveredInYear: 52,
        confirmed: 51,
        inDiscussion: 42,
      }),
    ).toBe(
      '27 peer challenges delivered in the quarter, increasing the total at the end of September to 52; ' +
        'an additional 51 confirmed; active discussions with 42 more',
    );
    expect(
      boardNarrative({ asOf: '2017-03-31', deliveredInQuarter: 1, deliveredInYear: 1, confirmed: 0, inDiscussion: 0 }),
    ).toMatch(/^1 peer challenge delivered in the quarter, increasing the total at the end of March to 1;/);
  });

  it('reports a finished quarter as of its end, the current one as of today, and none before it starts', () => {
    expect(boardAsOf(2016, 2, '2017-01-05')).toBe('2016-09-30');
    expect(boardAsOf(2016, 2, '2016-08-15')).toBe('2016-08-15');
    expect(boardAsOf(2016, 3, '2016-08-15')).toBeNull();
  });
});
