import type { CaseEventType, CaseView } from '#libs/cases';
import { escapeHtml, govukDate, humanise } from '../lists.js';
import { EVENT_FORMS } from './event-forms.js';

/**
 * The steps that cannot be undone, each checked on a page of its own before it is sent (GOV.UK's "check your
 * answers" pattern): what the manager is about to record, a warning of what it means, and the button that does it.
 */
export const CHECKED_STEPS: Partial<Record<CaseEventType, { title: string; warning: string; button: string }>> = {
  CONFIRM_TEAM: {
    title: 'Check the team before you confirm it',
    warning: 'Once the team is confirmed the case moves on to the onsite stage and the council is told who is coming.',
    button: 'Confirm team',
  },
  PUBLISH_REPORT: {
    title: 'Check the report before you record it as published',
    warning: 'The recommendations cannot be changed after publication: they are what the follow-up reviews.',
    button: 'Publish report',
  },
  COMPLETE_FOLLOW_UP: {
    title: 'Check the follow-up before you complete it',
    warning: 'Completing the follow-up closes the case: the progress recorded here is final.',
    button: 'Complete follow-up',
  },
  CANCEL: {
    title: 'Are you sure you want to cancel this peer challenge?',
    warning: 'A cancelled case cannot be reopened: a new case would have to be opened for the council.',
    button: 'Cancel the peer challenge',
  },
};

type Row = { key: { text: string }; value: { text: string } | { html: string } };
const row = (key: string, value: { text: string } | { html: string }): Row => ({ key: { text: key }, value });
const list = (items: string[], numbered = false) => ({
  html: items.length
    ? `<${numbered ? 'ol' : 'ul'} class="govuk-list govuk-list--${numbered ? 'number' : 'bullet'}">${items
        .map((item) => `<li>${escapeHtml(item)}</li>`)
        .join('')}</${numbered ? 'ol' : 'ul'}>`
    : '<p class="govuk-body">None</p>',
});

/** What the event will record, as summary-list rows: the event as validated, the case as it is now. */
export function answerRows(event: Record<string, unknown>, view: CaseView): Row[] {
  switch (event.type) {
    case 'CONFIRM_TEAM': {
      const finance = view.team.filter((m) => m.financeExpertise).map((m) => m.name);
      return [
        row('Team', list(view.team.map((m) => `${m.name}, ${humanise(m.role)}`))),
        row(
          'Finance expertise',
          finance.length
            ? { text: finance.join(', ') }
            : { text: `None on the team. Reason: ${String(event.financeWaiverReason ?? 'none given')}` },
        ),
      ];
    }
    case 'PUBLISH_REPORT':
      return [
        row('Date published', { text: govukDate(String(event.publishedOn)) }),
        row('Recommendations', list(event.recommendations as string[], true)),
      ];
    case 'COMPLETE_FOLLOW_UP': {
      const progress = event.progress as Array<{ index: number; status: string }>;
      return [
        row('Date of the follow-up', { text: govukDate(String(event.date)) }),
        ...view.recommendations.map((r, index) =>
          row(`${index + 1}. ${r.text}`, {
            text: humanise(progress.find((p) => p.index === index)?.status ?? 'not recorded'),
          }),
        ),
      ];
    }
    case 'CANCEL':
      return [row('Reason', { text: String(event.reason) })];
    default:
      return [];
  }
}

/** The form's own fields, to send again with the confirmation (the session's token and the buttons left out). */
export function resentFields(body: Record<string, unknown>): Array<{ name: string; value: string }> {
  return Object.entries(body)
    .filter(([name, value]) => typeof value === 'string' && !['_csrf', 'confirmed', 'change'].includes(name))
    .map(([name, value]) => ({ name, value: value as string }));
}

/** The page's context: its title, the answers, the warning and the button, for `cases/check.njk`. */
export function checkPage(type: CaseEventType, event: Record<string, unknown>, view: CaseView, body: object) {
  const step = CHECKED_STEPS[type]!;
  return {
    title: step.title,
    step,
    type,
    formTitle: EVENT_FORMS[type]?.title,
    view,
    answers: answerRows(event, view),
    resent: resentFields(body as Record<string, unknown>),
  };
}
