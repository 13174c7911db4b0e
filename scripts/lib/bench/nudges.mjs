// The nudges section: POST /api/v1/nudges/run for councils that all qualify, two worker processes delivering
// through a discarding SMTP server, counted at the sink by Message-ID (= the email log row, which carries the
// idempotency key). Next to it, what one Node process pushes through the same sink with a plain nodemailer pool:
// the SMTP path's own limit on this machine.
import http from 'node:http';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import nodemailer from 'nodemailer';
import { cpuLine, cpuSampler, memoryWatch } from './cpu.mjs';
import { generateData } from './data.mjs';
import { expectStatus, login, request, serviceEnv, startApi, startWorker, stopService } from './http.mjs';
import { sqlInAsync } from './postgres.mjs';
import { benchDir, isRunning, say, sleep } from './runtime.mjs';
import { startSmtpSink } from './smtp-sink.mjs';

export const NUDGES_DATABASE = 'lga_bench_nudges';
export const NUDGE_TARGET_PER_SECOND = 300;
const STALL_MS = 60000;

/**
 * The SMTP path alone: `count` small messages from one nodemailer pool of `connections` into the sink, with as
 * many sends in flight as the workers have (two per connection).
 */
async function smtpCeiling(sink, { count, connections }) {
  const transport = nodemailer.createTransport({
    url: sink.url,
    pool: true,
    maxConnections: connections,
    maxMessages: Infinity,
  });
  const started = performance.now();
  let next = 0;
  const sender = async () => {
    while (next < count) {
      const i = next++;
      await transport.sendMail({
        from: 'bench@example.org',
        to: `ceiling-${i}@synthetic.example.org`,
        subject: 'SMTP ceiling',
        text: 'x'.repeat(2000),
        messageId: `<ceiling-${i}@bench.local>`,
      });
    }
  };
  await Promise.all(Array.from({ length: 2 * connections }, sender));
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return { count, connections, perSecond: count / seconds };
}

async function statuses(pg) {
  const line = await sqlInAsync(
    pg.adminUrl,
    NUDGES_DATABASE,
    "SELECT count(*) FILTER (WHERE status = 'sent') || '|' || count(*) FILTER (WHERE status IN ('failed', 'bounced')) " +
      "|| '|' || count(*) FROM emails WHERE template = 'nudge'",
  );
  const [sent, failed, total] = line.split('|').map(Number);
  return { sent, failed, total };
}

export async function nudgesSection({ pg, redis }, opts) {
  const sink = await startSmtpSink(path.join(benchDir, 'mail.log'));
  const env = serviceEnv(pg, redis, NUDGES_DATABASE, {
    QUEUE_PREFIX: 'bench-nudges',
    SMTP_URL: sink.url,
    // No throttle and no quiet period: the bench measures the system, not the sending policy.
    MAIL_RATE_PER_MINUTE: '100000',
    NUDGE_PRE_ELECTION_WEEKS: '0',
  });
  delete env.NUDGE_QUIET_DATES;
  try {
    const data = await generateData(pg, env, NUDGES_DATABASE, { councils: opts.nudgeCouncils, cases: 0 });
    if (!isRunning()) return null;
    const workers = [];
    for (let i = 1; i <= opts.workers; i++) {
      const worker = await startWorker(env, path.join(benchDir, `worker-${i}.log`));
      worker.name = `worker ${i}`;
      workers.push(worker);
    }
    const api = await startApi(env);
    const memory = memoryWatch([api, ...workers]);
    const token = await login(api.port);
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const preview = await expectStatus(
      request(agent, api.port, 'GET', '/nudges/preview', { token, timeoutMs: 600000 }),
      200,
      'GET /nudges/preview',
    );
    say(`nudges: ${preview.councils.length} councils qualify; the SMTP ceiling first`);
    const ceiling = await smtpCeiling(sink, { count: 3000, connections: 3 * opts.workers });
    sink.reset();

    say(`nudges: POST /api/v1/nudges/run with ${opts.workers} workers`);
    const sample = cpuSampler(
      api.pid,
      pg.postmasterPid,
      workers.map((w) => w.pid),
    );
    const started = performance.now();
    const run = await expectStatus(
      request(agent, api.port, 'POST', '/nudges/run', { token, timeoutMs: 1800000 }),
      200,
      'POST /nudges/run',
    );
    const queuedAt = performance.now();
    agent.destroy();
    say(`nudges: ${run.queued} queued in ${((queuedAt - started) / 1000).toFixed(1)} s; delivering`);
    let last = { sent: -1, at: performance.now() };
    let db = await statuses(pg);
    while (isRunning()) {
      db = await statuses(pg);
      const received = sink.state.byMessageId.size;
      if (db.sent + db.failed >= run.queued && received >= db.sent) break;
      if (db.sent !== last.sent) last = { sent: db.sent, at: performance.now() };
      else if (performance.now() - last.at > STALL_MS) {
        say(`nudges: no progress for ${STALL_MS / 1000} s (${db.sent} sent, ${received} received); stopping the wait`);
        break;
      }
      await sleep(250);
    }
    if (!isRunning()) return null;
    const cpu = sample();
    const { state } = sink;

    // Every message at the sink, by the idempotency key of the email log row its Message-ID names.
    const rows = (
      await sqlInAsync(
        pg.adminUrl,
        NUDGES_DATABASE,
        "SELECT id || '|' || idempotency_key FROM emails WHERE template = 'nudge'",
      )
    )
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('|'));
    // A Message-ID is <email id@sending domain>: the id names the row, whatever MAIL_FROM's domain is.
    const keyOf = new Map(rows.map(([id, key]) => [id, key]));
    const byKey = new Map();
    let unknown = 0;
    for (const [messageId, count] of state.byMessageId) {
      const key = keyOf.get(/^<([^@>]+)@/.exec(messageId)?.[1]);
      if (!key) unknown += count;
      else byKey.set(key, (byKey.get(key) ?? 0) + count);
    }
    const duplicates = [...byKey.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const recipientDuplicates = [...state.byRecipient.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const memoryPeaks = memory.stop();
    await stopService(api);
    for (const worker of workers) await stopService(worker);
    const endToEnd = state.last ? (state.last - started) / 1000 : NaN;
    const delivery = state.last ? (state.last - state.first) / 1000 : NaN;
    const result = {
      data,
      eligible: preview.councils.length,
      queued: run.queued,
      quietPeriod: run.quietPeriod,
      queueSeconds: (queuedAt - started) / 1000,
      received: state.messages,
      distinctKeys: byKey.size,
      duplicates,
      recipientDuplicates,
      unknown,
      missing: rows.length - byKey.size,
      db,
      endToEndSeconds: endToEnd,
      deliverySeconds: delivery,
      perSecond: state.messages / endToEnd,
      deliveryPerSecond: state.messages / delivery,
      firstAfter: state.first ? (state.first - started) / 1000 : NaN,
      ceiling,
      cpu,
      memoryPeaks,
    };
    result.failed = duplicates > 0 || unknown > 0 || result.missing > 0 || db.failed > 0 || run.queued === 0;
    return result;
  } finally {
    await sink.close();
  }
}

export function nudgesReport(r, opts) {
  const s = (seconds) => `${seconds.toFixed(1)} s`;
  const met = r.perSecond >= NUDGE_TARGET_PER_SECOND && r.duplicates === 0;
  return [
    `data        ${NUDGES_DATABASE}: ${r.data.councils} councils (${opts.nudgeCouncils} synthetic, all never ` +
      `challenged, each with a chief executive's address); ${r.eligible} qualify for a nudge`,
    `run         POST /api/v1/nudges/run queued ${r.queued} emails in ${s(r.queueSeconds)} (one transaction: ` +
      `email row, outbox row and audit entry per council)${r.quietPeriod ? `; quiet period: ${r.quietPeriod.why}` : ''}`,
    `delivery    ${opts.workers} worker processes → SMTP sink: first email ${s(r.firstAfter)} after the run started, ` +
      `the last ${s(r.endToEndSeconds)} after; ${r.received} received in ${s(r.deliverySeconds)} of delivery = ` +
      `${r.deliveryPerSecond.toFixed(0)} emails/s`,
    `  rate      ${r.received} emails ÷ ${s(r.endToEndSeconds)} from the run's start to the last email = ` +
      `${r.perSecond.toFixed(0)} emails/s   target ≥ ${NUDGE_TARGET_PER_SECOND}/s, no duplicates: ` +
      `${met ? 'MET' : 'NOT MET'}`,
    `  once each ${r.distinctKeys} idempotency keys received, ${r.duplicates} duplicates by key, ` +
      `${r.recipientDuplicates} by recipient, ${r.missing} never received, ${r.unknown} unknown; the email log ` +
      `says ${r.db.sent} sent, ${r.db.failed} failed or bounced (mail log: .data/bench/mail.log)`,
    `  CPU       ${cpuLine(r.cpu)} (100% = one core; from the run's start to the last email)`,
    `ceiling     one nodemailer pool of ${r.ceiling.connections} connections in the bench process, into the same ` +
      `sink: ${r.ceiling.perSecond.toFixed(0)} emails/s (${r.ceiling.count} messages; the SMTP path alone)`,
  ];
}
