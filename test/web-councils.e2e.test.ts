import type { Browser, BrowserContext, Page } from 'playwright-core';
import { check, journey, launchChromium, listen, signInWith, watchErrors } from './support/browser.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.js';

/** The principal adviser's pages in Debian's Chromium: councils, a council's history and notes, peers, reports. */
describe('the councils, peers and reports pages in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let adviser: { email: string };
  let viewer: { token: string };
  let peerId: string;
  const browserErrors: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    base = await listen(t);
    browser = await launchChromium();
    adviser = await t.as('principal_adviser');
    viewer = await t.as('viewer');
    const manager = await t.as('peer_challenge_manager');
    const peer = await t.http
      .post('/api/v1/peers')
      .set('Authorization', `Bearer ${manager.token}`)
      .send({
        name: 'Priya Webpage',
        email: 'priya.webpage@example.org',
        kind: 'officer',
        homeCouncilGssCode: 'E06000059',
        expertise: ['finance'],
      });
    expect(peer.status).toBe(201);
    peerId = peer.body.id as string;
    const dealing = await t.http
      .post(`/api/v1/peers/${peerId}/dealings`)
      .set('Authorization', `Bearer ${manager.token}`)
      .send({ councilGssCode: 'E06000058', kind: 'consultancy', from: '2023-04-01', to: '2024-03-31' });
    expect(dealing.status).toBe(201);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => expect(browserErrors.splice(0)).toEqual([]));

  async function signIn(context: BrowserContext, email: string): Promise<Page> {
    return signInWith(watchErrors(await context.newPage(), browserErrors), base, email, TEST_PASSWORD, () =>
      t.securityCode(email),
    );
  }

  it('lets a principal adviser search the councils, read a history and add a note (not a blank one)', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const fresh = watchErrors(await context.newPage(), browserErrors);
    // The adviser's journey: every page load counted, every page checked on desktop and on a phone.
    const trip = journey(fresh);
    const page = await signInWith(fresh, base, adviser.email, TEST_PASSWORD);
    await trip.visit();
    await page.getByRole('link', { name: 'Councils' }).click();
    await trip.visit();
    expect(new URL(page.url()).pathname).toBe('/councils');
    const existing = await t.http
      .get('/api/v1/councils?existing=true&limit=1')
      .set('Authorization', `Bearer ${viewer.token}`);
    await expect(page.locator('#council-count').textContent()).resolves.toContain(`${existing.body.total} councils`);
    expect(await page.locator('.govuk-pagination__link[rel="next"]').count()).toBe(1);
    await check(page, 'councils');
    await trip.visit();

    await page.getByLabel('Include councils that no longer exist').check();
    await page.getByRole('button', { name: 'Search' }).click();
    await trip.visit();
    await expect(page.locator('#council-count').textContent()).resolves.toContain('365 councils');
    await page.getByLabel('Name or GSS code').fill('west dorset');
    await page.getByRole('button', { name: 'Search' }).click();
    await trip.visit();
    await expect(page.locator('table.govuk-table').textContent()).resolves.toContain('Abolished 2019-04-01');
    await page.getByLabel('Include councils that no longer exist').uncheck();
    await page.getByRole('button', { name: 'Search' }).click();
    await trip.visit();
    await expect(page.locator('#council-count').textContent()).resolves.toContain('0 councils');

    await page.getByLabel('Name or GSS code').fill('dorset');
    await page.getByLabel('Take-up').selectOption('never');
    await page.getByRole('button', { name: 'Search' }).click();
    await trip.visit();
    expect(page.url()).toContain('q=dorset');
    const table = page.locator('table.govuk-table');
    await expect(table.textContent()).resolves.toContain('Dorset Council');
    await expect(table.locator('.govuk-tag--red').first().textContent()).resolves.toContain('Never');
    await check(page, 'councils-search');
    await trip.visit();

    await page.getByRole('link', { name: 'Dorset Council' }).click();
    await trip.visit();
    expect(new URL(page.url()).pathname).toBe('/councils/E06000059');
    await expect(page.locator('h1').textContent()).resolves.toContain('Dorset Council');
    const summary = await page.locator('.govuk-summary-list').first().textContent();
    expect(summary).toContain('South West');
    expect(summary).toContain('Principal adviser');
    expect(summary).toContain('Predecessors');
    await expect(page.locator('main').textContent()).resolves.toContain('Peers provided');
    await check(page, 'council-history');
    await trip.visit();

    await page.getByRole('button', { name: 'Add note' }).click();
    await trip.visit();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter a note');
    await expect(page.locator('.govuk-error-summary a[href="#note-text"]').count()).resolves.toBe(1);
    await check(page, 'council-note-refused');
    await trip.visit();

    await page.getByLabel('Add a note').fill('Met the chief executive; a challenge in 2027 is likely.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await trip.visit();
    expect(page.url()).toMatch(/\/councils\/E06000059\?done=note$/);
    expect(await page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY)).toBe(0);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('note has been added');
    await expect(page.locator('.app-note').first().textContent()).resolves.toContain('Met the chief executive');
    await check(page, 'council-note-added');
    await trip.visit();
    process.stderr.write(`The principal adviser's journey took ${trip.loads} page loads.\n`);
    expect(trip.loads).toBeLessThanOrEqual(10);
    await context.close();
  });

  it("lets an admin change a council's contacts and principal adviser, refusing a bad email and writing nothing", async () => {
    const admin = await t.as('admin');
    const adviserUser = await t.http
      .get('/api/v1/users?role=principal_adviser')
      .set('Authorization', `Bearer ${admin.token}`);
    const adviserId = adviserUser.body.items.find((u: { email: string }) => u.email === adviser.email).id as string;
    const context = await browser.newContext({ bypassCSP: true });
    const page = await signIn(context, admin.email);
    await page.goto(`${base}/councils/E06000058`);
    await page.getByRole('link', { name: /Change the contacts/ }).click();
    expect(new URL(page.url()).pathname).toBe('/councils/E06000058/edit');
    await check(page, 'council-edit');

    await page.locator('#chiefExecutiveName').fill('Ada Chief');
    await page.locator('#chiefExecutiveEmail').fill('not-an-email');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.locator('.govuk-error-summary a[href="#chiefExecutiveEmail"]').count()).resolves.toBe(1);
    await expect(page.locator('#chiefExecutiveName').inputValue()).resolves.toBe('Ada Chief');
    await check(page, 'council-edit-refused');
    const unchanged = await t.http.get('/api/v1/councils/E06000058').set('Authorization', `Bearer ${viewer.token}`);
    expect(unchanged.body.chiefExecutive).toBeNull();

    await page.locator('#chiefExecutiveEmail').fill('Ada.Chief@Example.org');
    await page.locator('#principalAdviserId').selectOption(adviserId);
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect(page.url()).toContain('/councils/E06000058?done=saved');
    const summary = await page.locator('.govuk-summary-list').first().textContent();
    expect(summary).toContain('Ada Chief, ada.chief@example.org');
    const saved = await t.http.get('/api/v1/councils/E06000058').set('Authorization', `Bearer ${viewer.token}`);
    expect(saved.body).toMatchObject({
      chiefExecutive: { name: 'Ada Chief', email: 'ada.chief@example.org' },
      leader: null,
      principalAdviser: { id: adviserId },
      nudgesSuppressed: false,
    });
    await context.close();

    const forbidden = await t.http.get('/councils/E06000058/edit').set('Authorization', `Bearer ${viewer.token}`);
    expect(forbidden.status).toBe(403);
    const viewerPage = await t.http.get('/councils/E06000058').set('Authorization', `Bearer ${viewer.token}`);
    expect(viewerPage.text).not.toContain('/councils/E06000058/edit');
  });

  it('shows a viewer the history without the note form', async () => {
    const page = await t.http.get('/councils/E06000059').set('Authorization', `Bearer ${viewer.token}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Dorset Council');
    expect(page.text).not.toContain('action="/councils/E06000059/notes"');
    expect((await t.http.get('/councils/E99999999').set('Authorization', `Bearer ${viewer.token}`)).status).toBe(404);
  });

  it('lists the peers, shows a peer with dealings and runs the pre-check', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await signIn(context, adviser.email);
    await page.getByRole('link', { name: 'Peers' }).click();
    await page.getByLabel('Name or email').fill('webpage');
    await page.getByLabel('Kind').selectOption('officer');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.locator('table.govuk-table').textContent()).resolves.toContain('Priya Webpage');
    await check(page, 'peers');

    await page.getByRole('link', { name: 'Priya Webpage' }).click();
    expect(new URL(page.url()).pathname).toBe(`/peers/${peerId}`);
    await expect(page.locator('main').textContent()).resolves.toContain('Consultancy');
    await check(page, 'peer');

    await page.getByRole('button', { name: 'Check' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Choose the council');
    await check(page, 'peer-pre-check-refused');

    await page.getByLabel('Council').selectOption('E06000059');
    await page.getByLabel('Role on the team').selectOption('lead_officer_peer');
    await page.getByRole('button', { name: 'Check' }).click();
    expect(page.url()).toContain('councilGssCode=E06000059');
    const result = page.locator('#pre-check-result');
    await expect(result.textContent()).resolves.toContain('Cannot serve');
    await expect(result.locator('.govuk-tag--red', { hasText: 'Conflict' }).count()).resolves.toBeGreaterThan(0);
    await check(page, 'peer-pre-check');

    await page.getByLabel('Council').selectOption('E09000001');
    await page.getByRole('button', { name: 'Check' }).click();
    await expect(result.textContent()).resolves.toContain('Can serve');
    await context.close();
  });

  it('shows take-up as a chart with its table and CSV, and the deliverables with RAG tags', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await signIn(context, adviser.email);
    await page.getByRole('link', { name: 'Reports' }).click();
    // The menu's Reports is an index of every report (issue #24).
    expect(new URL(page.url()).pathname).toBe('/reports');
    for (const report of ['Take-up', 'The programme this year', 'Board report', 'Conflict overrides']) {
      expect(await page.getByRole('main').getByRole('link', { name: report }).count()).toBe(1);
    }
    await check(page, 'reports');
    await page.getByRole('main').getByRole('link', { name: 'Take-up' }).click();
    expect(new URL(page.url()).pathname).toBe('/reports/take-up');
    await expect(page.locator('svg#take-up-chart title').textContent()).resolves.toContain('Councils by take-up');
    expect(await page.locator('svg#take-up-chart rect').count()).toBe(4);
    const report = await t.http.get('/api/v1/reports/take-up').set('Authorization', `Bearer ${viewer.token}`);
    await expect(page.locator('main').textContent()).resolves.toContain(`${report.body.councilsTotal} councils in all`);
    await expect(page.locator('table.govuk-table').first().textContent()).resolves.toContain(
      String(report.body.counts.never),
    );
    const trend = await t.http.get('/api/v1/reports/never-over-time').set('Authorization', `Bearer ${viewer.token}`);
    expect(await page.locator('svg#never-chart rect').count()).toBe(trend.body.points.length);
    await expect(page.locator('svg#never-chart desc').textContent()).resolves.toContain(
      `Today: ${trend.body.points.at(-1).noCpcSince2012}.`,
    );
    await check(page, 'report-take-up');

    await page.getByLabel('Region', { exact: true }).selectOption('London');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page.locator('table.govuk-table').first().textContent()).resolves.toContain('33');
    const csvHref = await page.getByRole('link', { name: /CSV/ }).getAttribute('href');
    expect(csvHref).toBe('/api/v1/reports/take-up?format=csv&region=London');
    const csv = await context.request.get(`${base}${csvHref}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    await check(page, 'report-take-up-london');
    // Each count leads to the councils it counts.
    const london = await t.http
      .get('/api/v1/reports/take-up?region=London')
      .set('Authorization', `Bearer ${viewer.token}`);
    await page.getByRole('link', { name: /councils: Never$/ }).click();
    const listed = new URL(page.url());
    expect([listed.pathname, listed.searchParams.get('takeUp'), listed.searchParams.get('region')]).toEqual([
      '/councils',
      'never',
      'London',
    ]);
    await expect(page.locator('#council-count').textContent()).resolves.toBe(
      `${london.body.counts.never} council${london.body.counts.never === 1 ? '' : 's'}`,
    );

    await page.goto(`${base}/reports/programme?financialYear=2018`);
    const rows = page.locator('table.govuk-table tbody tr');
    expect(await rows.count()).toBe(3);
    await expect(rows.nth(0).textContent()).resolves.toContain('1.1');
    await expect(rows.nth(1).locator('.govuk-tag').textContent()).resolves.toMatch(/Green|Amber|Red/);
    await check(page, 'report-programme');

    await page.getByLabel('Financial year').fill('1999');
    await page.getByRole('button', { name: 'Show' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('2012 to 2100');
    await check(page, 'report-programme-refused');
    await context.close();
  });
});
