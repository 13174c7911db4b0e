import type { INestApplicationContext } from '@nestjs/common';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEV_ADMIN_EMAIL, DEV_ADMIN_PASSWORD } from '#libs/platform';
import { check, journey, launchChromium, listen, signInWith, watchErrors } from './support/browser.js';
import { query } from './support/environment.js';
import { startSmtpSink } from './support/smtp-sink.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.js';
import { eventually, startTestWorker } from './support/test-worker.js';

// Real councils in the North East; the contacts are invented.
const HARTLEPOOL = { code: 'E06000001', name: 'Hartlepool', ce: 'ce@hartlepool.example.org' };
const MIDDLESBROUGH = { code: 'E06000002', name: 'Middlesbrough', ce: 'ce@middlesbrough.example.org' };
const REDCAR = { code: 'E06000003', ce: 'ce@redcar.example.org' };

/** The nudge pages and the user administration pages in Debian's Chromium, against the real API and SMTP. */
describe('the nudge and user pages in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let worker: INestApplicationContext;
  let adviser: { id: string; email: string; token: string };
  let viewer: { id: string; email: string; token: string };
  const browserErrors: string[] = [];
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    smtp = await startSmtpSink();
    process.env.SMTP_URL = smtp.url;
    // No pre-election quiet period, so the run sends whatever the day the test runs on.
    t = await createTestApp({ env: { NUDGE_PRE_ELECTION_WEEKS: '0' } });
    base = await listen(t);
    browser = await launchChromium();
    adviser = await t.as('principal_adviser');
    viewer = await t.as('viewer');
    const patch = (code: string, body: object) =>
      t.http.patch(`/api/v1/councils/${code}`).set(as(t.adminToken)).send(body).expect(200);
    await patch(HARTLEPOOL.code, {
      chiefExecutive: { name: 'Harriet Chief', email: HARTLEPOOL.ce },
      principalAdviserId: adviser.id,
    });
    await patch(MIDDLESBROUGH.code, { chiefExecutive: { name: 'Max Chief', email: MIDDLESBROUGH.ce } });
    await patch(REDCAR.code, { chiefExecutive: { name: 'Rita Chief', email: REDCAR.ce }, nudgesSuppressed: true });
    worker = await startTestWorker();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await t?.close();
    await smtp?.close();
    delete process.env.SMTP_URL;
  });
  afterEach(() => expect(browserErrors.splice(0)).toEqual([]));

  async function signIn(context: BrowserContext, email: string, password = TEST_PASSWORD): Promise<Page> {
    return signInWith(watchErrors(await context.newPage(), browserErrors), base, email, password);
  }

  const navigation = (page: Page) => page.locator('.govuk-service-navigation__list').textContent();
  const errorSummary = (page: Page) => page.locator('.govuk-error-summary').textContent();
  const banner = (page: Page) => page.locator('.govuk-notification-banner').textContent();
  const columnTexts = (page: Page, column: number) =>
    page.locator(`table.govuk-table tbody tr td:nth-child(${column})`).allTextContents();

  it('shows a viewer the councils the API would nudge and why, the others and why not, and the email', async () => {
    const preview = await t.http.get('/api/v1/nudges/preview').set(as(viewer.token)).expect(200);
    const context = await browser.newContext({ bypassCSP: true });
    const page = await signIn(context, viewer.email);
    expect(await navigation(page)).toContain('Nudges');
    expect(await navigation(page)).not.toContain('Users');
    await page.getByRole('link', { name: 'Nudges', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe('/nudges');
    const names = preview.body.councils.map((c: { name: string }) => c.name);
    expect(names).toEqual([HARTLEPOOL.name, MIDDLESBROUGH.name]);
    expect(await columnTexts(page, 1)).toEqual(names);
    const heading = (await page.locator('#nudge-summary').textContent())!.replace(/\s+/g, ' ');
    expect(heading).toContain(`2 councils would be nudged, ${preview.body.notNudged.length} left out`);
    expect(await page.locator('table.govuk-table').textContent()).toContain(`${HARTLEPOOL.ce}, ${adviser.email}`);
    expect(await page.getByRole('button', { name: 'Send today’s nudges' }).count()).toBe(0);
    await check(page, 'nudges-preview');

    await page.getByLabel('Region').selectOption('London');
    await page.getByRole('button', { name: 'Show' }).click();
    expect(await page.locator('main').textContent()).toContain('No council would be nudged today');
    await page.getByLabel('Region').selectOption('North East');
    await page.getByLabel('Councils left out, and why').check();
    await page.getByRole('button', { name: 'Show' }).click();
    const reasons = new Map(
      (preview.body.notNudged as Array<{ name: string; reason: string }>).map((n) => [n.name, n.reason]),
    );
    const leftOut = await columnTexts(page, 1);
    expect(leftOut).toContain('Redcar and Cleveland');
    expect(leftOut.every((name) => reasons.has(name))).toBe(true);
    const redcar = page.locator('table.govuk-table tbody tr', { hasText: 'Redcar and Cleveland' });
    expect(await redcar.textContent()).toContain('It has opted out of these emails');
    await check(page, 'nudges-left-out');
    // A council's email and back: the list is as it was, filters and all (issue #24).
    await redcar.getByRole('link', { name: /^Email/ }).click();
    await page.getByRole('link', { name: 'Back to nudges' }).click();
    const back = new URL(page.url());
    expect([back.pathname, back.searchParams.get('region'), back.searchParams.get('list')]).toEqual([
      '/nudges',
      'North East',
      'left-out',
    ]);
    expect(await columnTexts(page, 1)).toEqual(leftOut);

    await page.getByLabel('On', { exact: true }).fill('2026-02-30');
    await page.getByRole('button', { name: 'Show' }).click();
    expect(await errorSummary(page)).toContain('Enter a real date written YYYY-MM-DD');
    expect(await page.locator('.govuk-error-summary a[href="#asOf"]').count()).toBe(1);
    await check(page, 'nudges-refused-date');

    await page.goto(`${base}/nudges`);
    await page.getByRole('link', { name: `Email to ${HARTLEPOOL.name}` }).click();
    expect(new URL(page.url()).pathname).toBe(`/nudges/councils/${HARTLEPOOL.code}`);
    const main = await page.locator('main').textContent();
    expect(main).toContain(`A corporate peer challenge for ${HARTLEPOOL.name}`);
    expect(main).toContain('It has had no corporate peer challenge since 2012');
    const text = await page.locator('#email-text').textContent();
    expect(text).toContain('Dear Harriet Chief,');
    expect(text).toContain('Hartlepool has not had a corporate peer challenge since 2012.');
    expect(text).toContain('/unsubscribe?token=…');
    expect(text).not.toMatch(/token=E06000001\./);
    expect(await page.getByRole('button', { name: /Stop nudges/ }).count()).toBe(0);
    await check(page, 'nudges-email');
    await context.close();

    const refused = await t.http.post(`/nudges/councils/${HARTLEPOOL.code}`).set(as(viewer.token)).send({});
    expect(refused.status).toBe(403);
  });

  it('the programme lead checks the year, then sends today’s nudges after a confirmation and sees them sent', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const fresh = watchErrors(await context.newPage(), browserErrors);
    const trip = journey(fresh);
    const page = await signInWith(fresh, base, DEV_ADMIN_EMAIL, DEV_ADMIN_PASSWORD);
    await trip.visit();

    // The year: the reports' index, the programme's deliverables, take-up and the councils a count counts.
    await page.getByRole('link', { name: 'Reports' }).click();
    await trip.visit();
    await page.getByRole('main').getByRole('link', { name: 'The programme this year' }).click();
    expect(new URL(page.url()).pathname).toBe('/reports/programme');
    await expect(page.locator('table.govuk-table tbody tr').first().textContent()).resolves.toContain('1.1');
    await trip.visit();
    await page.getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('main').getByRole('link', { name: 'Take-up' }).click();
    await trip.visit();
    const takeUp = await t.http.get('/api/v1/reports/take-up').set(as(viewer.token)).expect(200);
    await page.getByRole('link', { name: /councils: Never$/ }).click();
    await expect(page.locator('#council-count').textContent()).resolves.toBe(`${takeUp.body.counts.never} councils`);
    await trip.visit();

    // The nudges: who would be nudged, the confirmation, and the emails as they go.
    await page.getByRole('link', { name: 'Nudges' }).click();
    await trip.visit();
    await page.getByRole('link', { name: 'See the nudges sent' }).click();
    expect(await page.locator('#nudge-count').textContent()).toContain('0 nudges');
    await trip.visit();
    await page.getByRole('link', { name: 'See who would be nudged next' }).click();
    await page.getByRole('button', { name: 'Send today’s nudges' }).click();
    expect(new URL(page.url()).pathname).toBe('/nudges/run');
    expect(await page.locator('main').textContent()).toContain('chief executives of 2 councils');
    await check(page, 'nudges-run-confirm');
    await trip.visit();

    await page.getByRole('button', { name: 'Send 2 nudges' }).click();
    expect(new URL(page.url()).pathname).toBe('/nudges/history');
    await trip.visit();
    process.stderr.write(`The programme lead's journey took ${trip.loads} page loads.\n`);
    expect(trip.loads).toBeLessThanOrEqual(13);
    expect(await banner(page)).toContain('2 nudges queued');
    expect((await columnTexts(page, 2)).sort()).toEqual([HARTLEPOOL.name, MIDDLESBROUGH.name]);
    const hartlepool = page.locator('table.govuk-table tbody tr', { hasText: HARTLEPOOL.name });
    expect(await hartlepool.textContent()).toContain(`${HARTLEPOOL.ce} (copied to ${adviser.email})`);
    expect(await hartlepool.textContent()).toContain('Nudge');

    await eventually(async () => (smtp.received.length >= 2 ? true : undefined));
    await eventually(async () => {
      await page.goto(`${base}/nudges/history`);
      const statuses = await columnTexts(page, 6);
      return statuses.every((s) => s.trim() === 'Sent') ? true : undefined;
    });
    const history = await t.http.get(`/api/v1/councils/${HARTLEPOOL.code}/history`).set(as(viewer.token));
    expect(history.body.nudges).toEqual([expect.objectContaining({ to: [HARTLEPOOL.ce], status: 'sent' })]);
    await check(page, 'nudges-history');

    await page.getByLabel('Region').selectOption('London');
    await page.getByRole('button', { name: 'Show' }).click();
    expect(await page.locator('#nudge-count').textContent()).toContain('0 nudges');

    // A second run the same day queues nothing: the councils are in their cool-down.
    await page.goto(`${base}/nudges/run`);
    expect(await page.locator('main').textContent()).toContain('No council would be nudged today');
    expect(await page.getByRole('button', { name: /Send/ }).count()).toBe(0);
    await context.close();
  });

  it('lets an admin stop and allow again the nudges to a council', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await signIn(context, DEV_ADMIN_EMAIL, DEV_ADMIN_PASSWORD);
    await page.goto(`${base}/nudges/councils/${MIDDLESBROUGH.code}`);
    await check(page, 'nudges-email-admin');
    await page.getByRole('button', { name: `Stop nudges to ${MIDDLESBROUGH.name}` }).click();
    expect(await banner(page)).toContain(`Nudges to ${MIDDLESBROUGH.name} are stopped.`);
    const stopped = await t.http.get(`/api/v1/councils/${MIDDLESBROUGH.code}`).set(as(viewer.token));
    expect(stopped.body.nudgesSuppressed).toBe(true);
    expect(await page.locator('main').textContent()).toContain('It has opted out of these emails');
    await check(page, 'nudges-stopped');

    await page.getByRole('button', { name: `Allow nudges to ${MIDDLESBROUGH.name} again` }).click();
    expect(await banner(page)).toContain(`${MIDDLESBROUGH.name} can be nudged again.`);
    const allowed = await t.http.get(`/api/v1/councils/${MIDDLESBROUGH.code}`).set(as(viewer.token));
    expect(allowed.body.nudgesSuppressed).toBe(false);
    await context.close();
  });

  it('refuses the user pages to everyone but admins', async () => {
    for (const role of ['viewer', 'principal_adviser', 'peer_challenge_manager'] as const) {
      const { token } = await t.as(role);
      expect((await t.http.get('/admin/users').set(as(token))).status).toBe(403);
    }
    const context = await browser.newContext({ bypassCSP: true });
    const page = await signIn(context, viewer.email);
    const response = await page.goto(`${base}/admin/users`);
    expect(response?.status()).toBe(403);
    expect(await page.locator('h1').textContent()).toContain('You cannot do this');
    await context.close();
  });

  it('lets an admin add a user who can then sign in, and shows each problem of a bad form without saving', async () => {
    const usersBefore = await t.http.get('/api/v1/users').set(as(t.adminToken)).expect(200);
    const context = await browser.newContext({ bypassCSP: true });
    const page = await signIn(context, DEV_ADMIN_EMAIL, DEV_ADMIN_PASSWORD);
    expect(await navigation(page)).toContain('Users');
    await page.getByRole('link', { name: 'Users', exact: true }).click();
    expect(new URL(page.url()).pathname).toBe('/admin/users');
    expect(await page.locator('#user-count').textContent()).toContain(`${usersBefore.body.total} users`);
    await check(page, 'users');

    await page.getByRole('button', { name: 'Add a user' }).click();
    await check(page, 'user-new');
    // An admin never types another person's password: the new user is emailed an invitation.
    expect(await page.locator('main input[type=password]').count()).toBe(0);
    await page.getByLabel('Email address').fill('not an address');
    await page.getByRole('button', { name: 'Add user' }).click();
    const summary = await errorSummary(page);
    // Each problem in words for people, never the API's field names.
    expect(summary).toContain('Enter the person’s name');
    expect(summary).toContain('Enter an email address in the correct format, like name@example.org');
    expect(summary).toContain('Choose at least one role');
    expect(summary).not.toMatch(/\b(name|email|roles) must/);
    for (const field of ['name', 'email', 'roles']) {
      expect(await page.locator(`.govuk-error-summary a[href="#${field}"]`).count()).toBe(1);
    }
    await check(page, 'user-new-refused');

    await page.getByLabel('Name').fill('Nadia New');
    await page.getByLabel('Email address').fill('nadia.new@example.org');
    await page.getByLabel('Principal adviser').check();
    await page.getByRole('button', { name: 'Add user' }).click();
    expect(await errorSummary(page)).toContain('a principal adviser needs one');
    expect(await page.locator('.govuk-error-summary a[href="#region"]').count()).toBe(1);
    expect(await page.getByLabel('Principal adviser').isChecked()).toBe(true);
    expect(await page.getByLabel('Name').inputValue()).toBe('Nadia New');

    await page.getByLabel('Email address').fill(viewer.email);
    await page.getByLabel('Region').selectOption('North East');
    await page.getByRole('button', { name: 'Add user' }).click();
    expect(await errorSummary(page)).toContain(`A user with the email address ${viewer.email} already exists`);
    await check(page, 'user-new-email-taken');
    const usersAfterRefusals = await t.http.get('/api/v1/users').set(as(t.adminToken)).expect(200);
    expect(usersAfterRefusals.body.total).toBe(usersBefore.body.total);

    await page.getByLabel('Email address').fill('nadia.new@example.org');
    await page.getByRole('button', { name: 'Add user' }).click();
    expect(new URL(page.url()).pathname).toMatch(/^\/admin\/users\/[0-9a-f-]{36}$/);
    expect(await banner(page)).toContain('Nadia New has been added');
    expect(await page.content()).not.toContain('scrypt$');
    await check(page, 'user-added');
    const added = await t.http.get('/api/v1/users?role=principal_adviser').set(as(t.adminToken));
    expect(added.body.items).toContainEqual(
      expect.objectContaining({ email: 'nadia.new@example.org', roles: ['principal_adviser'], region: 'North East' }),
    );

    // She chooses her password from the invitation's link.
    const [invitation] = await query<{ text_body: string }>(
      t.database.url,
      `SELECT text_body FROM emails WHERE template = 'password-invitation' AND to_addresses @> $1::jsonb`,
      [JSON.stringify([{ address: 'nadia.new@example.org' }])],
    );
    const link = new URL(/(http\S+\/login\/reset\?token=[A-Za-z0-9_-]+)/.exec(invitation.text_body)![1]);
    const theirs = await browser.newContext({ bypassCSP: true });
    const own = watchErrors(await theirs.newPage(), browserErrors);
    await own.goto(`${base}${link.pathname}${link.search}`);
    await own.getByLabel('New password', { exact: true }).fill('a-new-advisers-passphrase');
    await own.getByLabel('Confirm the new password').fill('a-new-advisers-passphrase');
    await own.getByRole('button', { name: 'Set password' }).click();
    await own.waitForURL(`${base}/login?done=password`);
    const signedIn = await signIn(theirs, 'nadia.new@example.org', 'a-new-advisers-passphrase');
    expect(new URL(signedIn.url()).pathname).toBe('/');
    expect(await signedIn.locator('.app-sign-out').textContent()).toContain('Nadia New');
    await theirs.close();
    await context.close();
  });

  it('lets an admin change a user, ends a deactivated user’s session, and keeps an admin', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await signIn(context, DEV_ADMIN_EMAIL, DEV_ADMIN_PASSWORD);
    const theirs = await browser.newContext({ bypassCSP: true });
    const theirPage = await signIn(theirs, 'nadia.new@example.org', 'a-new-advisers-passphrase');
    expect(new URL(theirPage.url()).pathname).toBe('/');

    await page.goto(`${base}/admin/users?role=principal_adviser`);
    await page.getByRole('link', { name: 'Nadia New' }).click();
    await page.getByLabel('Name').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect(await errorSummary(page)).toContain('Enter the person’s name');
    await check(page, 'user-edit-refused');
    await page.getByLabel('Name').fill('Nadia New');

    await page.getByLabel('Viewer').check();
    await page.getByLabel('No, deactivated').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect(await banner(page)).toContain('Your changes have been saved.');
    expect(await page.getByLabel('No, deactivated').isChecked()).toBe(true);
    await check(page, 'user-edit-saved');
    const [changed] = (await t.http.get('/api/v1/users?active=false').set(as(t.adminToken))).body.items;
    expect(changed).toEqual(
      expect.objectContaining({
        email: 'nadia.new@example.org',
        roles: ['principal_adviser', 'viewer'],
        active: false,
      }),
    );

    await theirPage.reload();
    expect(new URL(theirPage.url()).pathname).toBe('/login');
    await theirs.close();

    await page.goto(`${base}/admin/users?active=false`);
    expect(await columnTexts(page, 1)).toEqual(['Nadia New']);
    await check(page, 'users-deactivated');

    await page.goto(`${base}/admin/users?role=admin`);
    await page.getByRole('link', { name: 'Administrator' }).click();
    await page.getByLabel('Admin', { exact: true }).uncheck();
    await page.getByLabel('Viewer').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect(await errorSummary(page)).toContain('You cannot remove your own admin role or deactivate yourself');
    await check(page, 'user-edit-keeps-admin');
    const me = await t.http.get('/api/v1/auth/me').set(as(t.adminToken)).expect(200);
    expect(me.body.roles).toEqual(['admin']);
    await context.close();
  });
});
