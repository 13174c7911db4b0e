import { initialContext, type CaseContext } from './case-context.js';
import type { CaseEvent } from './case-events.js';
import { longDate, notYetPossible, untrueDates } from './date-rules.js';

const TODAY = '2027-03-10';

function context(dates: Partial<CaseContext['dates']> = {}): CaseContext {
  const opened = initialContext({
    caseId: 'c-1',
    councilGssCode: 'E06000001',
    type: 'corporate_peer_challenge',
    managerId: null,
    managerName: null,
  });
  return { ...opened, dates: { ...opened.dates, onsiteStart: '2027-03-08', onsiteEnd: '2027-03-11', ...dates } };
}

describe('dates that can be true', () => {
  it('writes dates as the pages do', () => {
    expect(longDate('2027-03-09')).toBe('9 March 2027');
    expect(longDate('2026-12-31')).toBe('31 December 2026');
  });

  it('starts the visit on its booked first day or later, never before', () => {
    expect(notYetPossible(context(), 'START_ONSITE', '2027-03-08')).toEqual([]);
    expect(notYetPossible(context(), 'START_ONSITE', '2027-03-09')).toEqual([]);
    expect(notYetPossible(context(), 'START_ONSITE', '2027-03-07')).toEqual([
      'The onsite visit is booked to start on 8 March 2027: it can be started on that day or later. ' +
        'If it started earlier, reschedule it first.',
    ]);
    expect(untrueDates(context(), { type: 'START_ONSITE' }, '2027-03-07')).toHaveLength(1);
    // Other events are not held back by the day.
    expect(notYetPossible(context(), 'RECEIVE_POSITION_STATEMENT', '2027-01-01')).toEqual([]);
  });

  it('refuses every date of something that happened when it is after today, and accepts today', () => {
    const happened: Array<[CaseEvent, string]> = [
      [{ type: 'RECEIVE_POSITION_STATEMENT', receivedOn: '2027-03-11' }, 'The position statement'],
      [{ type: 'PRESENT_FEEDBACK', date: '2027-03-11' }, 'Feedback'],
      [{ type: 'SUBMIT_DRAFT_REPORT', submittedOn: '2027-03-11' }, 'The draft report'],
      [{ type: 'PUBLISH_REPORT', publishedOn: '2027-03-11', recommendations: ['x'] }, 'The report'],
      [{ type: 'RECEIVE_ACTION_PLAN', receivedOn: '2027-03-11' }, 'The action plan'],
      [{ type: 'COMPLETE_FOLLOW_UP', date: '2027-03-11', progress: [] }, 'The follow-up'],
      [
        {
          type: 'ADD_DOCUMENT',
          kind: 'other',
          title: 'Notes',
          url: 'https://example.org/notes',
          receivedOn: '2027-03-11',
          by: { id: null, name: 'Pat', at: '2027-03-10T10:00:00Z' },
        },
        'A document',
      ],
    ];
    for (const [event, what] of happened) {
      expect(untrueDates(context(), event, TODAY)).toEqual([
        expect.stringMatching(
          new RegExp(`^${what} cannot be recorded as .* on 11 March 2027: that is in the future\\.$`),
        ),
      ]);
      expect(untrueDates(context(), event, '2027-03-11')).toEqual([]);
    }
  });

  it('leaves dates that plan something alone: a meeting or a follow-up can be booked ahead', () => {
    for (const event of [
      { type: 'SCHEDULE_SCOPING_MEETING', date: '2028-01-01' },
      { type: 'SCHEDULE_FOLLOW_UP', date: '2028-01-01' },
      { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: '2028-01-03', onsiteEnd: '2028-01-05' },
      { type: 'RESCHEDULE_ONSITE', onsiteStart: '2028-01-03', onsiteEnd: '2028-01-05', reason: 'Moved' },
      { type: 'SUBMIT_DRAFT_REPORT' },
    ] as CaseEvent[]) {
      expect(untrueDates(context(), event, TODAY)).toEqual([]);
    }
  });

  it('takes feedback from the last day on site to 7 days after it, and no later', () => {
    const ended = context({ onsiteStart: '2027-03-01', onsiteEnd: '2027-03-04' });
    const feedback = (date: string) => untrueDates(ended, { type: 'PRESENT_FEEDBACK', date }, '2027-03-31');
    expect(feedback('2027-03-04')).toEqual([]);
    expect(feedback('2027-03-11')).toEqual([]);
    expect(feedback('2027-03-12')).toEqual([
      'Feedback is presented on site or within 7 days of the last day on site (4 March 2027), so no later than ' +
        '11 March 2027.',
    ]);
  });

  it('keeps the steps after the visit in order', () => {
    const published = context({ feedbackPresented: '2027-03-11', reportPublished: '2027-04-20' });
    expect(untrueDates(published, { type: 'SUBMIT_DRAFT_REPORT', submittedOn: '2027-03-10' }, '2027-12-01')).toEqual([
      'The draft report cannot be sent (10 March 2027) before feedback was presented (11 March 2027).',
    ]);
    expect(untrueDates(published, { type: 'RECEIVE_ACTION_PLAN', receivedOn: '2027-04-19' }, '2027-12-01')).toEqual([
      'The action plan cannot be received (19 April 2027) before the report was published (20 April 2027).',
    ]);
    expect(
      untrueDates(published, { type: 'COMPLETE_FOLLOW_UP', date: '2027-04-01', progress: [] }, '2027-12-01'),
    ).toEqual(['The follow-up cannot be completed (1 April 2027) before the report was published (20 April 2027).']);
    for (const event of [
      { type: 'SUBMIT_DRAFT_REPORT', submittedOn: '2027-03-11' },
      { type: 'RECEIVE_ACTION_PLAN', receivedOn: '2027-04-20' },
      { type: 'COMPLETE_FOLLOW_UP', date: '2027-04-20', progress: [] },
    ] as CaseEvent[]) {
      expect(untrueDates(published, event, '2027-12-01')).toEqual([]);
    }
  });

  it('puts dates right on site only with a first day that has come', () => {
    const started = (onsiteStart: string, state = 'onsite.on_site') =>
      untrueDates(
        context(),
        { type: 'RESCHEDULE_ONSITE', onsiteStart, onsiteEnd: onsiteStart, reason: 'Began earlier' },
        TODAY,
        state,
      );
    expect(started('2027-03-09')).toEqual([]);
    expect(started('2027-03-10')).toEqual([]);
    expect(started('2027-03-11')).toEqual([
      'The visit has started, so its first day cannot be after today: 11 March 2027 is in the future.',
    ]);
    // Before the visit, moving it to a day still to come is what a reschedule is for.
    expect(started('2027-03-11', 'onsite.preparing')).toEqual([]);
  });

  it('says every reason at once', () => {
    const ended = context({ onsiteStart: '2027-03-01', onsiteEnd: '2027-03-04' });
    expect(untrueDates(ended, { type: 'PRESENT_FEEDBACK', date: '2027-04-01' }, TODAY)).toHaveLength(2);
  });
});
