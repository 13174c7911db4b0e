import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SendReminderJob } from '#libs/cases';
import { SweepJob } from '../apps/worker/src/sweep.job.js';
import { EmailService, SendEmailJob } from '#libs/notifications';
import { addWorkingDays, todayInLondon } from '#libs/platform';
import { query } from './support/environment.js';
import { startSmtpSink } from './support/smtp-sink.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { eventually, startTestWorker } from './support/test-worker.js';

/** Reminders and email end to end: the real API, the real worker, a real SMTP server. */
let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let worker: INestApplicationContext | undefined;
let manager: { id: string; email: string; token: string };
const CHIEF_EXECUTIVE = 'chief.executive@wiltshire.example.org';
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  smtp = await startSmtpSink();
  process.env.SMTP_URL = smtp.url;
  process.env.MAIL_RETRY_SECONDS = '1';
  t = await createTestApp();
  manager = await t.as('peer_challenge_manager');
  await t.http
    .patch('/api/v1/councils/E06000054')
    .set(as(t.adminToken))
    .send({ chiefExecutive: { name: 'Terry Chief', email: CHIEF_EXECUTIVE } })
    .expect(200);
});
afterAll(async () => {
  await worker?.close();
  await t.close();
  await smtp.close();
  delete process.env.SMTP_URL;
  delete process.env.MAIL_RETRY_SECONDS;
});

const emails = (sql = 'SELECT * FROM emails ORDER BY created_at') => query(t.database.url, sql);
type Reminder = { kind: string; dueOn: string; to: string[]; status: string };
const remindersOf = async (caseId: string) =>
  (await t.http.get(`/api/v1/cases/${caseId}/reminders`).set(as(manager.token)).expect(200)).body as Reminder[];

async function queueEmail(key: string, to: string): Promise<string> {
  const service = t.app.get(EmailService);
  const id = await t.app.get(DataSource).transaction((m) =>
    service.queue(m, {
      idempotencyKey: key,
      template: 'test',
      to: [{ name: 'Someone', address: to }],
      content: { subject: `Test ${key}`, heading: 'Test', paragraphs: ['Hello'] },
    }),
  );
  return id!;
}

it('sends the reminders that fall due once each, to the right people, through a worker restart', async () => {
  const today = todayInLondon();
  const opened = await t.http
    .post('/api/v1/cases')
    .set(as(manager.token))
    .send({ councilGssCode: 'E06000054', type: 'corporate_peer_challenge', managerId: manager.id })
    .expect(201);
  const id = opened.body.id as string;
  // Onsite in three working days: the position statement (10 days before), its chase (3 days after that)
  // and the briefings (5 days before) are all already due.
  const onsite = addWorkingDays(today, 3);
  await t.http
    .post(`/api/v1/cases/${id}/events`)
    .set(as(manager.token))
    .send({ type: 'AGREE_SCOPE', expectedVersion: 1, focusAreas: [], onsiteStart: onsite, onsiteEnd: onsite })
    .expect(200);
  const planned = await remindersOf(id);
  expect(planned).toEqual(
    expect.arrayContaining([
      {
        kind: 'position_statement_due',
        dueOn: addWorkingDays(onsite, -10),
        to: ['council_chief_executive', 'case_manager'],
        status: 'scheduled',
        sentAt: null,
        note: null,
      },
      expect.objectContaining({ kind: 'position_statement_chase', dueOn: addWorkingDays(onsite, -7) }),
      expect.objectContaining({ kind: 'briefings_due', dueOn: addWorkingDays(onsite, -5), to: ['case_manager'] }),
      expect.objectContaining({ kind: 'stalled_case', status: 'scheduled' }),
    ]),
  );

  worker = await startTestWorker();
  await eventually(async () => (smtp.received.length >= 3 ? true : undefined));
  const due = await eventually(async () => {
    const list = await remindersOf(id);
    return list.filter((r) => r.status === 'sent').length === 3 ? list : undefined;
  });
  expect(due.find((r) => r.kind === 'stalled_case')?.status).toBe('scheduled');

  const statement = smtp.received.find((m) => /Subject: .*position statement due/i.test(m.raw))!;
  expect(statement.to.sort()).toEqual([CHIEF_EXECUTIVE, manager.email].sort());
  expect(statement.raw).toContain('To: Terry Chief <chief.executive@wiltshire.example.org>');
  expect(statement.raw).toContain('text/plain');
  expect(statement.raw).toContain('text/html');
  const briefings = smtp.received.find((m) => /Subject: .*briefings/i.test(m.raw))!;
  expect(briefings.to).toEqual([manager.email]);

  const timeline = await t.http.get(`/api/v1/cases/${id}/timeline`).set(as(manager.token)).expect(200);
  const sent = timeline.body.filter((e: { type: string }) => e.type === 'REMINDER_SENT');
  expect(sent).toHaveLength(3);
  expect(sent.every((e: { seq: unknown }) => e.seq === null)).toBe(true);
  expect(timeline.body.filter((e: { seq: unknown }) => e.seq !== null)).toHaveLength(2);

  // A restart, the sweep and the same jobs run again: nothing is sent twice.
  await worker.close();
  worker = await startTestWorker();
  await worker.get(SweepJob).run();
  const [reminder] = await query<{ id: string }>(t.database.url, 'SELECT id FROM reminders WHERE status = $1', [
    'sent',
  ]);
  expect(await worker.get(SendReminderJob).run({ reminderId: reminder.id })).toBe('already sent or cancelled');
  for (const email of await emails()) {
    expect(await worker.get(SendEmailJob).run({ emailId: email.id as string })).toBe('nothing to send');
  }
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(smtp.received).toHaveLength(3);
  expect((await emails()).map((e) => e.status)).toEqual(['sent', 'sent', 'sent']);
});

it('moves reminders with the dates, drops them on pause and cancel, and plans them again on resume', async () => {
  const opened = await t.http
    .post('/api/v1/cases')
    .set(as(manager.token))
    .send({ councilGssCode: 'E06000059', type: 'corporate_peer_challenge' })
    .expect(201);
  const id = opened.body.id as string;
  const send = (body: Record<string, unknown>, expectedVersion: number) =>
    t.http
      .post(`/api/v1/cases/${id}/events`)
      .set(as(manager.token))
      .send({ ...body, expectedVersion })
      .expect(200);
  await send({ type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: '2030-06-03', onsiteEnd: '2030-06-06' }, 1);
  expect((await remindersOf(id)).find((r) => r.kind === 'position_statement_due')).toMatchObject({
    dueOn: '2030-05-17',
    status: 'scheduled',
  });
  // Moving the dates moves the reminder: the old one is cancelled.
  await send({ type: 'RESCHEDULE_ONSITE', onsiteStart: '2030-07-01', onsiteEnd: '2030-07-02', reason: 'Elections' }, 2);
  let list = await remindersOf(id);
  expect(list.filter((r) => r.kind === 'position_statement_due').map((r) => [r.dueOn, r.status])).toEqual([
    ['2030-05-17', 'cancelled'],
    ['2030-06-17', 'scheduled'],
  ]);
  await send({ type: 'PAUSE', reason: 'Change of control' }, 3);
  list = await remindersOf(id);
  expect(list.filter((r) => r.status === 'scheduled')).toEqual([]);
  await send({ type: 'RESUME' }, 4);
  list = await remindersOf(id);
  expect(list.find((r) => r.kind === 'position_statement_due' && r.dueOn === '2030-06-17')?.status).toBe('scheduled');
  await send({ type: 'CANCEL', reason: 'The council withdrew' }, 5);
  list = await remindersOf(id);
  expect(list.filter((r) => r.status === 'scheduled')).toEqual([]);
});

it('sends an email again after its sender died holding the claim, once', async () => {
  await worker?.close();
  worker = undefined;
  const before = smtp.received.length;
  const id = await queueEmail('crash-after-claim', 'crash@example.org');
  await query(
    t.database.url,
    `UPDATE emails SET status = 'sending', attempts = 1, claimed_at = now() - interval '11 minutes' WHERE id = $1`,
    [id],
  );
  worker = await startTestWorker();
  await eventually(async () => {
    const [row] = await emails(`SELECT status FROM emails WHERE id = '${id}'`);
    return row.status === 'sent' ? true : undefined;
  });
  expect(smtp.received.length).toBe(before + 1);
  const [row] = await emails(`SELECT attempts FROM emails WHERE id = '${id}'`);
  expect(row.attempts).toBe(2);
});

it('retries an email the server refuses for now, records the failure, and marks a refusal for good as bounced', async () => {
  smtp.rejectNext('later@example.org', 451);
  smtp.rejectNext('gone@example.org', 550);
  const later = await queueEmail('try-later', 'later@example.org');
  const gone = await queueEmail('gone-for-good', 'gone@example.org');
  const settled = await eventually(async () => {
    const rows = await emails(
      `SELECT id, status, attempts, last_error FROM emails WHERE id IN ('${later}', '${gone}')`,
    );
    return rows.every((r) => r.status === 'sent' || r.status === 'bounced') ? rows : undefined;
  }, 20_000);
  const byId = new Map(settled.map((r) => [r.id, r]));
  expect(byId.get(later)).toMatchObject({ status: 'sent', attempts: 2, last_error: expect.stringContaining('451') });
  expect(byId.get(gone)).toMatchObject({ status: 'bounced', attempts: 1, last_error: expect.stringContaining('550') });
  expect(smtp.received.filter((m) => m.to.includes('later@example.org'))).toHaveLength(1);
  expect(smtp.received.filter((m) => m.to.includes('gone@example.org'))).toHaveLength(0);
});

it('queues one email per idempotency key and refuses an address that could inject headers', async () => {
  const first = await queueEmail('same-key', 'someone@example.org');
  const again = await t.app.get(DataSource).transaction((m) =>
    t.app.get(EmailService).queue(m, {
      idempotencyKey: 'same-key',
      template: 'test',
      to: [{ address: 'someone@example.org' }],
      content: { subject: 'x', heading: 'x', paragraphs: [] },
    }),
  );
  expect(first).toBeTruthy();
  expect(again).toBeNull();
  await expect(queueEmail('injection', 'victim@example.org\r\nBcc: everyone@example.org')).rejects.toThrow(
    'no valid recipient',
  );
});

it('queues many emails in one go: an id each, in order, null for a key already used (before or in the list)', async () => {
  const used = await queueEmail('many-used', 'used@example.org');
  const request = (key: string, to: string) => ({
    idempotencyKey: key,
    template: 'test',
    to: [{ address: to }],
    content: { subject: `Many ${key}`, heading: 'Test', paragraphs: [] },
  });
  const ids = await t.app
    .get(DataSource)
    .transaction((m) =>
      t.app
        .get(EmailService)
        .queueMany(m, [
          request('many-1', 'one@example.org'),
          request('many-used', 'used@example.org'),
          request('many-2', 'two@example.org'),
          request('many-1', 'one-again@example.org'),
        ]),
    );
  expect(ids).toEqual([expect.any(String), null, expect.any(String), null]);
  expect(new Set(ids).size).toBe(3);
  const rows = await emails(
    `SELECT e.id, e.idempotency_key, e.to_addresses, o.job_id FROM emails e
       JOIN outbox o ON o.job_id = 'email-' || e.id WHERE e.idempotency_key LIKE 'many-%' ORDER BY o.id`,
  );
  // One row and one send job each, the jobs in the list's order; the used key keeps its first email.
  expect(rows.map((r) => [r.idempotency_key, r.to_addresses])).toEqual([
    ['many-used', [{ name: 'Someone', address: 'used@example.org' }]],
    ['many-1', [{ address: 'one@example.org' }]],
    ['many-2', [{ address: 'two@example.org' }]],
  ]);
  expect(rows.map((r) => r.id)).toEqual([used, ids[0], ids[2]]);
  // A list with one bad address queues nothing (the caller's transaction rolls back).
  await expect(
    t.app
      .get(DataSource)
      .transaction((m) =>
        t.app
          .get(EmailService)
          .queueMany(m, [request('many-3', 'three@example.org'), request('many-4', 'bad address')]),
      ),
  ).rejects.toThrow('no valid recipient');
  expect(await emails(`SELECT id FROM emails WHERE idempotency_key IN ('many-3', 'many-4')`)).toEqual([]);
});
