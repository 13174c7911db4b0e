import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { DEV_ADMIN_EMAIL, DEV_ADMIN_PASSWORD } from '#libs/platform';
import { check, launchChromium, listen, signInWith, watchErrors } from './support/browser.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { documentText } from './support/word.js';

/** The pages of issue #18 in Debian's Chromium: targets, council facts, the programme report and the board report. */
describe('the programme pages in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    base = await listen(t);
    browser = await launchChromium();
    const context = await browser.newContext({ bypassCSP: true, acceptDownloads: true });
    page = await signInWith(watchErrors(await context.newPage(), errors), base, DEV_ADMIN_EMAIL, DEV_ADMIN_PASSWORD);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => expect(errors.splice(0)).toEqual([]));

  const main = async () => ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');

  it('shows the targets with their history', async () => {
    await page.goto(`${base}/admin/targets`);
    expect(await page.locator('h1').textContent()).toBeTruthy();
    await check(page, 'programme-targets');
  });

  it('shows a council’s facts to an admin', async () => {
    await page.goto(`${base}/councils/E06000059/facts`);
    expect(await main()).toContain('Political control');
    await check(page, 'programme-council-facts');
  });

  it('shows the programme report with delivered, confirmed, in discussion and the RAG key', async () => {
    await page.goto(`${base}/reports/programme?financialYear=2018`);
    const text = await main();
    for (const heading of ['Delivered', 'Confirmed', 'In discussion', 'RAG', 'Green achieved', 'Amber on track'])
      expect(text).toContain(heading);
    await check(page, 'programme-report');
  });

  it('shows the board report and downloads it from its button', async () => {
    await page.goto(`${base}/reports/board?financialYear=2018&quarter=4`);
    expect(await main()).toContain('Quarter 4 of 2018/19');
    await check(page, 'programme-board-report');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download the board report (Word)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('board-report-2018-19-q4.docx');
    const text = documentText(readFileSync((await download.path())!));
    expect(text).toContain('Performance report: peer challenge, quarter 4 of 2018/19');
  });
});
