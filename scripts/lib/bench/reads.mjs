// The reads section: GET /api/v1/cases/:id and GET /api/v1/councils/:gssCode/history at a fixed arrival rate
// (open loop), with GET /api/v1/health at the same rate as the floor of the HTTP stack on this machine.
// Request k is due at start + k / rate and is sent then, whether or not earlier ones have been answered; its
// latency runs from that due time, so a server (or a client) that falls behind shows as latency instead of
// quietly lowering the rate (no coordinated omission).
import http from 'node:http';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { cpuLine, cpuSampler, memoryWatch } from './cpu.mjs';
import { generateData, random } from './data.mjs';
import { login, ms, percentile, request, serviceEnv, startApi, stopService } from './http.mjs';
import { sqlIn } from './postgres.mjs';
import { isRunning, say, sleep } from './runtime.mjs';

export const READS_DATABASE = 'lga_bench_reads';
export const READ_TARGET_P99_MS = 25;

/**
 * Sends GET `pathOf(k)` at `rate` a second for `warmup` + `seconds` seconds; measures the requests due after the
 * warm-up. Returns the latencies from the due time and from the actual send, failures, and the rate achieved; and
 * those of the warm-up's answers apart (a route's first seconds, while V8 compiles its code, are slower).
 */
export async function openLoop(port, token, { rate, seconds, warmup, pathOf }) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const interval = 1000 / rate;
  const total = Math.round(rate * (warmup + seconds));
  const measuredFrom = Math.round(rate * warmup);
  const fromDue = [];
  const fromSend = [];
  const warming = [];
  const failures = { counts: {}, samples: [] };
  let bytes = 0;
  const inflight = new Set();
  const start = performance.now() + 20;
  let sent = 0;
  for (let k = 0; k < total && isRunning(); k++) {
    const due = start + k * interval;
    const wait = due - performance.now();
    if (wait >= 1) await sleep(wait); // timers fire late, never early: a late send counts as latency
    const sentAt = performance.now();
    const urlPath = pathOf(k);
    sent++;
    const done = request(agent, port, 'GET', urlPath, { token })
      .catch((error) => ({ status: `network error (${error.code ?? error.message})`, text: '', bytes: 0 }))
      .then((response) => {
        const end = performance.now();
        inflight.delete(done);
        if (k < measuredFrom) {
          if (response.status === 200) warming.push(end - due);
          return;
        }
        if (response.status === 200) {
          fromDue.push(end - due);
          fromSend.push(end - sentAt);
          bytes += response.bytes;
          return;
        }
        const key = String(response.status);
        failures.counts[key] = (failures.counts[key] ?? 0) + 1;
        if (failures.samples.length < 3) failures.samples.push(`${urlPath}: ${key} ${response.text.slice(0, 200)}`);
      });
    inflight.add(done);
  }
  const lastDue = start + (total - 1) * interval;
  const lag = performance.now() - lastDue; // how far behind the schedule the sending itself ended
  await Promise.all(inflight);
  agent.destroy();
  fromDue.sort((a, b) => a - b);
  fromSend.sort((a, b) => a - b);
  warming.sort((a, b) => a - b);
  const failed = Object.values(failures.counts).reduce((sum, n) => sum + n, 0);
  const p = (list, q) => percentile(list, q);
  return {
    rate,
    seconds,
    sent,
    requests: sent - measuredFrom,
    ok: fromDue.length,
    failed,
    failures,
    meanBytes: fromDue.length ? bytes / fromDue.length : 0,
    sendLagMs: lag,
    due: { p50: p(fromDue, 50), p90: p(fromDue, 90), p99: p(fromDue, 99), p999: p(fromDue, 99.9), max: fromDue.at(-1) },
    send: { p50: p(fromSend, 50), p99: p(fromSend, 99) },
    warmup: { seconds: warmup, p50: p(warming, 50), p99: p(warming, 99), max: warming.at(-1) },
  };
}

/** The section: data, the API, then each endpoint in turn at `rate` requests a second. */
export async function readsSection({ pg, redis }, opts) {
  const env = serviceEnv(pg, redis, READS_DATABASE, { QUEUE_PREFIX: 'bench-reads' });
  const data = await generateData(pg, env, READS_DATABASE, { councils: opts.readCouncils, cases: opts.readCases });
  if (!isRunning()) return null;
  const caseIds = sqlIn(pg.adminUrl, READS_DATABASE, 'SELECT id FROM cases ORDER BY id').split('\n');
  const councils = sqlIn(
    pg.adminUrl,
    READS_DATABASE,
    "SELECT gss_code FROM councils WHERE gss_code LIKE 'E99%' ORDER BY 1",
  ).split('\n');
  const api = await startApi(env);
  const memory = memoryWatch([api]);
  const token = await login(api.port);
  const pick = (list, seed) => {
    const next = random(seed);
    return () => list[Math.floor(next() * list.length)];
  };
  const endpoints = [
    { name: 'GET /api/v1/health', target: false, pathOf: () => '/health' },
    {
      name: 'GET /api/v1/cases/:id',
      target: true,
      pathOf: (
        (p) => () =>
          `/cases/${p()}`
      )(pick(caseIds, 1)),
    },
    {
      name: 'GET /api/v1/councils/:gssCode/history',
      target: true,
      pathOf: (
        (p) => () =>
          `/councils/${p()}/history`
      )(pick(councils, 2)),
    },
  ];
  const results = [];
  for (const endpoint of endpoints) {
    say(`reads: ${endpoint.name} at ${opts.rate}/s, ${opts.readWarmup} s warm-up + ${opts.readSeconds} s measured`);
    const sample = cpuSampler(api.pid, pg.postmasterPid);
    const result = await openLoop(api.port, token, {
      rate: opts.rate,
      seconds: opts.readSeconds,
      warmup: opts.readWarmup,
      pathOf: endpoint.pathOf,
    });
    if (!isRunning()) return null;
    results.push({ ...endpoint, ...result, cpu: sample() });
  }
  const [apiMemory] = memory.stop();
  await stopService(api);
  return { data, results, apiMemory, failed: results.some((r) => r.failed > 0 || r.ok === 0) };
}

/**
 * CPU per request of the API and PostgreSQL (all requests of the run, warm-up included), and the rate this
 * machine's cores could serve on those figures alone if nothing else ran: the limit the target is measured against.
 */
export function cpuPerRequest(r) {
  const per = (share) => (share === null ? null : ((share / 100) * r.cpu.seconds * 1000) / r.sent);
  const api = per(r.cpu.api);
  const postgres = per(r.cpu.postgres);
  const total = (api ?? 0) + (postgres ?? 0);
  return { api, postgres, capacity: total > 0 ? (os.cpus().length * 1000) / total : null };
}

function capacityLine(r) {
  const { api, postgres, capacity } = cpuPerRequest(r);
  const f = (value) => (value === null ? 'n/a' : `${value.toFixed(2)} ms`);
  return (
    `CPU per request: API ${f(api)}, PostgreSQL ${f(postgres)} → at most about ` +
    `${capacity ? Math.round(capacity) : 'n/a'} requests/s on ${os.cpus().length} idle cores`
  );
}

export function readsReport({ data, results }, opts) {
  const lines = [
    `data        ${READS_DATABASE}: ${data.councils} councils (${opts.readCouncils} synthetic), ${data.cases} cases ` +
      `(generated in ${data.seconds.toFixed(1)} s); case ids and synthetic councils picked at random (seeded)`,
    `load        open loop at ${opts.rate} requests/s per endpoint, ${opts.readWarmup} s warm-up + ${opts.readSeconds} s ` +
      'measured; latency from the due time of each request (and, for comparison, from its actual send); the',
    "            warm-up's answers are shown apart: a route's first seconds, while V8 compiles its code, are slower",
  ];
  for (const r of results) {
    const verdict = r.target
      ? `   target p99 ≤ ${READ_TARGET_P99_MS} ms: ${r.due.p99 <= READ_TARGET_P99_MS ? 'MET' : 'NOT MET'}`
      : '   (the floor: no database work)';
    lines.push(
      '',
      `${r.name}${verdict}`,
      `  latency   p50 ${ms(r.due.p50)}, p90 ${ms(r.due.p90)}, p99 ${ms(r.due.p99)}, p99.9 ${ms(r.due.p999)}, ` +
        `max ${ms(r.due.max)}  (from the send: p50 ${ms(r.send.p50)}, p99 ${ms(r.send.p99)})`,
      `  warm-up   the first ${r.warmup.seconds} s, not counted above: p50 ${ms(r.warmup.p50)}, p99 ${ms(r.warmup.p99)}, ` +
        `max ${ms(r.warmup.max)}`,
      `  requests  ${r.requests} measured, ${r.ok} × 200, ${r.failed} failed; ${Math.round(r.meanBytes)} bytes of JSON ` +
        `on average; sending ended ${ms(r.sendLagMs)} behind schedule`,
      ...r.failures.samples.map((sample) => `            ${sample}`),
      `  CPU       ${cpuLine(r.cpu)} (100% = one core)`,
      `  capacity  ${capacityLine(r)}`,
    );
  }
  return lines;
}
