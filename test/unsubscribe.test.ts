import { NudgesService } from '#libs/nudges';
import { query } from './support/environment.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Unsubscribing from nudges as mail providers expect (RFC 8058, issue #22): a GET never opts out, the page's button
 * and a provider's one-click POST do, links expire after a year, and an admin can opt a council back in.
 */
let t: TestApp;
let nudges: NudgesService;
const CODE = 'E06000002';
const DAY = 86_400_000;

beforeAll(async () => {
  t = await createTestApp();
  nudges = t.app.get(NudgesService);
});
afterAll(() => t.close());

const suppressed = async () =>
  (
    await query<{ s: boolean }>(t.database.url, 'SELECT nudges_suppressed AS s FROM councils WHERE gss_code = $1', [
      CODE,
    ])
  )[0].s;
const optOuts = async () =>
  (await query(t.database.url, `SELECT 1 FROM audit_log WHERE action = 'council.nudges.unsubscribe'`)).length;
const setSuppressed = (value: boolean) =>
  query(t.database.url, 'UPDATE councils SET nudges_suppressed = $2 WHERE gss_code = $1', [CODE, value]);

describe('unsubscribe links', () => {
  it('changes nothing on a GET, however often a scanner follows the link', async () => {
    const token = nudges.unsubscribeToken(CODE);
    for (let i = 0; i < 3; i++) {
      const page = await t.http.get(`/unsubscribe?token=${token}`).expect(200);
      expect(page.text).toContain('Stop these emails');
      await t.http.get(`/api/v1/unsubscribe?token=${token}`).expect(303);
    }
    expect([await suppressed(), await optOuts()]).toEqual([false, 0]);
  });

  it('opts out on a mail provider’s one-click POST, form-encoded or multipart, with no cookie or CSRF token', async () => {
    const token = nudges.unsubscribeToken(CODE);
    const url = `/unsubscribe?token=${encodeURIComponent(token)}`;
    await t.http.post(url).type('form').send('List-Unsubscribe=One-Click').expect(200);
    expect(await suppressed()).toBe(true);
    const [entry] = await query<{ summary: { via: string } }>(
      t.database.url,
      `SELECT summary FROM audit_log WHERE action = 'council.nudges.unsubscribe'`,
    );
    expect(entry.summary.via).toBe('one-click');
    // Again (and as multipart/form-data, which RFC 8058 prefers): still opted out, nothing more written.
    await t.http.post(url).field('List-Unsubscribe', 'One-Click').expect(200);
    expect(await optOuts()).toBe(1);
    await setSuppressed(false);
  });

  it('refuses an expired link (410) and a forged one (400) with a page, writing nothing', async () => {
    const expired = nudges.unsubscribeToken(CODE, new Date(Date.now() - 366 * DAY));
    const before = await optOuts();
    for (const send of [
      () => t.http.get(`/unsubscribe?token=${expired}`),
      () => t.http.post('/unsubscribe').type('form').send({ token: expired }),
      () => t.http.post(`/unsubscribe?token=${expired}`).type('form').send('List-Unsubscribe=One-Click'),
    ]) {
      const response = await send();
      expect(response.status).toBe(410);
      expect(response.text).toContain('This link has expired');
      expect(response.text).toContain('govuk-');
    }
    const stillValid = nudges.unsubscribeToken(CODE, new Date(Date.now() - 364 * DAY));
    await t.http.get(`/unsubscribe?token=${stillValid}`).expect(200);
    const [code, issued] = stillValid.split('.');
    for (const forged of [
      `${code}.${issued}.${'A'.repeat(43)}`,
      `E06000001.${issued}.${stillValid.split('.')[2]}`,
      'x',
    ]) {
      const response = await t.http.post('/unsubscribe').type('form').send({ token: forged });
      expect(response.status).toBe(400);
      expect(response.text).toContain('This link is not valid');
    }
    await t.http.post('/unsubscribe').expect(400);
    expect([await suppressed(), await optOuts()]).toEqual([false, before]);
  });

  it('shows the opt-out and an admin’s opt-in, with dates, on the council page; only admins may opt in', async () => {
    await t.http
      .post('/unsubscribe')
      .type('form')
      .send({ token: nudges.unsubscribeToken(CODE) })
      .expect(200);
    expect(await suppressed()).toBe(true);
    const viewer = await t.as('viewer');
    await t.http.post(`/councils/${CODE}/nudges`).set('Authorization', `Bearer ${viewer.token}`).expect(403);
    const page = await t.http.get(`/councils/${CODE}`).set('Authorization', `Bearer ${t.adminToken}`).expect(200);
    expect(page.text).toContain('Opt back in to nudges');
    const done = await t.http.post(`/councils/${CODE}/nudges`).set('Authorization', `Bearer ${t.adminToken}`);
    expect([done.status, done.headers.location]).toEqual([303, `/councils/${CODE}?done=nudges`]);
    expect(await suppressed()).toBe(false);
    const after = await t.http.get(`/councils/${CODE}`).set('Authorization', `Bearer ${t.adminToken}`).expect(200);
    const text = after.text.replace(/\s+/g, ' ');
    expect(text).toMatch(/Opted out<\/td> <td class="govuk-table__cell">the link in the email/);
    expect(text).toMatch(/Opted back in<\/td> <td class="govuk-table__cell">an admin \(admin@example\.org\)/);
    const year = String(new Date().getFullYear());
    expect(text.match(new RegExp(`\\d{1,2} \\w+ ${year}(?: at|,) \\d{2}:\\d{2}`, 'g'))?.length).toBeGreaterThanOrEqual(
      2,
    );
  });
});
