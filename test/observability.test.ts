import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { DEV_ADMIN_EMAIL, DEV_ADMIN_PASSWORD } from '#libs/platform';
import { startBuiltApi, startBuiltWorker, type BuiltProcess } from './support/built-app.js';
import { caseInTeamAssembly } from './support/cases.js';
import { createTestDatabase, query, testServices, uniqueName, type TestDatabase } from './support/environment.js';
import { freePortSync } from './support/ports.js';
import { startSmtpSink } from './support/smtp-sink.js';
import { createTestApp } from './support/test-app.js';
import { eventually } from './support/test-worker.js';

/** Each line a process wrote, parsed; fails naming the first line that is not JSON. */
function jsonLines(output: string): Array<Record<string, unknown>> {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        throw new Error(`not a JSON line: ${line}`);
      }
    });
}

/**
 * The built API and worker as operators run them (issue #21): JSON logs with the request id on every line of a
 * request and in the worker's job lines, nothing secret or personal in them, /metrics behind its token, and
 * /health/ready answering 503 while the API drains on SIGTERM.
 */
describe('the built API and worker, observed', () => {
  let database: TestDatabase;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let api: BuiltProcess;
  let worker: BuiltProcess;
  let env: NodeJS.ProcessEnv;
  const metricsToken = randomBytes(24).toString('hex');
  const http = () => request(`http://127.0.0.1:${env.PORT}`);

  beforeAll(async () => {
    database = await createTestDatabase();
    smtp = await startSmtpSink();
    const port = freePortSync();
    env = {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      DATABASE_URL: database.url,
      REDIS_URL: testServices().redisUrl,
      QUEUE_PREFIX: uniqueName('obs'),
      AUTH_SECRET: randomBytes(32).toString('hex'),
      SMTP_URL: smtp.url,
      MAIL_RATE_PER_MINUTE: '10000',
      NUDGE_PRE_ELECTION_WEEKS: '0',
      NUDGE_SCHEDULE: '0 3 1 1 *',
      METRICS_TOKEN: metricsToken,
      LOG_LEVEL: 'info',
      SHUTDOWN_DRAIN_SECONDS: '3',
    };
    [api, worker] = await Promise.all([startBuiltApi(env), startBuiltWorker(env)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all([api?.stop(), worker?.stop()]);
    await smtp?.close();
    await database?.drop();
  }, 60_000);

  it('logs JSON lines carrying each request id, and no password, token, email address or email body', async () => {
    const login = await http()
      .post('/api/v1/auth/login')
      .set('X-Request-Id', 'obs-login-1')
      .send({ email: DEV_ADMIN_EMAIL, password: DEV_ADMIN_PASSWORD })
      .expect(200);
    expect(login.headers['x-request-id']).toBe('obs-login-1');
    const token = login.body.accessToken as string;
    const admin = { Authorization: `Bearer ${token}` };
    const secretPassword = 'an unguessable observed passphrase';
    const person = 'observed.person@example.org';
    await http()
      .post('/api/v1/users')
      .set(admin)
      .set('X-Request-Id', 'obs-user-1')
      .send({ email: person, name: 'Observed Person', password: secretPassword, roles: ['viewer'] })
      .expect(201);
    await http()
      .post('/api/v1/auth/login')
      .set('X-Request-Id', 'obs-refused-1')
      .send({ email: person, password: 'not the password at all' })
      .expect(401);
    const unsubscribeToken = 'abc123.observed-unsubscribe-token';
    // A redirect to the unsubscribe page (RFC 8058: a GET changes nothing); its URL holds the token.
    await http().get(`/api/v1/unsubscribe?token=${unsubscribeToken}`).expect(303);
    // Without a sane X-Request-Id the API makes one, and echoes it.
    const made = await http().get('/api/v1/health').expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    // A conflict check asked for by a request: the worker's job lines carry that request's id.
    const caseId = await caseInTeamAssembly(http(), token, 'E06000059');
    const peer = await http()
      .post('/api/v1/peers')
      .set(admin)
      .send({ name: 'Observed Peer', email: 'observed.peer@example.org', kind: 'officer', expertise: [] })
      .expect(201);
    await http()
      .post(`/api/v1/cases/${caseId}/events`)
      .set(admin)
      .set('X-Request-Id', 'obs-propose-1')
      .send({ type: 'PROPOSE_PEER', expectedVersion: 2, peerId: peer.body.id, role: 'officer_peer' })
      .expect(200);
    // A nudge (an email with a body) sent by the worker.
    await query(
      database.url,
      `UPDATE councils SET chief_executive_name = 'Observed Chief Executive', chief_executive_email = 'observed.ce@councils.example.org'
        WHERE gss_code = 'E06000001'`,
    );
    await http().post('/api/v1/nudges/run').set(admin).set('X-Request-Id', 'obs-nudge-1').expect(200);
    await eventually(async () => (smtp.received.length >= 1 ? true : undefined), 30_000);
    const body = smtp.received[0].raw;
    expect(body).toContain('Observed Chief Executive');
    await worker.until('the worker did not log the nudge it sent', async () =>
      jsonLines(worker.output).some((l) => l.job === 'send-email' && l.jobId !== undefined) ? true : undefined,
    );
    await worker.until('the worker did not log the conflict check', async () =>
      jsonLines(worker.output).some((l) => l.requestId === 'obs-propose-1' && l.job === 'conflict-check')
        ? true
        : undefined,
    );
    await api.until('the API did not log the last request', async () =>
      jsonLines(api.output).some((l) => l.requestId === 'obs-nudge-1') ? true : undefined,
    );

    const apiLines = jsonLines(api.output);
    const workerLines = jsonLines(worker.output);
    for (const line of [...apiLines, ...workerLines]) {
      expect(line).toEqual(expect.objectContaining({ level: expect.any(Number), time: expect.any(String) }));
    }
    // Every line of a request carries its id; the request lines name the route and the status.
    const userLines = apiLines.filter((l) => l.requestId === 'obs-user-1');
    expect(userLines.length).toBeGreaterThan(0);
    expect(userLines).toContainEqual(
      expect.objectContaining({
        req: expect.objectContaining({ method: 'POST', url: '/api/v1/users', route: '/api/v1/users' }),
        res: { statusCode: 201 },
      }),
    );
    for (const line of apiLines.filter((l) => l.req !== undefined)) expect(line.requestId).toEqual(expect.any(String));
    expect(apiLines.some((l) => l.requestId === 'obs-refused-1')).toBe(true);
    // The job's id, name and queue, and the request that asked for it.
    expect(workerLines).toContainEqual(
      expect.objectContaining({
        requestId: 'obs-propose-1',
        job: 'conflict-check',
        queue: 'checks',
        jobId: expect.any(String),
      }),
    );
    expect(workerLines).toContainEqual(expect.objectContaining({ job: 'send-email', jobId: expect.any(String) }));

    const everything = api.output + worker.output;
    for (const secret of [
      DEV_ADMIN_PASSWORD,
      secretPassword,
      token,
      env.AUTH_SECRET!,
      metricsToken,
      unsubscribeToken,
      person,
      DEV_ADMIN_EMAIL,
      'observed.ce@councils.example.org',
      'observed.peer@example.org',
      'Observed Chief Executive',
    ]) {
      expect(everything).not.toContain(secret);
    }
  }, 120_000);

  it('serves Prometheus metrics to the holder of METRICS_TOKEN only', async () => {
    await http().get('/metrics').expect(401);
    await http().get('/metrics').set('Authorization', 'Bearer not-the-token').expect(401);
    await http().get('/metrics').set('Authorization', `Basic ${metricsToken}`).expect(401);
    const response = await http().get('/metrics').set('Authorization', `Bearer ${metricsToken}`).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const text = response.text;
    expect(text).toMatch(
      /^lga_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/auth\/login",status="200"\} [1-9]/m,
    );
    expect(text).toMatch(
      /^lga_http_request_duration_seconds_bucket\{le="0\.1",method="POST",route="\/api\/v1\/users"/m,
    );
    expect(text).toMatch(/^lga_case_events\{type="AGREE_SCOPE"\} 1$/m);
    expect(text).toMatch(/^lga_case_events\{type="PROPOSE_PEER"\} 1$/m);
    await eventually(async () => {
      const again = await http().get('/metrics').set('Authorization', `Bearer ${metricsToken}`);
      return /^lga_emails\{status="sent"\} 1$/m.test(again.text) ? true : undefined;
    });
    expect(text).toMatch(/^lga_emails\{status="failed"\} 0$/m);
    expect(text).toMatch(/^lga_queue_jobs\{queue="mail",state="waiting"\} \d+$/m);
    expect(text).toMatch(/^lga_queue_oldest_waiting_seconds\{queue="checks"\} [\d.]+$/m);
    expect(text).toMatch(/^lga_outbox_waiting \d+$/m);
    expect(text).toMatch(/^lga_process_resident_memory_bytes \d+/m);
    // Ids in paths do not make series of their own.
    expect(text).not.toMatch(/route="\/api\/v1\/cases\/[0-9a-f]{8}-/);
  });

  it('reports the queues and the disk on /health/details', async () => {
    const response = await http().get('/api/v1/health/details').expect(200);
    expect(response.body).toEqual({
      status: 'ok',
      info: expect.any(Object),
      error: {},
      details: {
        database: { status: 'up', responseTime: expect.any(Number) },
        redis: { status: 'up' },
        queues: {
          status: 'up',
          limitSeconds: 300,
          oldestWaitingSeconds: { checks: expect.any(Number), mail: expect.any(Number), reminders: expect.any(Number) },
        },
        disk: { status: 'up' },
      },
    });
  });

  it('answers 503 on /health/ready while it drains after SIGTERM, then stops', async () => {
    expect((await http().get('/api/v1/health/ready').expect(200)).body).toEqual({ status: 'ok' });
    api.child.kill('SIGTERM');
    const draining = await eventually(async () => {
      const response = await http().get('/api/v1/health/ready');
      return response.status === 503 ? response.body : undefined;
    }, 10_000);
    expect(draining).toEqual({ status: 'shutting_down' });
    await eventually(async () => (api.running ? undefined : true), 15_000);
    expect(jsonLines(api.output).length).toBeGreaterThan(0);
  }, 30_000);
});

describe('in process', () => {
  it('answers 404 on /metrics when METRICS_TOKEN is unset', async () => {
    const t = await createTestApp();
    try {
      await t.http.get('/metrics').expect(404);
      await t.http.get('/metrics').set('Authorization', 'Bearer anything-at-all-here').expect(404);
    } finally {
      await t.close();
    }
  });

  it('answers 503 on /health/ready when PostgreSQL refuses connections', async () => {
    const t = await createTestApp();
    const { adminUrl } = testServices();
    try {
      await t.http.get('/api/v1/health/ready').expect(200, { status: 'ok' });
      await query(adminUrl, `ALTER DATABASE ${t.database.name} ALLOW_CONNECTIONS false`);
      await query(adminUrl, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [
        t.database.name,
      ]);
      await t.http.get('/api/v1/health/ready').expect(503, { status: 'error' });
      const details = await t.http.get('/api/v1/health/details').expect(503);
      expect(details.body.details.database.status).toBe('down');
    } finally {
      await query(adminUrl, `ALTER DATABASE ${t.database.name} ALLOW_CONNECTIONS true`);
      await t.close();
    }
  });
});
