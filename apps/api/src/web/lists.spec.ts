import { datesInWords, londonDateTime, templateName } from './lists.js';

describe('londonDateTime', () => {
  it('shows a moment in London time, on a 12-hour clock', () => {
    expect(londonDateTime('2026-11-23T12:18:00.000Z')).toBe('23 November 2026 at 12:18 pm');
    expect(londonDateTime('2026-11-23T00:05:00.000Z')).toBe('23 November 2026 at 12:05 am');
    // British Summer Time: an hour ahead of UTC.
    expect(londonDateTime('2026-07-01T11:30:00.000Z')).toBe('1 July 2026 at 12:30 pm');
  });

  it('leaves text that is not a time as it is', () => {
    expect(londonDateTime('not a time')).toBe('not a time');
  });
});

describe('templateName', () => {
  it('turns an email template id into words', () => {
    expect(templateName('nudge.first')).toBe('Nudge first');
    expect(templateName('reminder-position-statement')).toBe('Reminder position statement');
  });
});

describe('datesInWords', () => {
  it('writes out the dates in a sentence, leaving times and impossible dates alone', () => {
    expect(datesInWords('The visit moved to 2026-04-18 to 2026-04-21.')).toBe(
      'The visit moved to 18 April 2026 to 21 April 2026.',
    );
    expect(datesInWords('Checked at 2026-04-18T10:00:00Z; 2026-02-30 is no day.')).toBe(
      'Checked at 2026-04-18T10:00:00Z; 2026-02-30 is no day.',
    );
    expect(datesInWords('No date here')).toBe('No date here');
  });
});
