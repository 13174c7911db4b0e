import { WORKING_CALENDAR } from '#libs/platform';
import { initialContext, type CaseContext, type CaseDates } from '../workflow/case-context.js';
import type { DocumentKind } from '../workflow/case-events.js';
import {
  outstandingReminders,
  planReminders,
  REMINDER_KINDS,
  STALE_AFTER_DAYS,
  type PlannedReminder,
  type RecipientRole,
  type ReminderKind,
  type RemindersConfig,
} from './reminder-plan.js';

// ---------------------------------------------------------------------------------------------------------------
// Fixtures. Every expected date was counted by hand on a calendar with the real England and Wales bank holidays.
// ---------------------------------------------------------------------------------------------------------------

const CONFIG: RemindersConfig = {
  positionStatementDays: 10,
  positionStatementChaseDays: 3,
  briefingsDays: 5,
  draftReportDays: 15,
  publicationDays: 20,
  actionPlanDays: 40,
  followUpMonths: 12,
  stalledDays: 60,
};

/** Mon 5 Jan 2026 + 60 calendar days = Fri 6 Mar 2026, a working day. */
const LAST_EVENT = '2026-01-05';
const STALLED_DUE = '2026-03-06';

function context(dates: CaseDates = {}, documents: DocumentKind[] = []): CaseContext {
  const base = initialContext({
    caseId: 'case-1',
    councilGssCode: 'E07000147',
    type: 'corporate_peer_challenge',
    managerId: 'user-pcm-1',
    managerName: 'Pat Manager',
  });
  return {
    ...base,
    dates,
    documents: documents.map((kind) => ({
      kind,
      title: kind,
      url: `https://example.org/${kind}.pdf`,
      by: { id: 'user-pcm-1', name: 'Pat Manager', at: '2026-01-05T09:00:00.000Z' },
    })),
  };
}

interface Options {
  documents?: DocumentKind[];
  lastEventOn?: string;
  today?: string;
  config?: Partial<RemindersConfig>;
}

function plan(state: string, dates: CaseDates = {}, options: Options = {}): PlannedReminder[] {
  return planReminders(
    {
      state,
      context: context(dates, options.documents),
      lastEventOn: options.lastEventOn ?? LAST_EVENT,
      today: options.today ?? LAST_EVENT,
    },
    { ...CONFIG, ...options.config },
    WORKING_CALENDAR,
  );
}

/** The plan as kind → due date (and no kind planned twice). */
function dueDates(reminders: PlannedReminder[]): Partial<Record<ReminderKind, string>> {
  const kinds = reminders.map((r) => r.kind);
  expect(new Set(kinds).size).toBe(kinds.length);
  return Object.fromEntries(reminders.map((r) => [r.kind, r.dueOn]));
}

// Onsite visit starting Mon 20 Apr 2026, just after Easter (Good Friday 3 Apr, Easter Monday 6 Apr).
const ONSITE_EASTER = '2026-04-20';
const EASTER_PLAN = {
  // 10 working days before Mon 20 Apr, skipping Easter Monday 6 Apr and Good Friday 3 Apr: Thu 2 Apr.
  position_statement_due: '2026-04-02',
  // 3 working days after Thu 2 Apr, skipping Good Friday and Easter Monday: Thu 9 Apr.
  position_statement_chase: '2026-04-09',
  // 5 working days before Mon 20 Apr: Mon 13 Apr.
  briefings_due: '2026-04-13',
  stalled_case: STALLED_DUE,
};

// Onsite visit starting Mon 11 Jan 2027, just after Christmas 2026 (Fri 25, Sat 26 → substitute Mon 28) and
// New Year's Day (Fri 1 Jan 2027).
const ONSITE_NEW_YEAR = '2027-01-11';
const NEW_YEAR_PLAN = {
  // 10 working days back: 8, 7, 6, 5, 4 Jan; 31, 30, 29, 24, 23 Dec → Wed 23 Dec 2026.
  position_statement_due: '2026-12-23',
  // 3 working days on: 24, 29, 30 Dec → Wed 30 Dec 2026.
  position_statement_chase: '2026-12-30',
  // 5 working days back: 8, 7, 6, 5, 4 Jan → Mon 4 Jan 2027.
  briefings_due: '2027-01-04',
  stalled_case: STALLED_DUE,
};

// ---------------------------------------------------------------------------------------------------------------

describe('planReminders', () => {
  describe('scoping', () => {
    it('plans only the stalled-case alert', () => {
      expect(plan('scoping')).toEqual([{ kind: 'stalled_case', dueOn: STALLED_DUE, recipients: ['case_manager'] }]);
    });

    it('plans only the stalled-case alert even when the onsite dates are already agreed', () => {
      expect(dueDates(plan('scoping', { scopingMeeting: '2026-01-05', onsiteStart: ONSITE_EASTER }))).toEqual({
        stalled_case: STALLED_DUE,
      });
    });
  });

  describe.each(['team_assembly', 'onsite.preparing'])('%s', (state) => {
    it('plans nothing onsite-related before the onsite dates are set', () => {
      expect(dueDates(plan(state))).toEqual({ stalled_case: STALLED_DUE });
    });

    it('plans the position statement (due and chase) and the briefings from the onsite start, over Easter', () => {
      expect(dueDates(plan(state, { onsiteStart: ONSITE_EASTER, onsiteEnd: '2026-04-23' }))).toEqual(EASTER_PLAN);
    });

    it('plans them across Christmas and New Year', () => {
      expect(dueDates(plan(state, { onsiteStart: ONSITE_NEW_YEAR, onsiteEnd: '2027-01-14' }))).toEqual(NEW_YEAR_PLAN);
    });

    it('plans no position-statement reminders once the position statement is received', () => {
      expect(dueDates(plan(state, { onsiteStart: ONSITE_EASTER, positionStatementReceived: '2026-03-30' }))).toEqual({
        briefings_due: EASTER_PLAN.briefings_due,
        stalled_case: STALLED_DUE,
      });
    });

    it.each<[string, DocumentKind[], boolean]>([
      ['no documents', [], true],
      ['a position statement only', ['position_statement'], true],
      ['the finance briefing only', ['finance_briefing'], true],
      ['the performance briefing only', ['performance_briefing'], true],
      ['both briefings', ['finance_briefing', 'performance_briefing'], false],
      ['both briefings and more', ['performance_briefing', 'position_statement', 'finance_briefing'], false],
    ])('with %s attached, plans the briefings reminder: %s', (_label, documents, expected) => {
      const reminders = plan(state, { onsiteStart: ONSITE_EASTER }, { documents });
      expect(reminders.some((r) => r.kind === 'briefings_due')).toBe(expected);
      // The position-statement reminders do not depend on the documents.
      expect(dueDates(reminders)).toMatchObject({
        position_statement_due: EASTER_PLAN.position_statement_due,
        position_statement_chase: EASTER_PLAN.position_statement_chase,
      });
    });

    it('plans only the stalled-case alert with the position statement received and both briefings attached', () => {
      expect(
        dueDates(
          plan(
            state,
            { onsiteStart: ONSITE_EASTER, positionStatementReceived: '2026-03-30' },
            { documents: ['finance_briefing', 'performance_briefing'] },
          ),
        ),
      ).toEqual({ stalled_case: STALLED_DUE });
    });
  });

  describe('onsite.on_site', () => {
    it('plans only the stalled-case alert, even with the position statement and briefings missing', () => {
      expect(dueDates(plan('onsite.on_site', { onsiteStart: ONSITE_EASTER, onsiteEnd: '2026-04-23' }))).toEqual({
        stalled_case: STALLED_DUE,
      });
    });
  });

  describe('report.drafting', () => {
    it('plans the draft report 15 working days after the feedback, across Christmas and New Year', () => {
      // Fri 18 Dec 2026 + 15 working days: 21, 22, 23, 24, 29, 30, 31 Dec; 4, 5, 6, 7, 8, 11, 12, 13 Jan.
      expect(dueDates(plan('report.drafting', { onsiteStart: '2026-12-14', feedbackPresented: '2026-12-18' }))).toEqual(
        { draft_report_due: '2027-01-13', stalled_case: STALLED_DUE },
      );
    });

    it('plans only the stalled-case alert without a feedback date', () => {
      expect(dueDates(plan('report.drafting', { onsiteStart: '2026-12-14' }))).toEqual({ stalled_case: STALLED_DUE });
    });
  });

  describe('report.draft_submitted', () => {
    it('chases publication 20 working days after the draft was submitted, across Easter', () => {
      // Wed 25 Mar 2026 + 20 working days, skipping Good Friday 3 Apr and Easter Monday 6 Apr: Fri 24 Apr.
      expect(
        dueDates(plan('report.draft_submitted', { feedbackPresented: '2026-03-04', draftSubmitted: '2026-03-25' })),
      ).toEqual({ publication_chase: '2026-04-24', stalled_case: STALLED_DUE });
    });

    it('falls back to when the draft was due (feedback + 15 working days) without a submission date', () => {
      // Feedback Fri 18 Dec 2026 → draft due Wed 13 Jan 2027 → + 20 working days (no holidays): Wed 10 Feb 2027.
      expect(dueDates(plan('report.draft_submitted', { feedbackPresented: '2026-12-18' }))).toEqual({
        publication_chase: '2027-02-10',
        stalled_case: STALLED_DUE,
      });
    });

    it('plans only the stalled-case alert with neither date', () => {
      expect(dueDates(plan('report.draft_submitted'))).toEqual({ stalled_case: STALLED_DUE });
    });

    it('plans no draft report reminder once the draft is submitted', () => {
      const reminders = plan('report.draft_submitted', { feedbackPresented: '2026-12-18' });
      expect(reminders.map((r) => r.kind)).not.toContain('draft_report_due');
    });
  });

  describe('follow_up.awaiting_follow_up', () => {
    const state = 'follow_up.awaiting_follow_up';

    it('plans the action plan 40 working days after publication and the follow-up 12 months after it', () => {
      // Thu 9 Jul 2026 + 40 working days (8 weeks → Thu 3 Sep) + the summer bank holiday Mon 31 Aug: Fri 4 Sep.
      // Thu 9 Jul 2026 + 12 months = Fri 9 Jul 2027, a working day.
      expect(dueDates(plan(state, { reportPublished: '2026-07-09' }))).toEqual({
        action_plan_due: '2026-09-04',
        follow_up_due: '2027-07-09',
        stalled_case: STALLED_DUE,
      });
    });

    it('plans no action plan reminder once the action plan is received', () => {
      expect(dueDates(plan(state, { reportPublished: '2026-07-09', actionPlanReceived: '2026-08-03' }))).toEqual({
        follow_up_due: '2027-07-09',
        stalled_case: STALLED_DUE,
      });
    });

    it('plans only the stalled-case alert before the report is published', () => {
      expect(dueDates(plan(state, { feedbackPresented: '2026-12-18' }))).toEqual({ stalled_case: STALLED_DUE });
    });

    it.each<[string, string, number, string]>([
      ['on a weekday', '2026-07-09', 12, '2027-07-09'],
      ['on a Saturday → the Monday', '2026-07-10', 12, '2027-07-12'],
      ['on Good Friday 2027 → the Tuesday after Easter Monday', '2026-03-26', 12, '2027-03-30'],
      ['from 29 Feb 2024 → 28 Feb 2025 (Fri)', '2024-02-29', 12, '2025-02-28'],
      ['from 29 Feb 2028 → 28 Feb 2029 (Wed)', '2028-02-29', 12, '2029-02-28'],
      ['from 31 Jan 2025, 1 month → 28 Feb 2025 (Fri)', '2025-01-31', 1, '2025-02-28'],
      ['from 31 Jan 2024, 1 month → 29 Feb 2024 (leap year, Thu)', '2024-01-31', 1, '2024-02-29'],
      ['from 31 Jan 2025, 13 months → 28 Feb 2026 (Sat) → Mon 2 Mar', '2025-01-31', 13, '2026-03-02'],
      ['from 31 Dec 2025, 1 month → 31 Jan 2026 (Sat) → Mon 2 Feb', '2025-12-31', 1, '2026-02-02'],
      ['from 31 Dec 2026, 13 months → 31 Jan 2028 (Mon)', '2026-12-31', 13, '2028-01-31'],
      ['from 31 Mar 2027, 11 months → 29 Feb 2028 (Tue)', '2027-03-31', 11, '2028-02-29'],
    ])('follow-up due %s', (_label, reportPublished, followUpMonths, expected) => {
      const reminders = plan(
        state,
        { reportPublished },
        { config: { followUpMonths }, today: reportPublished, lastEventOn: reportPublished },
      );
      expect(dueDates(reminders).follow_up_due).toBe(expected);
    });
  });

  describe('follow_up.follow_up_scheduled', () => {
    const state = 'follow_up.follow_up_scheduled';

    it('still plans the action plan but no follow-up reminder', () => {
      expect(dueDates(plan(state, { reportPublished: '2026-07-09', followUp: '2027-06-14' }))).toEqual({
        action_plan_due: '2026-09-04',
        stalled_case: STALLED_DUE,
      });
    });

    it('plans only the stalled-case alert once the action plan is received', () => {
      expect(
        dueDates(
          plan(state, { reportPublished: '2026-07-09', actionPlanReceived: '2026-08-03', followUp: '2027-06-14' }),
        ),
      ).toEqual({ stalled_case: STALLED_DUE });
    });
  });

  describe.each(['on_hold', 'closed', 'cancelled'])('%s', (state) => {
    it('plans no reminders at all, whatever the dates and documents', () => {
      const dates: CaseDates = {
        onsiteStart: ONSITE_EASTER,
        onsiteEnd: '2026-04-23',
        feedbackPresented: '2026-04-23',
        draftSubmitted: '2026-05-14',
        reportPublished: '2026-07-09',
      };
      expect(plan(state, dates)).toEqual([]);
      expect(plan(state)).toEqual([]);
    });
  });

  describe('stalled_case', () => {
    it.each([
      ['a working day', '2026-03-20', '2026-05-19'],
      ['Boxing Day 2026 (Sat) → Tue 29 Dec after the substitute day', '2026-10-27', '2026-12-29'],
      ['Boxing Day 2021 (Sun) → Wed 29 Dec after both substitute days', '2021-10-27', '2021-12-29'],
      ['a Saturday → the Monday', '2025-12-02', '2026-02-02'],
    ])('is due 60 calendar days after the last event, moved to a working day: %s', (_label, lastEventOn, due) => {
      expect(plan('scoping', {}, { lastEventOn, today: lastEventOn })).toEqual([
        { kind: 'stalled_case', dueOn: due, recipients: ['case_manager'] },
      ]);
    });

    it('is planned in every open state', () => {
      for (const state of [
        'scoping',
        'team_assembly',
        'onsite.preparing',
        'onsite.on_site',
        'report.drafting',
        'report.draft_submitted',
        'follow_up.awaiting_follow_up',
        'follow_up.follow_up_scheduled',
      ]) {
        expect(dueDates(plan(state)).stalled_case).toBe(STALLED_DUE);
      }
    });
  });

  describe('stale reminders', () => {
    it('drops reminders due more than STALE_AFTER_DAYS (30) days before today', () => {
      expect(STALE_AFTER_DAYS).toBe(30);
      // Stalled-case alert due Tue 19 May 2026.
      const stalled = (today: string) => dueDates(plan('scoping', {}, { lastEventOn: '2026-03-20', today }));
      expect(stalled('2026-05-19')).toEqual({ stalled_case: '2026-05-19' });
      expect(stalled('2026-06-18')).toEqual({ stalled_case: '2026-05-19' }); // exactly 30 days after: kept
      expect(stalled('2026-06-19')).toEqual({}); // 31 days after: dropped
    });

    it('keeps future reminders and drops only the stale ones', () => {
      const onsite = (today: string) =>
        dueDates(plan('onsite.preparing', { onsiteStart: ONSITE_EASTER }, { lastEventOn: '2026-04-20', today }));
      // Stalled-case alert: Mon 20 Apr 2026 + 60 days = Fri 19 Jun 2026.
      expect(onsite('2026-03-01')).toEqual({ ...EASTER_PLAN, stalled_case: '2026-06-19' });
      // Sat 9 May: the chase (Thu 9 Apr) is exactly 30 days old and kept, the due date (Thu 2 Apr) is dropped.
      expect(onsite('2026-05-09')).toEqual({
        position_statement_chase: '2026-04-09',
        briefings_due: '2026-04-13',
        stalled_case: '2026-06-19',
      });
      // Wed 13 May: the briefings (Mon 13 Apr) are exactly 30 days old and kept.
      expect(onsite('2026-05-13')).toEqual({ briefings_due: '2026-04-13', stalled_case: '2026-06-19' });
      // Thu 14 May: the briefings are 31 days old and dropped.
      expect(onsite('2026-05-14')).toEqual({ stalled_case: '2026-06-19' });
    });

    it('keeps every reminder still outstanding, however old, in outstandingReminders', () => {
      const input = {
        state: 'onsite.preparing',
        context: context({ onsiteStart: ONSITE_EASTER }),
        lastEventOn: '2026-04-20',
      };
      expect(dueDates(outstandingReminders(input, CONFIG, WORKING_CALENDAR))).toEqual({
        ...EASTER_PLAN,
        stalled_case: '2026-06-19',
      });
      expect(planReminders({ ...input, today: '2026-03-01' }, CONFIG, WORKING_CALENDAR)).toEqual(
        outstandingReminders(input, CONFIG, WORKING_CALENDAR),
      );
    });
  });

  describe('recipients', () => {
    const EXPECTED: Record<ReminderKind, RecipientRole[]> = {
      position_statement_due: ['council_chief_executive', 'case_manager'],
      position_statement_chase: ['council_chief_executive', 'case_manager'],
      briefings_due: ['case_manager'],
      draft_report_due: ['case_manager'],
      publication_chase: ['case_manager'],
      action_plan_due: ['council_chief_executive', 'case_manager'],
      follow_up_due: ['case_manager', 'principal_adviser'],
      stalled_case: ['case_manager'],
    };

    const reminders = [
      ...plan('onsite.preparing', { onsiteStart: ONSITE_EASTER }),
      ...plan('report.drafting', { feedbackPresented: '2026-12-18' }),
      ...plan('report.draft_submitted', { draftSubmitted: '2026-03-25' }),
      ...plan('follow_up.awaiting_follow_up', { reportPublished: '2026-07-09' }),
    ];

    it('covers every kind of reminder', () => {
      expect(new Set(reminders.map((r) => r.kind))).toEqual(new Set(REMINDER_KINDS));
    });

    it.each(REMINDER_KINDS)('%s', (kind) => {
      for (const reminder of reminders.filter((r) => r.kind === kind)) {
        expect(reminder.recipients).toEqual(EXPECTED[kind]);
      }
    });
  });
});
