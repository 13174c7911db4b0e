// The bench's data sets: a fresh database of the bench's cluster, migrated, with `npm run cli -- generate`'s
// synthetic councils and cases, and a seeded random generator to pick from them the same way every run.
import path from 'node:path';
import { clearInterval, setInterval } from 'node:timers';
import { performance } from 'node:perf_hooks';
import { cpuSampler, memoryWatch } from './cpu.mjs';
import { freshDatabase, sqlIn } from './postgres.mjs';
import { benchDir, runChild, say, SetupError } from './runtime.mjs';

export const CLI = 'dist/apps/cli/src/main.js';

/**
 * Runs a CLI command on the bench's database; returns its output, wall time, peak memory and (given PostgreSQL's
 * postmaster) the CPU the CLI and PostgreSQL used meanwhile.
 */
export async function cli(env, args, logName, postmasterPid = null) {
  const logFile = path.join(benchDir, logName);
  const started = performance.now();
  let watch;
  let cpu = null;
  let timer;
  const run = await runChild(process.execPath, ['--enable-source-maps', CLI, ...args], env, logFile, (child) => {
    watch = memoryWatch([{ name: 'CLI', pid: child.pid }]);
    const sample = cpuSampler(child.pid, postmasterPid);
    // The last reading while the CLI (and its database backend) still run: /proc forgets them once they exit.
    timer = setInterval(() => {
      const reading = sample();
      if (reading.api !== null) cpu = reading;
    }, 500);
  });
  clearInterval(timer);
  const seconds = (performance.now() - started) / 1000;
  const [memory] = watch.stop();
  if (run.code !== 0) {
    throw new SetupError(
      `npm run cli -- ${args.join(' ')} failed (${run.signal ?? `code ${run.code}`}):\n${run.output}`,
    );
  }
  return { output: run.output, seconds, peakMB: memory.peak, cpu };
}

/** A fresh `database` holding `councils` synthetic councils and `cases` synthetic cases (and the real register). */
export async function generateData(pg, env, database, { councils, cases }) {
  freshDatabase(pg.adminUrl, database);
  say(`generating ${councils} councils and ${cases} cases in ${database} (log: .data/bench/generate-${database}.log)`);
  const run = await cli(
    env,
    ['generate', '--councils', String(councils), '--cases', String(cases)],
    `generate-${database}.log`,
  );
  const counted = sqlIn(
    pg.adminUrl,
    database,
    "SELECT (SELECT count(*) FROM councils) || '|' || (SELECT count(*) FROM cases) || '|' || pg_database_size(current_database())",
  )
    .split('|')
    .map(Number);
  say(`generated in ${run.seconds.toFixed(1)} s: ${counted[0]} councils, ${counted[1]} cases in the database`);
  return { seconds: run.seconds, councils: counted[0], cases: counted[1], bytes: counted[2] };
}

/** A small seeded generator (mulberry32): the same picks every run. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
