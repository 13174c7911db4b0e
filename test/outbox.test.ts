import { spawn, type ChildProcess } from 'node:child_process';
import { ConfigModule } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { CaseJobsModule, ConflictCheckJob } from '#libs/cases';
import { appConfig, DatabaseModule, RedisModule } from '#libs/platform';
import { caseInTeamAssembly, proposeNewPeer } from './support/cases.js';
import { query } from './support/environment.js';
import { freePortSync } from './support/ports.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { eventually, startTestWorker } from './support/test-worker.js';
import { MIGRATIONS } from '../migrations/index.js';

/**
 * The outbox between a case change and the job it asks for: rows wait while the worker or Redis is down and
 * are relayed, once each, when they are back. Redis here is a server of this file's own, so it can be stopped.
 */
let t: TestApp;
let manager: string;
let redis: ChildProcess | undefined;
const redisPort = freePortSync();
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

async function startRedis(): Promise<void> {
  redis = spawn(
    'redis-server',
    ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  await eventually(async () => {
    const { Redis } = await import('ioredis');
    const client = new Redis(redisPort, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG' ? true : undefined;
    } catch {
      return undefined;
    } finally {
      client.disconnect();
    }
  });
}

async function stopRedis(): Promise<void> {
  const server = redis;
  redis = undefined;
  if (!server || server.exitCode !== null) return;
  await new Promise((resolve) => {
    server.once('exit', resolve);
    server.kill('SIGKILL');
  });
}

beforeAll(async () => {
  await startRedis();
  t = await createTestApp();
  process.env.REDIS_URL = `redis://127.0.0.1:${redisPort}`;
  manager = (await t.as('peer_challenge_manager')).token;
});
afterAll(async () => {
  await stopRedis();
  await t.close();
});

const checkStatus = async (caseId: string) =>
  (await t.http.get(`/api/v1/cases/${caseId}`).set(as(manager)).expect(200)).body.conflictCheck.status as string;
const waiting = async () =>
  (await query(t.database.url, "SELECT id FROM outbox WHERE relayed_at IS NULL AND job_name = 'conflict-check'"))
    .length;
const checksRecorded = async (caseId: string) =>
  (
    await query(
      t.database.url,
      "SELECT seq FROM case_events WHERE case_id = $1 AND type = 'CONFLICT_CHECK_COMPLETED'",
      [caseId],
    )
  ).length;

it('keeps the job in the outbox while the worker is down and runs it once the worker starts', async () => {
  const caseId = await caseInTeamAssembly(t.http, manager);
  await proposeNewPeer(t.http, manager, caseId);
  expect(await waiting()).toBe(1);
  expect(await checkStatus(caseId)).toBe('pending');

  const worker = await startTestWorker();
  try {
    await eventually(async () => ((await checkStatus(caseId)) === 'pending' ? undefined : true));
    expect(await waiting()).toBe(0);
    expect(await checksRecorded(caseId)).toBe(1);
  } finally {
    await worker.close();
  }
});

it('accepts case changes while Redis is down and relays their jobs when Redis is back', async () => {
  const caseId = await caseInTeamAssembly(t.http, manager);
  const worker = await startTestWorker();
  try {
    await stopRedis();
    await proposeNewPeer(t.http, manager, caseId);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await waiting()).toBe(1);
    expect(await checkStatus(caseId)).toBe('pending');

    await startRedis();
    await eventually(async () => ((await checkStatus(caseId)) === 'pending' ? undefined : true), 30_000);
    expect(await waiting()).toBe(0);
    expect(await checksRecorded(caseId)).toBe(1);
  } finally {
    await worker.close();
  }
});

it('runs a conflict check job safely twice, and ignores a job for a team that has changed since', async () => {
  const caseId = await caseInTeamAssembly(t.http, manager);
  await proposeNewPeer(t.http, manager, caseId);
  const [{ payload }] = await query<{ payload: { caseId: string; run: number; requestId: null } }>(
    t.database.url,
    "SELECT payload FROM outbox WHERE relayed_at IS NULL AND job_name = 'conflict-check' ORDER BY id DESC LIMIT 1",
  );
  // The job's handler alone, without the worker's relay and queues, so nothing else runs it meanwhile.
  const jobs = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [appConfig] }),
      DatabaseModule.forRoot(MIGRATIONS),
      RedisModule,
      CaseJobsModule,
    ],
  }).compile();
  const job = jobs.get(ConflictCheckJob);
  await proposeNewPeer(t.http, manager, caseId);
  expect(await job.run(payload)).toBe('stale');
  expect(await checksRecorded(caseId)).toBe(0);

  const [latest] = await query<{ payload: typeof payload }>(
    t.database.url,
    "SELECT payload FROM outbox WHERE relayed_at IS NULL AND job_name = 'conflict-check' ORDER BY id DESC LIMIT 1",
  );
  expect(await job.run(latest.payload)).toBe('clear');
  expect(await job.run(latest.payload)).toBe('stale');
  expect(await checksRecorded(caseId)).toBe(1);
  expect(await checkStatus(caseId)).toBe('clear');
  await jobs.close();
});
