// `npm run bench:events`: how many case events per second the API accepts over HTTP (HTTP → validation → auth →
// workflow → PostgreSQL), next to what the same PostgreSQL instance does with pgbench's simple-update script.
// It installs what is missing, builds, starts a private PostgreSQL and Redis under .data/bench on free ports with a
// fresh database, runs the compiled API (not the worker), drives N clients (one case each) for a fixed time, then
// the same load against the floor server (scripts/lib/bench/event-floor.mjs: the event's writes alone, no framework),
// then runs pgbench on a separate database of the same cluster, prints a summary and stops everything it started.
// Options: --seconds N (measured time, default 20), --clients N (default 8), --warmup N (default 2), --profile (a
// V8 CPU profile of the API over the measured time, summarised by package and function; a little slower).
// Exits 0 when every event was accepted by both (whatever the ratio: it is a measurement), non-zero when an event failed or
// something could not start. The section itself is scripts/lib/bench/events.mjs; `npm run bench` runs it too.
import { build, onPinnedNode } from './lib/project.mjs';
import { EVENTS_DEFAULTS, EVENTS_OPTIONS, eventsReport, eventsSection, machineLines } from './lib/bench/events.mjs';
import { startBenchServices } from './lib/bench/postgres.mjs';
import { parseOptions, runMain, SetupError, stopOnSignals } from './lib/bench/runtime.mjs';

function usage(message) {
  throw new SetupError(
    `${message}\nusage: npm run bench:events -- [--seconds N] [--clients N] [--warmup N] [--profile]` +
      '\n  --seconds N  measured time in seconds (default 20)' +
      '\n  --clients N  concurrent HTTP clients, one case each; also pgbench -c (default 8, at most 150)' +
      '\n  --warmup N   seconds of warm-up before measuring (default 2)' +
      '\n  --profile    CPU-profile the API during the measured time and print where its time goes',
  );
}

async function main() {
  const opts = parseOptions(process.argv.slice(2), EVENTS_OPTIONS, EVENTS_DEFAULTS, usage);
  await onPinnedNode();
  stopOnSignals();
  build();
  const services = await startBenchServices();
  const result = await eventsSection(services, opts);
  if (!result) return 1;
  const lines = [
    '',
    '== bench:events ==================================================================',
    ...machineLines(services.pg),
    '',
    ...eventsReport(result, opts),
    '==================================================================================',
    '',
  ];
  process.stdout.write(lines.join('\n'));
  return result.failed ? 1 : 0;
}

runMain(main);
