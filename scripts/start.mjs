// `npm start`: installs what is missing, builds, starts PostgreSQL and Redis when DATABASE_URL / REDIS_URL
// are unset, then runs the API and the worker until Ctrl-C / SIGTERM, which stops everything it started.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { build, ensureDependencies, root, step } from './lib/project.mjs';
import { SetupError, startPostgres, startRedis } from './lib/services.mjs';

const stops = [];
const children = new Set();
let stopping = false;

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  step('stopping');
  await Promise.all([...children].map((child) => stopChild(child)));
  for (const stop of stops.reverse()) await stop();
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

function run(name, script, env) {
  const child = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist', script)], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  children.add(child);
  child.once('exit', (code, signal) => {
    children.delete(child);
    if (!stopping) {
      step(`${name} exited (${signal ?? `code ${code}`}); stopping the system`);
      void shutdown(code || 1);
    }
  });
}

async function main() {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  // npm does not always pass SIGTERM on to its script: when npm itself is gone, stop too.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && void shutdown(0), 500).unref();
  ensureDependencies();
  build();
  const env = { ...process.env };
  const dataDir = path.resolve(root, env.LGA_DATA_DIR ?? '.data');
  if (!env.DATABASE_URL) {
    const pg = await startPostgres({
      dir: path.join(dataDir, 'postgres'),
      port: Number(env.PG_PORT ?? 54329),
      database: 'lga_peer_challenge',
    });
    stops.push(pg.stop);
    env.DATABASE_URL = pg.url;
  }
  if (!env.REDIS_URL) {
    const redis = await startRedis({ dir: path.join(dataDir, 'redis'), port: Number(env.REDIS_PORT ?? 63790) });
    stops.push(redis.stop);
    env.REDIS_URL = redis.url;
  }
  env.LGA_DATA_DIR = dataDir;
  run('api', 'apps/api/src/main.js', env);
  run('worker', 'apps/worker/src/main.js', env);
}

main().catch(async (error) => {
  process.stderr.write(`\n${error instanceof SetupError ? error.message : (error.stack ?? error)}\n`);
  await shutdown(1);
});
