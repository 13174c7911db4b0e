import type { INestApplicationContext } from '@nestjs/common';
import { query } from './support/environment.js';
import { startSmtpSink } from './support/smtp-sink.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { eventually, startTestWorker } from './support/test-worker.js';

/** Nudges end to end: eligibility, concurrent runs, delivery to a real SMTP server, unsubscribe. */
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let worker: INestApplicationContext;
let adviser: { id: string; email: string; token: string };
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

// Real councils; the contacts are invented.
const NEVER = { code: 'E06000001', name: 'Hartlepool', ce: 'ce@hartlepool.example.org' };
const ALSO_NEVER = { code: 'E06000002', name: 'Middlesbrough', ce: 'ce@middlesbrough.example.org' };
const OPTED_OUT = { code: 'E06000003', ce: 'ce@redcar.example.org' };
const RECENT_CPC = { code: 'E06000004', ce: 'ce@stockton.example.org' };
const IN_PROGRESS = { code: 'E06000005', ce: 'ce@darlington.example.org' };

/** The body of a quoted-printable email, decoded enough to read links. */
const decoded = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');

beforeAll(async () => {
  smtp = await startSmtpSink();
  process.env.SMTP_URL = smtp.url;
  t = await createTestApp({
    env: {
      NUDGE_PRE_ELECTION_WEEKS: '0',
      NUDGE_QUIET_DATES: '2027-04-01..2027-04-30',
      NUDGE_REPLY_TO: 'programme@example.org',
    },
  });
  adviser = await t.as('principal_adviser');
  const patch = (code: string, body: object) =>
    t.http.patch(`/api/v1/councils/${code}`).set(as(t.adminToken)).send(body).expect(200);
  await patch(NEVER.code, {
    chiefExecutive: { name: 'Harriet Chief', email: NEVER.ce },
    principalAdviserId: adviser.id,
  });
  await patch(ALSO_NEVER.code, { chiefExecutive: { name: 'Max Chief', email: ALSO_NEVER.ce } });
  await patch(OPTED_OUT.code, { chiefExecutive: { name: 'Rita Chief', email: OPTED_OUT.ce }, nudgesSuppressed: true });
  await patch(RECENT_CPC.code, { chiefExecutive: { name: 'Stan Chief', email: RECENT_CPC.ce } });
  await patch(IN_PROGRESS.code, { chiefExecutive: { name: 'Dora Chief', email: IN_PROGRESS.ce } });
  await t.http
    .post('/api/v1/imports/peer-challenges')
    .set(as(t.adminToken))
    .send([{ councilGssCode: RECENT_CPC.code, type: 'corporate_peer_challenge', onsiteStart: '2024-03-04' }])
    .expect(201);
  const manager = await t.as('peer_challenge_manager');
  await t.http
    .post('/api/v1/cases')
    .set(as(manager.token))
    .send({ councilGssCode: IN_PROGRESS.code, type: 'corporate_peer_challenge' })
    .expect(201);
  worker = await startTestWorker();
});
afterAll(async () => {
  await worker.close();
  await t.close();
  await smtp.close();
  delete process.env.SMTP_URL;
});

it('previews who would be nudged and why, and why the others would not', async () => {
  const preview = await t.http.get('/api/v1/nudges/preview').set(as(adviser.token)).expect(200);
  expect(preview.body.quietPeriod).toBeNull();
  expect(preview.body.councils).toEqual([
    {
      gssCode: NEVER.code,
      name: NEVER.name,
      reason: 'it has had no corporate peer challenge since 2012',
      to: NEVER.ce,
      cc: adviser.email,
    },
    expect.objectContaining({ gssCode: ALSO_NEVER.code, to: ALSO_NEVER.ce, cc: null }),
  ]);
  const reasons = new Map(
    preview.body.notNudged.map((n: { gssCode: string; reason: string }) => [n.gssCode, n.reason]),
  );
  expect(reasons.get(OPTED_OUT.code)).toBe('it has opted out of these emails');
  expect(reasons.get(IN_PROGRESS.code)).toBe('it has a peer challenge in progress');
  expect(reasons.has(RECENT_CPC.code)).toBe(false); // current take-up: not a candidate at all
  expect(reasons.get('E06000006')).toBe('there is no usable chief executive email address');

  const quiet = await t.http.get('/api/v1/nudges/preview?asOf=2027-04-20').set(as(adviser.token)).expect(200);
  expect(quiet.body.quietPeriod).toEqual({ from: '2027-04-01', to: '2027-04-30', why: 'a configured quiet period' });
  expect(quiet.body.councils).toEqual([]);
});

it('sends one nudge per council however many runs race, copies the adviser, and honours the cool-down', async () => {
  const runs = await Promise.all(
    [1, 2, 3].map(() => t.http.post('/api/v1/nudges/run').set(as(t.adminToken)).expect(200)),
  );
  expect(runs.map((r) => r.body.queued).sort()).toEqual([0, 0, 2]);
  await eventually(async () => (smtp.received.length >= 2 ? true : undefined));
  await new Promise((resolve) => setTimeout(resolve, 1000));
  expect(smtp.received).toHaveLength(2);
  const hartlepool = smtp.received.find((m) => m.to.includes(NEVER.ce))!;
  expect(hartlepool.to.sort()).toEqual([NEVER.ce, adviser.email].sort());
  const body = decoded(hartlepool.raw);
  expect(body).toContain('Hartlepool has not had a corporate peer challenge since 2012.');
  expect(body).toContain('at least once every five years');
  expect(body).toMatch(/\/unsubscribe\?token=E06000001\.[\w.-]+/);
  // RFC 8058: the one-click link as List-Unsubscribe, and List-Unsubscribe-Post.
  const unfolded = hartlepool.raw.replace(/\r?\n[ \t]+/g, ' ');
  const link = /^List-Unsubscribe: *<(http[^>]+)>/im.exec(unfolded)?.[1]?.replace(/ /g, '');
  expect(link).toMatch(/^http:\/\/localhost:\d+\/unsubscribe\?token=E06000001\.[\w.-]+$/);
  expect(/^List-Unsubscribe-Post: (.*)$/im.exec(unfolded)?.[1].trim()).toBe('List-Unsubscribe=One-Click');
  // It names the principal adviser with their email, replies go to them, and the Message-ID is of the sending
  // domain (MAIL_FROM's, example.org); a council without an adviser gets the programme's inbox.
  const me = await t.http.get('/api/v1/auth/me').set(as(adviser.token)).expect(200);
  expect(body.replace(/\s+/g, ' ')).toContain(`${me.body.name} (${adviser.email}), your LGA principal adviser`);
  const header = (raw: string, name: string) => new RegExp(`^${name}: (.*)$`, 'im').exec(raw)?.[1].trim();
  expect(header(hartlepool.raw, 'Reply-To')).toContain(adviser.email);
  expect(header(hartlepool.raw, 'Message-ID')).toMatch(/^<[0-9a-f-]+@example\.org>$/);
  const middlesbrough = smtp.received.find((m) => m.to.includes(ALSO_NEVER.ce))!;
  expect(header(middlesbrough.raw, 'Reply-To')).toBe('programme@example.org');
  expect(decoded(middlesbrough.raw).replace(/\s+/g, ' ')).toContain(
    'Replies to this email go to the LGA peer challenge programme (programme@example.org)',
  );

  const again = await t.http.post('/api/v1/nudges/run').set(as(t.adminToken)).expect(200);
  expect(again.body.queued).toBe(0);
  const history = await t.http.get(`/api/v1/councils/${NEVER.code}/history`).set(as(adviser.token)).expect(200);
  expect(history.body.nudges).toEqual([expect.objectContaining({ template: 'nudge', to: [NEVER.ce] })]);
  const audited = await query(t.database.url, "SELECT entity_id FROM audit_log WHERE action = 'council.nudge'");
  expect(audited.map((r) => r.entity_id).sort()).toEqual([NEVER.code, ALSO_NEVER.code].sort());
});

it('unsubscribes only by a POST from the signed link’s page, and refuses a forged one', async () => {
  const mail = decoded(smtp.received.find((m) => m.to.includes(ALSO_NEVER.ce))!.raw);
  const token = /unsubscribe\?token=([\w.-]+)/.exec(mail)![1];
  const forged = `${NEVER.code}.${token.split('.').slice(1).join('.')}`;
  const refused = await t.http.get(`/unsubscribe?token=${forged}`).expect(400);
  expect(refused.text).toContain('This link is not valid');
  await t.http.post(`/unsubscribe?token=${forged}`).type('form').send('List-Unsubscribe=One-Click').expect(400);
  await t.http.get('/unsubscribe').expect(400);
  // The old API link changes nothing and sends the browser to the page.
  const old = await t.http.get(`/api/v1/unsubscribe?token=${token}`).expect(303);
  expect(old.headers.location).toBe(`/unsubscribe?token=${token}`);

  const page = await t.http.get(`/unsubscribe?token=${token}`).expect(200);
  expect(page.headers['content-type']).toContain('text/html');
  expect(page.text).toContain('Stop these emails');
  expect(page.text).toContain('method="post" action="/unsubscribe"');
  const still = await t.http.get(`/api/v1/councils/${ALSO_NEVER.code}`).set(as(adviser.token)).expect(200);
  expect(still.body.nudgesSuppressed).toBe(false);

  const done = await t.http.post('/unsubscribe').type('form').send({ token }).expect(200);
  expect(done.text).toContain('Middlesbrough will no longer receive emails');
  const council = await t.http.get(`/api/v1/councils/${ALSO_NEVER.code}`).set(as(adviser.token)).expect(200);
  expect(council.body.nudgesSuppressed).toBe(true);
  const hartlepool = await t.http.get(`/api/v1/councils/${NEVER.code}`).set(as(adviser.token)).expect(200);
  expect(hartlepool.body.nudgesSuppressed).toBe(false);
});
