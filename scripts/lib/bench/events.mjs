// The `bench:events` section: how many case events per second the API accepts over HTTP (HTTP → validation → auth
// → workflow → PostgreSQL), next to what the same PostgreSQL instance does with pgbench's simple-update script.
// On a fresh database of the bench's cluster it runs the compiled API (not the worker), drives N clients (one case
// each) for a fixed time, stops the API, then runs pgbench on a separate database of the same cluster.
import { readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { root } from '../project.mjs';
import { freePort, psql } from '../services.mjs';
import { cpuLine, cpuSampler, memoryWatch, pct } from './cpu.mjs';
import {
  expectStatus,
  login,
  ms,
  percentile,
  request,
  serviceEnv,
  startApi,
  startService,
  stopService,
  untilHealthy,
} from './http.mjs';
import { PGBENCH_SCALE, freshDatabase, runPgbench, sqlIn, sqlInAsync } from './postgres.mjs';
import { benchDir, isRunning, say, SetupError, sleep } from './runtime.mjs';

export const TARGET_RATIO = 0.5;
/** The section's options (for parseOptions) and their defaults. */
export const EVENTS_OPTIONS = {
  seconds: { min: 1, max: 3600 },
  // Each client has a case of its own for the API and another for the floor, each at a live council of the register.
  clients: { min: 1, max: 150 },
  warmup: { min: 0, max: 3600 },
  profile: 'flag',
};
export const EVENTS_DEFAULTS = { seconds: 20, clients: 8, warmup: 2, profile: false };
const API_DATABASE = 'lga_bench';

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

// ---------------------------------------------------------------------------------------------------------------
// Profiling the API.

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
    while (isRunning() && performance.now() < window.end) {
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
      if (!isRunning()) break;
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
    if (!isRunning()) return;
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

/**
 * The section: a fresh database, the API, `clients` cases, the measured load, the checks, then pgbench. Returns
 * null when a signal stopped it, else { events, bench, cases, apiMemory, failed } for eventsReport().
 */
export async function eventsSection({ pg, redis }, opts) {
  say(`fresh database ${API_DATABASE}`);
  freshDatabase(pg.adminUrl, API_DATABASE);
  const env = serviceEnv(pg, redis, API_DATABASE, { QUEUE_PREFIX: 'bench-events' });
  const profileFile = path.join(benchDir, 'api.cpuprofile');
  rmSync(profileFile, { force: true });
  const api = await startApi(
    { ...env, BENCH_PROFILE_FILE: profileFile },
    opts.profile ? { nodeArgs: ['--import', `data:text/javascript,${encodeURIComponent(PROFILER)}`], ipc: true } : {},
  );
  api.profileFile = profileFile;
  const memory = memoryWatch([api]);

  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const token = await login(api.port);
  // One case per client for the API, and as many fresh ones for the floor (so both start from the same snapshot).
  const councils = await pickCouncils(api.port, token, 2 * opts.clients);
  const opened = [];
  for (const council of councils) {
    const answer = await expectStatus(
      request(agent, api.port, 'POST', '/cases', {
        token,
        body: { councilGssCode: council.code, type: 'corporate_peer_challenge' },
      }),
      201,
      `POST /cases for ${council.code}`,
    );
    opened.push({ id: answer.id, version: answer.version, council });
  }
  agent.destroy();
  const cases = opened.slice(0, opts.clients);
  const floorCases = opened.slice(opts.clients);
  say(`opened ${cases.length} cases: ${cases.map(({ council: c }) => `${c.code} ${c.name}`).join('; ')}`);
  // Everything of ours is idle now: what the machine does in this second is someone else's work.
  const idleSample = cpuSampler(null, null);
  await sleep(1000);
  const busyBefore = idleSample().machine;
  if (busyBefore > 20) {
    say(`note: other programs are using ${busyBefore.toFixed(0)}% CPU (100% = one core): the figures will be lower`);
  }

  psql(pg.adminUrl, 'CHECKPOINT');
  const events = await runEvents(api, token, cases, opts, pg);
  if (!isRunning()) return null;

  checkStored(pg, events, cases);
  const [apiMemory] = memory.stop();
  await stopService(api);

  const floor = await startFloor(env);
  const floorEvents = await runEvents(floor, token, floorCases, { ...opts, profile: false }, pg);
  await stopService(floor);
  if (!isRunning()) return null;
  checkStored(pg, floorEvents, floorCases);

  psql(pg.adminUrl, 'CHECKPOINT');
  const bench = await runPgbench(pg, opts);
  if (!isRunning()) return null;

  const failed = [events, floorEvents].some((run) => run.accepted === 0 || Object.keys(run.failures.counts).length > 0);
  return { events, floor: floorEvents, bench, cases, apiMemory, failed: failed || bench.failed > 0 };
}

/**
 * Every 200 must have left its timeline row, and nothing else may have been written. Each SCHEDULE_SCOPING_MEETING
 * also appends the previous date to the case's scopingMeetingHistory, so the stored snapshot (and every answer)
 * grows during the run: its final size goes with the figures.
 */
function checkStored(pg, run, cases) {
  const ids = `ARRAY[${cases.map((c) => `'${c.id}'`).join(', ')}]::uuid[]`;
  const [stored, snapshotBytes, dates] = sqlIn(
    pg.adminUrl,
    API_DATABASE,
    `SELECT (SELECT count(*) FROM case_events WHERE type = '${EVENT}' AND case_id = ANY(${ids})),
            round(avg(octet_length(snapshot::text))),
            round(avg(jsonb_array_length(snapshot->'context'->'scopingMeetingHistory')))
       FROM cases WHERE id = ANY(${ids})`,
  )
    .split('|')
    .map(Number);
  if (stored !== run.ok) {
    run.failures.counts['timeline mismatch'] = 1;
    run.failures.samples.push(`${run.ok} events answered 200 but the timelines hold ${stored}`);
  }
  run.stored = stored;
  run.snapshot = { bytes: snapshotBytes, dates };
}

/** The floor server (event-floor.mjs) on a free port, once it answers. */
async function startFloor(env) {
  const port = await freePort();
  say(`starting the floor server on 127.0.0.1:${port}: the same event's writes, none of the API's other work`);
  const floor = startService(
    'floor server',
    'scripts/lib/bench/event-floor.mjs',
    { ...env, PORT: String(port) },
    {
      logFile: path.join(benchDir, 'floor.log'),
    },
  );
  floor.port = port;
  await untilHealthy(floor, 'the floor server did not answer');
  return floor;
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

/** The machine, node and PostgreSQL lines every report starts with. */
export function machineLines(pg) {
  const cpus = os.cpus();
  return [
    `machine     ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.platform()} ${os.release()}`,
    `node        ${process.version}`,
    `PostgreSQL  ${pg.serverVersion} (${pg.settings})`,
  ];
}

/** One run's lines: what was accepted, how fast, how it moved, what failed, the CPU. */
function runLines(run, opts) {
  const failed = Object.values(run.failures.counts).reduce((sum, n) => sum + n, 0);
  return [
    `  accepted  ${run.accepted} (200) in ${opts.seconds} s = ${run.perSecond.toFixed(1)} events/s`,
    `  over time ${run.quarters.map((rate) => rate.toFixed(0)).join(' → ')} events/s by quarter of the run ` +
      `(each case's snapshot ends at ${run.snapshot.bytes} bytes of JSON, ${run.snapshot.dates} dates in its ` +
      'scopingMeetingHistory)',
    `  latency   p50 ${ms(run.p50)}, p95 ${ms(run.p95)}, p99 ${ms(run.p99)}`,
    `  per client ${run.perClient.join(' / ')}  (all phases: ${run.sent} sent, ${run.ok} × 200, ` +
      `${run.stored} timeline rows)`,
    `  failures  ${
      failed === 0
        ? 'none'
        : Object.entries(run.failures.counts)
            .map(([s, n]) => `${n} × ${s}`)
            .join(', ')
    }`,
    ...run.failures.samples.map((sample) => `            ${sample}`),
    `  CPU       ${run.cpu ? cpuLine(run.cpu) : 'n/a'} (100% = one core)`,
  ];
}

/** The section's report: the events, the floor, pgbench and the ratios against the target. */
export function eventsReport({ events, floor, bench, cases }, opts) {
  const ratio = events.perSecond / bench.tps;
  const floorRatio = floor.perSecond / bench.tps;
  const met = ratio >= TARGET_RATIO;
  return [
    `HTTP events ${EVENT} via POST /api/v1/cases/:id/events, ${cases.length} clients (one case each, ` +
      `keep-alive), ${opts.warmup} s warm-up + ${opts.seconds} s measured`,
    ...runLines(events, opts),
    ...databaseLines(events.database),
    ...profileLines(events.profiled),
    '',
    `floor       the same load on ${cases.length} fresh cases, served by a bare node:http server ` +
      '(scripts/lib/bench/event-floor.mjs): the same machine step and writes',
    '            (case, timeline, audit) in one statement, the snapshot kept in memory; no NestJS, authentication, ' +
      "validation, reminders or first-CPC ('API (node)' below is that server)",
    ...runLines(floor, opts),
    ...databaseLines(floor.database),
    '',
    `pgbench     ${bench.command} (scale ${PGBENCH_SCALE}, same cluster)`,
    `  tps       ${bench.tps.toFixed(1)} (without initial connection time), latency average ${ms(bench.latencyMs)}` +
      (bench.failed ? `, ${bench.failed} failed transactions` : ''),
    `  CPU       PostgreSQL ${pct(bench.cpu.postgres)} (${pct(bench.cpu.postgresSys)} in the kernel), pgbench and ` +
      `other processes ${pct(bench.cpu.others)}; whole machine ${pct(bench.cpu.machine)}`,
    '',
    `ratio       events/s ÷ pgbench tps = ${ratio.toFixed(3)}   target ≥ ${TARGET_RATIO}: ${met ? 'MET' : 'NOT MET'}`,
    `            the floor's: ${floorRatio.toFixed(3)} (the API does ${(100 * (events.perSecond / floor.perSecond)).toFixed(0)}% ` +
      "of the floor's events/s)",
  ];
}
