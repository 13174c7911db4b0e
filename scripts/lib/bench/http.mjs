// The system under test, as the benches run it: the compiled API and worker as child processes, and HTTP to the
// API with node:http (one keep-alive agent per client).
import { Buffer } from 'node:buffer';
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { SERVICE_NODE_FLAGS } from '../node-flags.mjs';
import { root } from '../project.mjs';
import { freePort } from '../services.mjs';
import { benchDir, isStopping, say, SetupError, shutdown, sleep, stopChild, tail, track } from './runtime.mjs';

export const ADMIN = { email: 'admin@example.org', password: 'peer-challenge-local-dev' };

export function request(agent, port, method, urlPath, { token, body, timeoutMs = 30000 } = {}) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (payload !== undefined) {
    headers['Content-Type'] = 'application/json';
    headers['Content-Length'] = Buffer.byteLength(payload);
  }
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: `/api/v1${urlPath}`, agent, headers }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const receivedAt = performance.now(); // the last byte, before this client decodes and parses it
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode, json, text, bytes: text.length, receivedAt });
      });
      res.on('error', reject);
    });
    req.setTimeout(timeoutMs, () =>
      req.destroy(new Error(`${method} ${urlPath} timed out after ${timeoutMs / 1000} s`)),
    );
    req.on('error', reject);
    req.end(payload);
  });
}

export async function expectStatus(promise, status, what) {
  const response = await promise;
  if (response.status !== status) {
    throw new SetupError(`${what}: expected HTTP ${status}, got ${response.status}: ${response.text.slice(0, 500)}`);
  }
  return response.json;
}

/** An access token for the development admin (the bench's API runs with the development defaults). */
export async function login(port) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const answer = await expectStatus(
      request(agent, port, 'POST', '/auth/login', { body: ADMIN }),
      200,
      'POST /auth/login as the development admin',
    );
    if (!answer?.accessToken) throw new SetupError('POST /auth/login answered without an accessToken');
    return answer.accessToken;
  } finally {
    agent.destroy();
  }
}

/**
 * The environment of the API, the worker and the CLI on `database` of the bench's cluster: development mode with
 * the documented admin, the bench's Redis and data folder, and `extra` on top.
 */
export function serviceEnv(pg, redis, database, extra = {}) {
  const env = {
    ...process.env,
    NODE_ENV: 'development',
    DATABASE_URL: pg.adminUrl.replace(/\/postgres$/, `/${database}`),
    REDIS_URL: redis.url,
    LGA_DATA_DIR: benchDir,
    // The bench sends thousands of requests a minute with one token: the rate limit still counts every request
    // (its cost is measured) but never refuses one.
    API_RATE_LIMIT_PER_MINUTE: '1000000',
    ...extra,
  };
  delete env.ADMIN_EMAIL; // the bench signs in with the documented development admin
  delete env.ADMIN_PASSWORD;
  delete env.PUBLIC_URL;
  return env;
}

/**
 * Starts a compiled entry point (`dist/apps/…/main.js`) with its output in `logFile`. The bench stops if the
 * process exits before stopService() is called. It runs with the flags of production (SERVICE_NODE_FLAGS); `nodeArgs`
 * go to node after them (e.g. --import, or a flag to compare), `ipc` opens a channel.
 */
export function startService(name, script, env, { logFile, nodeArgs = [], ipc = false }) {
  const log = createWriteStream(logFile, { flags: 'w' });
  const child = track(
    spawn(process.execPath, [...SERVICE_NODE_FLAGS, ...nodeArgs, path.join(root, script)], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe', ...(ipc ? ['ipc'] : [])],
    }),
  );
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const service = { name, child, pid: child.pid, logFile, exited: null, done: false };
  child.once('exit', (code, signal) => {
    service.exited = signal ?? `code ${code}`;
    if (!isStopping() && !service.done) {
      process.stderr.write(
        `\n[bench] the ${name} exited (${service.exited}); the end of ${logFile}:\n${tail(logFile)}\n`,
      );
      void shutdown(1);
    }
  });
  return service;
}

export async function stopService(service) {
  service.done = true;
  await stopChild(service.child);
}

/** Waits until `ready()` is true, failing early when the service exits. */
export async function waitUntil(service, ready, what, timeoutMs = 120000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (service.exited) {
      throw new SetupError(
        `the ${service.name} exited while starting (${service.exited}); the end of ${service.logFile}:\n` +
          tail(service.logFile),
      );
    }
    if (Date.now() > deadline) throw new SetupError(`${what} within ${timeoutMs / 1000} s; see ${service.logFile}`);
    if (await ready()) return;
    await sleep(250);
  }
}

/** The compiled API on a free port of 127.0.0.1, once it answers GET /api/v1/health. */
export async function startApi(env, { logFile = path.join(benchDir, 'api.log'), nodeArgs = [], ipc = false } = {}) {
  const port = await freePort();
  say(`starting the API on 127.0.0.1:${port} (log: ${path.relative(root, logFile)})`);
  const api = startService(
    'API',
    'dist/apps/api/src/main.js',
    { ...env, PORT: String(port), HOST: '127.0.0.1' },
    {
      logFile,
      nodeArgs,
      ipc,
    },
  );
  api.port = port;
  await untilHealthy(api, 'the API did not answer GET /api/v1/health');
  return api;
}

/** Waits until the HTTP service on `service.port` answers GET /api/v1/health with 200. */
export async function untilHealthy(service, what) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    await waitUntil(
      service,
      async () => (await request(agent, service.port, 'GET', '/health').catch(() => null))?.status === 200,
      what,
    );
  } finally {
    agent.destroy();
  }
}

/** A compiled worker, once its log says it is ready. */
export async function startWorker(env, logFile) {
  say(`starting a worker (log: ${path.relative(root, logFile)})`);
  const worker = startService('worker', 'dist/apps/worker/src/main.js', env, { logFile });
  await waitUntil(
    worker,
    async () => {
      try {
        return readFileSync(logFile, 'utf8').includes('worker ready');
      } catch {
        return false;
      }
    },
    'the worker did not log "worker ready"',
  );
  return worker;
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export const ms = (value) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a');
