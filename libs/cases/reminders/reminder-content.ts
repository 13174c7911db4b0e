import type { EmailContent } from '#libs/notifications';
import type { ReminderKind } from './reminder-plan.js';

export interface ReminderFacts {
  councilName: string;
  caseTypeLabel: string;
  managerName: string | null;
  dueOn: string;
  onsiteStart?: string;
  onsiteEnd?: string;
  feedbackPresented?: string;
  reportPublished?: string;
  caseUrl: string;
}

const longDate = (date: string | undefined) =>
  date
    ? new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${date}T00:00:00Z`),
      )
    : 'not set';

/** What each reminder says. Council-facing ones are written to the chief executive; the rest to LGA staff. */
export function reminderContent(kind: ReminderKind, f: ReminderFacts): EmailContent {
  const manager = f.managerName ?? 'your LGA peer challenge manager';
  const onsite = `${longDate(f.onsiteStart)} to ${longDate(f.onsiteEnd)}`;
  const caseLink = { text: 'Open the case', url: f.caseUrl };
  const facts = [
    { label: 'Council', value: f.councilName },
    { label: 'Due', value: longDate(f.dueOn) },
  ];
  switch (kind) {
    case 'position_statement_due':
      return {
        subject: `${f.councilName}: position statement due by ${longDate(f.dueOn)}`,
        heading: 'Your position statement is due',
        paragraphs: [
          `The ${f.caseTypeLabel} team will be on site at ${f.councilName} from ${onsite}.`,
          `Please send your position statement to ${manager} by ${longDate(f.dueOn)}, so the team can read it ` +
            'before the visit. An honest self-assessment helps the team focus where it matters most.',
        ],
        facts,
      };
    case 'position_statement_chase':
      return {
        subject: `${f.councilName}: we have not yet received your position statement`,
        heading: 'We have not yet received your position statement',
        paragraphs: [
          `The ${f.caseTypeLabel} team will be on site at ${f.councilName} from ${onsite}, and your position ` +
            'statement has not reached us yet.',
          `Please send it to ${manager} as soon as you can. If it is already on its way, thank you.`,
        ],
        facts,
      };
    case 'briefings_due':
      return {
        subject: `${f.councilName}: finance and performance briefings due ${longDate(f.dueOn)}`,
        heading: 'Prepare the finance and performance briefings',
        paragraphs: [
          `The team goes on site at ${f.councilName} from ${onsite}. The finance briefing and the performance ` +
            `briefing should be ready by ${longDate(f.dueOn)}; attach them to the case when they are.`,
        ],
        facts,
        link: caseLink,
      };
    case 'draft_report_due':
      return {
        subject: `${f.councilName}: draft report due ${longDate(f.dueOn)}`,
        heading: 'The draft report is due',
        paragraphs: [
          `Feedback was presented to ${f.councilName} on ${longDate(f.feedbackPresented)}. The draft report is ` +
            `due by ${longDate(f.dueOn)}.`,
        ],
        facts,
        link: caseLink,
      };
    case 'publication_chase':
      return {
        subject: `${f.councilName}: report not yet published`,
        heading: 'The report has not been published yet',
        paragraphs: [
          `The draft report for ${f.councilName} went to the council some time ago and the final report has not ` +
            'been published. Check on the factual-accuracy check and agree a publication date.',
        ],
        facts,
        link: caseLink,
      };
    case 'action_plan_due':
      return {
        subject: `${f.councilName}: action plan due ${longDate(f.dueOn)}`,
        heading: 'Your action plan is due',
        paragraphs: [
          `The report of ${f.councilName}'s ${f.caseTypeLabel} was published on ${longDate(f.reportPublished)}.`,
          `Please send your action plan in response to its recommendations to ${manager} by ` + `${longDate(f.dueOn)}.`,
        ],
        facts,
      };
    case 'follow_up_due':
      return {
        subject: `${f.councilName}: follow-up due ${longDate(f.dueOn)}`,
        heading: 'The follow-up is due',
        paragraphs: [
          `${f.councilName}'s report was published on ${longDate(f.reportPublished)}. A follow-up visit or ` +
            `progress review is due around ${longDate(f.dueOn)}: agree it with the council, in proportion to ` +
            'need and risk.',
        ],
        facts,
        link: caseLink,
      };
    case 'stalled_case':
      return {
        subject: `${f.councilName}: no progress recorded for a while`,
        heading: 'This case has not moved for a while',
        paragraphs: [
          `Nothing has been recorded on ${f.councilName}'s ${f.caseTypeLabel} for some time. Record what is ` +
            'happening, pause the case if it is waiting on the council, or cancel it if it will not go ahead.',
        ],
        facts,
        link: caseLink,
      };
  }
}
