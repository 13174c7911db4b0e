import type { CaseContext } from '../workflow/case-context.js';

/** Who a reminder goes to; addresses are looked up when it is sent. */
export type RecipientRole = 'council_chief_executive' | 'case_manager' | 'principal_adviser';

export const REMINDER_KINDS = [
  'position_statement_due',
  'position_statement_chase',
  'briefings_due',
  'draft_report_due',
  'publication_chase',
  'action_plan_due',
  'follow_up_due',
  'stalled_case',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface PlannedReminder {
  kind: ReminderKind;
  dueOn: string;
  recipients: RecipientRole[];
}

export interface RemindersConfig {
  positionStatementDays: number;
  positionStatementChaseDays: number;
  briefingsDays: number;
  draftReportDays: number;
  publicationDays: number;
  actionPlanDays: number;
  followUpMonths: number;
  stalledDays: number;
}

/** Working-day arithmetic (weekends and England and Wales bank holidays skipped). */
export interface WorkingCalendar {
  /** `days` working days after `date` (before it when negative). */
  addWorkingDays(date: string, days: number): string;
  /** `date` itself when it is a working day, else the next working day. */
  onOrAfter(date: string): string;
}

export interface PlanInput {
  state: string;
  context: CaseContext;
  /** The day of the case's last event, for the stalled-case alert. */
  lastEventOn: string;
  /** Reminders due more than this many days before `today` are no longer worth sending. */
  today: string;
}

/** How long after its due date a reminder that was never scheduled is still worth sending. */
export const STALE_AFTER_DAYS = 30;

const ONSITE_PREPARATION = ['team_assembly', 'onsite.preparing'];

function addCalendarDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/**
 * The reminders a case should have now, from its state and dates: a pure function, so moving a date or the
 * case moving on changes the plan, and the scheduler makes the stored reminders match it (`docs/REMINDERS.md`).
 */
export function planReminders(input: PlanInput, config: RemindersConfig, calendar: WorkingCalendar): PlannedReminder[] {
  const staleBefore = addCalendarDays(input.today, -STALE_AFTER_DAYS);
  return outstandingReminders(input, config, calendar).filter((reminder) => reminder.dueOn >= staleBefore);
}

/**
 * Every reminder the case's state and dates call for, however long overdue: what is still outstanding on the
 * case (`planReminders` leaves out those too stale to send).
 */
export function outstandingReminders(
  input: Omit<PlanInput, 'today'>,
  config: RemindersConfig,
  calendar: WorkingCalendar,
): PlannedReminder[] {
  const { state, context } = input;
  const { dates } = context;
  const plan: PlannedReminder[] = [];
  const add = (kind: ReminderKind, dueOn: string, recipients: RecipientRole[]) =>
    plan.push({ kind, dueOn, recipients });

  if (ONSITE_PREPARATION.includes(state) && dates.onsiteStart) {
    if (!dates.positionStatementReceived) {
      const due = calendar.addWorkingDays(dates.onsiteStart, -config.positionStatementDays);
      add('position_statement_due', due, ['council_chief_executive', 'case_manager']);
      const chase = calendar.addWorkingDays(due, config.positionStatementChaseDays);
      add('position_statement_chase', chase, ['council_chief_executive', 'case_manager']);
    }
    const kinds = new Set(context.documents.map((d) => d.kind));
    if (!kinds.has('finance_briefing') || !kinds.has('performance_briefing')) {
      add('briefings_due', calendar.addWorkingDays(dates.onsiteStart, -config.briefingsDays), ['case_manager']);
    }
  }
  if (state === 'report.drafting' && dates.feedbackPresented) {
    add('draft_report_due', calendar.addWorkingDays(dates.feedbackPresented, config.draftReportDays), ['case_manager']);
  }
  if (state === 'report.draft_submitted') {
    const submitted =
      dates.draftSubmitted ??
      (dates.feedbackPresented && calendar.addWorkingDays(dates.feedbackPresented, config.draftReportDays));
    if (submitted)
      add('publication_chase', calendar.addWorkingDays(submitted, config.publicationDays), ['case_manager']);
  }
  if (state.startsWith('follow_up') && dates.reportPublished) {
    if (!dates.actionPlanReceived) {
      const due = calendar.addWorkingDays(dates.reportPublished, config.actionPlanDays);
      add('action_plan_due', due, ['council_chief_executive', 'case_manager']);
    }
    if (state === 'follow_up.awaiting_follow_up') {
      const due = calendar.onOrAfter(addMonths(dates.reportPublished, config.followUpMonths));
      add('follow_up_due', due, ['case_manager', 'principal_adviser']);
    }
  }
  const open = !['on_hold', 'closed', 'cancelled'].includes(state);
  if (open) {
    const due = calendar.onOrAfter(addCalendarDays(input.lastEventOn, config.stalledDays));
    add('stalled_case', due, ['case_manager']);
  }
  return plan;
}
