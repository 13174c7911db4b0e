import { spawn, type ChildProcess } from 'node:child_process';
import { ConfigModule } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { CaseJobsModule, ConflictCheckJob } from '#libs/cases';
import { appConfig, DatabaseModule, RedisModule } from '#libs/platform';
import { query } from './support/environment.js';
import { freePortSync } from './support/ports.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { eventually, startTestWorker } from './support/test-worker.js';

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

let peerCount = 0;
async function newPeer(): Promise<string> {
  peerCount++;
  const response = await t.http
    .post('/api/v1/peers')
    .set(as(manager))
    .send({ name: `Peer ${peerCount}`, email: `outbox-peer-${peerCount}@example.org`, kind: 'officer', expertise: [] })
    .expect(201);
  return response.body.id as string;
}

async function caseInTeamAssembly(): Promise<string> {
  const opened = await t.http
    .post('/api/v1/cases')
    .set(as(manager))
    .send({ councilGssCode: 'E06000059', type: 'corporate_peer_challenge' })
    .expect(201);
  await t.http
    .post(`/api/v1/cases/${opened.body.id}/events`)
    .set(as(manager))
    .send({
      type: 'AGREE_SCOPE',
      expectedVersion: 1,
      focusAreas: [],
      onsiteStart: '2027-05-04',
      onsiteEnd: '2027-05-06',
    })
    .expect(200);
  return opened.body.id as string;
}

async function propose(caseId: string): Promise<void> {
  const current = await t.http.get(`/api/v1/cases/${caseId}`).set(as(manager)).expect(200);
  await t.http
    .post(`/api/v1/cases/${caseId}/events`)
    .set(as(manager))
    .send({
      type: 'PROPOSE_PEER',
      expectedVersion: current.body.version,
      peerId: await newPeer(),
      role: 'officer_peer',
    })
    .expect(200);
}

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
  const caseId = await caseInTeamAssembly();
  await propose(caseId);
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
  const caseId = await caseInTeamAssembly();
  const worker = await startTestWorker();
  try {
    await stopRedis();
    await propose(caseId);
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
  const caseId = await caseInTeamAssembly();
  await propose(caseId);
  const [{ payload }] = await query<{ payload: { caseId: string; teamFingerprint: string; requestId: null } }>(
    t.database.url,
    "SELECT payload FROM outbox WHERE relayed_at IS NULL AND job_name = 'conflict-check' ORDER BY id DESC LIMIT 1",
  );
  // The job's handler alone, without the worker's relay and queues, so nothing else runs it meanwhile.
  const jobs = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [appConfig] }),
      DatabaseModule,
      RedisModule,
      CaseJobsModule,
    ],
  }).compile();
  const job = jobs.get(ConflictCheckJob);
  await propose(caseId);
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
