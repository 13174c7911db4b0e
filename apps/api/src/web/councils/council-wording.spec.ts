import { problemsInWords } from '../forms.js';
import { COUNCIL_WORDING, FACT_WORDING } from './council-page.js';

describe('the council forms in words (issue #24)', () => {
  it('says each of the API’s problems with a contact, the adviser or a fact as a sentence for a person', () => {
    expect(
      problemsInWords(
        {
          leaderEmail: 'email must be an email address',
          chiefExecutiveName: 'name must not be empty',
          principalAdviserId: 'principalAdviserId must be a user id',
        },
        COUNCIL_WORDING,
      ),
    ).toEqual({
      chiefExecutiveName: 'Enter the chief executive’s name',
      leaderEmail: 'Enter the leader’s email address, like name@council.gov.uk',
      principalAdviserId: 'Choose a principal adviser from the list',
    });
    expect(
      problemsInWords(
        {
          kind: 'kind must be one of: political_control, membership',
          value: 'value is required',
          from: 'from must be a date written YYYY-MM-DD',
        },
        FACT_WORDING,
      ),
    ).toEqual({
      kind: 'Choose what the fact is about: political control or membership',
      value: 'Choose the value',
      from: 'Enter the day it took effect as year-month-day, for example 2019-05-02',
    });
  });
});
