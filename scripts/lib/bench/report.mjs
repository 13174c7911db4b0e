// `npm run bench`'s summary: each figure with its target and verdict, and the figures section of
// docs/PERFORMANCE.md, which the bench rewrites between its markers (the rest of the file is written by hand).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root } from '../project.mjs';
import { pct } from './cpu.mjs';
import { TARGET_RATIO } from './events.mjs';
import { ms } from './http.mjs';
import { NUDGE_TARGET_PER_SECOND } from './nudges.mjs';
import { READ_TARGET_P99_MS } from './reads.mjs';
import { CANDIDATES_TARGET_P95_MS, TEAM_TARGET_MS } from './suggestions.mjs';
import { IMPORT_TARGET_SECONDS, REPORT_TARGET_MS } from './take-up.mjs';

export const RSS_TARGET_MB = 250;
export const PERFORMANCE_DOC = path.join(root, 'docs', 'PERFORMANCE.md');
export const START = '<!-- bench:figures:start (written by npm run bench; edit outside the markers) -->';
export const END = '<!-- bench:figures:end -->';

const verdict = (met) => (met ? 'met' : '**not met**');
const n = (value) => Math.round(value).toLocaleString('en-GB');

/** Rows of { figure, measured, target, result } from whichever sections ran. */
export function summaryRows({ events, reads, nudges, takeUp, suggestions }, opts) {
  const rows = [];
  if (events) {
    const ratio = events.events.perSecond / events.bench.tps;
    rows.push({
      figure: `case events through HTTP, ${opts.clients} clients`,
      measured: `${events.events.perSecond.toFixed(0)} events/s (p99 ${ms(events.events.p99)}); pgbench simple-update ${n(events.bench.tps)} tps; ratio ${ratio.toFixed(3)}`,
      target: `ratio ≥ ${TARGET_RATIO}`,
      result: verdict(ratio >= TARGET_RATIO),
    });
  }
  if (reads) {
    const floor = reads.results.find((r) => !r.target);
    for (const r of reads.results.filter((x) => x.target)) {
      rows.push({
        figure: `${r.name} at ${opts.rate}/s, ${n(reads.data.cases)} cases`,
        measured: `p50 ${ms(r.due.p50)}, p99 ${ms(r.due.p99)} (health at the same rate: p99 ${ms(floor?.due.p99)})`,
        target: `p99 ≤ ${READ_TARGET_P99_MS} ms`,
        result: verdict(r.due.p99 <= READ_TARGET_P99_MS && r.failed === 0),
      });
    }
  }
  if (nudges) {
    rows.push({
      figure: `nudges to ${n(nudges.eligible)} councils, ${opts.workers} workers, discarding SMTP`,
      measured:
        `${nudges.perSecond.toFixed(0)} emails/s run to last email (delivery alone ${nudges.deliveryPerSecond.toFixed(0)}/s; ` +
        `SMTP ceiling ${nudges.ceiling.perSecond.toFixed(0)}/s); ${nudges.duplicates} duplicates`,
      target: `≥ ${NUDGE_TARGET_PER_SECOND}/s, 0 duplicates`,
      result: verdict(nudges.perSecond >= NUDGE_TARGET_PER_SECOND && nudges.duplicates === 0 && !nudges.failed),
    });
  }
  if (takeUp) {
    rows.push({
      figure: `take-up report, ${n(takeUp.data.councils)} councils × ${n(takeUp.data.cases)} cases`,
      measured: `median ${ms(takeUp.median)} of ${takeUp.runs.length} (${takeUp.runs.map((t) => Math.round(t)).join(', ')} ms)`,
      target: `≤ ${REPORT_TARGET_MS} ms`,
      result: verdict(takeUp.median <= REPORT_TARGET_MS),
    });
    rows.push({
      figure: `import of ${n(takeUp.import.rows)} history rows (CLI)`,
      measured: `${takeUp.import.seconds.toFixed(1)} s (${n(takeUp.import.rows / takeUp.import.seconds)} rows/s)`,
      target: `≤ ${IMPORT_TARGET_SECONDS} s`,
      result: verdict(takeUp.import.seconds <= IMPORT_TARGET_SECONDS && takeUp.import.created === takeUp.import.rows),
    });
  }
  if (suggestions) {
    const { candidates, team } = suggestions;
    rows.push({
      figure: `one role's team suggestions, ${n(suggestions.data.peers)} peers`,
      measured: `p50 ${ms(candidates.p50)}, p95 ${ms(candidates.p95)} (${candidates.n} requests)`,
      target: `p95 < ${CANDIDATES_TARGET_P95_MS} ms`,
      result: verdict(candidates.p95 < CANDIDATES_TARGET_P95_MS && candidates.failures.length === 0),
    });
    rows.push({
      figure: `a whole suggested team of 5, ${n(suggestions.data.peers)} peers`,
      measured: `p50 ${ms(team.p50)}, max ${ms(team.max)} (${team.n} requests)`,
      target: `< ${TEAM_TARGET_MS} ms`,
      result: verdict(team.max < TEAM_TARGET_MS && team.failures.length === 0),
    });
  }
  const peaks = memoryRows({ events, reads, nudges, takeUp, suggestions });
  for (const kind of ['API', 'worker']) {
    const mine = peaks.filter((p) => p.kind === kind);
    if (mine.length === 0) continue;
    const top = mine.reduce((a, b) => (b.peak > a.peak ? b : a));
    rows.push({
      figure: `peak RSS of the ${kind}${kind === 'worker' ? 's' : ''} under load`,
      measured: `${top.peak.toFixed(0)} MB (${mine.map((p) => `${p.section === 'nudges' && kind === 'worker' ? p.name : p.section}: ${p.peak.toFixed(0)}`).join(', ')})`,
      target: `≤ ${RSS_TARGET_MB} MB each`,
      result: verdict(top.peak <= RSS_TARGET_MB),
    });
  }
  return rows;
}

/** Each API and worker process's peak resident memory, by section. */
export function memoryRows({ events, reads, nudges, takeUp, suggestions }) {
  const rows = [];
  const add = (section, peak) =>
    peak && rows.push({ section, kind: peak.name.startsWith('worker') ? 'worker' : 'API', ...peak });
  add('events', events?.apiMemory);
  add('reads', reads?.apiMemory);
  for (const peak of nudges?.memoryPeaks ?? []) add('nudges', peak);
  add('take-up', takeUp?.apiMemory);
  add('suggestions', suggestions?.apiMemory);
  return rows;
}

/** The summary as a Markdown table (also printed: it reads as text too). */
export function summaryTable(rows) {
  const escape = (text) => String(text).replace(/\|/g, '\\|');
  return [
    '| figure | measured | limit / target | result |',
    '| --- | --- | --- | --- |',
    ...rows.map((r) => `| ${escape(r.figure)} | ${escape(r.measured)} | ${escape(r.target)} | ${r.result} |`),
  ];
}

/** How busy the machine was with other people's work during each section (from the CPU samples). */
export function loadLine({ events, reads, nudges, takeUp }) {
  const parts = [];
  if (events?.events.cpu) parts.push(`events ${pct(events.events.cpu.others)}`);
  for (const r of reads?.results ?? []) parts.push(`${r.name.replace('GET /api/v1', '')} ${pct(r.cpu.others)}`);
  if (nudges) parts.push(`nudges ${pct(nudges.cpu.others)}`);
  if (takeUp) parts.push(`take-up report ${pct(takeUp.cpu.others)}`);
  return `other processes' CPU during each part (100% = one core): ${parts.join(', ')}`;
}

/** Rewrites the figures between the markers of docs/PERFORMANCE.md (appending them when they are missing). */
export function writePerformanceDoc(block) {
  const text = existsSync(PERFORMANCE_DOC) ? readFileSync(PERFORMANCE_DOC, 'utf8') : '# Performance\n';
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  const section = `${START}\n\n${block.trim()}\n\n${END}`;
  const next =
    start >= 0 && end > start
      ? `${text.slice(0, start)}${section}${text.slice(end + END.length)}`
      : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(PERFORMANCE_DOC, next);
}
