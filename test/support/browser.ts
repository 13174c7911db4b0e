import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TestApp } from './test-app.js';

const SCREENSHOTS = path.join('.data', 'test', 'screenshots');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Debian's Chromium, which `npm test` installs (TEST_CHROMIUM); never a downloaded browser. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.TEST_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Starts the test app's HTTP server on a free port of 127.0.0.1 and returns its base URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

export interface Violation {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/** The serious and critical WCAG 2.2 A/AA violations axe-core finds on the page as it is now. */
export async function accessibilityProblems(page: Page): Promise<Violation[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    type Found = { id: string; impact: string | null; help: string; nodes: Array<{ html: string }> };
    const axe = (globalThis as unknown as { axe: { run(o: object): Promise<{ violations: Found[] }> } }).axe;
    const { violations } = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact ?? '', help: v.help, nodes: v.nodes.map((n) => n.html) }));
  });
}

/** A page the test sees: no axe-core violation, and a screenshot of it as `name`. */
export async function check(page: Page, name: string): Promise<void> {
  expect(await accessibilityProblems(page)).toEqual([]);
  await screenshot(page, name);
}

/** Saves a full-page screenshot as .data/test/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/**
 * Collects in `errors` what the browser reports as an error: a script that failed, a CSP violation, a missing
 * asset. Pages that answer a refusal on purpose (a 401 sign-in, a 422 re-rendered form) are not errors.
 */
export function watchErrors(page: Page, errors: string[]): Page {
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of (400|401|403|409|422|429)/.test(message.text())) {
      errors.push(message.text());
    }
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return page;
}

/** A date as the pages write it: "9 March 2027" for 2027-03-09. */
export const longDate = (isoDate: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${isoDate}T00:00:00Z`),
  );

/** The size of the phone screen every journey page is also checked on. */
export const PHONE = { width: 390, height: 844 };

/** No axe-core violation on the page as it is, on its own window and again on a 390 px phone screen. */
export async function accessibleOnDesktopAndPhone(page: Page): Promise<void> {
  expect(await accessibilityProblems(page)).toEqual([]);
  const size = page.viewportSize();
  await page.setViewportSize(PHONE);
  try {
    expect(await accessibilityProblems(page)).toEqual([]);
  } finally {
    if (size) await page.setViewportSize(size);
  }
}

/**
 * A journey through the pages: counts every document the page loads (a link followed, a form sent, a reload,
 * the page reloading itself), and `visit` checks each new one on desktop and phone.
 */
export function journey(page: Page) {
  let loads = 0;
  let checked = 0;
  page.on('load', () => loads++);
  return {
    get loads() {
      return loads;
    },
    /**
     * Checks the page now shown, if it has not been checked yet; a page that reloads itself while it is checked
     * (a case page whose conflict check has just finished) is checked again once it has loaded.
     */
    async visit(): Promise<void> {
      for (let attempt = 0; checked !== loads; attempt++) {
        const seen = loads;
        try {
          await accessibleOnDesktopAndPhone(page);
          checked = seen;
        } catch (error) {
          if (attempt > 3 || !/Execution context was destroyed/.test(String(error))) throw error;
          await page.waitForLoadState('load');
        }
      }
    },
  };
}

/** Signs in through the login form on `page`, and the security code's page where `securityCode` gives a code. */
export async function signInWith(
  page: Page,
  base: string,
  email: string,
  password: string,
  securityCode?: () => Promise<string | undefined>,
): Promise<Page> {
  await page.goto(`${base}/login`);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const code = await securityCode?.();
  if (code) {
    // An account with a second factor: the code's page, then the page asked for.
    await page.getByRole('heading', { name: 'Enter your security code' }).waitFor();
    await page.getByLabel('Security code').fill(code);
    await page.getByRole('button', { name: 'Continue' }).click();
  }
  return page;
}

/** Fills a GOV.UK date input (`<id>-day`, `-month`, `-year`) with a YYYY-MM-DD date. */
export async function fillDate(page: Page, id: string, isoDate: string): Promise<void> {
  const [year, month, day] = isoDate.split('-');
  await page.locator(`#${id}-day`).fill(day);
  await page.locator(`#${id}-month`).fill(month);
  await page.locator(`#${id}-year`).fill(year);
}
