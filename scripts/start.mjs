// `npm start`: installs what is missing, moves onto the pinned Node 24 (node_modules/.bin/node), builds, starts
// PostgreSQL and Redis when DATABASE_URL / REDIS_URL are unset, then runs the API and the worker (on that Node)
// until Ctrl-C / SIGTERM, which stops everything it started.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { build, onPinnedNode, root, step } from './lib/project.mjs';
import { stopChild } from './lib/children.mjs';
import { developmentDefaults } from './lib/development.mjs';
import { SERVICE_NODE_FLAGS } from './lib/node-flags.mjs';
import { SetupError, startPostgres, startRedis, systemPostgres } from './lib/services.mjs';

const stops = [];
const children = new Set();
let stopping = false;
// The service being started: a signal that comes meanwhile waits for it, so that it is stopped too.
let starting = Promise.resolve();

async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  step('stopping');
  await starting.catch(() => undefined);
  await Promise.all([...children].map((child) => stopChild(child)));
  for (const stop of stops.reverse()) await stop();
  process.exit(code);
}

function run(name, script, env, args = []) {
  const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, path.join(root, script), ...args], {
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

/** Without SMTP_URL, and where the development defaults apply, mail goes to a local inbox (MailDev) to read it. */
function startInbox(env, dataDir) {
  const smtpPort = Number(env.MAIL_SMTP_PORT ?? 1025);
  const webPort = Number(env.MAIL_WEB_PORT ?? 1080);
  const args = ['--smtp', String(smtpPort), '--ip', '127.0.0.1', '--web', String(webPort), '--web-ip', '127.0.0.1'];
  args.push('--mail-directory', path.join(dataDir, 'mail'), '--silent');
  run('inbox', 'node_modules/maildev/dist/bin/maildev.js', env, args);
  env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
  step(`development inbox: mail goes to ${env.SMTP_URL}; read it at http://localhost:${webPort}/index.html`);
}

async function main() {
  await onPinnedNode();
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  // npm does not always pass SIGTERM on to its script: when npm itself is gone, stop too.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && void shutdown(0), 500).unref();
  build();
  const env = { ...process.env };
  const dataDir = path.resolve(root, env.LGA_DATA_DIR ?? '.data');
  if (!env.DATABASE_URL) {
    starting = startPostgres(systemPostgres(dataDir, env));
    const pg = await starting;
    stops.push(pg.stop);
    env.DATABASE_URL = pg.url;
  }
  if (stopping) return;
  if (!env.REDIS_URL) {
    starting = startRedis({ dir: path.join(dataDir, 'redis'), port: Number(env.REDIS_PORT ?? 63790) });
    const redis = await starting;
    stops.push(redis.stop);
    env.REDIS_URL = redis.url;
  }
  if (stopping) return;
  if (!env.SMTP_URL && developmentDefaults(env)) startInbox(env, dataDir);
  else if (!env.SMTP_URL) step('no SMTP_URL and no development inbox here: emails are not sent until SMTP_URL is set');
  env.LGA_DATA_DIR = dataDir;
  run('api', 'dist/apps/api/src/main.js', env);
  run('worker', 'dist/apps/worker/src/main.js', env);
}

main().catch(async (error) => {
  process.stderr.write(`\n${error instanceof SetupError ? error.message : (error.stack ?? error)}\n`);
  await shutdown(1);
});
