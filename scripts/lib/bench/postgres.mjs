// The bench's PostgreSQL and Redis (private instances under .data/bench), SQL in a named database, and pgbench.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { freePort, psql, startPostgres, startRedis } from '../services.mjs';
import { cpuSampler } from './cpu.mjs';
import { benchDir, onStop, runChild, say, SetupError, which } from './runtime.mjs';

/** pgbench next to the running server's binaries: /usr/lib/postgresql/<major>/bin, pg_ctl's folder, then PATH. */
export function findPgbench(major) {
  const candidates = [`/usr/lib/postgresql/${major}/bin`];
  const pgCtl = which('pg_ctl');
  if (pgCtl) candidates.push(path.dirname(execFileSync('readlink', ['-f', pgCtl], { encoding: 'utf8' }).trim()));
  if (existsSync('/usr/lib/postgresql')) {
    for (const version of readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a))) {
      candidates.push(`/usr/lib/postgresql/${version}/bin`);
    }
  }
  for (const dir of candidates) if (existsSync(path.join(dir, 'pgbench'))) return path.join(dir, 'pgbench');
  const onPath = which('pgbench');
  if (onPath) return onPath;
  throw new SetupError(
    `pgbench was not found next to PostgreSQL ${major}'s binaries (Debian/Ubuntu: it comes with the ` +
      `postgresql-${major} package).`,
  );
}

export function databaseUrl(adminUrl, database) {
  return adminUrl.replace(/\/postgres$/, `/${database}`);
}

function psqlArgs(adminUrl, database, sql) {
  const url = new URL(adminUrl);
  const client = which('psql') ?? path.join(path.dirname(findPgbench(0)), 'psql');
  const args = ['-h', url.hostname, '-p', url.port, '-U', decodeURIComponent(url.username), '-d', database];
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  return { client, args: [...args, '-tAc', sql], env };
}

/** Runs one SQL statement in `database` (services.mjs's psql() always uses "postgres"). */
export function sqlIn(adminUrl, database, sql) {
  const { client, args, env } = psqlArgs(adminUrl, database, sql);
  return execFileSync(client, args, { encoding: 'utf8', env }).trim();
}

export function sqlInAsync(adminUrl, database, sql) {
  const { client, args, env } = psqlArgs(adminUrl, database, sql);
  return new Promise((resolve, reject) =>
    execFile(client, args, { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout) =>
      error ? reject(error) : resolve(stdout.trim()),
    ),
  );
}

export function freshDatabase(adminUrl, database) {
  if (psql(adminUrl, `SELECT 1 FROM pg_database WHERE datname = '${database}'`) === '1') {
    psql(adminUrl, `DROP DATABASE ${database} WITH (FORCE)`);
  }
  psql(adminUrl, `CREATE DATABASE ${database}`);
}

/**
 * Starts (or reuses) the bench's PostgreSQL and Redis under .data/bench on free ports of 127.0.0.1, empties Redis,
 * and describes the server: { adminUrl, major, serverVersion, settings, postmasterPid, redis }.
 */
export async function startBenchServices() {
  mkdirSync(benchDir, { recursive: true });
  const pgStarted = await startPostgres({ dir: path.join(benchDir, 'postgres'), port: await freePort() });
  onStop(pgStarted.stop);
  const redis = await startRedis({ dir: path.join(benchDir, 'redis'), port: await freePort() });
  onStop(redis.stop);
  execFileSync('redis-cli', ['-u', redis.url, 'FLUSHALL'], { stdio: 'ignore' });

  const serverVersion = psql(pgStarted.adminUrl, 'SHOW server_version');
  const dataDirectory = psql(pgStarted.adminUrl, 'SHOW data_directory');
  const settings = psql(
    pgStarted.adminUrl,
    "SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) FROM pg_settings " +
      "WHERE name IN ('shared_buffers', 'synchronous_commit', 'fsync', 'max_connections')",
  );
  let postmasterPid;
  try {
    postmasterPid = Number(readFileSync(path.join(dataDirectory, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    postmasterPid = null; // not readable from here: PostgreSQL's CPU share is then not shown
  }
  const pg = { ...pgStarted, major: Number(serverVersion.split('.')[0]), serverVersion, settings, postmasterPid };
  return { pg, redis };
}

export const PGBENCH_DATABASE = 'lga_bench_pgbench';
export const PGBENCH_SCALE = 8;

/** pgbench's simple-update script on a database of its own in the same cluster: the machine's write limit. */
export async function runPgbench(pg, { seconds, clients }) {
  const bin = findPgbench(pg.major);
  const url = new URL(pg.adminUrl);
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  const connection = ['-h', url.hostname, '-p', url.port, '-U', decodeURIComponent(url.username)];
  const logFile = path.join(benchDir, 'pgbench.log');
  freshDatabase(pg.adminUrl, PGBENCH_DATABASE);

  say(`pgbench: initialising scale ${PGBENCH_SCALE} in database ${PGBENCH_DATABASE} (${bin})`);
  const init = await runChild(
    bin,
    ['-i', '-q', '-s', String(PGBENCH_SCALE), ...connection, PGBENCH_DATABASE],
    env,
    logFile,
  );
  if (init.code !== 0)
    throw new SetupError(`pgbench -i failed (${init.signal ?? `code ${init.code}`}):\n${init.output}`);
  psql(pg.adminUrl, 'CHECKPOINT');

  const threads = Math.min(2, clients);
  const args = ['-b', 'simple-update', '-c', String(clients), '-j', String(threads), '-T', String(seconds)];
  say(`pgbench: ${args.join(' ')} -M prepared`);
  const sample = cpuSampler(null, pg.postmasterPid);
  const run = await runChild(bin, [...args, '-M', 'prepared', ...connection, PGBENCH_DATABASE], env, logFile);
  const cpu = sample();
  if (run.code !== 0) throw new SetupError(`pgbench failed (${run.signal ?? `code ${run.code}`}):\n${run.output}`);
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(run.output);
  if (!tps)
    throw new SetupError(
      `could not find "tps = … (without initial connection time)" in pgbench's output:\n${run.output}`,
    );
  const latency = /latency average = ([\d.]+) ms/.exec(run.output);
  const failed = /number of failed transactions: (\d+)/.exec(run.output);
  return {
    command: `pgbench ${args.join(' ')} -M prepared`,
    tps: Number(tps[1]),
    latencyMs: latency ? Number(latency[1]) : null,
    failed: failed ? Number(failed[1]) : 0,
    cpu,
  };
}
