import type { Server } from 'node:http';
import Provider from 'oidc-provider';
import type { Browser, Page } from 'playwright-core';
import { check, launchChromium, screenshot } from './support/browser.js';
import { query } from './support/environment.js';
import { freePortSync } from './support/ports.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Single sign-on (issue #22) in Debian's Chromium against a real OpenID Connect provider run here (`oidc-provider`,
 * with its development login and consent pages, which accept any login name as the user's identity): the system's
 * openid-client does discovery, the authorization code flow with PKCE, state and nonce, and the ID token checks.
 */
describe('signing in through the identity provider, in a browser', () => {
  const port = freePortSync();
  const base = `http://127.0.0.1:${port}`;
  const issuer = `http://127.0.0.1:${freePortSync()}`;
  let idp: Server;
  let t: TestApp;
  let browser: Browser;
  let manager: { id: string; email: string };
  const callbacks: string[] = [];

  beforeAll(async () => {
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: 'lga-peer-challenge',
          client_secret: 'a-client-secret-for-the-tests-only',
          redirect_uris: [`${base}/login/oidc/callback`],
          grant_types: ['authorization_code'],
          response_types: ['code'],
          token_endpoint_auth_method: 'client_secret_post',
        },
      ],
      // The login name typed on the provider's page is the account: `unverified:x@…` has an unverified email.
      async findAccount(_context, sub) {
        return {
          accountId: sub,
          claims: async () => ({
            sub,
            email: sub.replace(/^unverified:/, ''),
            email_verified: !sub.startsWith('unverified:'),
          }),
        };
      },
      claims: { openid: ['sub'], email: ['email', 'email_verified'] },
      pkce: { required: () => true },
      cookies: { keys: ['a-cookie-key-for-the-tests-only'] },
    });
    idp = provider.listen(Number(new URL(issuer).port));
    t = await createTestApp({
      env: {
        PUBLIC_URL: base,
        OIDC_ISSUER: issuer,
        OIDC_CLIENT_ID: 'lga-peer-challenge',
        OIDC_CLIENT_SECRET: 'a-client-secret-for-the-tests-only',
        OIDC_PROVIDER_NAME: 'your LGA account',
      },
    });
    await t.app.listen(port, '127.0.0.1');
    browser = await launchChromium();
    manager = await t.as('peer_challenge_manager');
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await new Promise((resolve) => idp?.close(resolve));
  });

  /** From `start` on this system, through the provider's login (as `login`) and consent pages, back again. */
  async function throughProvider(start: string, login: string): Promise<Page> {
    const context = await browser.newContext({ bypassCSP: true });
    // The provider's development pages load a web font from the internet, which this machine cannot reach.
    await context.route('https://**', (route) => route.abort());
    const page = await context.newPage();
    page.on('request', (request) => {
      if (request.url().startsWith(`${base}/login/oidc/callback`)) callbacks.push(request.url());
    });
    await page.goto(`${base}${start}`);
    await page.getByRole('button', { name: 'Sign in with your LGA account' }).click();
    await page.waitForURL(`${issuer}/**`);
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('anything: the provider checks no password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${base}/**`);
    return page;
  }

  it('signs a user in by the verified email of their account there, and back to the page they asked for', async () => {
    const page = await (await browser.newContext({ bypassCSP: true })).newPage();
    await page.goto(`${base}/cases`);
    expect(page.url()).toBe(`${base}/login?next=%2Fcases`);
    await check(page, 'sign-in-single-sign-on');
    await page.close();

    const signedIn = await throughProvider('/cases', manager.email.toUpperCase());
    expect(new URL(signedIn.url()).pathname).toBe('/cases');
    expect(await signedIn.content()).toContain('Test peer_challenge_manager');
    await screenshot(signedIn, 'signed-in-by-single-sign-on');

    const [entry] = await query<{ summary: Record<string, string> }>(
      t.database.url,
      "SELECT summary FROM audit_log WHERE action = 'auth.login' AND entity_id = $1 ORDER BY id DESC LIMIT 1",
      [manager.id],
    );
    expect(entry.summary).toMatchObject({ method: 'oidc', provider: 'your LGA account' });

    // The callback URL the browser followed cannot sign anyone in again: its attempt was used.
    const replayed = callbacks.at(-1)!;
    const state = new URL(replayed).searchParams.get('state')!;
    const again = await t.http.get(replayed.slice(base.length)).set('Cookie', `lga_oidc_state=${state}`).expect(400);
    expect(again.text).toContain('This sign-in has expired or was already used. Sign in again.');
    expect(String(again.headers['set-cookie'] ?? '')).not.toMatch(/lga_session=[^;]/);
  });

  it('refuses an email with no account here, and one the provider has not verified', async () => {
    const stranger = await throughProvider('/', 'stranger@example.org');
    expect(new URL(stranger.url()).pathname).toBe('/login/oidc/callback');
    expect(await stranger.locator('.govuk-error-summary').textContent()).toContain(
      'There is no account here for stranger@example.org. Ask a programme admin to add you.',
    );
    await check(stranger, 'single-sign-on-no-account');

    const unverified = await throughProvider('/', `unverified:${manager.email}`);
    expect(await unverified.locator('.govuk-error-summary').textContent()).toContain(
      `your LGA account has not verified the email address ${manager.email}, so it cannot sign you in here.`,
    );
    const failures = await query<{ summary: Record<string, string> }>(
      t.database.url,
      "SELECT summary FROM audit_log WHERE action = 'auth.login_failed' AND summary->>'method' = 'oidc'",
    );
    expect(failures.map((f) => f.summary.reason)).toEqual(['no account']);
  });

  it('refuses a callback that did not start in this browser, or that carries the provider refusal', async () => {
    const forged = await t.http.get('/login/oidc/callback?code=made-up&state=made-up').expect(400);
    expect(forged.text).toContain('The sign-in did not start in this browser, or it has expired. Sign in again.');

    const started = await t.http.get('/login/oidc?next=/cases').expect(303);
    const authorize = new URL(started.headers.location);
    expect(authorize.origin).toBe(issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`${base}/login/oidc/callback`);
    const state = authorize.searchParams.get('state')!;
    const nonce = authorize.searchParams.get('nonce');
    expect(nonce).toMatch(/^[\w-]{20,}$/);
    const cookie = (started.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('lga_oidc_state='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Path=\/login\/oidc/);

    const mismatch = await t.http
      .get(`/login/oidc/callback?code=x&state=${state}`)
      .set('Cookie', 'lga_oidc_state=another-state');
    expect(mismatch.status).toBe(400);

    const refused = await t.http
      .get(`/login/oidc/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(issuer)}`)
      .set('Cookie', `lga_oidc_state=${state}`);
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('your LGA account did not sign you in. Sign in again.');
  });
});
