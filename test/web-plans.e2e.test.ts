import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEV_ADMIN_EMAIL, DEV_ADMIN_PASSWORD } from '#libs/platform';
import { check, launchChromium, listen, signInWith, watchErrors } from './support/browser.js';
import { TEST_PASSWORD, createTestApp, type TestApp } from './support/test-app.js';

/** The five-year plan's pages (issue #19) in Debian's Chromium: settings, computing a plan, the heat map, the list. */
describe('the plan pages in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    base = await listen(t);
    browser = await launchChromium();
    context = await browser.newContext({ bypassCSP: true, acceptDownloads: true });
    page = await signInWith(watchErrors(await context.newPage(), errors), base, DEV_ADMIN_EMAIL, DEV_ADMIN_PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => expect(errors.splice(0)).toEqual([]));

  const main = async (p = page) => ((await p.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');

  it('says there is no plan yet', async () => {
    await page.goto(`${base}/plans`);
    expect(await main()).toContain('No plan has been computed yet.');
    await check(page, 'plans-empty');
  });

  it('refuses bad settings naming the field, and saves good ones', async () => {
    await page.goto(`${base}/plans/settings`);
    await page.fill('#horizonQuarters', '41');
    await page.fill('#capacityPerQuarter', '-3');
    await page.getByLabel('London').fill('two');
    await page.fill('#quietPeriods', '2028-01-03 2027-12-20 Christmas');
    await page.getByRole('button', { name: 'Save settings' }).click();
    const summary = (await page.locator('.govuk-error-summary').textContent())!.replace(/\s+/g, ' ');
    expect(summary).toContain('horizonQuarters must be at most 40');
    expect(summary).toContain('capacityPerQuarter must be a whole number');
    expect(summary).toContain('Enter London’s capacity as a whole number, or leave it empty');
    await check(page, 'plans-settings-refused');

    await page.fill('#horizonQuarters', '8');
    await page.fill('#capacityPerQuarter', '20');
    await page.getByLabel('London').fill('2');
    await page.fill('#quietPeriods', '2027-12-20 2028-01-03 Christmas');
    await page.getByRole('button', { name: 'Save settings' }).click();
    expect(await main()).toContain('The settings have been saved.');
    expect(await page.inputValue('#horizonQuarters')).toBe('8');
    expect(await page.getByLabel('London').inputValue()).toBe('2');
    expect(await page.inputValue('#quietPeriods')).toBe('2027-12-20 2028-01-03 Christmas');
    await check(page, 'plans-settings');
  });

  it('computes a plan and shows the load by quarter and region, and each council with why', async () => {
    await page.goto(`${base}/plans`);
    await page.getByRole('button', { name: 'Compute a new plan' }).click();
    expect(await main()).toContain('A new plan has been computed.');
    const heat = page.locator('#plan-heat-map');
    expect(await heat.locator('rect').count()).toBe(10 * 8); // 9 regions and all, 8 quarters
    expect(await heat.locator('title').textContent()).toBe('Councils planned by quarter and region');
    const londonRow = page.locator('table.govuk-table').first().locator('tr', { hasText: 'London' });
    expect(await londonRow.textContent()).toMatch(/\d of 2/);
    const rows = page.locator('#plan-councils tbody tr');
    expect(await rows.count()).toBeGreaterThan(300);
    expect(await main()).toContain('no capacity left in its window');
    await check(page, 'plans-plan');

    await page.selectOption('#region', 'London');
    await page.selectOption('#status', 'unplaceable');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    const london = await rows.allTextContents();
    expect(london.length).toBeGreaterThan(0);
    for (const row of london) {
      expect(row).toContain('London');
      expect(row).toContain('Unplaceable');
      expect(row).toContain("London's capacity is full");
    }
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the plan as CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^plan-\d+\.csv$/);
  });

  it('shows each council its place in the plan, and takes dates for planning it', async () => {
    await page.goto(`${base}/councils/E06000054`);
    expect(await main()).toMatch(/Five-year plan Five-year due by \w+ to \w+ \d{4}/);
    await page.getByRole('link', { name: 'Record dates for planning of Wiltshire' }).click();
    await page.fill('#notBefore', '2028-01-01');
    await page.fill('#notAfter', '2027-06-30');
    await page.fill('#reason', 'New chief executive from January');
    await page.getByRole('button', { name: 'Save the dates' }).click();
    const summary = (await page.locator('.govuk-error-summary').textContent())!.replace(/\s+/g, ' ');
    expect(summary).toContain('Not after must not be before the not-before date');
    expect(await page.inputValue('#notBefore')).toBe('2028-01-01');
    await check(page, 'council-plan-dates-refused');

    await page.fill('#notAfter', '2029-12-31');
    await page.getByRole('button', { name: 'Save the dates' }).click();
    expect(await main()).toContain('The dates for planning have been saved');
    expect(await main()).toContain(
      'Dates for planning not before 1 January 2028, not after 31 December 2029: New chief executive from January',
    );
    await page.getByRole('link', { name: 'Record dates for planning of Wiltshire' }).click();
    expect(await page.inputValue('#notAfter')).toBe('2029-12-31');
    await page.getByRole('button', { name: 'Remove the dates' }).click();
    expect(await main()).not.toContain('Dates for planning not before');
  });

  it('lists reorganisations and applies one from pasted CSV, every bad line said, then shows it on the councils', async () => {
    const header =
      'predecessor_gss_code,predecessor_name,successor_gss_code,successor_name,successor_type,successor_region,successor_start_date';
    await page.goto(`${base}/councils`);
    await page.getByRole('link', { name: 'Reorganisations, past and scheduled' }).click();
    expect(await main()).toContain('None scheduled');
    expect(await page.locator('table', { hasText: 'Vested' }).textContent()).toContain('Cumberland');
    await page.fill(
      '#csv',
      `${header}\nE07000137,East Lindsay,E06000099,Lincolnshire Coast,unitary,East Midlands,2028-04-01`,
    );
    await page.getByRole('button', { name: 'Apply the reorganisation' }).click();
    expect((await page.locator('.govuk-error-summary').textContent())!.replace(/\s+/g, ' ')).toContain(
      "Line 2: predecessor_name must be the register's name of E07000137: East Lindsey",
    );
    expect(await page.inputValue('#csv')).toContain('East Lindsay');
    await check(page, 'reorganisations-refused');

    await page.fill(
      '#csv',
      `${header}\nE07000137,East Lindsey,E06000099,Lincolnshire Coast,unitary,East Midlands,2028-04-01`,
    );
    await page.getByRole('button', { name: 'Apply the reorganisation' }).click();
    expect(await main()).toContain('Applied: 1 new council(s).');
    expect(await page.locator('table', { hasText: 'Scheduled' }).textContent()).toContain('Lincolnshire Coast');
    await check(page, 'reorganisations');

    await page.goto(`${base}/councils/E07000137`);
    expect(await main()).toContain('This council is to be replaced by Lincolnshire Coast from 1 April 2028');
    await page.goto(`${base}/councils/E06000099`);
    expect(await main()).toContain('Lincolnshire Coast comes into being on 1 April 2028, replacing East Lindsey.');
    expect(await page.getByRole('button', { name: 'Open a peer challenge' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Open a peer challenge' }).count()).toBe(0);
  });

  it('shows the plan to a principal adviser without the admin’s buttons, and not the settings', async () => {
    const adviser = await t.as('principal_adviser');
    const theirs = await signInWith(watchErrors(await context.newPage(), errors), base, adviser.email, TEST_PASSWORD);
    await theirs.goto(`${base}/plans`);
    expect(await main(theirs)).toContain('Load against capacity');
    expect(await theirs.getByRole('button', { name: 'Compute a new plan' }).count()).toBe(0);
    const refused = await theirs.goto(`${base}/plans/settings`);
    expect(refused?.status()).toBe(403);
    errors.splice(0);
    await theirs.close();
  });
});
