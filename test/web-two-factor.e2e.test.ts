import type { Browser } from 'playwright-core';
import { check, launchChromium, listen, signInWith, watchErrors } from './support/browser.js';
import { query } from './support/environment.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.js';
import { firstCode, freshCode } from './support/two-factor.js';

/**
 * Passwords users set themselves, and password and TOTP sign-in (issue #22) in Debian's Chromium (its QR code a data: image the pages' CSP allows): a new
 * admin is sent to set up an authenticator app before anything else, from a QR code page; from then on each
 * sign-in asks for the app's code. A new user chooses their password from an emailed invitation; anyone can reset a
 * forgotten one by an emailed link, and change theirs from the header's link.
 */
describe('signing in with a password and an authenticator app, in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  const errors: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    base = await listen(t);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => expect(errors.splice(0)).toEqual([]));

  it('sets up the app on an admin’s first sign-in, then asks for a code each time', async () => {
    const created = await t.http
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${t.adminToken}`)
      .send({ email: 'new.admin@example.org', name: 'New Admin', password: TEST_PASSWORD, roles: ['admin'] })
      .expect(201);
    const page = watchErrors(await (await browser.newContext({ bypassCSP: true })).newPage(), errors);
    await signInWith(page, base, 'new.admin@example.org', TEST_PASSWORD);
    await page.waitForURL(`${base}/account/two-factor`);
    expect(await page.locator('main').textContent()).toContain('Admins must use two-factor authentication');
    await check(page, 'two-factor-required');
    // Nowhere else until it is set up.
    await page.goto(`${base}/cases`);
    expect(page.url()).toBe(`${base}/account/two-factor`);

    const [setupPage] = await Promise.all([
      page.waitForResponse((r) => r.url() === `${base}/account/two-factor/setup`),
      page.getByRole('button', { name: 'Set up two-factor authentication' }).click(),
    ]);
    expect(setupPage.headers()['content-security-policy']).toMatch(/img-src [^;]*data:/);
    await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
    const qr = page.getByRole('img', { name: 'QR code to scan with your authenticator app' });
    expect(
      await qr.evaluate((img) => (img as unknown as { complete: boolean; naturalWidth: number }).naturalWidth > 0),
    ).toBe(true);
    await check(page, 'two-factor-setup');
    await page.getByText('I cannot scan the QR code').click();
    const secret = (await page.locator('#totp-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    await page.getByLabel('Security code').fill('12345');
    await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Enter the 6-digit security code from your authenticator app',
    );
    await check(page, 'two-factor-setup-wrong-code');
    // The same secret is shown again, so the app already scanned still fits.
    await page.getByText('I cannot scan the QR code').click();
    expect((await page.locator('#totp-secret').textContent())!.trim()).toBe(secret);
    await page.getByLabel('Security code').fill(await firstCode(secret));
    await page.getByRole('button', { name: 'Turn on two-factor authentication' }).click();
    await page.waitForURL(`${base}/account/two-factor?done=on`);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Two-factor authentication is on');
    await page.goto(`${base}/cases`);
    expect(new URL(page.url()).pathname).toBe('/cases');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.goto(`${base}/cases`);
    await signInWith(page, base, 'new.admin@example.org', TEST_PASSWORD);
    await page.getByRole('heading', { name: 'Enter your security code' }).waitFor();
    await check(page, 'sign-in-security-code');
    await page.getByLabel('Security code').fill('000000' === (await firstCode(secret)) ? '111111' : '000000');
    await page.getByRole('button', { name: 'Continue' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'The security code is not correct, or has been used',
    );
    await page.getByLabel('Security code').fill(await freshCode(t.database.url, created.body.id, secret));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${base}/`);
    expect(await page.locator('header').textContent()).toContain('New Admin');
  });

  it('asks the first admin to replace the password chosen for them, then to set up the app', async () => {
    // What AdminBootstrap does outside the development defaults (test/processes.test.ts starts one so).
    await t.http
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${t.adminToken}`)
      .send({ email: 'first.admin@example.org', name: 'First Admin', password: TEST_PASSWORD, roles: ['admin'] })
      .expect(201);
    await query(t.database.url, `UPDATE users SET password_change_required = true WHERE email = $1`, [
      'first.admin@example.org',
    ]);
    const page = watchErrors(await (await browser.newContext({ bypassCSP: true })).newPage(), errors);
    await signInWith(page, base, 'first.admin@example.org', TEST_PASSWORD);
    await page.waitForURL(`${base}/account/password`);
    await page.getByRole('heading', { name: 'Choose your own password' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('chosen for you when the system was set up');
    await check(page, 'first-password');
    // Nowhere else first, not even the second factor's set-up.
    await page.goto(`${base}/cases`);
    expect(page.url()).toBe(`${base}/account/password`);
    await page.goto(`${base}/account/two-factor`);
    expect(page.url()).toBe(`${base}/account/password`);

    await page.getByLabel('Current password').fill(TEST_PASSWORD);
    await page.getByLabel('New password', { exact: true }).fill('a password of my very own');
    await page.getByLabel('Confirm the new password').fill('a password of my very own');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.waitForURL(`${base}/account/two-factor`);
    expect(await page.locator('main').textContent()).toContain('Admins must use two-factor authentication');
    const [{ required }] = await query<{ required: boolean }>(
      t.database.url,
      `SELECT password_change_required AS required FROM users WHERE email = $1`,
      ['first.admin@example.org'],
    );
    expect(required).toBe(false);
  });

  it('sends the code page back to the password once its five minutes are over, or without the password step', async () => {
    const page = watchErrors(await (await browser.newContext({ bypassCSP: true })).newPage(), errors);
    await page.goto(`${base}/login`);
    const loginToken = await page.locator('input[name=_csrf]').inputValue();
    const posted = await page.request.post(`${base}/login/code`, {
      form: { _csrf: loginToken, code: '123456', next: '/' },
      maxRedirects: 0,
    });
    expect(posted.status()).toBe(303);
    expect(posted.headers().location).toBe('/login');
    const forged = await page.request.post(`${base}/login/code`, {
      form: { _csrf: loginToken, code: '123456', next: '/' },
      headers: { Cookie: `lga_login_csrf=${loginToken}; lga_login_code=made-up.token.here` },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(303);
    expect(forged.headers().location).toBe('/login?next=%2F');
    expect(forged.headers()['set-cookie'] ?? '').not.toMatch(/lga_session=[^;]/);
  });

  /** The link in the newest email of `template` to `email`. */
  async function emailedLink(email: string, template: string): Promise<string> {
    const [row] = await query<{ text_body: string }>(
      t.database.url,
      `SELECT text_body FROM emails WHERE template = $1 AND to_addresses @> $2::jsonb ORDER BY created_at DESC LIMIT 1`,
      [template, JSON.stringify([{ address: email }])],
    );
    const url = /(http\S+\/login\/reset\?token=[A-Za-z0-9_-]+)/.exec(row?.text_body ?? '')?.[1];
    if (!url) throw new Error(`no ${template} email with a link to ${email}`);
    return base + new URL(url).pathname + new URL(url).search;
  }

  it('invites an admin-added user to choose a password, and lets anyone reset or change theirs', async () => {
    const admin = await t.as('admin');
    const adminPage = watchErrors(await (await browser.newContext({ bypassCSP: true })).newPage(), errors);
    await signInWith(adminPage, base, admin.email, TEST_PASSWORD, () => t.securityCode(admin.email));
    await adminPage.goto(`${base}/admin/users/new`);
    expect(await adminPage.locator('main input[type=password]').count()).toBe(0);
    await adminPage.getByLabel('Name').fill('Ines Vited');
    await adminPage.getByLabel('Email address').fill('ines.vited@example.org');
    await adminPage.getByLabel('Peer challenge manager').check();
    await adminPage.getByRole('button', { name: 'Add user' }).click();
    expect(await adminPage.locator('.govuk-notification-banner').textContent()).toContain('emailed them an invitation');

    // The invitation: opening its page changes nothing; its form sets the password once.
    const page = watchErrors(await (await browser.newContext({ bypassCSP: true })).newPage(), errors);
    const invitation = await emailedLink('ines.vited@example.org', 'password-invitation');
    await page.goto(invitation);
    await page.getByRole('heading', { name: 'Set your password' }).waitFor();
    await check(page, 'password-invitation');
    await page.getByLabel('New password', { exact: true }).fill('too short');
    await page.getByLabel('Confirm the new password').fill('too short');
    await page.getByRole('button', { name: 'Set password' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('at least 12 characters');
    await page.getByLabel('New password', { exact: true }).fill('ines chooses her own words');
    await page.getByLabel('Confirm the new password').fill('ines chooses other words');
    await page.getByRole('button', { name: 'Set password' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('The passwords do not match');
    await check(page, 'password-invitation-problems');
    await page.getByLabel('New password', { exact: true }).fill('ines chooses her own words');
    await page.getByLabel('Confirm the new password').fill('ines chooses her own words');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.waitForURL(`${base}/login?done=password`);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Your password has been set');
    await page.goto(invitation);
    expect(await page.locator('#reset-invalid').textContent()).toContain('expired or has already been used');

    // Forgotten: from the sign-in page, by email.
    await page.goto(`${base}/login`);
    await page.getByRole('link', { name: 'Forgotten your password?' }).click();
    await check(page, 'password-forgotten');
    await page.getByLabel('Email address').fill('ines.vited@example.org');
    await page.getByRole('button', { name: 'Send the link' }).click();
    expect(await page.locator('#reset-sent').textContent()).toContain('ines.vited@example.org');
    await page.goto(await emailedLink('ines.vited@example.org', 'password-reset'));
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
    await page.getByLabel('New password', { exact: true }).fill('a forgotten one replaced');
    await page.getByLabel('Confirm the new password').fill('a forgotten one replaced');
    await page.getByRole('button', { name: 'Set password' }).click();
    await page.waitForURL(`${base}/login?done=password`);

    // Changed, signed in, from the header's link.
    await signInWith(page, base, 'ines.vited@example.org', 'a forgotten one replaced');
    await page.waitForURL(`${base}/`);
    await page.getByRole('link', { name: 'Change password' }).click();
    await page.getByLabel('Current password').fill('not my password at all');
    await page.getByLabel('New password', { exact: true }).fill('changed by ines herself');
    await page.getByLabel('Confirm the new password').fill('changed by ines herself');
    await page.getByRole('button', { name: 'Change password' }).click();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Your current password is not correct');
    await check(page, 'password-change-wrong');
    await page.getByLabel('Current password').fill('a forgotten one replaced');
    await page.getByLabel('New password', { exact: true }).fill('changed by ines herself');
    await page.getByLabel('Confirm the new password').fill('changed by ines herself');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.waitForURL(`${base}/account/password?done=changed`);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Your password has been changed');

    // The admin sends a reset link from the user's page.
    await adminPage.getByRole('link', { name: 'Back to users' }).waitFor();
    await adminPage.getByRole('button', { name: 'Email a password link' }).click();
    expect(await adminPage.locator('.govuk-notification-banner').textContent()).toContain(
      'a link to choose a password',
    );
    await page.goto(await emailedLink('ines.vited@example.org', 'password-reset'));
    await page.getByRole('heading', { name: 'Choose a new password' }).waitFor();
  });
});
