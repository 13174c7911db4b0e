// `npm run bench:events`: how many case events per second the API accepts over HTTP (HTTP → validation → auth →
// workflow → PostgreSQL), next to what the same PostgreSQL instance does with pgbench's simple-update script.
// It installs what is missing, builds, starts a private PostgreSQL and Redis under .data/bench on free ports with a
// fresh database, runs the compiled API (not the worker), drives N clients (one case each) for a fixed time, then
// runs pgbench on a separate database of the same cluster, prints a summary and stops everything it started.
// Options: --seconds N (measured time, default 20), --clients N (default 8), --warmup N (default 2), --profile (a
// V8 CPU profile of the API over the measured time, summarised by package and function; a little slower).
// Exits 0 when every event was accepted (whatever the ratio: it is a measurement), non-zero when an event failed or
// something could not start.
import { Buffer } from 'node:buffer';
import { execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { build, ensureDependencies, root } from './lib/project.mjs';
import { SetupError, freePort, psql, startPostgres, startRedis } from './lib/services.mjs';

const TARGET_RATIO = 0.5;
const API_DATABASE = 'lga_bench';
const PGBENCH_DATABASE = 'lga_bench_pgbench';
const PGBENCH_SCALE = 8;
const ADMIN = { email: 'admin@example.org', password: 'peer-challenge-local-dev' };
const COUNCILS = [
  'E06000054',
  'E06000059',
  'E08000003',
  'E09000033',
  'E07000223',
  'E06000022',
  'E08000006',
  'E09000001',
];
const EVENT = 'SCHEDULE_SCOPING_MEETING';

const dataDir = path.join(root, '.data', 'bench');
const stops = [];
const children = new Set();
let stopping = false;
let running = true; // false once a signal asks the clients to stop

function usage(message) {
  throw new SetupError(
    `${message}\nusage: npm run bench:events -- [--seconds N] [--clients N] [--warmup N] [--profile]` +
      '\n  --seconds N  measured time in seconds (default 20)' +
      '\n  --clients N  concurrent HTTP clients, one case each; also pgbench -c (default 8)' +
      '\n  --warmup N   seconds of warm-up before measuring (default 2)' +
      '\n  --profile    CPU-profile the API during the measured time and print where its time goes',
  );
}

function options(argv) {
  const result = { seconds: 20, clients: 8, warmup: 2, profile: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--profile') {
      result.profile = true;
      continue;
    }
    const match = /^--(seconds|clients|warmup)(?:=(.*))?$/.exec(argv[i]);
    if (!match) usage(`unknown argument: ${argv[i]}`);
    const value = match[2] ?? argv[++i];
    const number = Number(value);
    const min = match[1] === 'warmup' ? 0 : 1;
    if (value === undefined || !Number.isInteger(number) || number < min || number > 3600) {
      usage(`--${match[1]} needs a whole number from ${min} to 3600 (got ${value ?? 'nothing'})`);
    }
    result[match[1]] = number;
  }
  return result;
}

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  running = false;
  say('stopping');
  await Promise.all([...children].map((child) => stopChild(child)));
  for (const stop of stops.reverse()) {
    try {
      await stop();
    } catch (error) {
      process.stderr.write(`[bench] could not stop cleanly: ${error.message}\n`);
    }
  }
  process.exit(code);
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function say(message) {
  process.stdout.write(`[bench] ${message}\n`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function tail(file, lines = 30) {
  return existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '';
}

// ---------------------------------------------------------------------------------------------------------------
// HTTP: node:http with one keep-alive socket per client.

function request(agent, port, method, urlPath, { token, body } = {}) {
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
        const text = Buffer.concat(chunks).toString('utf8');
        let json;
        try {
          json = text ? JSON.parse(text) : null;
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode, json, text });
      });
      res.on('error', reject);
    });
    req.setTimeout(30000, () => req.destroy(new Error(`${method} ${urlPath} timed out after 30 s`)));
    req.on('error', reject);
    req.end(payload);
  });
}

async function expectStatus(promise, status, what) {
  const response = await promise;
  if (response.status !== status) {
    throw new SetupError(`${what}: expected HTTP ${status}, got ${response.status}: ${response.text.slice(0, 500)}`);
  }
  return response.json;
}

// ---------------------------------------------------------------------------------------------------------------
// Processes and CPU accounting (Linux /proc; figures are omitted elsewhere).

const TICKS = 100; // USER_HZ: 100 on every Linux this runs on

function processTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), user: Number(fields[11]), sys: Number(fields[12]) };
  } catch {
    return null;
  }
}

/** CPU ticks (user, kernel) used so far by `pid` and (when `withChildren`) its live children: PostgreSQL's backends. */
function cpuTicks(pid, withChildren = false) {
  const own = processTicks(pid);
  if (!own) return null;
  const total = { user: own.user, sys: own.sys };
  if (withChildren) {
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const child = processTicks(entry);
      if (child?.ppid === pid) {
        total.user += child.user;
        total.sys += child.sys;
      }
    }
  }
  return total;
}

function cpuSampler(apiPid, postmasterPid) {
  const read = () => ({
    at: performance.now(),
    bench: process.cpuUsage(),
    api: apiPid ? cpuTicks(apiPid) : null,
    postgres: postmasterPid ? cpuTicks(postmasterPid, true) : null,
    machine: os.cpus().reduce((sum, cpu) => sum + cpu.times.user + cpu.times.sys + cpu.times.nice + cpu.times.irq, 0),
  });
  const start = read();
  return () => {
    const end = read();
    const wall = (end.at - start.at) / 1000;
    const share = (seconds) => (seconds === null ? null : (100 * seconds) / wall);
    const used = (key, part) =>
      start[key] === null || end[key] === null
        ? null
        : part
          ? (end[key][part] - start[key][part]) / TICKS
          : (end[key].user + end[key].sys - start[key].user - start[key].sys) / TICKS;
    const benchSeconds = (end.bench.user - start.bench.user + end.bench.system - start.bench.system) / 1e6;
    const result = {
      bench: share(benchSeconds),
      api: share(used('api')),
      apiSys: share(used('api', 'sys')),
      postgres: share(used('postgres')),
      postgresSys: share(used('postgres', 'sys')),
      machine: share((end.machine - start.machine) / 1000),
    };
    result.others = Math.max(0, result.machine - result.bench - (result.api ?? 0) - (result.postgres ?? 0));
    return result;
  };
}

const pct = (value) => (value === null || value === undefined ? 'n/a' : `${value.toFixed(0)}%`);

function cpuLine(cpu) {
  const kernel = (sys) => (sys === null || sys === undefined ? '' : ` (${pct(sys)} in the kernel)`);
  return (
    `API (node) ${pct(cpu.api)}${kernel(cpu.apiSys)}, PostgreSQL ${pct(cpu.postgres)}${kernel(cpu.postgresSys)}, ` +
    `this bench's clients ${pct(cpu.bench)}; other processes ${pct(cpu.others)}; whole machine ${pct(cpu.machine)} ` +
    `of ${os.cpus().length * 100}%`
  );
}

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL side: the instance, its binaries, pgbench.

function which(command) {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** pgbench next to the running server's binaries: /usr/lib/postgresql/<major>/bin, pg_ctl's folder, then PATH. */
function findPgbench(major) {
  const candidates = [`/usr/lib/postgresql/${major}/bin`];
  const pgCtl = which('pg_ctl');
  if (pgCtl) candidates.push(path.dirname(execFileSync('readlink', ['-f', pgCtl], { encoding: 'utf8' }).trim()));
  if (existsSync('/usr/lib/postgresql')) {
    for (const version of readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))) {
      candidates.push(`/usr/lib/postgresql/${version}/bin`);
    }
  }
  for (const dir of candidates) if (existsSync(path.join(dir, 'pgbench'))) return path.join(dir, 'pgbench');
  const onPath = which('pgbench');
  if (onPath) return onPath;
  throw new SetupError(
    `pgbench was not found next to PostgreSQL ${major}'s binaries (Debian/Ubuntu: it comes with the ` +
      `postgresql-${major} package).`,
  );
}

function databaseUrl(adminUrl, database) {
  return adminUrl.replace(/\/postgres$/, `/${database}`);
}

/** Runs one SQL statement in `database` (services.mjs's psql() always uses "postgres"). */
function sqlIn(adminUrl, database, sql) {
  const url = new URL(adminUrl);
  const client = which('psql') ?? path.join(path.dirname(findPgbench(0)), 'psql');
  const args = [
    '-h',
    url.hostname,
    '-p',
    url.port,
    '-U',
    decodeURIComponent(url.username),
    '-d',
    database,
    '-tAc',
    sql,
  ];
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  return execFileSync(client, args, { encoding: 'utf8', env }).trim();
}

function sqlInAsync(adminUrl, database, sql) {
  const url = new URL(adminUrl);
  const client = which('psql') ?? path.join(path.dirname(findPgbench(0)), 'psql');
  const args = [
    '-h',
    url.hostname,
    '-p',
    url.port,
    '-U',
    decodeURIComponent(url.username),
    '-d',
    database,
    '-tAc',
    sql,
  ];
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  return new Promise((resolve, reject) =>
    execFile(client, args, { encoding: 'utf8', env }, (error, stdout) =>
      error ? reject(error) : resolve(stdout.trim()),
    ),
  );
}

/**
 * Counters of the API's database (transactions count every statement sent outside a transaction as one). Busy
 * backends publish them about once a second, so both readings are taken under load and lag alike.
 */
async function databaseCounters(adminUrl) {
  const line = await sqlInAsync(
    adminUrl,
    API_DATABASE,
    'SELECT xact_commit, xact_rollback, tup_fetched, tup_inserted, tup_updated, ' +
      `blks_hit + blks_read FROM pg_stat_database WHERE datname = '${API_DATABASE}'`,
  );
  const [commits, rollbacks, fetched, inserted, updated, blocks] = line.split('\n').pop().split('|').map(Number);
  return { commits, rollbacks, fetched, inserted, updated, blocks };
}

function freshDatabase(adminUrl, database) {
  if (psql(adminUrl, `SELECT 1 FROM pg_database WHERE datname = '${database}'`) === '1') {
    psql(adminUrl, `DROP DATABASE ${database} WITH (FORCE)`);
  }
  psql(adminUrl, `CREATE DATABASE ${database}`);
}

/** Runs a command to completion without blocking signal handling; stops it with the rest on Ctrl-C. */
function runChild(command, args, env, logFile) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let output = '';
    const log = createWriteStream(logFile, { flags: 'a' });
    const collect = (chunk) => {
      output += chunk;
      log.write(chunk);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', reject);
    child.once('close', (code, signal) => {
      children.delete(child);
      log.end();
      resolve({ code, signal, output });
    });
  });
}

async function runPgbench(pg, { seconds, clients }) {
  const bin = findPgbench(pg.major);
  const url = new URL(pg.adminUrl);
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  const connection = ['-h', url.hostname, '-p', url.port, '-U', decodeURIComponent(url.username)];
  const logFile = path.join(dataDir, 'pgbench.log');
  freshDatabase(pg.adminUrl, PGBENCH_DATABASE);

  say(`pgbench: initialising scale ${PGBENCH_SCALE} in database ${PGBENCH_DATABASE} (${bin})`);
  const init = await runChild(
    bin,
    ['-i', '-q', '-s', String(PGBENCH_SCALE), ...connection, PGBENCH_DATABASE],
    env,
    logFile,
  );
  if (init.code !== 0)
    throw new SetupError(`pgbench -i failed (${init.signal ?? `code ${init.code}`}):\n${init.output}`);
  psql(pg.adminUrl, 'CHECKPOINT');

  const threads = Math.min(2, clients);
  const args = ['-b', 'simple-update', '-c', String(clients), '-j', String(threads), '-T', String(seconds)];
  say(`pgbench: ${args.join(' ')} -M prepared`);
  const sample = cpuSampler(null, pg.postmasterPid);
  const run = await runChild(bin, [...args, '-M', 'prepared', ...connection, PGBENCH_DATABASE], env, logFile);
  const cpu = sample();
  if (run.code !== 0) throw new SetupError(`pgbench failed (${run.signal ?? `code ${run.code}`}):\n${run.output}`);
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(run.output);
  if (!tps)
    throw new SetupError(
      `could not find "tps = … (without initial connection time)" in pgbench's output:\n${run.output}`,
    );
  const latency = /latency average = ([\d.]+) ms/.exec(run.output);
  const failed = /number of failed transactions: (\d+)/.exec(run.output);
  return {
    command: `pgbench ${args.join(' ')} -M prepared`,
    tps: Number(tps[1]),
    latencyMs: latency ? Number(latency[1]) : null,
    failed: failed ? Number(failed[1]) : 0,
    cpu,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The API under test.

// Loaded into the API with --import when profiling, which also gives the API an IPC channel: the message
// 'profile:start' starts the V8 profiler, 'profile:stop' writes the profile to $BENCH_PROFILE_FILE; each is answered
// when done. (Not signals: Nest's shutdown hooks close the application on SIGUSR2 and most others.)
const PROFILER = `
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
const session = new Session();
session.connect();
const post = (method, params = {}) =>
  new Promise((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r))));
process.on('message', async (message) => {
  if (message === 'profile:start') {
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 500 });
    await post('Profiler.start');
    process.send('profile:started');
  } else if (message === 'profile:stop') {
    const { profile } = await post('Profiler.stop');
    writeFileSync(process.env.BENCH_PROFILE_FILE, JSON.stringify(profile));
    process.send('profile:written');
  }
});
`;

/** Sends `message` to the profiling API and waits for `answer`. */
function tellProfiler(api, message, answer) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      api.child.off('message', listen);
      resolve(false);
    }, 30000);
    const listen = (reply) => {
      if (reply !== answer) return;
      clearTimeout(timer);
      api.child.off('message', listen);
      resolve(true);
    };
    api.child.on('message', listen);
    api.child.send(message);
  });
}

async function startApi(env, profile) {
  const port = await freePort();
  const logFile = path.join(dataDir, 'api.log');
  const log = createWriteStream(logFile, { flags: 'w' });
  say(`starting the API on 127.0.0.1:${port} (log: ${path.relative(root, logFile)})`);
  const profileFile = path.join(dataDir, 'api.cpuprofile');
  rmSync(profileFile, { force: true });
  const nodeArgs = ['--enable-source-maps'];
  if (profile) nodeArgs.push('--import', `data:text/javascript,${encodeURIComponent(PROFILER)}`);
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, 'dist/apps/api/src/main.js')], {
    cwd: root,
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', BENCH_PROFILE_FILE: profileFile },
    stdio: ['ignore', 'pipe', 'pipe', ...(profile ? ['ipc'] : [])],
  });
  children.add(child);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = null;
  child.once('exit', (code, signal) => {
    children.delete(child);
    exited = signal ?? `code ${code}`;
    if (!stopping && !apiDone) {
      process.stderr.write(`\n[bench] the API exited (${exited}); the end of ${logFile}:\n${tail(logFile)}\n`);
      void shutdown(1);
    }
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const deadline = Date.now() + 120000;
  for (;;) {
    if (exited)
      throw new SetupError(`the API exited while starting (${exited}); the end of ${logFile}:\n${tail(logFile)}`);
    if (Date.now() > deadline)
      throw new SetupError(`the API did not answer GET /api/v1/health within 120 s; see ${logFile}`);
    const health = await request(agent, port, 'GET', '/health').catch(() => null);
    if (health?.status === 200) break;
    await sleep(250);
  }
  agent.destroy();
  return { port, pid: child.pid, child, profileFile };
}
let apiDone = false;

async function stopApi(api) {
  apiDone = true;
  await stopChild(api.child);
}

/** `count` councils that exist now: the fixed list first, then others from the register. */
async function pickCouncils(port, token, count) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const chosen = [];
  const check = async (code) => {
    const council = await expectStatus(
      request(agent, port, 'GET', `/councils/${code}`, { token }),
      200,
      `GET /councils/${code}`,
    );
    if (council.endDate) return false;
    chosen.push({ code: council.gssCode, name: council.name });
    return true;
  };
  for (const code of COUNCILS.slice(0, count)) {
    if (!(await check(code))) throw new SetupError(`council ${code} has ended (${COUNCILS.join(', ')} should be live)`);
  }
  if (chosen.length < count) {
    const list = await expectStatus(
      request(agent, port, 'GET', '/councils?limit=1000', { token }),
      200,
      'GET /councils',
    );
    for (const council of list.items) {
      if (chosen.length >= count) break;
      if (!chosen.some((c) => c.code === council.gssCode)) await check(council.gssCode);
    }
    if (chosen.length < count) throw new SetupError(`only ${chosen.length} live councils for ${count} clients`);
  }
  agent.destroy();
  return chosen;
}

// ---------------------------------------------------------------------------------------------------------------
// The load.

function isoDay(base, offset) {
  return new Date(base + offset * 86400000).toISOString().slice(0, 10);
}

/**
 * One client: its own keep-alive socket and case; sends the event back to back with the version the previous
 * answer returned. Everything that is not a 200 is counted as a failure (and the version read again).
 */
async function client(index, { port, token, caseRow, window, failures }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies = [];
  const finishedAt = []; // ms into the measured window, to show how the rate moves during the run
  let version = caseRow.version;
  let sent = 0;
  let accepted = 0;
  let ok = 0;
  const base = Date.UTC(2027, 0, 1) + index * 7 * 86400000;
  try {
    while (running && performance.now() < window.end) {
      const body = { type: EVENT, expectedVersion: version, date: isoDay(base, sent % 700) };
      const started = performance.now();
      let response;
      try {
        response = await request(agent, port, 'POST', `/cases/${caseRow.id}/events`, { token, body });
      } catch (error) {
        response = { status: `network error (${error.code ?? error.message})`, json: null, text: '' };
      }
      const ended = performance.now();
      sent++;
      const measured = started >= window.start && ended <= window.end;
      if (response.status === 200 && typeof response.json?.version === 'number') {
        version = response.json.version;
        ok++;
        if (measured) {
          accepted++;
          latencies.push(ended - started);
          finishedAt.push(ended - window.start);
        }
        continue;
      }
      const key = String(response.status);
      failures.counts[key] = (failures.counts[key] ?? 0) + 1;
      if (failures.samples.length < 5) {
        failures.samples.push(`client ${index + 1}: ${key} ${response.text.slice(0, 300)}`);
      }
      if (!running) break;
      // Read the version again so one failure does not turn the rest of the run into 409s.
      const current = await request(agent, port, 'GET', `/cases/${caseRow.id}`, { token }).catch(() => null);
      if (current?.status === 200) version = current.json.version;
      else await sleep(100);
    }
  } finally {
    agent.destroy();
  }
  return { sent, ok, accepted, latencies, finishedAt, finalVersion: version };
}

function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

async function runEvents(api, token, cases, { seconds, warmup, profile }, pg) {
  const now = performance.now();
  const window = { start: now + warmup * 1000, end: now + (warmup + seconds) * 1000 };
  const failures = { counts: {}, samples: [] };
  say(`events: ${cases.length} clients, ${warmup} s warm-up, then ${seconds} s measured`);
  let cpu = null;
  let database = null;
  let profiled = null;
  const sampling = (async () => {
    await sleep(warmup * 1000);
    if (!running) return;
    if (profile) await tellProfiler(api, 'profile:start', 'profile:started');
    const sample = cpuSampler(api.pid, pg.postmasterPid);
    const before = await databaseCounters(pg.adminUrl);
    await sleep(Math.max(0, window.end - performance.now() - 50));
    const after = await databaseCounters(pg.adminUrl);
    await sleep(Math.max(0, window.end - performance.now()));
    cpu = sample();
    if (profile && (await tellProfiler(api, 'profile:stop', 'profile:written'))) {
      profiled = summariseProfile(JSON.parse(readFileSync(api.profileFile, 'utf8')), api.profileFile);
    }
    database = Object.fromEntries(Object.keys(after).map((key) => [key, after[key] - before[key]]));
  })();
  const results = await Promise.all(
    cases.map((caseRow, index) => client(index, { port: api.port, token, caseRow, window, failures })),
  );
  await sampling;
  if (database) {
    // The counters cover everything that ended in the window: the 200s and any refused requests.
    const finished = results.reduce((sum, r) => sum + r.accepted, 0);
    database.perEvent = finished
      ? Object.fromEntries(Object.entries(database).map(([key, value]) => [key, value / finished]))
      : null;
  }
  const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const accepted = results.reduce((sum, r) => sum + r.accepted, 0);
  return {
    accepted,
    sent: results.reduce((sum, r) => sum + r.sent, 0),
    ok: results.reduce((sum, r) => sum + r.ok, 0),
    perSecond: accepted / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    perClient: results.map((r) => r.accepted),
    quarters: [0, 1, 2, 3].map(
      (q) =>
        results
          .flatMap((r) => r.finishedAt)
          .filter((at) => at >= (q * seconds * 1000) / 4 && at < ((q + 1) * seconds * 1000) / 4).length /
        (seconds / 4),
    ),
    failures,
    cpu,
    database,
    profiled,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The API's CPU profile, summarised: self time by package and by function.

function packageOf(url, functionName) {
  if (functionName === '(idle)') return '(idle: waiting for I/O)';
  if (functionName === '(garbage collector)') return '(garbage collector)';
  if (functionName === '(program)') return '(V8/native, not attributed)';
  if (!url) return '(V8 builtins: JSON, RegExp, …)';
  if (url.startsWith('node:')) return 'node core (http, net, streams, crypto…)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + 14).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.includes('/dist/')) return 'this project (dist/)';
  return url;
}

function summariseProfile(profile, file) {
  const total = profile.endTime - profile.startTime; // µs
  const hits = profile.nodes.reduce((sum, node) => sum + (node.hitCount ?? 0), 0) || 1;
  const byPackage = new Map();
  const byFunction = new Map();
  for (const node of profile.nodes) {
    if (!node.hitCount) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const share = node.hitCount / hits;
    const pkg = packageOf(url, functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + share);
    const where = url
      ? `${url.replace(/^.*\/node_modules\//, '').replace(`file://${root}/`, '')}:${lineNumber + 1}`
      : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + share);
  }
  const idle = byPackage.get('(idle: waiting for I/O)') ?? 0;
  const top = (map, n) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
  return { file, seconds: total / 1e6, idle, packages: top(byPackage, 14), functions: top(byFunction, 15) };
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  const opts = options(process.argv.slice(2));
  process.on('SIGINT', () => void shutdown(130));
  process.on('SIGTERM', () => void shutdown(143));
  // npm does not always pass SIGTERM on to its script: when npm itself is gone, stop too.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && void shutdown(143), 500).unref();

  ensureDependencies();
  build();
  mkdirSync(dataDir, { recursive: true });

  const pgStarted = await startPostgres({ dir: path.join(dataDir, 'postgres'), port: await freePort() });
  stops.push(pgStarted.stop);
  const redis = await startRedis({ dir: path.join(dataDir, 'redis'), port: await freePort() });
  stops.push(redis.stop);
  execFileSync('redis-cli', ['-u', redis.url, 'FLUSHALL'], { stdio: 'ignore' });

  const serverVersion = psql(pgStarted.adminUrl, 'SHOW server_version');
  const dataDirectory = psql(pgStarted.adminUrl, 'SHOW data_directory');
  const settings = psql(
    pgStarted.adminUrl,
    "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) FROM pg_settings " +
      "WHERE name IN ('shared_buffers', 'synchronous_commit', 'fsync', 'max_connections')",
  );
  let postmasterPid;
  try {
    postmasterPid = Number(readFileSync(path.join(dataDirectory, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    postmasterPid = null; // not readable from here: PostgreSQL's CPU share is then not shown
  }
  const pg = { ...pgStarted, major: Number(serverVersion.split('.')[0]), serverVersion, postmasterPid };

  say(`fresh database ${API_DATABASE}`);
  freshDatabase(pg.adminUrl, API_DATABASE);
  const env = { ...process.env, NODE_ENV: 'development', DATABASE_URL: databaseUrl(pg.adminUrl, API_DATABASE) };
  env.REDIS_URL = redis.url;
  delete env.ADMIN_EMAIL; // the bench signs in with the documented development admin
  delete env.ADMIN_PASSWORD;
  delete env.PUBLIC_URL;
  const api = await startApi(env, opts.profile);

  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const login = await expectStatus(
    request(agent, api.port, 'POST', '/auth/login', { body: ADMIN }),
    200,
    'POST /auth/login as the development admin',
  );
  const token = login?.accessToken;
  if (!token) throw new SetupError('POST /auth/login answered without an accessToken');
  const councils = await pickCouncils(api.port, token, opts.clients);
  const cases = [];
  for (const council of councils) {
    const opened = await expectStatus(
      request(agent, api.port, 'POST', '/cases', {
        token,
        body: { councilGssCode: council.code, type: 'corporate_peer_challenge' },
      }),
      201,
      `POST /cases for ${council.code}`,
    );
    cases.push({ id: opened.id, version: opened.version, council });
  }
  agent.destroy();
  say(`opened ${cases.length} cases: ${councils.map((c) => `${c.code} ${c.name}`).join('; ')}`);
  // Everything of ours is idle now: what the machine does in this second is someone else's work.
  const idleSample = cpuSampler(null, null);
  await sleep(1000);
  const busyBefore = idleSample().machine;
  if (busyBefore > 20) {
    say(`note: other programs are using ${busyBefore.toFixed(0)}% CPU (100% = one core): the figures will be lower`);
  }

  psql(pg.adminUrl, 'CHECKPOINT');
  const events = await runEvents(api, token, cases, opts, pg);
  if (!running) return 1;

  // Every 200 must have left its timeline row, and nothing else may have been written.
  const stored = Number(sqlIn(pg.adminUrl, API_DATABASE, `SELECT count(*) FROM case_events WHERE type = '${EVENT}'`));
  if (stored !== events.ok) {
    events.failures.counts['timeline mismatch'] = 1;
    events.failures.samples.push(`${events.ok} events answered 200 but the timelines hold ${stored}`);
  }
  events.stored = stored;
  // Each SCHEDULE_SCOPING_MEETING appends the previous date to the case's scopingMeetingHistory, so the stored
  // snapshot (and every answer) grows during the run.
  const [snapshotBytes, answerDates] = sqlIn(
    pg.adminUrl,
    API_DATABASE,
    "SELECT round(avg(octet_length(snapshot::text))), round(avg(jsonb_array_length(snapshot->'context'->'scopingMeetingHistory'))) " +
      'FROM cases',
  )
    .split('|')
    .map(Number);
  events.snapshot = { bytes: snapshotBytes, dates: answerDates };
  await stopApi(api);

  psql(pg.adminUrl, 'CHECKPOINT');
  const bench = await runPgbench(pg, opts);
  if (!running) return 1;

  report({ opts, events, bench, pg, settings, cases });
  const failed = Object.values(events.failures.counts).reduce((sum, n) => sum + n, 0);
  return failed > 0 || events.accepted === 0 || bench.failed > 0 ? 1 : 0;
}

function databaseLines(database) {
  const per = database?.perEvent;
  if (!per) return [];
  const f = (value) => value.toFixed(1);
  return [
    `  database  per event ≈ ${f(per.commits)} commits (every statement outside a transaction is one), ` +
      `${f(per.fetched)} rows fetched, ${f(per.inserted)} inserted, ${f(per.updated)} updated, ` +
      `${f(per.blocks)} buffer reads`,
  ];
}

function profileLines(profiled) {
  if (!profiled) return [];
  const pct = (share) => `${(100 * share).toFixed(1)}%`.padStart(6);
  return [
    `  profile   the API's CPU profile over ${profiled.seconds.toFixed(1)} s (${path.relative(root, profiled.file)}; ` +
      'open it in Chrome DevTools); self time by package, then the top functions:',
    ...profiled.packages.map(([name, share]) => `            ${pct(share)}  ${name}`),
    '            --',
    ...profiled.functions.map(([name, share]) => `            ${pct(share)}  ${name}`),
  ];
}

function report({ opts, events, bench, pg, settings, cases }) {
  const ratio = events.perSecond / bench.tps;
  const met = ratio >= TARGET_RATIO;
  const ms = (value) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : 'n/a');
  const cpus = os.cpus();
  const failed = Object.values(events.failures.counts).reduce((sum, n) => sum + n, 0);
  const lines = [
    '',
    '== bench:events ==================================================================',
    `machine     ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}`,
    `node        ${process.version}`,
    `PostgreSQL  ${pg.serverVersion} (${settings})`,
    '',
    `HTTP events ${EVENT} via POST /api/v1/cases/:id/events, ${cases.length} clients (one case each, ` +
      `keep-alive), ${opts.warmup} s warm-up + ${opts.seconds} s measured`,
    `  accepted  ${events.accepted} (200) in ${opts.seconds} s = ${events.perSecond.toFixed(1)} events/s`,
    `  over time ${events.quarters.map((rate) => rate.toFixed(0)).join(' → ')} events/s by quarter of the run ` +
      `(each case's snapshot ends at ${events.snapshot.bytes} bytes of JSON, ${events.snapshot.dates} dates in its ` +
      'scopingMeetingHistory)',
    `  latency   p50 ${ms(events.p50)}, p95 ${ms(events.p95)}, p99 ${ms(events.p99)}`,
    `  per client ${events.perClient.join(' / ')}  (all phases: ${events.sent} sent, ${events.ok} × 200, ` +
      `${events.stored} timeline rows)`,
    `  failures  ${
      failed === 0
        ? 'none'
        : Object.entries(events.failures.counts)
            .map(([s, n]) => `${n} × ${s}`)
            .join(', ')
    }`,
    ...events.failures.samples.map((sample) => `            ${sample}`),
    `  CPU       ${events.cpu ? cpuLine(events.cpu) : 'n/a'} (100% = one core)`,
    ...databaseLines(events.database),
    ...profileLines(events.profiled),
    '',
    `pgbench     ${bench.command} (scale ${PGBENCH_SCALE}, same cluster)`,
    `  tps       ${bench.tps.toFixed(1)} (without initial connection time), latency average ${ms(bench.latencyMs)}` +
      (bench.failed ? `, ${bench.failed} failed transactions` : ''),
    `  CPU       PostgreSQL ${pct(bench.cpu.postgres)} (${pct(bench.cpu.postgresSys)} in the kernel), pgbench and ` +
      `other processes ${pct(bench.cpu.others)}; whole machine ${pct(bench.cpu.machine)}`,
    '',
    `ratio       events/s ÷ pgbench tps = ${ratio.toFixed(3)}   target ≥ ${TARGET_RATIO}: ${met ? 'MET' : 'NOT MET'}`,
    '==================================================================================',
    '',
  ];
  process.stdout.write(lines.join('\n'));
}

main()
  .then((code) => shutdown(code))
  .catch(async (error) => {
    process.stderr.write(`\n${error instanceof SetupError ? error.message : (error.stack ?? error)}\n`);
    await shutdown(1);
  });
