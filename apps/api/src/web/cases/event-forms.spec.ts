import { problemInWords } from './event-forms.js';

describe('problemInWords', () => {
  const say = (type: string, field: string, message: string, body: Record<string, unknown> = {}) =>
    problemInWords(type, field, message, body);

  it('asks for a date left empty, and for a real one when what was typed is not', () => {
    const message = 'onsiteStart must be a date written YYYY-MM-DD';
    expect(say('AGREE_SCOPE', 'onsiteStart', message)).toBe('Enter the first day on site');
    const typed = { 'onsiteStart-day': '30', 'onsiteStart-month': '2', 'onsiteStart-year': '2027' };
    expect(say('AGREE_SCOPE', 'onsiteStart', message, typed)).toBe(
      'Enter a real date for the first day on site, such as 27 3 2027',
    );
  });

  it('asks for a choice, a text or a line by the label the form shows', () => {
    expect(say('PROPOSE_PEER', 'role', 'role must be one of: lead_officer_peer, …')).toBe(
      'Choose the role on the team',
    );
    expect(say('ADD_NOTE', 'text', 'text is required')).toBe('Enter the note');
    expect(say('PUBLISH_REPORT', 'recommendations', 'The report needs…')).toBe(
      'Enter at least one of the recommendations, one a line',
    );
    expect(say('ADD_DOCUMENT', 'url', 'url must be a web address (https://…)', { url: 'ftp://x' })).toBe(
      'Enter a web address starting with https://',
    );
    expect(say('ADD_NOTE', 'text', 'text must be at most 5000 characters', { text: 'x' })).toBe(
      'Note must be at most 5000 characters',
    );
  });

  it('asks for each recommendation’s progress by its number, from 1', () => {
    expect(say('COMPLETE_FOLLOW_UP', 'progress-0', 'status must be one of: achieved, in_progress, not_started')).toBe(
      'Choose the progress made on recommendation 1',
    );
  });
});
