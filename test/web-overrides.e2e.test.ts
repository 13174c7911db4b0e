import type { INestApplicationContext } from '@nestjs/common';
import type { Browser, Page } from 'playwright-core';
import { check, launchChromium, listen, signInWith, watchErrors } from './support/browser.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.js';
import { eventually, startTestWorker } from './support/test-worker.js';

/**
 * An override of a soft conflict finding, asked for by one manager and approved by an admin, in Debian's
 * Chromium with the real worker checking the team; then the overrides report shows it.
 */
describe('overriding a soft finding with a second pair of eyes, in a browser', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let base: string;
  let browser: Browser;
  let manager: { id: string; email: string; token: string };
  let admin: { id: string; email: string; token: string };
  let caseId: string;
  const errors: string[] = [];
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  async function peer(body: Record<string, unknown>): Promise<string> {
    const response = await t.http.post('/api/v1/peers').set(as(manager.token)).send(body);
    expect(response.status).toBe(201);
    return response.body.id as string;
  }

  async function send(event: Record<string, unknown>) {
    const { body } = await t.http.get(`/api/v1/cases/${caseId}`).set(as(manager.token));
    const response = await t.http
      .post(`/api/v1/cases/${caseId}/events`)
      .set(as(manager.token))
      .send({ expectedVersion: body.version, ...event });
    expect(response.status).toBe(200);
  }

  const checked = () =>
    eventually(async () => {
      const { body } = await t.http.get(`/api/v1/cases/${caseId}`).set(as(manager.token));
      return ['pending', 'stale'].includes(body.conflictCheck.status) ? undefined : body;
    });

  async function signedIn(email: string): Promise<Page> {
    const context = await browser.newContext({ bypassCSP: true });
    const page = watchErrors(await context.newPage(), errors);
    await signInWith(page, base, email, TEST_PASSWORD, () => t.securityCode(email));
    return page;
  }

  beforeAll(async () => {
    t = await createTestApp();
    worker = await startTestWorker();
    base = await listen(t);
    browser = await launchChromium();
    manager = await t.as('peer_challenge_manager');
    admin = await t.as('admin');
    // Dorset Council; the lead officer peer's home, Wiltshire, shares a boundary with it.
    const leadOfficer = await peer({
      name: 'Nell Neighbour',
      email: 'nell@example.org',
      kind: 'officer',
      role: 'chief_executive',
      homeCouncilGssCode: 'E06000054',
      expertise: ['finance'],
    });
    const leadMember = await peer({
      name: 'Mo Member',
      email: 'mo@example.org',
      kind: 'member',
      role: 'leader',
      politicalGroup: 'independent',
      homeCouncilGssCode: 'E08000003',
      trainedOn: '2025-01-10',
      expertise: [],
    });
    const opened = await t.http
      .post('/api/v1/cases')
      .set(as(manager.token))
      .send({ councilGssCode: 'E06000059', type: 'corporate_peer_challenge', managerId: manager.id });
    caseId = opened.body.id as string;
    await send({ type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: '2027-05-11', onsiteEnd: '2027-05-13' });
    await send({ type: 'PROPOSE_PEER', peerId: leadOfficer, role: 'lead_officer_peer' });
    await send({ type: 'PROPOSE_PEER', peerId: leadMember, role: 'lead_member_peer' });
    const found = await checked();
    expect(found.conflictCheck.findings).toEqual([
      expect.objectContaining({ peerId: leadOfficer, severity: 'soft', rule: 'neighbouring_council' }),
    ]);
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.close();
    await t?.close();
  });

  it('the manager asks, is told a second person must approve, and cannot approve it; an admin can', async () => {
    const page = await signedIn(manager.email);
    await page.goto(`${base}/cases/${caseId}`);
    const team = await page.locator('.govuk-summary-list', { hasText: 'Nell Neighbour' }).textContent();
    expect(team).toContain('Soft: needs a justification');
    expect(team).toContain('shares a boundary with Dorset Council');
    expect(team).not.toContain('Checking…');

    // The finding's own link leads to the override's page, with that finding chosen.
    await page.getByRole('link', { name: /^Override with a justification\W+Nell Neighbour/ }).click();
    await expect(page.getByLabel('Finding').locator('option:checked').textContent()).resolves.toContain(
      'Nell Neighbour',
    );
    // Too short: the form says why, on the same page, and nothing is written.
    await page.getByLabel('Justification').fill('Fine by me');
    await page.getByRole('button', { name: 'Ask for the override' }).click();
    expect(await page.textContent('.govuk-error-summary')).toContain('at least 20 characters');
    await expect(page.getByLabel('Finding').locator('option:checked').textContent()).resolves.toContain(
      'Nell Neighbour',
    );

    await page.getByLabel('Justification').fill('Nell has never worked with Dorset Council or its officers.');
    await page.getByRole('button', { name: 'Ask for the override' }).click();
    await page.goto(`${base}/cases/${caseId}`);
    const asked = await page.textContent('body');
    expect(asked).toContain('Soft: override waiting for approval');
    expect(asked).toContain('Nell has never worked with Dorset Council or its officers.');
    await check(page, 'case-override-asked');

    // The manager who asked is offered no approval, and cannot approve it by going to the step's page.
    expect(await page.getByRole('link', { name: /^Approve the override/ }).count()).toBe(0);
    await page.goto(`${base}/cases/${caseId}/steps/APPROVE_OVERRIDE`);
    await page.getByLabel('Override waiting for approval').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Approve override' }).click();
    expect(await page.textContent('.govuk-error-summary')).toContain(
      'An override must be approved by someone other than the person who asked for it.',
    );

    const adminPage = await signedIn(admin.email);
    await adminPage.goto(`${base}/cases/${caseId}`);
    await adminPage.getByRole('link', { name: /^Approve the override\W+Nell Neighbour/ }).click();
    await expect(
      adminPage.getByLabel('Override waiting for approval').locator('option:checked').textContent(),
    ).resolves.toContain('Nell Neighbour');
    await adminPage.getByRole('button', { name: 'Approve override' }).click();
    await adminPage.goto(`${base}/cases/${caseId}`);
    const approved = await adminPage.textContent('body');
    expect(approved).toContain('Soft: overridden, approved');
    expect(approved).toMatch(/Conflict check:\s*Clear/);
    expect(approved).toContain('Confirm the team');
    await check(adminPage, 'case-override-approved');
  });

  it('the overrides report lists it with who asked and who approved, filters by date, and exports CSV', async () => {
    const page = await signedIn(manager.email);
    await page.goto(`${base}/reports/overrides`);
    const text = await page.textContent('main');
    expect(text).toContain('Dorset Council');
    expect(text).toContain('Nell Neighbour');
    expect(text).toContain('Nell has never worked with Dorset Council or its officers.');
    expect(text).toContain('Approved');
    await check(page, 'overrides-report');

    await page.locator('#to-day').fill('29');
    await page.locator('#to-month').fill('2');
    await page.locator('#to-year').fill('2020');
    await page.getByRole('button', { name: 'Show' }).click();
    expect(await page.textContent('main')).toContain('No overrides in this period.');

    await page.locator('#from-day').fill('31');
    await page.locator('#from-month').fill('2');
    await page.locator('#from-year').fill('2021');
    await page.getByRole('button', { name: 'Show' }).click();
    expect(await page.textContent('.govuk-error-summary')).toContain('Enter a real date for the first day');
    // The form keeps what was typed.
    expect(await page.locator('#from-day').inputValue()).toBe('31');

    const csv = await t.http.get('/api/v1/reports/overrides?format=csv').set(as(manager.token)).expect(200);
    expect(csv.text.split('\r\n')[0]).toBe(
      'Council,GSS code,Case,Peer,Finding,What it said,Justification,Asked for by,Asked for on,Approved by,Approved on,Status',
    );
    expect(csv.text).toContain('Nell has never worked with Dorset Council or its officers.');
    const json = await t.http.get('/api/v1/reports/overrides').set(as(manager.token)).expect(200);
    expect(json.body.overrides).toEqual([
      expect.objectContaining({
        caseId,
        rule: 'neighbouring_council',
        peerName: 'Nell Neighbour',
        requestedBy: expect.any(String),
        approvedBy: expect.any(String),
        selfApproved: false,
        status: 'approved',
      }),
    ]);
    await t.http.get('/api/v1/reports/overrides?from=2026-05-01&to=2026-04-01').set(as(manager.token)).expect(400);
    expect(errors).toEqual([]);
  });
});
