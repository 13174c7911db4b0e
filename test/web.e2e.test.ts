import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  accessibilityProblems,
  fillDate,
  launchChromium,
  listen,
  screenshot,
  signInWith,
  watchErrors,
} from './support/browser.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.js';

/** The web UI in Debian's Chromium: sign-in, a case moved on through its forms, refusals, 409s, a viewer. */
describe('the web UI in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let manager: { id: string; email: string; token: string };
  let viewer: { email: string };
  let caseUrl: string;
  const shots = new Set<string>();

  beforeAll(async () => {
    t = await createTestApp();
    base = await listen(t);
    browser = await launchChromium();
    manager = await t.as('peer_challenge_manager');
    viewer = await t.as('viewer');
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  /** What the browser reported as an error (see `watchErrors`). */
  const browserErrors: string[] = [];
  afterEach(() => expect(browserErrors.splice(0)).toEqual([]));

  /** Every page the test sees is checked with axe-core and photographed. */
  async function check(page: Page, name: string): Promise<void> {
    expect(await accessibilityProblems(page)).toEqual([]);
    if (!shots.has(name)) await screenshot(page, name);
    shots.add(name);
  }

  async function signIn(context: BrowserContext, email: string, password = TEST_PASSWORD): Promise<Page> {
    return signInWith(watchErrors(await context.newPage(), browserErrors), base, email, password);
  }

  /** The sign-in form as a browser gets it: its login cookie and the token the form repeats. */
  async function loginForm(): Promise<{ cookie: string; token: string }> {
    const form = await t.http.get('/login');
    const cookie = String(form.headers['set-cookie']).split(';')[0];
    const token = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1] ?? '';
    expect([cookie, token]).toEqual([expect.stringMatching(/^lga_login_csrf=./), expect.stringMatching(/^.{43}$/)]);
    return { cookie, token };
  }

  async function postLogin(email: string, password: string, form: { cookie: string; token: string }) {
    return t.http.post('/login').set('Cookie', form.cookie).type('form').send({ email, password, _csrf: form.token });
  }

  it('refuses a sign-in posted without the login form token of the same browser, signing nobody in', async () => {
    const form = await loginForm();
    const other = await loginForm();
    const attempts = [
      t.http.post('/login').type('form').send({ email: manager.email, password: TEST_PASSWORD }),
      t.http.post('/login').type('form').send({ email: manager.email, password: TEST_PASSWORD, _csrf: form.token }),
      postLogin(manager.email, TEST_PASSWORD, { cookie: form.cookie, token: other.token }),
    ];
    for (const refused of await Promise.all(attempts)) {
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('The sign-in form has expired');
      expect(String(refused.headers['set-cookie'])).not.toContain('lga_session=');
    }
    expect((await postLogin(manager.email, TEST_PASSWORD, form)).status).toBe(303);
  });

  it('keeps the session in an HttpOnly SameSite=Lax cookie and refuses a form without the session CSRF token', async () => {
    const signIn = await postLogin(manager.email, TEST_PASSWORD, await loginForm());
    expect(signIn.status).toBe(303);
    const setCookie = String(signIn.headers['set-cookie']);
    expect(setCookie).toMatch(/^lga_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax$/);
    const session = setCookie.split(';')[0];
    const page = await t.http.get('/cases/new').set('Cookie', session);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
    expect(csrf).toBeTruthy();
    const form = { councilGssCode: 'E06000059', type: 'other' };
    for (const sent of [form, { ...form, _csrf: 'not-the-token' }]) {
      const refused = await t.http.post('/cases/new').set('Cookie', session).type('form').send(sent);
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('The form has expired');
    }
    const opened = await t.http
      .post('/cases/new')
      .set('Cookie', session)
      .type('form')
      .send({ ...form, _csrf: csrf });
    expect([opened.status, opened.headers.location]).toEqual([303, expect.stringMatching(/^\/cases\/[0-9a-f-]{36}/)]);
  });

  it('opens a case from the council page: the council chosen, abolished ones not offered, errors in words', async () => {
    const signIn = await postLogin(manager.email, TEST_PASSWORD, await loginForm());
    const session = String(signIn.headers['set-cookie']).split(';')[0];
    const council = await t.http.get('/councils/E06000059').set('Cookie', session).expect(200);
    expect(council.text).toContain('href="/cases/new?council=E06000059"');
    expect(council.text).toContain('Open a peer challenge');
    const abolished = await t.http.get('/councils/E10000002').set('Cookie', session).expect(200);
    expect(abolished.text).not.toContain('Open a peer challenge');

    const form = await t.http.get('/cases/new?council=E06000059').set('Cookie', session).expect(200);
    expect(form.text).toMatch(/<option value="E06000059" selected>Dorset Council \(South West\)<\/option>/);
    expect(form.text).not.toContain('value="E10000002"');
    // The abolished county council of the same name is not offered, so the name needs nothing added.
    expect(form.text.match(/>North Yorkshire[^<]*</g)).toEqual(['>North Yorkshire (Yorkshire and The Humber)<']);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)![1];
    const empty = await t.http.post('/cases/new').set('Cookie', session).type('form').send({ _csrf: csrf });
    expect(empty.status).toBe(400);
    expect(empty.text).toContain('href="#councilGssCode">Choose the council the peer challenge is for</a>');
    expect(empty.text).toContain('Choose the type of peer challenge</a>');
    const gone = await t.http
      .post('/cases/new')
      .set('Cookie', session)
      .type('form')
      .send({ _csrf: csrf, councilGssCode: 'E10000002', type: 'corporate_peer_challenge' });
    expect(gone.status).toBe(400);
    expect(gone.text).toContain('That council no longer exists: choose the council that took over from it');
  });

  it('answers repeated failed sign-ins with the throttle message on the sign-in page', async () => {
    const email = (await t.as('principal_adviser')).email;
    const form = await loginForm();
    let last = await postLogin(email, 'wrong-password', form);
    for (let attempt = 1; attempt < 6; attempt += 1) last = await postLogin(email, 'wrong-password', form);
    expect(last.status).toBe(429);
    expect(Number(last.headers['retry-after'])).toBeGreaterThan(0);
    expect(last.text).toContain('Too many failed sign-in attempts');
    expect(last.text).toContain('govuk-error-summary');
  });

  it('sends a visitor who is not signed in to the sign-in page, and shows a wrong password politely', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = watchErrors(await context.newPage(), browserErrors);
    await page.goto(`${base}/cases`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await check(page, 'login');
    const refused = await signIn(context, manager.email, 'not-the-password');
    await expect(refused.locator('.govuk-error-summary').textContent()).resolves.toContain(
      'The email address or password is not correct',
    );
    await check(refused, 'login-refused');
    await context.close();
  });

  it('lets a manager open a case and move it on through the forms, showing refusals and stale versions', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await signIn(context, manager.email);
    expect(new URL(page.url()).pathname).toBe('/');
    await check(page, 'home');

    await page.goto(`${base}/cases`);
    await check(page, 'cases');
    await page.getByRole('button', { name: 'Open a case' }).click();
    await check(page, 'case-new');
    // The council is found by typing its name (GOV.UK's accessible autocomplete over the select).
    await page.getByLabel('Council').fill('dorset co');
    await page.getByRole('option', { name: 'Dorset Council (South West)', exact: true }).click();
    await expect(page.locator('#councilGssCode-select').inputValue()).resolves.toBe('E06000059');
    await page.getByLabel('Corporate peer challenge').check();
    await page.getByRole('button', { name: 'Open case' }).click();
    expect(page.url()).toMatch(/\/cases\/[0-9a-f-]{36}\?done=OPEN_CASE/);
    caseUrl = page.url().split('?')[0];
    await check(page, 'case-opened');

    await fillDate(page, 'schedule-scoping-meeting-date', '2027-01-12');
    await page.getByRole('button', { name: 'Schedule meeting' }).click();
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('scoping meeting');
    await expect(page.locator('#dates + table').textContent()).resolves.toContain('12 January 2027');

    // A refusal: the onsite visit ends before it starts. Every reason is listed in the error summary.
    await page.locator('#agree-scope-focusareas').fill('Housing\nAdult social care');
    await fillDate(page, 'agree-scope-onsitestart', '2027-03-05');
    await fillDate(page, 'agree-scope-onsiteend', '2027-03-02');
    await page.getByRole('button', { name: 'Agree scope' }).click();
    const summary = page.locator('.govuk-error-summary');
    await expect(summary.textContent()).resolves.toMatch(/cannot accept this: agree the scope/);
    expect(await summary.locator('li').count()).toBeGreaterThan(0);
    await check(page, 'case-refused');

    // A bad date is a 400: the field's own message, linked from the summary.
    await fillDate(page, 'agree-scope-onsitestart', '2027-02-30');
    await fillDate(page, 'agree-scope-onsiteend', '2027-03-05');
    await page.getByRole('button', { name: 'Agree scope' }).click();
    await expect(page.locator('.govuk-error-summary a[href="#agree-scope-onsitestart-day"]').count()).resolves.toBe(1);
    // In words for the form, not the API's field names (issue #24).
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain(
      'Enter a real date for the first day on site, such as 27 3 2027',
    );
    await check(page, 'case-invalid');

    await page.goto(caseUrl);
    await page.locator('#agree-scope-focusareas').fill('Housing');
    await fillDate(page, 'agree-scope-onsitestart', '2027-03-02');
    await fillDate(page, 'agree-scope-onsiteend', '2027-03-05');
    await page.getByRole('button', { name: 'Agree scope' }).click();
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('agree the scope');
    const tasks = page.locator('.govuk-task-list__item');
    await expect(tasks.nth(0).textContent()).resolves.toContain('Completed');
    await expect(tasks.nth(1).textContent()).resolves.toContain('In progress');
    await check(page, 'case-team-assembly');

    // Someone else changes the case after this page was rendered: the form's version is stale. A note has a page
    // of its own, linked from the case page.
    await page.getByRole('link', { name: 'Add a note', exact: true }).click();
    const id = caseUrl.split('/').pop()!;
    expect(new URL(page.url()).pathname).toBe(`/cases/${id}/steps/ADD_NOTE`);
    await check(page, 'case-step-page');
    const note = await t.http
      .post(`/api/v1/cases/${id}/notes`)
      .set('Authorization', `Bearer ${manager.token}`)
      .send({ text: 'Added elsewhere' });
    expect(note.status).toBe(201);
    await page.locator('#add-note-text').fill('A note from the page');
    await page.getByRole('button', { name: 'Add note' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain(
      'Someone else changed this case',
    );
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('version 4');
    await expect(page.locator('#add-note-text').inputValue()).resolves.toBe('A note from the page');
    await check(page, 'case-stale');
    await page.locator('.govuk-error-summary a').click();
    await page.waitForURL(`${caseUrl}#case-summary`);
    await expect(page.locator('main').textContent()).resolves.toContain('Added elsewhere');

    await page.getByRole('button', { name: 'Sign out' }).click();
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });

  it('shows a viewer the case without any form that changes it', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await signIn(context, viewer.email);
    await page.goto(caseUrl);
    await expect(page.locator('h1').textContent()).resolves.toContain('Dorset');
    expect(await page.locator('form.app-event-form').count()).toBe(0);
    await expect(page.locator('main').textContent()).resolves.toContain('You can read this case');
    await check(page, 'case-viewer');
    await page.goto(`${base}/cases/new`);
    await check(page, 'forbidden');
    await context.close();
  });
});
