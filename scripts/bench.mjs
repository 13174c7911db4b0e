// `npm run bench` (issue #9): the figures the programme cares about, measured in one run on this machine, each
// next to its target and, where there is one, the machine's own limit; not part of `npm test`. It installs what is
// missing, builds, starts a private PostgreSQL and Redis under .data/bench on free ports of 127.0.0.1, then runs
// its sections, each on a fresh database of that cluster with the compiled API (and workers) as child processes:
//   events   case events/s through HTTP with 8 clients vs pgbench simple-update (the bench:events section)
//   reads    GET /cases/:id and GET /councils/:gssCode/history at a fixed arrival rate (open loop), p50/p99
//   nudges   a nudge run to every synthetic council, delivered by two workers through a discarding SMTP server
//   take-up  the take-up report over a large register, then importing history rows with the CLI
//   planner  the five-year schedule planner at 365 and 10,000 councils × 20 quarters, time and peak memory
//   suggestions  team suggestions over a pool of 2,000 synthetic peers: one role's candidates (p95) and a whole team
// watching the peak resident memory of the API and the workers throughout. Data comes from
// `npm run cli -- generate` (synthetic councils E99…). It prints a summary, rewrites the figures section of
// docs/PERFORMANCE.md (when every section ran), and stops everything it started, also on Ctrl-C. Exits 0 when
// everything ran and every request was answered, whatever the figures: a bench measures, it does not judge.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { build, onPinnedNode, root } from './lib/project.mjs';
import { EVENTS_DEFAULTS, EVENTS_OPTIONS, eventsReport, eventsSection, machineLines } from './lib/bench/events.mjs';
import { nudgesReport, nudgesSection } from './lib/bench/nudges.mjs';
import { plannerReport, plannerSection } from './lib/bench/planner.mjs';
import { startBenchServices } from './lib/bench/postgres.mjs';
import { readsReport, readsSection } from './lib/bench/reads.mjs';
import { suggestionsReport, suggestionsSection } from './lib/bench/suggestions.mjs';
import {
  loadLine,
  memoryRows,
  PERFORMANCE_DOC,
  summaryRows,
  summaryTable,
  writePerformanceDoc,
} from './lib/bench/report.mjs';
import { parseOptions, runMain, say, SetupError, stopOnSignals } from './lib/bench/runtime.mjs';
import { takeUpReport, takeUpSection } from './lib/bench/take-up.mjs';

const SECTIONS = ['events', 'reads', 'nudges', 'take-up', 'planner', 'suggestions'];

const OPTIONS = {
  ...EVENTS_OPTIONS,
  sections: { values: SECTIONS },
  'read-councils': { min: 10, max: 999_999 },
  'read-cases': { min: 1, max: 10_000_000 },
  rate: { min: 1, max: 5000 },
  'read-seconds': { min: 1, max: 3600 },
  'read-warmup': { min: 0, max: 3600 },
  'nudge-councils': { min: 1, max: 999_999 },
  workers: { min: 1, max: 16 },
  councils: { min: 10, max: 999_999 },
  cases: { min: 0, max: 10_000_000 },
  'import-rows': { min: 1, max: 10_000_000 },
  'report-runs': { min: 1, max: 100 },
  peers: { min: 10, max: 100_000 },
  'suggestion-runs': { min: 4, max: 10_000 },
  'no-write': 'flag',
};

const DEFAULTS = {
  ...EVENTS_DEFAULTS,
  sections: SECTIONS,
  readCouncils: 1000,
  readCases: 10_000,
  rate: 200,
  readSeconds: 30,
  readWarmup: 10,
  nudgeCouncils: 10_000,
  workers: 2,
  councils: 100_000,
  cases: 1_000_000,
  importRows: 100_000,
  reportRuns: 5,
  peers: 2000,
  suggestionRuns: 200,
  noWrite: false,
};

const USAGE =
  'usage: npm run bench -- [options]   (defaults: the sizes of issue #9)' +
  `\n  --sections LIST      which to run, of ${SECTIONS.join(',')} (default all; docs/PERFORMANCE.md is rewritten only when all run)` +
  '\n  events:  --seconds N (20) --clients N (8) --warmup N (2) --profile' +
  '\n  reads:   --read-councils N (1000) --read-cases N (10000) --rate N requests/s (200) --read-seconds N (30)' +
  '\n           --read-warmup N (10)' +
  '\n  nudges:  --nudge-councils N (10000) --workers N (2)' +
  '\n  take-up: --councils N (100000) --cases N (1000000) --import-rows N (100000) --report-runs N (5)' +
  '\n  suggestions: --peers N (2000) --suggestion-runs N (200 candidate requests; a quarter as many teams)' +
  '\n  --no-write           do not rewrite docs/PERFORMANCE.md' +
  '\n  e.g. while developing: npm run bench -- --councils 2000 --cases 10000 --import-rows 5000 --no-write\n';

function usage(message) {
  throw new SetupError(`${message}\n${USAGE}`);
}

const heading = (title) => `\n== ${title} ${'='.repeat(Math.max(3, 78 - title.length))}`;

async function main() {
  if (process.argv.includes('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const opts = parseOptions(process.argv.slice(2), OPTIONS, DEFAULTS, usage);
  await onPinnedNode();
  stopOnSignals();
  build();
  const services = await startBenchServices();
  const started = new Date();
  const runs = new Set(opts.sections);
  const results = {};
  const printed = [...machineLines(services.pg)];
  const section = async (name, title, run, report) => {
    if (!runs.has(name)) return true;
    say(`── ${title}`);
    const result = await run(services, opts);
    if (!result) return false;
    results[name === 'take-up' ? 'takeUp' : name] = result;
    const lines = [heading(title), ...report(result, opts)];
    process.stdout.write(`${lines.join('\n')}\n`);
    printed.push(...lines);
    return true;
  };
  if (!(await section('events', 'case events through HTTP vs pgbench', eventsSection, eventsReport))) return 1;
  if (!(await section('reads', 'reads at a fixed arrival rate', readsSection, readsReport))) return 1;
  if (!(await section('nudges', 'nudges through a discarding SMTP server', nudgesSection, nudgesReport))) return 1;
  if (!(await section('take-up', 'take-up report and history import', takeUpSection, takeUpReport))) return 1;
  if (!(await section('planner', 'five-year planner (pure, in a process of its own)', plannerSection, plannerReport))) {
    return 1;
  }
  if (
    !(await section('suggestions', 'team suggestions over a synthetic pool', suggestionsSection, suggestionsReport))
  ) {
    return 1;
  }

  const rows = summaryRows(results, opts);
  const memory = memoryRows(results).map(
    (p) => `  ${p.section.padEnd(8)} ${p.name.padEnd(9)} peak RSS ${p.peak.toFixed(0)} MB (${p.samples} samples)`,
  );
  const summary = [
    heading('summary'),
    ...summaryTable(rows),
    '',
    'peak resident memory (VmHWM and 200 ms samples of VmRSS, from /proc):',
    ...memory,
    loadLine(results),
  ];
  process.stdout.write(`${summary.join('\n')}\n\n`);

  const all = SECTIONS.every((name) => runs.has(name));
  if (all && !opts.noWrite) {
    const seconds = Math.round((Date.now() - started.getTime()) / 1000);
    const sizes =
      `events ${opts.clients} clients × ${opts.seconds} s; reads ${opts.readCouncils} councils, ${opts.readCases} ` +
      `cases, ${opts.rate}/s × ${opts.readSeconds} s after ${opts.readWarmup} s; nudges ${opts.nudgeCouncils} councils, ${opts.workers} ` +
      `workers; take-up ${opts.councils} councils × ${opts.cases} cases, ${opts.importRows} import rows; ` +
      `suggestions ${opts.peers} peers`;
    const block = [
      '## Figures (`npm run bench`)',
      '',
      `Measured ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC in ${Math.max(1, Math.round(seconds / 60))} ` +
        `min with \`${['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ')}\` ` +
        `(sizes: ${sizes}).`,
      '',
      ...summaryTable(rows),
      '',
      `${loadLine(results)}.`,
      '',
      'The full output of the run:',
      '',
      '```text',
      ...printed,
      '',
      'peak resident memory (VmHWM and 200 ms samples of VmRSS, from /proc):',
      ...memory,
      '```',
    ].join('\n');
    writePerformanceDoc(block);
    try {
      execFileSync(path.join(root, 'node_modules', '.bin', 'prettier'), [
        '--write',
        '--log-level',
        'warn',
        PERFORMANCE_DOC,
      ]);
    } catch {
      say('prettier could not format docs/PERFORMANCE.md');
    }
    say(`wrote the figures into ${path.relative(root, PERFORMANCE_DOC)}`);
  } else {
    say(`${path.relative(root, PERFORMANCE_DOC)} not rewritten (${all ? '--no-write' : 'not every section ran'})`);
  }
  const failed = Object.values(results).some((r) => r.failed);
  if (failed) say('something failed (see above): exit code 1');
  return failed ? 1 : 0;
}

runMain(main);
