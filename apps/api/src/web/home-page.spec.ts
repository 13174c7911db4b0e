import { dueReminderRows, homeScope, longDate, weekEnd } from './home-page.js';

describe('the start page', () => {
  it('ends "this week" on the coming Sunday, or today on a Sunday', () => {
    // Mon 11 May 2026 to Sun 17 May 2026.
    const week = ['2026-05-11', '2026-05-12', '2026-05-13', '2026-05-14', '2026-05-15', '2026-05-16', '2026-05-17'];
    for (const day of week) expect(weekEnd(day)).toBe('2026-05-17');
    expect(weekEnd('2026-05-18')).toBe('2026-05-24');
    // Across a month and a year end, and the night the clocks go back (25 Oct 2026).
    expect(weekEnd('2026-10-29')).toBe('2026-11-01');
    expect(weekEnd('2026-12-31')).toBe('2027-01-03');
    expect(weekEnd('2026-10-25')).toBe('2026-10-25');
    expect(longDate('2026-05-17')).toBe('Sunday 17 May 2026');
  });

  it("shows a principal adviser their region's cases and everyone else the cases they manage", () => {
    const user = (roles: string[], region: string | null) => ({ userId: 'u-1', roles: roles as never, region });
    expect(homeScope(user(['principal_adviser'], 'South West'))).toEqual({
      title: 'Cases in your region',
      casesHeading: 'Open cases in South West',
      filter: { region: 'South West' },
      link: { region: 'South West' },
    });
    const mine = {
      title: 'My cases',
      casesHeading: 'Open cases you manage',
      filter: { managerId: 'u-1' },
      link: { managerId: 'me' },
    };
    expect(homeScope(user(['peer_challenge_manager'], null))).toEqual(mine);
    expect(homeScope(user(['principal_adviser', 'peer_challenge_manager'], 'London'))).toEqual(mine);
    expect(homeScope(user(['principal_adviser'], null))).toEqual(mine);
    expect(homeScope(user(['viewer'], 'London'))).toEqual(mine);
  });

  it('tags overdue reminders red, today yellow and the rest of the week blue, linking to the case', () => {
    const reminder = (dueOn: string) => ({
      kind: 'position_statement_due' as const,
      dueOn,
      status: 'sent' as const,
      caseId: 'c-1',
      caseType: 'corporate_peer_challenge',
      councilName: 'Bath & North East Somerset',
    });
    const rows = dueReminderRows(
      [reminder('2026-05-12'), reminder('2026-05-13'), reminder('2026-05-14')],
      '2026-05-13',
    );
    expect(rows.map((row) => row[3])).toEqual([
      { html: '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' },
      { html: '<strong class="govuk-tag govuk-tag--yellow">Due today</strong>' },
      { html: '<strong class="govuk-tag govuk-tag--blue">Due this week</strong>' },
    ]);
    expect(rows[0].slice(0, 3)).toEqual([
      { text: 'Position statement due' },
      {
        html: '<a class="govuk-link" href="/cases/c-1">Bath &amp; North East Somerset</a><br><span class="govuk-body-s">Corporate peer challenge</span>',
      },
      { text: '2026-05-12' },
    ]);
  });
});
