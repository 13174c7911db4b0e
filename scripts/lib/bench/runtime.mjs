// What every bench script shares: its data folder, messages, and the processes it starts, which it stops on exit,
// on Ctrl-C / SIGTERM and when npm goes away.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from '../project.mjs';
import { stopChild } from '../children.mjs';
import { SetupError } from '../services.mjs';

export { SetupError, stopChild };

/** Everything the benches keep: the PostgreSQL cluster, Redis, logs, generated files (git-ignored). */
export const benchDir = path.join(root, '.data', 'bench');

const stops = [];
const children = new Set();
let stopping = false;
let running = true; // false once a signal asks the load to stop

export const isRunning = () => running;
export const isStopping = () => stopping;

export function say(message) {
  process.stdout.write(`[bench] ${message}\n`);
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function tail(file, lines = 30) {
  return existsSync(file) ? readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n') : '';
}

export function which(command) {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** Runs `stop` (last registered, first run) when the bench ends, however it ends. */
export function onStop(stop) {
  stops.push(stop);
}

/** Remembers a child process so that shutdown() stops it; forgets it when it exits. */
export function track(child) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export async function shutdown(code) {
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

/** Ctrl-C, SIGTERM, and npm going away all stop everything the bench started. */
export function stopOnSignals() {
  process.on('SIGINT', () => void shutdown(130));
  process.on('SIGTERM', () => void shutdown(143));
  // npm does not always pass SIGTERM on to its script: when npm itself is gone, stop too.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && void shutdown(143), 500).unref();
}

/** Runs main() and exits with its code, or prints the failure and exits 1, after stopping everything. */
export function runMain(main) {
  main()
    .then((code) => shutdown(code))
    .catch(async (error) => {
      process.stderr.write(`\n${error instanceof SetupError ? error.message : (error.stack ?? error)}\n`);
      await shutdown(1);
    });
}

/**
 * Runs a command to completion without blocking signal handling; stops it with the rest on Ctrl-C. `onStart` gets
 * the child process as soon as it is spawned (to watch its memory, say).
 */
export function runChild(command, args, env, logFile, onStart) {
  return new Promise((resolve, reject) => {
    const child = track(spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] }));
    onStart?.(child);
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
      log.end();
      resolve({ code, signal, output, pid: child.pid });
    });
  });
}

/** Parses `--name N` / `--name=N` options and flags; `spec` maps each name to { min, max } or 'flag'. */
export function parseOptions(argv, spec, defaults, usage) {
  const result = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    const name = match?.[1];
    const rule = name ? spec[name] : undefined;
    if (!rule) usage(`unknown argument: ${argv[i]}`);
    const key = name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
    if (rule === 'flag') {
      result[key] = true;
      continue;
    }
    const value = match[2] ?? argv[++i];
    if (rule.values) {
      const items = String(value ?? '').split(',');
      if (value === undefined || items.some((item) => !rule.values.includes(item))) {
        usage(`--${name} takes a comma-separated list of ${rule.values.join(', ')} (got ${value ?? 'nothing'})`);
      }
      result[key] = items;
      continue;
    }
    const number = Number(value);
    if (value === undefined || !Number.isInteger(number) || number < rule.min || number > rule.max) {
      usage(`--${name} needs a whole number from ${rule.min} to ${rule.max} (got ${value ?? 'nothing'})`);
    }
    result[key] = number;
  }
  return result;
}
