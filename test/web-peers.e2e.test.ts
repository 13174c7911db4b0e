import type { Browser, BrowserContext, Page, Response } from 'playwright-core';
import { todayInLondon } from '#libs/platform';
import { check, fillDate, launchChromium, listen, signInWith, watchErrors } from './support/browser.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.js';

/** Keeping the peer pool in the browser: adding and changing peers and recording their dealings. */
describe('the peer pool forms in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let manager: { email: string; token: string };
  let viewer: { email: string; token: string };
  let adviser: { email: string; token: string };
  let priyaId: string;
  const browserErrors: string[] = [];
  const as = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
    base = await listen(t);
    browser = await launchChromium();
    manager = await t.as('peer_challenge_manager');
    viewer = await t.as('viewer');
    adviser = await t.as('principal_adviser');
    const peer = await t.http
      .post('/api/v1/peers')
      .set(as(manager.token))
      .send({
        name: 'Priya Pool',
        email: 'priya.pool@example.org',
        kind: 'officer',
        homeCouncilGssCode: 'E06000059',
        expertise: ['finance'],
        trainedOn: '2024-01-15',
      });
    expect(peer.status).toBe(201);
    priyaId = peer.body.id as string;
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  afterEach(() => expect(browserErrors.splice(0)).toEqual([]));

  async function signIn(context: BrowserContext, email: string): Promise<Page> {
    return signInWith(watchErrors(await context.newPage(), browserErrors), base, email, TEST_PASSWORD);
  }

  /** Clicks the button and returns the response to the form's POST (its status), after the page has loaded. */
  async function submit(page: Page, button: string): Promise<Response> {
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: button, exact: true }).click(),
    ]);
    await page.waitForLoadState();
    return response;
  }

  const errorSummary = async (page: Page) => (await page.locator('.govuk-error-summary').textContent()) ?? '';
  const summaryLinks = (page: Page) =>
    page.locator('.govuk-error-summary a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  const peersNamed = async (q: string) =>
    (
      await t.http
        .get(`/api/v1/peers?q=${encodeURIComponent(q)}`)
        .set(as(viewer.token))
        .expect(200)
    ).body;

  it('lets a manager add a peer, showing every problem of a refused form and writing nothing', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await signIn(context, manager.email);
    await page.getByRole('link', { name: 'Peers' }).click();
    await page.getByRole('button', { name: 'Add a peer' }).click();
    expect(new URL(page.url()).pathname).toBe('/peers/new');
    await check(page, 'peer-new');

    await page.getByLabel('Member', { exact: true }).check();
    await page.getByLabel('Political group').selectOption('green');
    await page.getByLabel('Email address').fill('not-an-email');
    await page.getByLabel('Expertise').fill('finance, housing & care');
    await fillDate(page, 'trainedOn', '2024-02-31');
    const refused = await submit(page, 'Add peer');
    expect(refused.status()).toBe(400);
    const problems = await errorSummary(page);
    expect(problems).toContain('Enter the peer’s name');
    expect(problems).toContain('Enter an email address in the correct format');
    expect(problems).toContain('Each expertise tag must be 1-40 letters, digits, spaces, - or _');
    expect(problems).toContain('Trained on must be a real date, for example 27 3 2024');
    expect(await summaryLinks(page)).toEqual(['#name', '#email', '#expertise', '#trainedOn-day']);
    await expect(page.locator('#name-error').textContent()).resolves.toContain('Enter the peer’s name');
    // What was typed is kept.
    await expect(page.getByLabel('Email address').inputValue()).resolves.toBe('not-an-email');
    await expect(page.getByLabel('Member', { exact: true }).isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Political group').inputValue()).resolves.toBe('green');
    await expect(page.locator('#trainedOn-day').inputValue()).resolves.toBe('31');
    await expect(page.locator('title').textContent()).resolves.toMatch(/^Error: Add a peer/);
    await check(page, 'peer-new-refused');

    // The service's own checks (a political group for a peer who is not a member, a date in the future) show
    // on their fields the same way.
    await page.getByLabel('Name', { exact: true }).fill('Olu Adebayo');
    await page.getByLabel('Email address').fill('olu.adebayo@example.org');
    await page.getByLabel('Expertise').fill('finance, housing');
    await page.getByLabel('Officer', { exact: true }).check();
    const nextYear = String(Number(todayInLondon().slice(0, 4)) + 1);
    await fillDate(page, 'trainedOn', `${nextYear}-01-10`);
    expect((await submit(page, 'Add peer')).status()).toBe(400);
    expect(await errorSummary(page)).toContain('Political group is only for member peers');
    expect(await summaryLinks(page)).toEqual(['#politicalGroup']);
    await page.getByLabel('Political group').selectOption('');
    expect((await submit(page, 'Add peer')).status()).toBe(400);
    expect(await errorSummary(page)).toContain('Trained on must be today or in the past');
    expect(await summaryLinks(page)).toEqual(['#trainedOn-day']);
    expect((await peersNamed('olu.adebayo')).total).toBe(0);

    await page.getByLabel('Home council').selectOption('E06000059');
    await page.getByLabel('Role', { exact: true }).selectOption('section_151_officer');
    await fillDate(page, 'trainedOn', '2024-09-12');
    await submit(page, 'Add peer');
    const url = new URL(page.url());
    expect(url.pathname).toMatch(/^\/peers\/[0-9a-f-]{36}$/);
    expect(url.search).toBe('?done=added');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain(
      'Olu Adebayo has been added to the peer pool',
    );
    const details = await page.locator('.govuk-summary-list').textContent();
    expect(details).toContain('Section 151 officer');
    expect(details).toContain('finance, housing');
    await check(page, 'peer-added');

    const found = await peersNamed('olu.adebayo');
    expect(found.total).toBe(1);
    expect(found.items[0]).toMatchObject({
      id: url.pathname.split('/')[2],
      name: 'Olu Adebayo',
      kind: 'officer',
      homeCouncil: { gssCode: 'E06000059' },
      politicalGroup: null,
      role: 'section_151_officer',
      expertise: ['finance', 'housing'],
      financeExpertise: true,
      trainedOn: '2024-09-12',
      active: true,
    });

    // An email another peer has: a 409 in the error summary, linked to the email, with the form as typed.
    await page.goto(`${base}/peers/new`);
    await page.getByLabel('Name', { exact: true }).fill('Priya Again');
    await page.getByLabel('Email address').fill('PRIYA.POOL@example.org');
    await page.getByLabel('External', { exact: true }).check();
    const taken = await submit(page, 'Add peer');
    expect(taken.status()).toBe(409);
    expect(await errorSummary(page)).toContain('A peer with the email address priya.pool@example.org already exists');
    expect(await summaryLinks(page)).toEqual(['#email']);
    await expect(page.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe('Priya Again');
    await check(page, 'peer-new-taken');
    expect((await peersNamed('Priya Again')).total).toBe(0);
    await context.close();
  });

  it('refuses an unknown council or a form that is not the form with a 400, never a 500', async () => {
    const form = {
      name: 'Sam Nowhere',
      email: 'sam.nowhere@example.org',
      kind: 'officer',
      homeCouncilGssCode: 'E99999999',
      expertise: '',
    };
    const unknown = await t.http.post('/peers/new').set(as(manager.token)).type('form').send(form);
    expect(unknown.status).toBe(400);
    expect(unknown.text).toContain('Choose a home council from the list, or none');
    expect(unknown.text).toContain('href="#homeCouncilGssCode"');
    const odd = await t.http
      .post('/peers/new')
      .set(as(manager.token))
      .send({ ...form, homeCouncilGssCode: ['E06000059'], kind: { a: 1 }, 'trainedOn-day': 'x', expertise: [1] });
    expect(odd.status).toBe(400);
    expect(odd.text).toContain('Choose whether the peer is an officer, a member or external');
    expect((await peersNamed('Sam Nowhere')).total).toBe(0);

    const dealing = await t.http.post(`/peers/${priyaId}/dealings`).set(as(manager.token)).type('form').send({
      councilGssCode: 'E99999999',
      kind: 'employment',
      'from-day': '1',
      'from-month': '4',
      'from-year': '2022',
    });
    expect(dealing.status).toBe(400);
    expect(dealing.text).toContain('Choose a council from the list');
    expect(dealing.text).toContain('href="#dealing-councilGssCode"');
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const path of [`/peers/${missing}/edit`, '/peers/not-a-peer/edit']) {
      expect((await t.http.get(path).set(as(manager.token))).status).toBe(404);
      expect((await t.http.post(path).set(as(manager.token)).send(form)).status).toBe(404);
    }
    expect((await t.http.post(`/peers/${missing}/dealings`).set(as(manager.token)).send({})).status).toBe(404);
  });

  it('lets a manager change a peer, keeping what was typed when it is refused', async () => {
    const created = await t.http
      .post('/api/v1/peers')
      .set(as(manager.token))
      .send({
        name: 'Chris Change',
        email: 'chris.change@example.org',
        kind: 'officer',
        homeCouncilGssCode: 'E06000001',
        role: 'director',
        expertise: ['finance', 'planning'],
        trainedOn: '2023-03-07',
      });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const context = await browser.newContext({ bypassCSP: true });
    const page = await signIn(context, manager.email);
    await page.goto(`${base}/peers/${id}`);
    await page
      .getByRole('main')
      .getByRole('link', { name: /^Change/ })
      .click();
    expect(new URL(page.url()).pathname).toBe(`/peers/${id}/edit`);
    await expect(page.getByLabel('Name', { exact: true }).inputValue()).resolves.toBe('Chris Change');
    await expect(page.getByLabel('Email address').inputValue()).resolves.toBe('chris.change@example.org');
    await expect(page.getByLabel('Officer', { exact: true }).isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Home council').inputValue()).resolves.toBe('E06000001');
    await expect(page.getByLabel('Role', { exact: true }).inputValue()).resolves.toBe('director');
    await expect(page.getByLabel('Expertise').inputValue()).resolves.toBe('finance, planning');
    await expect(page.locator('#trainedOn-day').inputValue()).resolves.toBe('7');
    await expect(page.locator('#trainedOn-month').inputValue()).resolves.toBe('3');
    await expect(page.locator('#trainedOn-year').inputValue()).resolves.toBe('2023');
    await expect(page.getByLabel('Yes', { exact: true }).isChecked()).resolves.toBe(true);
    await check(page, 'peer-edit');

    await page.getByLabel('Name', { exact: true }).fill(' ');
    await page.getByLabel('Email address').fill('priya.pool@example.org');
    await fillDate(page, 'trainedOn', '2023-02-29');
    expect((await submit(page, 'Save changes')).status()).toBe(400);
    const problems = await errorSummary(page);
    expect(problems).toContain('Enter the peer’s name');
    expect(problems).toContain('Trained on must be a real date');
    expect(await summaryLinks(page)).toEqual(['#name', '#trainedOn-day']);
    await expect(page.locator('#trainedOn-day').inputValue()).resolves.toBe('29');
    await check(page, 'peer-edit-refused');

    await page.getByLabel('Name', { exact: true }).fill('Chris Change');
    await fillDate(page, 'trainedOn', '2023-03-07');
    expect((await submit(page, 'Save changes')).status()).toBe(409);
    expect(await errorSummary(page)).toContain('A peer with the email address priya.pool@example.org already exists');
    const unchanged = (await t.http.get(`/api/v1/peers/${id}`).set(as(viewer.token)).expect(200)).body;
    expect(unchanged).toMatchObject({ email: 'chris.change@example.org', role: 'director', active: true });

    await page.getByLabel('Email address').fill('chris.c@example.org');
    await page.getByLabel('Member', { exact: true }).check();
    await page.getByLabel('Political group').selectOption('labour');
    await page.getByLabel('Home council').selectOption('');
    await page.getByLabel('Role', { exact: true }).selectOption('');
    await page.getByLabel('Expertise').fill('Planning');
    await page.locator('#trainedOn-day').fill('');
    await page.locator('#trainedOn-month').fill('');
    await page.locator('#trainedOn-year').fill('');
    await page.getByLabel('No', { exact: true }).check();
    await submit(page, 'Save changes');
    expect(new URL(page.url()).search).toBe('?done=saved');
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain(
      'Your changes have been saved',
    );
    await check(page, 'peer-saved');
    const changed = (await t.http.get(`/api/v1/peers/${id}`).set(as(viewer.token)).expect(200)).body;
    expect(changed).toMatchObject({
      email: 'chris.c@example.org',
      kind: 'member',
      politicalGroup: 'labour',
      homeCouncil: null,
      role: null,
      expertise: ['planning'],
      financeExpertise: false,
      trainedOn: null,
      active: false,
    });
    await context.close();
  });

  it('lets a manager record a dealing, which the pre-check on the same page then finds', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await signIn(context, manager.email);
    await page.goto(`${base}/peers/${priyaId}`);
    await expect(page.locator('#dealings + p').textContent()).resolves.toContain('No dealings recorded');
    const form = page.locator('#record-dealing');

    const refused = await submit(page, 'Record dealing');
    expect(refused.status()).toBe(400);
    const problems = await errorSummary(page);
    expect(problems).toContain('Choose a council from the list');
    expect(problems).toContain('Choose the kind of dealing');
    expect(problems).toContain('From must be a real date');
    expect(await summaryLinks(page)).toEqual(['#dealing-councilGssCode', '#dealing-kind', '#dealing-from-day']);
    await check(page, 'peer-dealing-refused');

    await form.getByLabel('Council').selectOption('E06000001');
    await form.getByLabel('Kind of dealing').selectOption('employment');
    await fillDate(page, 'dealing-from', '2022-04-01');
    await fillDate(page, 'dealing-to', '2021-13-01');
    await form.getByLabel('Note (optional)').fill('Interim director of place');
    expect((await submit(page, 'Record dealing')).status()).toBe(400);
    expect(await summaryLinks(page)).toEqual(['#dealing-to-day']);
    expect(await errorSummary(page)).toContain('To must be a real date');
    await expect(form.getByLabel('Council').inputValue()).resolves.toBe('E06000001');
    await expect(form.getByLabel('Note (optional)').inputValue()).resolves.toBe('Interim director of place');

    await fillDate(page, 'dealing-to', '2021-01-01');
    expect((await submit(page, 'Record dealing')).status()).toBe(400);
    expect(await errorSummary(page)).toContain('To must be the same as or after the from date');
    expect((await t.http.get(`/api/v1/peers/${priyaId}`).set(as(viewer.token))).body.dealings).toEqual([]);

    await page.locator('#dealing-to-day').fill('');
    await page.locator('#dealing-to-month').fill('');
    await page.locator('#dealing-to-year').fill('');
    await submit(page, 'Record dealing');
    const url = new URL(page.url());
    // Back at the top of the page, where the banner is: no jump past it to the list (issue #24).
    expect(`${url.pathname}${url.search}${url.hash}`).toBe(`/peers/${priyaId}?done=dealing`);
    expect(await page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY)).toBe(0);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain(
      'The dealing has been recorded',
    );
    const dealings = await page.locator('table.govuk-table').first().textContent();
    expect(dealings).toContain('Hartlepool');
    expect(dealings).toContain('Employment');
    expect(dealings).toContain('Ongoing');
    expect(dealings).toContain('Interim director of place');
    await check(page, 'peer-dealing-added');

    await page.locator('#councilGssCode').selectOption('E06000001');
    await page.getByLabel('Role on the team').selectOption('lead_officer_peer');
    await page.getByRole('button', { name: 'Check' }).click();
    const result = page.locator('#pre-check-result');
    await expect(result.textContent()).resolves.toContain('Cannot serve');
    const finding = result.locator('tbody tr', { hasText: 'Employment' });
    await expect(finding.locator('.govuk-tag--red').textContent()).resolves.toContain('Conflict');
    await expect(finding.textContent()).resolves.toContain('Hartlepool');
    await check(page, 'peer-dealing-pre-check');
    await context.close();

    const saved = (await t.http.get(`/api/v1/peers/${priyaId}`).set(as(viewer.token))).body.dealings;
    expect(saved).toEqual([
      expect.objectContaining({
        councilGssCode: 'E06000001',
        kind: 'employment',
        from: '2022-04-01',
        to: null,
        note: 'Interim director of place',
      }),
    ]);
  });

  it('shows a viewer no forms and refuses the POSTs of viewers and principal advisers with 403', async () => {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await signIn(context, viewer.email);
    await page.goto(`${base}/peers`);
    expect(await page.getByRole('button', { name: 'Add a peer' }).count()).toBe(0);
    await page.goto(`${base}/peers/${priyaId}`);
    expect(
      await page
        .getByRole('main')
        .getByRole('link', { name: /^Change/ })
        .count(),
    ).toBe(0);
    expect(await page.locator(`form[action="/peers/${priyaId}/dealings"]`).count()).toBe(0);
    await check(page, 'peer-viewer');
    await page.goto(`${base}/peers/new`);
    await expect(page.locator('h1').textContent()).resolves.toContain('You cannot do this');
    await context.close();

    const before = (await t.http.get('/api/v1/peers').set(as(viewer.token))).body.total;
    const dealingsBefore = (await t.http.get(`/api/v1/peers/${priyaId}`).set(as(viewer.token))).body.dealings;
    const peer = { name: 'Not Allowed', email: 'not.allowed@example.org', kind: 'officer', expertise: '' };
    const dealing = {
      councilGssCode: 'E06000002',
      kind: 'mentoring',
      'from-day': '1',
      'from-month': '1',
      'from-year': '2024',
    };
    for (const user of [viewer, adviser]) {
      for (const path of ['/peers', `/peers/${priyaId}`]) {
        const shown = await t.http.get(path).set(as(user.token));
        expect(shown.status).toBe(200);
        expect(shown.text).not.toContain('href="/peers/new"');
        expect(shown.text).not.toContain('/edit"');
        expect(shown.text).not.toContain(`action="/peers/${priyaId}/dealings"`);
      }
      expect((await t.http.get('/peers/new').set(as(user.token))).status).toBe(403);
      expect((await t.http.get(`/peers/${priyaId}/edit`).set(as(user.token))).status).toBe(403);
      expect((await t.http.post('/peers/new').set(as(user.token)).type('form').send(peer)).status).toBe(403);
      const edit = await t.http.post(`/peers/${priyaId}/edit`).set(as(user.token)).type('form').send(peer);
      expect(edit.status).toBe(403);
      const added = await t.http.post(`/peers/${priyaId}/dealings`).set(as(user.token)).type('form').send(dealing);
      expect(added.status).toBe(403);
    }
    expect((await t.http.get('/api/v1/peers').set(as(viewer.token))).body.total).toBe(before);
    const after = (await t.http.get(`/api/v1/peers/${priyaId}`).set(as(viewer.token))).body;
    expect(after).toMatchObject({ name: 'Priya Pool', email: 'priya.pool@example.org' });
    expect(after.dealings).toEqual(dealingsBefore);
  });

  it('lets a manager suggest a team for a case and propose it in one action (#23)', async () => {
    const peers = [
      {
        name: 'Omar Officer',
        kind: 'officer',
        role: 'director',
        homeCouncilGssCode: 'E06000001',
        expertise: ['finance'],
      },
      {
        name: 'Olga Officer',
        kind: 'officer',
        role: 'chief_executive',
        homeCouncilGssCode: 'E06000004',
        expertise: [],
      },
      { name: 'Cllr Mia Labour', kind: 'member', politicalGroup: 'labour', homeCouncilGssCode: 'E06000002' },
      { name: 'Cllr Con Member', kind: 'member', politicalGroup: 'conservative', homeCouncilGssCode: 'E06000003' },
    ];
    for (const [i, peer] of peers.entries()) {
      const made = await t.http
        .post('/api/v1/peers')
        .set(as(manager.token))
        .send({ expertise: [], trainedOn: '2025-06-01', ...peer, email: `suggest-browser-${i}@example.org` });
      expect(made.status).toBe(201);
    }
    const opened = await t.http
      .post('/api/v1/cases')
      .set(as(manager.token))
      .send({ councilGssCode: 'E08000025', type: 'corporate_peer_challenge' })
      .expect(201);
    let version = opened.body.version as number;
    for (const event of [
      { type: 'SCHEDULE_SCOPING_MEETING', date: '2027-01-12' },
      { type: 'AGREE_SCOPE', focusAreas: ['housing'], onsiteStart: '2027-03-02', onsiteEnd: '2027-03-05' },
    ]) {
      const sent = await t.http
        .post(`/api/v1/cases/${opened.body.id}/events`)
        .set(as(manager.token))
        .send({ expectedVersion: version, ...event })
        .expect(200);
      version = sent.body.version;
    }

    const context = await browser.newContext();
    const page = await signIn(context, manager.email);
    await page.goto(`${base}/cases/${opened.body.id}`);
    await page.getByRole('button', { name: 'Suggest a team' }).click();
    await page.waitForLoadState();
    await page.locator('#size').selectOption('4');
    await page.getByRole('button', { name: 'Suggest a team' }).click();
    await page.waitForLoadState();
    expect(await page.locator('h1').textContent()).toBe('Suggested team');
    expect(await page.locator('.govuk-summary-card').count()).toBe(4);
    expect(await page.locator('.govuk-summary-card').first().textContent()).toContain('Score');
    const proposed = await submit(page, 'Propose this team');
    expect(proposed.status()).toBe(303);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'Done: propose the suggested team.',
    );

    const view = await t.http.get(`/api/v1/cases/${opened.body.id}`).set(as(viewer.token)).expect(200);
    expect(view.body.team.map((m: { role: string }) => m.role).sort()).toEqual([
      'lead_member_peer',
      'lead_officer_peer',
      'member_peer',
      'officer_peer',
    ]);
    const timeline = await t.http.get(`/api/v1/cases/${opened.body.id}/timeline`).set(as(viewer.token)).expect(200);
    expect(timeline.body.filter((e: { type: string }) => e.type === 'PROPOSE_PEER')).toHaveLength(4);
    await context.close();
  });
});
