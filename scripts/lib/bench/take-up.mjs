// The take-up section: GET /api/v1/reports/take-up over a large register (every council's take-up from every
// delivered challenge, predecessors included), then `npm run cli -- import-history` of a large file.
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { cpuLine, cpuSampler, memoryWatch } from './cpu.mjs';
import { cli, generateData } from './data.mjs';
import { login, ms, percentile, request, serviceEnv, startApi, stopService } from './http.mjs';
import { psql } from '../services.mjs';
import { benchDir, isRunning, say, SetupError } from './runtime.mjs';

export const TAKE_UP_DATABASE = 'lga_bench_take_up';
export const REPORT_TARGET_MS = 1000;
export const IMPORT_TARGET_SECONDS = 60;

/**
 * `rows` delivered challenges for the councils `generate` leaves without cases (every tenth: E99000010, …), so
 * none repeats a generated one: a council's j-th row is `spacing` days before its (j-1)-th.
 */
function importFile(councils, rows) {
  const never = Math.floor(councils / 10);
  const perCouncil = Math.ceil(rows / never);
  const spacing = Math.max(1, Math.floor(4000 / perCouncil));
  const today = new Date();
  const day = (offset) => new Date(today.getTime() - offset * 86400000).toISOString().slice(0, 10);
  const lines = ['councilGssCode,type,onsiteStart,onsiteEnd,feedbackPresented'];
  for (let t = 0; t < rows; t++) {
    const k = 10 * ((t % never) + 1);
    const j = Math.floor(t / never);
    const end = 30 + (k % 97) + j * spacing;
    const type = t % 2 === 0 ? 'corporate_peer_challenge' : 'finance_peer_review';
    lines.push(`E99${String(k).padStart(6, '0')},${type},${day(end + 2)},${day(end)},${day(end)}`);
  }
  const file = path.join(benchDir, 'history-import.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

export async function takeUpSection({ pg, redis }, opts) {
  const env = serviceEnv(pg, redis, TAKE_UP_DATABASE, { QUEUE_PREFIX: 'bench-take-up' });
  const data = await generateData(pg, env, TAKE_UP_DATABASE, { councils: opts.councils, cases: opts.cases });
  if (!isRunning()) return null;
  psql(pg.adminUrl, 'CHECKPOINT');
  const api = await startApi(env);
  const memory = memoryWatch([api]);
  const token = await login(api.port);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const runs = []; // from sending the request to its last byte
  const parses = []; // then this client's decoding and JSON.parse, which the API does not do
  let report;
  say(`take-up: GET /api/v1/reports/take-up × ${opts.reportRuns}`);
  const sample = cpuSampler(api.pid, pg.postmasterPid);
  for (let i = 0; i < opts.reportRuns && isRunning(); i++) {
    const started = performance.now();
    const response = await request(agent, api.port, 'GET', '/reports/take-up', { token, timeoutMs: 600000 });
    runs.push(response.receivedAt - started);
    parses.push(performance.now() - response.receivedAt);
    if (response.status !== 200) {
      throw new SetupError(`GET /reports/take-up: HTTP ${response.status}: ${response.text.slice(0, 300)}`);
    }
    report = { councils: response.json.councilsTotal, counts: response.json.counts, bytes: response.bytes };
  }
  const cpu = sample();
  agent.destroy();
  const [apiMemory] = memory.stop();
  await stopService(api);
  if (!isRunning()) return null;

  const file = importFile(opts.councils, opts.importRows);
  say(`take-up: npm run cli -- import-history ${path.relative(process.cwd(), file)} (${opts.importRows} rows)`);
  const imported = await cli(env, ['import-history', file], 'import-history.log', pg.postmasterPid);
  const match = /(\d+) row\(s\): (\d+) peer challenge\(s\) imported, (\d+) already there/.exec(imported.output);
  const created = match ? Number(match[2]) : 0;
  const sorted = [...runs].sort((a, b) => a - b);
  return {
    data,
    runs,
    median: percentile(sorted, 50),
    parseMedian: percentile(
      [...parses].sort((a, b) => a - b),
      50,
    ),
    report,
    cpu,
    apiMemory,
    import: { rows: opts.importRows, created, seconds: imported.seconds, peakMB: imported.peakMB, cpu: imported.cpu },
    failed: !match || created !== opts.importRows,
  };
}

export function takeUpReport(r, opts) {
  const gb = (bytes) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;
  const reportMet = r.median <= REPORT_TARGET_MS;
  const importMet = r.import.seconds <= IMPORT_TARGET_SECONDS;
  return [
    `data        ${TAKE_UP_DATABASE}: ${r.data.councils} councils (${opts.councils} synthetic), ${r.data.cases} cases, ` +
      `${gb(r.data.bytes)} on disk; generated in ${r.data.seconds.toFixed(1)} s ` +
      `(${Math.round(r.data.cases / r.data.seconds)} cases/s)`,
    `GET /api/v1/reports/take-up   ${r.report.councils} councils (${Object.entries(r.report.counts)
      .map(([status, n]) => `${n} ${status}`)
      .join(', ')}), ${(r.report.bytes / 2 ** 20).toFixed(1)} MiB of JSON`,
    `  time      ${r.runs.map((t) => ms(t)).join(', ')}; median ${ms(r.median)}   target ≤ ${REPORT_TARGET_MS} ms: ` +
      `${reportMet ? 'MET' : 'NOT MET'}`,
    `            (from sending the request to the last byte of the answer; this client's JSON.parse of it then took ` +
      `${ms(r.parseMedian)} more, median)`,
    `  CPU       ${cpuLine(r.cpu)} (100% = one core)`,
    `import      npm run cli -- import-history, ${r.import.rows} rows (CSV): ${r.import.created} imported in ` +
      `${r.import.seconds.toFixed(1)} s (${Math.round(r.import.rows / r.import.seconds)} rows/s, boot included; ` +
      `CLI peak RSS ${r.import.peakMB.toFixed(0)} MB)   target ≤ ${IMPORT_TARGET_SECONDS} s: ` +
      `${importMet ? 'MET' : 'NOT MET'}`,
    ...(r.import.cpu
      ? [`  CPU       ${cpuLine(r.import.cpu).replace('API (node)', 'the CLI (node)')} (100% = one core)`]
      : []),
  ];
}
