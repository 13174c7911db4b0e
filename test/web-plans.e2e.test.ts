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
