import { openCaseProblems } from './open-case-form.js';

describe('openCaseProblems', () => {
  it('flags every empty field, in words', () => {
    expect(openCaseProblems({ councilGssCode: '', type: '' })).toEqual({
      councilGssCode: 'Choose the council the peer challenge is for',
      type: 'Choose the type of peer challenge',
    });
  });

  it('says the API’s refusals as sentences', () => {
    const form = { councilGssCode: 'E07000049', type: 'corporate_peer_challenge' };
    expect(
      openCaseProblems(form, { councilGssCode: 'E07000049 no longer exists: open the case for its successor' }),
    ).toEqual({ councilGssCode: 'That council no longer exists: choose the council that took over from it' });
    expect(openCaseProblems(form, { councilGssCode: 'No council has the GSS code X' })).toEqual({
      councilGssCode: 'Choose a council from the list',
    });
  });

  it('finds nothing wrong with a council and a type', () => {
    expect(openCaseProblems({ councilGssCode: 'E06000059', type: 'finance_peer_review' })).toEqual({});
  });
});
