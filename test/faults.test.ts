import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Queue, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import request from 'supertest';
import { DatabaseLock, DEV_ADMIN_EMAIL, DEV_ADMIN_PASSWORD, QueueName, schedules } from '#libs/platform';
import {
  freePort,
  psql,
  startPostgres,
  startRedis,
  type PostgresServer,
  type RedisServer,
} from '../scripts/lib/services.mjs';
import { startBuiltApi, startBuiltWorker, type BuiltProcess } from './support/built-app.js';
import { caseInTeamAssembly, proposeNewPeer } from './support/cases.js';
import { query } from './support/environment.js';
import { startSmtpSink } from './support/smtp-sink.js';
import { eventually } from './support/test-worker.js';

/**
 * Fault injection (issue #9) on the whole system as it runs in production: the built API and worker as child
 * processes, a PostgreSQL cluster and a Redis of this file's own (so they can be stopped without touching the
 * instances the other test files share), and a real SMTP server. Processes are killed with SIGKILL (no shutdown
 * hook runs), Redis is stopped for 10 s, PostgreSQL is restarted; each test then checks that every piece of work
 * happened exactly once. Jobs' locks last JOB_LOCK_SECONDS=5 here, so the jobs of a killed worker are taken over
 * within seconds (30 s in production).
 */
const root = path.resolve(import.meta.dirname, '..');
const dataDir = path.join(root, '.data', 'test');
const DATABASE = 'lga_faults';
const PREFIX = 'faults';

let postgres: PostgresServer | undefined;
let redisServer: RedisServer | undefined;
let pgPort: number;
let redisPort: number;
let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
let env: NodeJS.ProcessEnv;
let databaseUrl: string;
let api: BuiltProcess | undefined;
let workers: BuiltProcess[] = [];
let token: string;
const queues = new Map<QueueName, Queue>();

const portOf = (url: string) => Number(new URL(url).port);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const sql = <T extends pg.QueryResultRow>(text: string, params: unknown[] = []) => query<T>(databaseUrl, text, params);

async function startOurPostgres(): Promise<void> {
  postgres = await startPostgres({ dir: path.join(dataDir, 'faults-postgres'), port: pgPort });
  pgPort = portOf(postgres.adminUrl);
}

async function startOurRedis(): Promise<void> {
  redisServer = await startRedis({ dir: path.join(dataDir, 'faults-redis'), port: redisPort });
  redisPort = portOf(redisServer.url);
}

async function stopOurRedis(): Promise<void> {
  const server = redisServer;
  redisServer = undefined;
  await server?.stop();
}

function stopOurPostgres(): void {
  const server = postgres;
  postgres = undefined;
  server?.stop();
}

/** The built API, over HTTP, signed in as the first-start admin. */
const http = () => request(`http://127.0.0.1:${env.PORT}`);
const admin = () => ({ Authorization: `Bearer ${token}` });
const runNudges = async () => (await http().post('/api/v1/nudges/run').set(admin()).expect(200)).body.queued;

async function startApi(): Promise<void> {
  api = await startBuiltApi(env);
}

async function startWorkers(count: number): Promise<BuiltProcess[]> {
  const started = await Promise.all(Array.from({ length: count }, () => startBuiltWorker(env)));
  workers.push(...started);
  return started;
}

/** Every process of the system, killed at once with SIGKILL: no shutdown hook, no last write. */
async function killEverything(): Promise<void> {
  await Promise.all([api, ...workers].map((p) => p?.stop('SIGKILL')));
  workers = [];
}

/** Puts the system back as each test expects it: both services up, the API and one worker running. */
async function heal(): Promise<void> {
  smtp.release();
  smtp.received.splice(0);
  if (!redisServer) await startOurRedis();
  if (!postgres) await startOurPostgres();
  workers = workers.filter((w) => w.running);
  await Promise.all(workers.slice(1).map((w) => w.stop()));
  workers = workers.slice(0, 1);
  await Promise.all([api?.running ? undefined : startApi(), workers.length ? undefined : startWorkers(1)]);
}

// Councils: those existing today, in GSS code order. Each test nudges councils of its own (a council is nudged
// once per cool-down), and cases are opened for councils no test nudges.
let councils: string[];
const nudgeable = (from: number, count: number) => councils.slice(from, from + count);
const ceOf = (gssCode: string) => `ce-${gssCode.toLowerCase()}@councils.example.org`;

async function giveChiefExecutives(codes: string[]): Promise<void> {
  await sql(
    `UPDATE councils SET chief_executive_name = 'Chief of ' || name, chief_executive_email = 'ce-' || lower(gss_code) || '@councils.example.org'
      WHERE gss_code = ANY($1)`,
    [codes],
  );
}

async function emailStatuses(codes: string[]): Promise<Record<string, number>> {
  const rows = await sql<{ status: string; n: number }>(
    `SELECT status, count(*)::int AS n FROM emails WHERE council_gss_code = ANY($1) GROUP BY status`,
    [codes],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** How many messages the SMTP server received for each of `codes`' chief executives. */
function deliveries(codes: string[]): number[] {
  return codes.map((code) => smtp.received.filter((m) => m.to.includes(ceOf(code))).length);
}

/** Nothing left to do: no outbox row waiting, no job waiting, running or delayed on the mail and checks queues. */
async function settled(): Promise<true | undefined> {
  const [{ waiting }] = await sql<{ waiting: number }>(
    'SELECT count(*)::int AS waiting FROM outbox WHERE relayed_at IS NULL',
  );
  if (waiting > 0) return undefined;
  for (const name of [QueueName.Mail, QueueName.Checks]) {
    const counts = await queues.get(name)!.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (Object.values(counts).some((n) => n > 0)) return undefined;
  }
  return true;
}

// Cases: one in team assembly (of a council no test nudges), then a proposed peer asks for a conflict check.
let caseCouncils = 0;
const newCase = () => caseInTeamAssembly(http(), token, councils[councils.length - 1 - caseCouncils++]);
const proposePeer = (caseId: string) => proposeNewPeer(http(), token, caseId);
const checkStatus = async (caseId: string) =>
  (await http().get(`/api/v1/cases/${caseId}`).set(admin()).expect(200)).body.conflictCheck.status;

async function checksRecorded(caseId: string): Promise<number> {
  const [{ n }] = await sql<{ n: number }>(
    "SELECT count(*)::int AS n FROM case_events WHERE case_id = $1 AND type = 'CONFLICT_CHECK_COMPLETED'",
    [caseId],
  );
  return n;
}

/** Whether `worker` ran any of `jobs` (BullMQ records the worker's name, `<host>:<pid>`, on each job it runs). */
const ranBy = (jobs: Job[], worker: BuiltProcess) => jobs.some((job) => job.processedBy?.endsWith(`:${worker.pid}`));

const health = () => http().get('/api/v1/health');

beforeAll(async () => {
  [pgPort, redisPort] = await Promise.all([freePort(), freePort()]);
  smtp = await startSmtpSink();
  await Promise.all([startOurPostgres(), startOurRedis()]);
  psql(postgres!.adminUrl, `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  psql(postgres!.adminUrl, `CREATE DATABASE ${DATABASE}`);
  databaseUrl = postgres!.adminUrl.replace(/\/postgres$/, `/${DATABASE}`);
  const flush = new Redis(redisServer!.url);
  await flush.flushall();
  flush.disconnect();
  const apiPort = await freePort();
  env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    PUBLIC_URL: `http://127.0.0.1:${apiPort}`,
    LGA_DATA_DIR: path.join(dataDir, 'faults-app'),
    DATABASE_URL: databaseUrl,
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    QUEUE_PREFIX: PREFIX,
    AUTH_SECRET: randomBytes(32).toString('hex'),
    SMTP_URL: smtp.url,
    MAIL_RATE_PER_MINUTE: '10000',
    MAIL_RETRY_SECONDS: '8',
    JOB_LOCK_SECONDS: '5',
    NUDGE_PRE_ELECTION_WEEKS: '0',
    // Never on a test day: runs happen when a test asks for them.
    NUDGE_SCHEDULE: '0 3 1 1 *',
  };
  for (const name of [QueueName.Mail, QueueName.Checks]) {
    const queue = new Queue(name, { connection: { url: env.REDIS_URL!, maxRetriesPerRequest: 1 }, prefix: PREFIX });
    queue.on('error', () => undefined);
    queues.set(name, queue);
  }
  // The API migrates the empty database and loads the council register; the worker waits for it (a lock).
  await Promise.all([startApi(), startWorkers(1)]);
  const login = { email: DEV_ADMIN_EMAIL, password: DEV_ADMIN_PASSWORD };
  token = (await http().post('/api/v1/auth/login').send(login).expect(200)).body.accessToken;
  councils = (
    await sql<{ gss_code: string }>(
      `SELECT gss_code FROM councils WHERE (start_date IS NULL OR start_date <= current_date)
          AND (end_date IS NULL OR end_date >= current_date) ORDER BY gss_code`,
    )
  ).map((r) => r.gss_code);
}, 180_000);

afterAll(async () => {
  await Promise.all([api, ...workers].map((p) => p?.stop()));
  await Promise.all([...queues.values()].map((q) => q.close().catch(() => undefined)));
  await smtp?.close();
  await stopOurRedis();
  if (postgres) psql(postgres.adminUrl, `DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  stopOurPostgres();
}, 60_000);

beforeEach(heal, 120_000);

it('nudges every eligible council exactly once when every process is killed in the middle of a nudge run', async () => {
  const eligible = nudgeable(0, 40);
  await giveChiefExecutives(eligible);

  // Killed inside the run's transaction (it waits for the nudge-run lock, which this test holds): nothing queued.
  const holder = new pg.Client({ connectionString: databaseUrl });
  await holder.connect();
  await holder.query('SELECT pg_advisory_lock($1)', [DatabaseLock.NudgeRun]);
  const interrupted = runNudges().then(
    () => 'answered',
    () => 'cut off',
  );
  await eventually(async () => {
    const [{ n }] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1 AND NOT granted`,
      [DatabaseLock.NudgeRun],
    );
    return n > 0 ? true : undefined;
  });
  await killEverything();
  await holder.end();
  expect(await interrupted).toBe('cut off');
  expect(await emailStatuses(eligible)).toEqual({});

  // Killed while sending: some emails delivered, some in the middle of SMTP (the server is stuck), the rest queued.
  smtp.holdAfter(15);
  await Promise.all([startApi(), startWorkers(1)]);
  expect(await runNudges()).toBe(40);
  await eventually(async () => {
    if (smtp.held === 0 || smtp.underWay > 0) return undefined;
    const { sent = 0 } = await emailStatuses(eligible);
    return sent === smtp.received.length ? true : undefined;
  }, 30_000);
  await killEverything();
  const atTheKill = await emailStatuses(eligible);
  expect(atTheKill.sent).toBe(smtp.received.length);
  expect(atTheKill.sending).toBeGreaterThan(0);
  expect(atTheKill.queued).toBeGreaterThan(0);
  smtp.release();

  await Promise.all([startApi(), startWorkers(1)]);
  await workers[0].until('the nudges were not all sent', async () => {
    const { sent = 0 } = await emailStatuses(eligible);
    return sent === 40 && smtp.received.length >= 40 ? true : undefined;
  });
  await eventually(settled);
  expect(deliveries(eligible)).toEqual(eligible.map(() => 1));
  expect(smtp.received).toHaveLength(40);
  // The next run finds every council nudged today.
  expect(await runNudges()).toBe(0);
}, 240_000);

it('accepts case changes while Redis is down for 10 s, answers 503 on /health, and runs the work when it is back', async () => {
  const [retried, ...others] = nudgeable(40, 11);
  const [apiPid, workerPid] = [api!.pid, workers[0].pid];
  const caseId = await newCase();

  // Work already in Redis when it stops: an email whose first attempt the server refused for now (451), waiting
  // there for its retry.
  await giveChiefExecutives([retried]);
  smtp.rejectNext(ceOf(retried), 451);
  expect(await runNudges()).toBe(1);
  await eventually(async () => {
    const [row] = await sql<{ attempts: number; status: string }>(
      'SELECT attempts, status FROM emails WHERE council_gss_code = $1',
      [retried],
    );
    const { delayed } = await queues.get(QueueName.Mail)!.getJobCounts('delayed');
    return row?.status === 'queued' && row.attempts === 1 && delayed === 1 ? true : undefined;
  });

  await stopOurRedis();
  const stoppedAt = Date.now();
  const down = await eventually(async () => {
    const response = await health();
    return response.status === 503 ? response.body : undefined;
  });
  expect(down).toEqual({ status: 'error', checks: { database: 'ok', redis: 'error' } });
  await proposePeer(caseId);
  await giveChiefExecutives(others);
  expect(await runNudges()).toBe(10);
  await sleep(stoppedAt + 10_000 - Date.now());
  expect(await checkStatus(caseId)).toBe('pending');
  expect(await emailStatuses([retried, ...others])).toEqual({ queued: 11 });
  expect(smtp.received).toHaveLength(0);

  await startOurRedis();
  await workers[0].until('the work did not run once Redis was back', async () => {
    const { sent = 0 } = await emailStatuses([retried, ...others]);
    return sent === 11 && (await checksRecorded(caseId)) === 1 ? true : undefined;
  });
  expect((await health()).status).toBe(200);
  await eventually(settled);
  expect(deliveries([retried, ...others])).toEqual(Array(11).fill(1));
  expect(await checksRecorded(caseId)).toBe(1);
  expect(await checkStatus(caseId)).toBe('clear');
  // The same processes: nothing was restarted.
  expect([api!.pid, workers[0].pid]).toEqual([apiPid, workerPid]);
  expect(api!.running && workers[0].running).toBe(true);
}, 120_000);

it('answers 503 while PostgreSQL restarts and recovers without a process restart', async () => {
  const [apiPid, workerPid] = [api!.pid, workers[0].pid];
  const caseId = await newCase();

  stopOurPostgres();
  const down = await eventually(async () => {
    const response = await health();
    return response.status === 503 ? response.body : undefined;
  });
  expect(down).toEqual({ status: 'error', checks: { database: 'error', redis: 'ok' } });
  // A request that needs the database is told to come back (503), not that something broke (500).
  const refused = await http().get('/api/v1/councils?region=London').set(admin());
  expect([refused.status, refused.body.error]).toEqual([503, 'Service Unavailable']);
  // A page says the same in words.
  const page = await http().get('/councils?region=London').set(admin());
  expect(page.status).toBe(503);
  expect(page.text).toContain('Sorry, the service is unavailable');
  await startOurPostgres();

  await api!.until('the API did not recover', async () => ((await health()).status === 200 ? true : undefined), 30_000);
  const london = await http().get('/api/v1/councils?region=London').set(admin()).expect(200);
  expect(london.body.total).toBe(33);
  await proposePeer(caseId);
  await workers[0].until('the worker did not recover', async () =>
    (await checksRecorded(caseId)) === 1 ? true : undefined,
  );
  expect(await checkStatus(caseId)).toBe('clear');
  expect([api!.pid, workers[0].pid]).toEqual([apiPid, workerPid]);
  expect(api!.running && workers[0].running).toBe(true);
}, 120_000);

it('completes a conflict check after the worker is killed in the middle of it and restarted', async () => {
  const caseId = await newCase();
  // The check reads the host council's shared arrangements: a lock on that table stops it half way.
  const holder = new pg.Client({ connectionString: databaseUrl });
  await holder.connect();
  try {
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE council_arrangements IN ACCESS EXCLUSIVE MODE');
    await proposePeer(caseId);
    await workers[0].until('the conflict check did not start', async () => {
      const [{ n }] = await sql<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
          WHERE NOT l.granted AND c.relname = 'council_arrangements'`,
      );
      return n > 0 ? true : undefined;
    });
    await workers.pop()!.stop('SIGKILL');
  } finally {
    await holder.end();
  }
  expect(await checksRecorded(caseId)).toBe(0);
  expect(await checkStatus(caseId)).toBe('pending');

  await startWorkers(1);
  await workers[0].until('the conflict check did not complete', async () =>
    (await checksRecorded(caseId)) === 1 ? true : undefined,
  );
  await eventually(settled);
  expect(await checksRecorded(caseId)).toBe(1);
  expect(await checkStatus(caseId)).toBe('clear');
}, 120_000);

it('runs each job once with two workers on one Redis, even when the same work is asked for twice', async () => {
  const eligible = nudgeable(51, 30);
  await Promise.all(workers.splice(0).map((w) => w.stop()));

  // While no worker runs: six conflict checks and a nudge run (asked three times at once) wait in the outbox ...
  const cases: string[] = [];
  for (let i = 0; i < 6; i++) cases.push(await newCase());
  for (const caseId of cases) await proposePeer(caseId);
  await giveChiefExecutives(eligible);
  const runs = await Promise.all([1, 2, 3].map(runNudges));
  expect(runs.sort((a, b) => a - b)).toEqual([0, 0, 30]);
  // ... and each is asked for again, as the sweeps do for work that seems lost: the same payload, another job id.
  const [{ copies }] = await sql<{ copies: number }>(
    `WITH copied AS (INSERT INTO outbox (queue, job_name, payload)
       SELECT queue, job_name, payload FROM outbox
        WHERE relayed_at IS NULL AND job_name IN ('conflict-check', 'send-email') ORDER BY id RETURNING 1)
     SELECT count(*)::int AS copies FROM copied`,
  );
  expect(copies).toBe(36);

  // The SMTP server holds every message until both workers have mail jobs under way, so both take part.
  smtp.holdAfter(0);
  const [first, second] = await startWorkers(2);
  await first.until('both workers did not take mail jobs', async () => {
    const active = await queues.get(QueueName.Mail)!.getJobs(['active']);
    return ranBy(active, first) && ranBy(active, second) ? true : undefined;
  });
  smtp.release();
  await first.until('the work was not done', async () => {
    const { sent = 0 } = await emailStatuses(eligible);
    const checked = await Promise.all(cases.map(checksRecorded));
    return sent === 30 && checked.every((n) => n >= 1) ? true : undefined;
  });
  await eventually(settled);
  expect(deliveries(eligible)).toEqual(eligible.map(() => 1));
  expect(smtp.received).toHaveLength(30);
  expect(await Promise.all(cases.map(checksRecorded))).toEqual(cases.map(() => 1));
  for (const caseId of cases) expect(await checkStatus(caseId)).toBe('clear');

  const sent = await queues.get(QueueName.Mail)!.getJobs(['completed'], 0, -1);
  expect(ranBy(sent, first) && ranBy(sent, second)).toBe(true);
  // Both upserted the recurring jobs: still one scheduler each.
  const reminders = new Queue(QueueName.Reminders, { connection: { url: env.REDIS_URL! }, prefix: PREFIX });
  try {
    const recurring = schedules({ nudgeSchedule: '' }).map((s) => s.job as string);
    expect((await reminders.getJobSchedulers()).map((s) => s.key).sort()).toEqual(recurring.sort());
  } finally {
    await reminders.close();
  }
}, 120_000);
