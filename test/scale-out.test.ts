import { randomBytes } from 'node:crypto';
import { Queue, type Job } from 'bullmq';
import pg from 'pg';
import request from 'supertest';
import { DEV_ADMIN_EMAIL, DEV_ADMIN_PASSWORD, QueueName } from '#libs/platform';
import { startBuiltApi, startBuiltWorker, type BuiltProcess } from './support/built-app.js';
import { createTestDatabase, query, testServices, uniqueName, type TestDatabase } from './support/environment.js';
import { freePortSync } from './support/ports.js';
import { startSmtpSink } from './support/smtp-sink.js';
import { eventually } from './support/test-worker.js';

/**
 * The deployment of docker-compose.yml in small (issue #21): two built API processes and two built workers on one
 * PostgreSQL and one Redis. Case events go through both APIs (the same change sent to both at once is applied once),
 * a nudge run is asked of both, and one worker is killed (SIGKILL) while it is sending: every email is delivered
 * exactly once, every event is recorded once, and the versions agree. Job locks last 5 s here (30 s in production).
 */
let database: TestDatabase;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let apis: BuiltProcess[] = [];
let workers: BuiltProcess[] = [];
let mail: Queue;
let token: string;
const ports = [freePortSync(), freePortSync()];
const http = (i: number) => request(`http://127.0.0.1:${ports[i % 2]}`);
const as = () => ({ Authorization: `Bearer ${token}` });
const sql = <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => query<T>(database.url, text, params);
const ranBy = (jobs: Job[], worker: BuiltProcess) => jobs.some((job) => job.processedBy?.endsWith(`:${worker.pid}`));

beforeAll(async () => {
  database = await createTestDatabase();
  smtp = await startSmtpSink();
  const env = (port: number): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: 'http://127.0.0.1:3000',
    DATABASE_URL: database.url,
    REDIS_URL: testServices().redisUrl,
    QUEUE_PREFIX: prefix,
    AUTH_SECRET: secret,
    SMTP_URL: smtp.url,
    MAIL_RATE_PER_MINUTE: '10000',
    MAIL_RETRY_SECONDS: '8',
    JOB_LOCK_SECONDS: '5',
    NUDGE_PRE_ELECTION_WEEKS: '0',
    NUDGE_SCHEDULE: '0 3 1 1 *',
    // startBuiltWorker waits for the worker's 'worker ready' line, an info one.
    LOG_LEVEL: 'info',
  });
  const prefix = uniqueName('scale');
  const secret = randomBytes(32).toString('hex');
  [apis, workers] = await Promise.all([
    Promise.all(ports.map((port) => startBuiltApi(env(port)))),
    Promise.all([startBuiltWorker(env(ports[0])), startBuiltWorker(env(ports[1]))]),
  ]);
  mail = new Queue(QueueName.Mail, { connection: { url: testServices().redisUrl }, prefix });
  const login = { email: DEV_ADMIN_EMAIL, password: DEV_ADMIN_PASSWORD };
  token = (await http(0).post('/api/v1/auth/login').send(login).expect(200)).body.accessToken;
}, 120_000);

afterAll(async () => {
  smtp?.release();
  await Promise.all([...apis, ...workers].map((p) => p.stop()));
  await mail?.close();
  await smtp?.close();
  await database?.drop();
}, 60_000);

it('applies events once through two APIs and sends each nudge once when a worker is killed mid-run', async () => {
  // Cases opened and moved on through both APIs, each change with a request id of its own.
  const cases: string[] = [];
  const councils = ['E06000059', 'E06000052', 'E06000053', 'E06000054'];
  for (const [i, councilGssCode] of councils.entries()) {
    const opened = await http(i)
      .post('/api/v1/cases')
      .set(as())
      .set('X-Request-Id', `scale-open-${i}`)
      .send({ councilGssCode, type: 'corporate_peer_challenge' })
      .expect(201);
    cases.push(opened.body.id);
    await http(i + 1)
      .post(`/api/v1/cases/${opened.body.id}/events`)
      .set(as())
      .set('X-Request-Id', `scale-scope-${i}`)
      .send({
        type: 'AGREE_SCOPE',
        expectedVersion: 1,
        focusAreas: [],
        onsiteStart: '2027-05-04',
        onsiteEnd: '2027-05-06',
      })
      .expect(200);
  }
  // The same change at the same version, sent to both APIs at once: one is applied, the other told it is stale.
  const peers = await Promise.all(
    cases.map(
      async (_, i) =>
        (
          await http(i)
            .post('/api/v1/peers')
            .set(as())
            .send({ name: `Scale peer ${i}`, email: `scale-peer-${i}@example.org`, kind: 'officer', expertise: [] })
            .expect(201)
        ).body.id as string,
    ),
  );
  for (const [i, caseId] of cases.entries()) {
    const statuses = await Promise.all(
      [0, 1].map(async (api) => {
        const response = await http(api)
          .post(`/api/v1/cases/${caseId}/events`)
          .set(as())
          .set('X-Request-Id', `scale-propose-${i}-${api}`)
          .send({ type: 'PROPOSE_PEER', expectedVersion: 2, peerId: peers[i], role: 'officer_peer' });
        return response.status;
      }),
    );
    expect(statuses.sort()).toEqual([200, 409]);
  }

  // A nudge run asked of both APIs at once: one queues the emails; the SMTP server holds messages after the tenth.
  const eligible = (
    await sql<{ gss_code: string }>(
      `SELECT gss_code FROM councils WHERE (start_date IS NULL OR start_date <= current_date)
          AND (end_date IS NULL OR end_date >= current_date) ORDER BY gss_code LIMIT 30`,
    )
  ).map((r) => r.gss_code);
  await sql(
    `UPDATE councils SET chief_executive_name = 'Chief of ' || name, chief_executive_email = 'ce-' || lower(gss_code) || '@councils.example.org'
      WHERE gss_code = ANY($1)`,
    [eligible],
  );
  smtp.holdAfter(10);
  const runs = await Promise.all(
    [0, 1].map(async (api) => (await http(api).post('/api/v1/nudges/run').set(as()).expect(200)).body.queued),
  );
  expect(runs.sort((a, b) => a - b)).toEqual([0, 30]);

  // Both workers have messages under way; every message the server has is marked sent: kill one worker there.
  const [victim, survivor] = workers;
  await victim.until('both workers did not take mail jobs', async () => {
    const active = await mail.getJobs(['active']);
    if (!ranBy(active, victim) || !ranBy(active, survivor) || smtp.underWay > 0) return undefined;
    const [{ sent }] = await sql<{ sent: number }>(
      "SELECT count(*)::int AS sent FROM emails WHERE status = 'sent' AND council_gss_code = ANY($1)",
      [eligible],
    );
    return sent === smtp.received.length && smtp.held > 0 ? true : undefined;
  });
  await victim.stop('SIGKILL');
  smtp.release();

  await survivor.until('the nudges were not all sent', async () => {
    const [{ sent }] = await sql<{ sent: number }>(
      "SELECT count(*)::int AS sent FROM emails WHERE status = 'sent' AND council_gss_code = ANY($1)",
      [eligible],
    );
    return sent === 30 ? true : undefined;
  });
  await eventually(async () => {
    const counts = await mail.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    return Object.values(counts).every((n) => n === 0) ? true : undefined;
  }, 30_000);
  const deliveries = eligible.map(
    (code) => smtp.received.filter((m) => m.to.includes(`ce-${code.toLowerCase()}@councils.example.org`)).length,
  );
  expect(deliveries).toEqual(eligible.map(() => 1));
  expect(smtp.received).toHaveLength(30);

  // Every change recorded once, with its request id; each case's conflict check done once; versions agree.
  await eventually(async () => {
    const [{ n }] = await sql<{ n: number }>(
      "SELECT count(*)::int AS n FROM case_events WHERE case_id = ANY($1) AND type = 'CONFLICT_CHECK_COMPLETED'",
      [cases],
    );
    return n >= cases.length ? true : undefined;
  }, 30_000);
  for (const [i, caseId] of cases.entries()) {
    const events = await sql<{ seq: number; type: string; request_id: string | null }>(
      'SELECT seq, type, request_id FROM case_events WHERE case_id = $1 ORDER BY seq',
      [caseId],
    );
    expect(events.map((e) => e.seq)).toEqual(events.map((_, k) => k + 1));
    expect(events.filter((e) => e.type === 'AGREE_SCOPE').map((e) => e.request_id)).toEqual([`scale-scope-${i}`]);
    expect(events.filter((e) => e.type === 'PROPOSE_PEER')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'CONFLICT_CHECK_COMPLETED')).toHaveLength(1);
    const [a, b] = await Promise.all(
      [0, 1].map(async (api) => (await http(api).get(`/api/v1/cases/${caseId}`).set(as()).expect(200)).body),
    );
    expect(a.version).toBe(events.length);
    expect(b.version).toBe(events.length);
    expect(a.conflictCheck.status).toBe('clear');
  }
}, 120_000);
