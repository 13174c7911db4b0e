import type { Browser, BrowserContext, Page } from 'playwright-core';
import { RemindersService } from '#libs/cases';
import { addWorkingDays, onOrAfterWorkingDay, todayInLondon } from '#libs/platform';
import { longDate, weekEnd } from '../apps/api/src/web/home-page.js';
import { govukDate } from '../apps/api/src/web/lists.js';
import { query } from './support/environment.js';
import { check, launchChromium, listen, signInWith, watchErrors } from './support/browser.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.js';

/**
 * The start page (reminders due this week and overdue, counts by stage, open cases; a principal adviser's
 * region) and the caseload (filters, paging, the board by stage) in Debian's Chromium, on cases made through
 * the API. No worker runs: reminders stay scheduled unless a test marks one sent.
 */
describe('the start page and the caseload in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let me: { id: string; email: string; token: string };
  let adviser: { email: string };
  let viewer: { email: string; token: string };
  let other: { id: string };
  const today = todayInLondon();
  const sunday = weekEnd(today);
  // Cornwall's onsite visit is two working days away: its position statement, chase and briefings are overdue.
  const cornwallOnsite = addWorkingDays(today, 2);
  // Salford has sent its position statement; its briefings are due on the first working day from today.
  const salfordBriefings = onOrAfterWorkingDay(today);
  const ids: Record<string, string> = {};
  const browserErrors: string[] = [];

  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  /** A new active peer challenge manager; returns the id. */
  async function createManager(email: string, name: string): Promise<string> {
    const created = await t.http
      .post('/api/v1/users')
      .set(as(t.adminToken))
      .send({ email, name, password: TEST_PASSWORD, roles: ['peer_challenge_manager'] });
    expect(created.status).toBe(201);
    return created.body.id as string;
  }

  async function openCase(councilGssCode: string, type: string, managerId: string): Promise<string> {
    const response = await t.http.post('/api/v1/cases').set(as(me.token)).send({ councilGssCode, type, managerId });
    expect(response.status).toBe(201);
    return response.body.id as string;
  }

  async function send(id: string, event: Record<string, unknown>): Promise<void> {
    const { body } = await t.http.get(`/api/v1/cases/${id}`).set(as(me.token));
    const response = await t.http
      .post(`/api/v1/cases/${id}/events`)
      .set(as(me.token))
      .send({ expectedVersion: body.version, ...event });
    expect(response.status).toBe(200);
  }

  const scope = (id: string, onsite: string) =>
    send(id, { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: onsite, onsiteEnd: onsite });

  beforeAll(async () => {
    t = await createTestApp();
    base = await listen(t);
    browser = await launchChromium();
    me = await t.as('peer_challenge_manager');
    adviser = await t.as('principal_adviser'); // South West
    viewer = await t.as('viewer');
    other = { id: await createManager('olive.other@example.org', 'Olive Other') };

    ids.cornwall = await openCase('E06000052', 'corporate_peer_challenge', me.id); // South West
    await scope(ids.cornwall, cornwallOnsite);
    ids.salford = await openCase('E08000006', 'finance_peer_review', me.id); // North West
    await scope(ids.salford, addWorkingDays(salfordBriefings, 5));
    await send(ids.salford, { type: 'RECEIVE_POSITION_STATEMENT', receivedOn: today });
    ids.manchester = await openCase('E08000003', 'corporate_peer_challenge', me.id); // North West, scoping
    ids.dorset = await openCase('E06000059', 'corporate_peer_challenge', me.id); // South West
    await send(ids.dorset, { type: 'CANCEL', reason: 'Council withdrew' });
    ids.wiltshire = await openCase('E06000054', 'corporate_peer_challenge', other.id); // South West
    await send(ids.wiltshire, { type: 'PAUSE', reason: 'Elections' });
    // Enough of Olive's cases in Bolton (North West) for a second page.
    for (let i = 0; i < 26; i++) await openCase('E08000001', 'other', other.id);
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => expect(browserErrors.splice(0)).toEqual([]));

  async function signIn(context: BrowserContext, email: string): Promise<Page> {
    return signInWith(watchErrors(await context.newPage(), browserErrors), base, email, TEST_PASSWORD);
  }

  /** A table's body rows as their cells' text. */
  async function tableRows(page: Page, selector: string): Promise<string[][]> {
    return page
      .locator(`${selector} tbody tr`)
      .evaluateAll((rows) =>
        rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => (cell.textContent ?? '').trim())),
      );
  }

  const councilsOf = async (page: Page) => (await tableRows(page, 'table.govuk-table')).map((row) => row[0]).sort();

  it('shows a manager the reminders due this week and overdue, the counts by stage and the cases they manage', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await signIn(context, me.email);
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page.locator('h1').textContent()).resolves.toBe('My cases');

    const salfordShown = salfordBriefings <= sunday;
    const expected = [
      ['Position statement due', 'CornwallCorporate peer challenge', addWorkingDays(cornwallOnsite, -10), 'Overdue'],
      ['Position statement chase', 'CornwallCorporate peer challenge', addWorkingDays(cornwallOnsite, -7), 'Overdue'],
      ['Briefings due', 'CornwallCorporate peer challenge', addWorkingDays(cornwallOnsite, -5), 'Overdue'],
      ...(salfordShown
        ? [
            [
              'Briefings due',
              'SalfordFinance peer review',
              salfordBriefings,
              salfordBriefings === today ? 'Due today' : 'Due this week',
            ],
          ]
        : []),
    ];
    expect(await tableRows(page, '#reminder-table')).toEqual(expected);
    const reminders = page.locator('#reminder-table tbody tr');
    for (let i = 0; i < 3; i++) {
      await expect(reminders.nth(i).locator('.govuk-tag--red').textContent()).resolves.toBe('Overdue');
      await expect(reminders.nth(i).locator('a').getAttribute('href')).resolves.toBe(`/cases/${ids.cornwall}`);
    }
    if (salfordShown) {
      expect(await reminders.nth(3).locator('.govuk-tag--red').count()).toBe(0);
      await expect(reminders.nth(3).locator('a').getAttribute('href')).resolves.toBe(`/cases/${ids.salford}`);
    }
    await expect(page.locator('main').textContent()).resolves.toContain(`This week is today to ${longDate(sunday)}.`);

    expect(await tableRows(page, '#stage-counts')).toEqual([
      ['Scoping', '1 Scoping cases'],
      ['Team assembly', '2 Team assembly cases'],
      ['Onsite', '0 Onsite cases'],
      ['Report', '0 Report cases'],
      ['Follow up', '0 Follow up cases'],
      ['Closed', '0 Closed cases'],
      ['Cancelled', '1 Cancelled cases'],
    ]);
    const open = (await tableRows(page, 'table.govuk-table:not(#reminder-table):not(#stage-counts)')).map((r) => r[0]);
    expect(open.sort()).toEqual(['Cornwall', 'Manchester', 'Salford']);
    await check(page, 'home-manager');

    await page.locator('#stage-counts a[href="/cases?managerId=me&stage=team_assembly"]').click();
    expect(new URL(page.url()).search).toBe('?managerId=me&stage=team_assembly');
    expect(await councilsOf(page)).toEqual(['Cornwall', 'Salford']);
    await expect(page.getByLabel('Manager').inputValue()).resolves.toBe(me.id);
    await expect(page.getByLabel('Stage').inputValue()).resolves.toBe('team_assembly');
    await context.close();
  });

  it("shows a principal adviser the open cases and reminders of their region's councils", async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await signIn(context, adviser.email);
    await expect(page.locator('h1').textContent()).resolves.toBe('Cases in your region');
    // The menu calls the start page what it is (issue #24).
    await expect(page.locator('.govuk-service-navigation__item--active').textContent()).resolves.toContain(
      'Cases in your region',
    );
    // Wiltshire is paused: a case on hold has no reminders.
    expect((await tableRows(page, '#reminder-table')).map((row) => [row[0], row[1], row[3]])).toEqual([
      ['Position statement due', 'CornwallCorporate peer challenge', 'Overdue'],
      ['Position statement chase', 'CornwallCorporate peer challenge', 'Overdue'],
      ['Briefings due', 'CornwallCorporate peer challenge', 'Overdue'],
    ]);
    const counts = Object.fromEntries((await tableRows(page, '#stage-counts')).map(([stage, n]) => [stage, n]));
    expect(counts).toMatchObject({ Scoping: '1 Scoping cases', 'Team assembly': '1 Team assembly cases' });
    expect(counts.Cancelled).toBe('1 Cancelled cases');
    await expect(page.locator('h2#open-cases').textContent()).resolves.toBe('Open cases in South West');
    const open = await tableRows(page, 'table.govuk-table:not(#reminder-table):not(#stage-counts)');
    expect(open.map((row) => [row[0], row[2], row[3]]).sort()).toEqual([
      ['Cornwall', 'Team assembly', 'Test peer_challenge_manager'],
      ['Wiltshire', 'Scoping On hold', 'Olive Other'],
    ]);
    await check(page, 'home-region');

    await page.locator('#stage-counts a[href="/cases?region=South+West&stage=scoping"]').click();
    expect(await councilsOf(page)).toEqual(['Wiltshire']);
    await context.close();
  });

  it('tells a user who manages nothing that there is nothing due', async () => {
    const response = await t.http.get('/').set(as(viewer.token));
    expect(response.status).toBe(200);
    expect(response.text).toContain('No reminders are due this week or overdue.');
    expect(response.text).toContain('There are no open cases here.');
  });

  it('filters the caseload by stage, manager, region and type, and keeps the filters when paging', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await signIn(context, viewer.email);
    await page.getByRole('link', { name: 'Cases', exact: true }).click();
    await expect(page.locator('#case-count').textContent()).resolves.toBe('31 cases');
    // The order is stated, and open cases come before the closed and cancelled ones.
    await expect(page.locator('#case-order').textContent()).resolves.toBe(
      'In this order: open cases first, earliest visit first.',
    );
    const stages = await page.locator('table.govuk-table tbody tr td:nth-child(3)').allTextContents();
    const finished = stages.findIndex((stage) => /Closed|Cancelled/.test(stage));
    if (finished >= 0) expect(stages.slice(finished).every((stage) => /Closed|Cancelled/.test(stage))).toBe(true);
    expect(await page.locator('.govuk-pagination__link[rel="next"]').count()).toBe(1);
    await check(page, 'caseload');
    // The column headings sort the whole list (by the server: it is paged), and say which one it is sorted by.
    const heading = (name: string) => page.locator('th[aria-sort] a', { hasText: name });
    await expect(heading('Council').textContent()).resolves.toBe('Council, sort by this');
    await heading('Council').click();
    await expect(page.locator('th[aria-sort="ascending"]').textContent()).resolves.toContain('Council');
    await expect(page.locator('#case-order').textContent()).resolves.toBe('In this order: by council, a to z.');
    const names = (await tableRows(page, 'table.govuk-table')).map((row) => row[0]);
    expect(names).toEqual([...names].sort()); // the database's collation is C.UTF-8: by code point, as here
    await check(page, 'caseload-by-council');
    await heading('Onsite from').click();
    expect(new URL(page.url()).search).toBe('');

    await page.getByLabel('Region').selectOption('South West');
    await page.getByRole('button', { name: 'Filter' }).click();
    expect(await councilsOf(page)).toEqual(['Cornwall', 'Dorset Council', 'Wiltshire']);
    await page.getByLabel('Manager').selectOption({ label: 'Olive Other' });
    await page.getByRole('button', { name: 'Filter' }).click();
    expect(await tableRows(page, 'table.govuk-table')).toEqual([
      ['Wiltshire', 'Corporate peer challenge', 'Scoping On hold', 'Olive Other', ''],
    ]);
    await page.getByLabel('Region').selectOption('');
    await page.getByLabel('Manager').selectOption('');
    await page.getByLabel('Type').selectOption('finance_peer_review');
    await page.getByRole('button', { name: 'Filter' }).click();
    expect(await tableRows(page, 'table.govuk-table')).toEqual([
      [
        'Salford',
        'Finance peer review',
        'Team assembly',
        'Test peer_challenge_manager',
        govukDate(addWorkingDays(salfordBriefings, 5)),
      ],
    ]);
    await page.getByLabel('Type').selectOption('');
    await page.getByLabel('Stage').selectOption('cancelled');
    await page.getByRole('button', { name: 'Filter' }).click();
    expect(await councilsOf(page)).toEqual(['Dorset Council']);
    await check(page, 'caseload-filtered');

    // Olive's 26 cases in the North West: the second page keeps the filters.
    await page.goto(`${base}/cases?region=North+West&managerId=${other.id}`);
    await expect(page.locator('#case-count').textContent()).resolves.toBe('26 cases');
    const next = page.locator('.govuk-pagination__link[rel="next"]');
    await expect(next.getAttribute('href')).resolves.toBe(`/cases?managerId=${other.id}&region=North+West&page=2`);
    await next.click();
    expect(await councilsOf(page)).toEqual(['Bolton']);
    await expect(page.getByLabel('Region').inputValue()).resolves.toBe('North West');
    await expect(page.getByLabel('Manager').inputValue()).resolves.toBe(other.id);
    await context.close();
  });

  it('ignores filter values that are not choices instead of failing', async () => {
    const search = 'stage=onsite.preparing&managerId=nobody&region=Narnia&type=%3Cb%3E&page=-3&view=grid';
    const response = await t.http.get(`/cases?${search}`).set(as(viewer.token));
    expect(response.status).toBe(200);
    expect(response.text).toContain('id="case-count">31 cases<');
    const board = await t.http.get(`/cases?view=board&page=x&stage=${'s'.repeat(5000)}`).set(as(viewer.token));
    expect(board.status).toBe(200);
    expect(board.text).toContain('id="case-count">30 open cases<');
    // managerId=me for someone who manages nothing: their own name is chosen, and nothing matches.
    const mine = await t.http.get('/cases?managerId=me').set(as(viewer.token));
    expect(mine.text).toContain('id="case-count">0 cases<');
    expect(mine.text).toMatch(/<option value="[0-9a-f-]{36}" selected>Test viewer<\/option>/);
  });

  it('shows the open cases as a board by stage, with the same filters, and without JavaScript', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await signIn(context, viewer.email);
    await page.goto(`${base}/cases?region=South+West`);
    await page.getByRole('link', { name: 'Board by stage' }).click();
    expect(new URL(page.url()).search).toBe('?region=South+West&view=board');
    await expect(page.locator('h1').textContent()).resolves.toBe('Cases by stage');
    await expect(page.locator('#case-count').textContent()).resolves.toBe('2 open cases');
    const columns = page.locator('.app-board__column');
    await expect(columns.locator('h2').allTextContents()).resolves.toEqual([
      'Scoping (1)',
      'Team assembly (1)',
      'Onsite (0)',
      'Report (0)',
      'Follow up (0)',
    ]);
    const cards = (stage: string) => page.locator(`#stage-${stage} .app-board__card`);
    expect(await cards('scoping').count()).toBe(1);
    await expect(cards('scoping').locator('a').textContent()).resolves.toBe('Wiltshire');
    await expect(cards('scoping').locator('.govuk-tag').textContent()).resolves.toBe('On hold');
    const cornwall = cards('team-assembly');
    expect(await cornwall.count()).toBe(1);
    await expect(cornwall.locator('a').getAttribute('href')).resolves.toBe(`/cases/${ids.cornwall}`);
    await expect(cornwall.textContent()).resolves.toMatch(
      new RegExp(`Corporate peer challenge\\s*Manager: Test peer_challenge_manager\\s*Onsite from: ${cornwallOnsite}`),
    );
    expect(await cornwall.locator('.govuk-tag').count()).toBe(0);
    await expect(page.locator('#stage-onsite').textContent()).resolves.toContain('No cases.');
    await check(page, 'caseload-board');

    // The filter form keeps the board; the table link keeps the filters.
    await page.getByLabel('Manager').selectOption({ label: 'Test peer_challenge_manager' });
    await page.getByRole('button', { name: 'Filter' }).click();
    expect(new URL(page.url()).searchParams.get('view')).toBe('board');
    await expect(columns.locator('h2').allTextContents()).resolves.toEqual([
      'Scoping (0)',
      'Team assembly (1)',
      'Onsite (0)',
      'Report (0)',
      'Follow up (0)',
    ]);
    await expect(page.getByRole('link', { name: 'Table' }).getAttribute('href')).resolves.toBe(
      `/cases?managerId=${me.id}&region=South+West`,
    );

    // On a narrow screen the columns stack.
    await page.setViewportSize({ width: 375, height: 800 });
    const [first, second] = [await columns.nth(0).boundingBox(), await columns.nth(1).boundingBox()];
    expect(second!.y).toBeGreaterThan(first!.y + first!.height - 1);
    await check(page, 'caseload-board-narrow');

    await page.goto(`${base}/cases?view=board&stage=team_assembly`);
    await expect(columns.locator('h2').allTextContents()).resolves.toEqual(['Team assembly (2)']);
    await page.goto(`${base}/cases?view=board&stage=cancelled`);
    await expect(page.locator('main').textContent()).resolves.toContain(
      'Closed and cancelled cases are not on the board',
    );
    await context.close();

    const plain = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await signInWith(
      watchErrors(await plain.newPage(), browserErrors),
      base,
      viewer.email,
      TEST_PASSWORD,
    );
    await noScript.goto(`${base}/cases?view=board`);
    await expect(noScript.locator('.app-board__column h2').allTextContents()).resolves.toEqual([
      'Scoping (28)',
      'Team assembly (2)',
      'Onsite (0)',
      'Report (0)',
      'Follow up (0)',
    ]);
    await plain.close();
  });

  it('finds the reminders due up to a day that a case still needs, scheduled or sent, in one query', async () => {
    // Sam's case in Westminster (London), with its onsite visit two working days away; no other test looks at London.
    const sam = await createManager('sam.sent@example.org', 'Sam Sent');
    const caseId = await openCase('E09000033', 'corporate_peer_challenge', sam);
    const onsite = addWorkingDays(today, 2);
    await scope(caseId, onsite);
    const outstanding = async (scope: { managerId?: string; region?: string }, until: string) =>
      (await t.app.get(RemindersService).outstanding(scope, until)).map((r) => `${r.kind} ${r.dueOn} ${r.status}`);
    const statuses = async () =>
      Object.fromEntries(
        (
          await query<{ kind: string; status: string }>(
            t.database.url,
            'SELECT kind, status FROM reminders WHERE case_id = $1',
            [caseId],
          )
        ).map((r) => [r.kind, r.status]),
      );

    const statementDue = addWorkingDays(onsite, -10);
    const chase = addWorkingDays(onsite, -7);
    const briefings = addWorkingDays(onsite, -5);
    expect(await outstanding({ managerId: sam }, today)).toEqual([
      `position_statement_due ${statementDue} scheduled`,
      `position_statement_chase ${chase} scheduled`,
      `briefings_due ${briefings} scheduled`,
    ]);
    expect(await outstanding({ managerId: sam }, addWorkingDays(statementDue, -1))).toEqual([]);
    expect(await outstanding({ managerId: sam }, '2199-12-31')).toHaveLength(4); // and the stalled-case alert
    expect(await outstanding({ region: 'London' }, today)).toHaveLength(3);
    expect(await outstanding({ managerId: '00000000-0000-4000-8000-000000000000' }, today)).toEqual([]);

    // Sent, and still needed: the position statement has not arrived.
    await query(
      t.database.url,
      "UPDATE reminders SET status = 'sent', sent_at = now() WHERE case_id = $1 AND kind = $2",
      [caseId, 'position_statement_due'],
    );
    expect(await outstanding({ managerId: sam }, today)).toEqual([
      `position_statement_due ${statementDue} sent`,
      `position_statement_chase ${chase} scheduled`,
      `briefings_due ${briefings} scheduled`,
    ]);

    // The statement arrives: the sent reminder stays sent, but the case no longer needs it.
    await send(caseId, { type: 'RECEIVE_POSITION_STATEMENT', receivedOn: today });
    expect(await statuses()).toMatchObject({
      position_statement_due: 'sent',
      position_statement_chase: 'cancelled',
      briefings_due: 'scheduled',
    });
    expect(await outstanding({ managerId: sam }, today)).toEqual([`briefings_due ${briefings} scheduled`]);

    // A case on hold has none.
    await send(caseId, { type: 'PAUSE', reason: 'Elections' });
    expect(await outstanding({ managerId: sam }, '2199-12-31')).toEqual([]);
  });
});
