import type { Principal } from '#libs/auth';
import type { OutstandingReminder, ReminderScope } from '#libs/cases';
import { humanise } from './cases/case-page.js';
import { escapeHtml, tagHtml } from './lists.js';

/** What the start page shows, shaped for the GOV.UK macros. */

/**
 * The last day of the week `today` (YYYY-MM-DD) is in: weeks run Monday to Sunday, so this is the coming
 * Sunday, or `today` itself on a Sunday. "This week" on the start page is today through that day.
 */
export function weekEnd(today: string): string {
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + ((7 - day.getUTCDay()) % 7));
  return day.toISOString().slice(0, 10);
}

const LONG_DATE = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A date as GOV.UK writes it in a sentence: Sunday 17 May 2026 (Intl puts a comma after the weekday). */
export function longDate(date: string): string {
  return LONG_DATE.format(new Date(`${date}T00:00:00Z`)).replace(',', '');
}

/** Whose cases the start page is about, its headings, and the filters that show the same cases on `/cases`. */
export interface HomeScope {
  title: string;
  casesHeading: string;
  filter: ReminderScope;
  link: Record<string, string>;
}

/**
 * A principal adviser manages no cases, so one with a region (and not also a manager) sees the cases of the
 * councils in their region; everyone else sees the cases they manage.
 */
export function homeScope(principal: Pick<Principal, 'userId' | 'roles' | 'region'>): HomeScope {
  const { roles, region } = principal;
  if (region && roles.includes('principal_adviser') && !roles.includes('peer_challenge_manager')) {
    return {
      title: 'Cases in your region',
      casesHeading: `Open cases in ${region}`,
      filter: { region },
      link: { region },
    };
  }
  return {
    title: 'My cases',
    casesHeading: 'Open cases you manage',
    filter: { managerId: principal.userId },
    link: { managerId: 'me' },
  };
}

const OVERDUE = { text: 'Overdue', classes: 'govuk-tag--red' };
const DUE_TODAY = { text: 'Due today', classes: 'govuk-tag--yellow' };
const DUE_THIS_WEEK = { text: 'Due this week', classes: 'govuk-tag--blue' };

/** Outstanding reminders as table rows: what, which case (linked), due date, and a tag (overdue ones red). */
export function dueReminderRows(reminders: OutstandingReminder[], today: string) {
  return reminders.map((r) => {
    const tag = r.dueOn < today ? OVERDUE : r.dueOn === today ? DUE_TODAY : DUE_THIS_WEEK;
    const caseLink = `<a class="govuk-link" href="/cases/${r.caseId}">${escapeHtml(r.councilName)}</a>`;
    return [
      { text: humanise(r.kind) },
      { html: `${caseLink}<br><span class="govuk-body-s">${escapeHtml(humanise(r.caseType))}</span>` },
      { text: r.dueOn },
      { html: tagHtml(tag) },
    ];
  });
}
