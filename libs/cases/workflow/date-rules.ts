import type { CaseContext } from './case-context.js';
import type { CaseEvent, CaseEventType } from './case-events.js';

/**
 * Dates that can be true (issue #24): what a person may record today. Unlike `case-rules.ts`, these read the day
 * the event arrives, so they are judged when the service accepts an event and never when a timeline is replayed:
 * an entry accepted before a rule existed stays what it was, and the machine's replay of it is unchanged.
 *
 * - Something that has happened (a document received, feedback presented, a report published, a follow-up
 *   visit completed) cannot be dated after today.
 * - The visit can start no earlier than its booked first day: reschedule it first. Once it has started, its dates
 *   can still be put right until feedback is presented, but its first day cannot then be after today.
 * - Feedback is presented on site or soon after: no later than 7 days after the last day on site.
 * - After the visit each step follows the one before: the draft after feedback, the action plan and the follow-up
 *   after publication (publication after feedback, and a follow-up booked after publication, are the machine's).
 */
export const FEEDBACK_DAYS_AFTER_VISIT = 7;

const LONG_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "9 March 2027" for 2027-03-09, as the pages write dates. */
export function longDate(isoDate: string): string {
  return LONG_DATE.format(new Date(`${isoDate}T00:00:00Z`));
}

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The date an event says something happened on, with its name in a sentence. */
function happenedOn(event: CaseEvent): { date: string; what: string } | null {
  switch (event.type) {
    case 'RECEIVE_POSITION_STATEMENT':
      return { date: event.receivedOn, what: 'The position statement cannot be recorded as received' };
    case 'PRESENT_FEEDBACK':
      return { date: event.date, what: 'Feedback cannot be recorded as presented' };
    case 'SUBMIT_DRAFT_REPORT':
      return event.submittedOn
        ? { date: event.submittedOn, what: 'The draft report cannot be recorded as sent' }
        : null;
    case 'PUBLISH_REPORT':
      return { date: event.publishedOn, what: 'The report cannot be recorded as published' };
    case 'RECEIVE_ACTION_PLAN':
      return { date: event.receivedOn, what: 'The action plan cannot be recorded as received' };
    case 'COMPLETE_FOLLOW_UP':
      return { date: event.date, what: 'The follow-up cannot be recorded as completed' };
    case 'ADD_DOCUMENT':
      return event.receivedOn ? { date: event.receivedOn, what: 'A document cannot be recorded as received' } : null;
    default:
      return null;
  }
}

/** The steps after the visit that must not be dated before the step they follow. */
const ORDER: Partial<
  Record<CaseEventType, { field: string; after: keyof CaseContext['dates']; what: string; earlier: string }>
> = {
  SUBMIT_DRAFT_REPORT: {
    field: 'submittedOn',
    after: 'feedbackPresented',
    what: 'The draft report cannot be sent',
    earlier: 'feedback was presented',
  },
  RECEIVE_ACTION_PLAN: {
    field: 'receivedOn',
    after: 'reportPublished',
    what: 'The action plan cannot be received',
    earlier: 'the report was published',
  },
  COMPLETE_FOLLOW_UP: {
    field: 'date',
    after: 'reportPublished',
    what: 'The follow-up cannot be completed',
    earlier: 'the report was published',
  },
};

/** Why an event of this type cannot be sent today whatever its payload: empty when it can. */
export function notYetPossible(context: CaseContext, type: CaseEventType, today: string): string[] {
  const { onsiteStart } = context.dates;
  if (type === 'START_ONSITE' && onsiteStart && today < onsiteStart) {
    return [
      `The onsite visit is booked to start on ${longDate(onsiteStart)}: it can be started on that day or later. ` +
        'If it started earlier, reschedule it first.',
    ];
  }
  return [];
}

/** Every reason this event's dates cannot be true today, in the case's `state`; empty when they can. */
export function untrueDates(context: CaseContext, event: CaseEvent, today: string, state = ''): string[] {
  const problems = notYetPossible(context, event.type, today);
  if (event.type === 'RESCHEDULE_ONSITE' && state === 'onsite.on_site' && event.onsiteStart > today) {
    problems.push(
      `The visit has started, so its first day cannot be after today: ${longDate(event.onsiteStart)} is in the future.`,
    );
  }
  const happened = happenedOn(event);
  if (happened && happened.date > today) {
    problems.push(`${happened.what} on ${longDate(happened.date)}: that is in the future.`);
  }
  const { onsiteEnd } = context.dates;
  // Each step after the visit comes after the one before it, so no reminder chases a step before its cause.
  const follows = ORDER[event.type];
  if (follows) {
    const date = (event as unknown as Record<string, string | undefined>)[follows.field];
    const earlier = context.dates[follows.after];
    if (date && earlier && date < earlier) {
      problems.push(`${follows.what} (${longDate(date)}) before ${follows.earlier} (${longDate(earlier)}).`);
    }
  }
  if (event.type === 'PRESENT_FEEDBACK' && onsiteEnd) {
    const latest = addDays(onsiteEnd, FEEDBACK_DAYS_AFTER_VISIT);
    if (event.date > latest) {
      problems.push(
        `Feedback is presented on site or within ${FEEDBACK_DAYS_AFTER_VISIT} days of the last day on site ` +
          `(${longDate(onsiteEnd)}), so no later than ${longDate(latest)}.`,
      );
    }
  }
  return problems;
}
