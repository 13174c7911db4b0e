// Private PostgreSQL and Redis instances for development and tests.
// Plain Node with no dependencies: it runs before `npm ci` has installed anything.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const isRoot = process.getuid?.() === 0;

export class SetupError extends Error {}

function log(message) {
  process.stdout.write(`[services] ${message}\n`);
}

function which(command) {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

let aptUpdated = false;
function aptInstall(
  packages,
  why,
  otherwise = 'or point the system at an existing server with DATABASE_URL / REDIS_URL.',
) {
  const allowed = isRoot && which('apt-get') && process.env.LGA_NO_INSTALL !== '1';
  if (!allowed) {
    throw new SetupError(
      `${why} is not installed. Install it (Debian/Ubuntu: sudo apt-get install -y ${packages.join(' ')}), ` +
        otherwise,
    );
  }
  log(`installing ${packages.join(' ')} with apt-get (${why} was not found)`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    execFileSync('apt-get', ['update'], { stdio: 'ignore', env });
    aptUpdated = true;
  }
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { stdio: 'ignore', env });
}

function postgresBinDir() {
  const candidates = [];
  const onPath = which('pg_ctl');
  if (onPath) candidates.push(path.dirname(execFileSync('readlink', ['-f', onPath], { encoding: 'utf8' }).trim()));
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql')
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(`/usr/lib/postgresql/${v}/bin`);
  }
  for (const dir of candidates) {
    const postgres = path.join(dir, 'postgres');
    if (!existsSync(postgres) || !existsSync(path.join(dir, 'initdb'))) continue;
    const version = execFileSync(postgres, ['--version'], { encoding: 'utf8' });
    const major = Number(/(\d+)\.\d+/.exec(version)?.[1] ?? 0);
    if (major >= 14) return dir;
  }
  return null;
}

function findPostgres() {
  let dir = postgresBinDir();
  if (!dir) {
    aptInstall(['postgresql'], 'PostgreSQL (14 or later)');
    dir = postgresBinDir();
  }
  if (!dir) throw new SetupError('PostgreSQL 14 or later was not found after installing it.');
  return dir;
}

function findRedis() {
  let bin = which('redis-server');
  if (!bin) {
    aptInstall(['redis-server'], 'Redis (redis-server)');
    bin = which('redis-server');
  }
  if (!bin) throw new SetupError('redis-server was not found after installing it.');
  return bin;
}

/**
 * Debian's Chromium for the browser tests (driven by playwright-core; never a downloaded browser): the path of
 * /usr/bin/chromium, installed with apt-get like the other services when it is missing.
 */
export function findChromium() {
  const known = '/usr/bin/chromium';
  if (!existsSync(known)) aptInstall(['chromium'], 'Chromium (for the browser tests)', 'then run the tests again.');
  if (!existsSync(known)) throw new SetupError(`Chromium was not found at ${known} after installing it.`);
  return known;
}

/**
 * Debian's LibreOffice (headless, no GUI) and poppler's pdftotext for the board report's tests, which convert the
 * Word document to PDF and read its text: their paths, installed with apt-get like Chromium when missing.
 */
export function findDocumentTools() {
  const soffice = '/usr/bin/soffice';
  const pdftotext = '/usr/bin/pdftotext';
  if (!existsSync(soffice) || !existsSync(pdftotext)) {
    aptInstall(
      ['libreoffice-writer-nogui', 'poppler-utils'],
      'LibreOffice and pdftotext (for the board report tests)',
      'then run the tests again.',
    );
  }
  for (const tool of [soffice, pdftotext]) {
    if (!existsSync(tool)) throw new SetupError(`${tool} was not found after installing it.`);
  }
  return { soffice, pdftotext };
}

// initdb and postgres refuse to run as root: run them as the `postgres` system user.
function postgresUser() {
  if (!isRoot) return null;
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0)
    execFileSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres']);
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

function runAsPostgres(owner, command, args, options = {}) {
  if (!owner) return execFileSync(command, args, { encoding: 'utf8', ...options });
  return execFileSync('runuser', ['-u', 'postgres', '--', command, ...args], {
    encoding: 'utf8',
    cwd: '/',
    ...options,
  });
}

/**
 * The folder the cluster lives in: `dir` itself, or, when running as root and the `postgres` user cannot reach
 * `dir` (a checkout under a private folder such as one made by mktemp), a folder of its own under
 * /var/lib/lga-peer-challenge whose path is written to `dir`/cluster-home.
 */
function clusterHome(dir, owner) {
  mkdirSync(dir, { recursive: true });
  if (!owner) return dir;
  chownSync(dir, owner.uid, owner.gid);
  if (spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-w', dir], { cwd: '/' }).status === 0) return dir;
  const id = createHash('sha256').update(path.resolve(dir)).digest('hex').slice(0, 16);
  const home = path.join('/var/lib/lga-peer-challenge', id);
  mkdirSync(home, { recursive: true });
  chownSync(home, owner.uid, owner.gid);
  writeFileSync(path.join(dir, 'cluster-home'), home);
  return home;
}

export function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The private PostgreSQL that `npm start` runs (and `npm run cli` uses), under `dataDir`, on PG_PORT. */
export function systemPostgres(dataDir, env) {
  return { dir: path.join(dataDir, 'postgres'), port: Number(env.PG_PORT ?? 54329), database: 'lga_peer_challenge' };
}

/**
 * Starts (or reuses) a private PostgreSQL cluster in `dir`, listening on 127.0.0.1:`port` only.
 * Returns { url, adminUrl, reused (it was running already), stop }.
 */
export async function startPostgres({ dir, port, database, durable = true }) {
  const bin = findPostgres();
  const owner = postgresUser();
  const home = clusterHome(dir, owner);
  const dataDir = path.join(home, 'data');
  const passwordFile = path.join(dir, 'password');

  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    rmSync(dataDir, { recursive: true, force: true });
    const password = randomBytes(18).toString('base64url');
    const pwfile = path.join(home, 'initdb-password');
    writeFileSync(pwfile, password, { mode: 0o600 });
    if (owner) chownSync(pwfile, owner.uid, owner.gid);
    log(`creating a PostgreSQL cluster in ${dataDir}`);
    try {
      runAsPostgres(owner, path.join(bin, 'initdb'), [
        '-D',
        dataDir,
        '-U',
        'lga',
        `--pwfile=${pwfile}`,
        '--auth=scram-sha-256',
        '-E',
        'UTF8',
        '--locale=C.UTF-8',
      ]);
    } finally {
      rmSync(pwfile, { force: true });
    }
    writeFileSync(passwordFile, password, { mode: 0o600 });
  }
  const password = readFileSync(passwordFile, 'utf8').trim();
  const pgCtl = path.join(bin, 'pg_ctl');
  const stopServer = () =>
    spawnSync(
      owner ? 'runuser' : pgCtl,
      [...(owner ? ['-u', 'postgres', '--', pgCtl] : []), 'stop', '-D', dataDir, '-m', 'fast', '-w'],
      { cwd: '/', stdio: 'ignore' },
    );
  const status = spawnSync(
    owner ? 'runuser' : pgCtl,
    owner ? ['-u', 'postgres', '--', pgCtl, 'status', '-D', dataDir] : ['status', '-D', dataDir],
    { cwd: '/' },
  );
  const reused = status.status === 0;
  if (reused) {
    // postmaster.pid's fourth line is the port the running server listens on.
    port = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[3]);
    log(`reusing the PostgreSQL server already running from ${dataDir} on port ${port}`);
  } else {
    if (!(await portIsFree(port))) {
      throw new SetupError(`port ${port} is taken by another program: set PG_PORT to a free port, or DATABASE_URL.`);
    }
    const options = [
      `-p ${port}`,
      '-c listen_addresses=127.0.0.1',
      "-c unix_socket_directories=''",
      '-c max_connections=200',
      '-c shared_buffers=256MB',
      // The tests' throwaway cluster skips fsync (a crash of the process still loses nothing: the operating system
      // holds what was written); everything that keeps data (npm start, the CLI, the bench) syncs to disk.
      `-c fsync=${durable ? 'on' : 'off'}`,
    ].join(' ');
    log(`starting PostgreSQL on 127.0.0.1:${port}`);
    const logFile = path.join(home, 'postgres.log');
    try {
      runAsPostgres(owner, pgCtl, ['start', '-D', dataDir, '-l', logFile, '-w', '-t', '60', '-o', options]);
    } catch {
      // Ctrl-C reaches the waiting pg_ctl but not the server it started in a session of its own: stop that too.
      stopServer();
      const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : '';
      throw new SetupError(`PostgreSQL did not start; the end of ${logFile}:\n${tail}`);
    }
  }
  const admin = `postgres://lga:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const adminUrl = `${admin}/postgres`;
  if (database && psql(adminUrl, `SELECT 1 FROM pg_database WHERE datname = '${database}'`) !== '1') {
    psql(adminUrl, `CREATE DATABASE "${database}"`);
  }
  return {
    url: `${admin}/${database}`,
    adminUrl,
    reused,
    stop() {
      log('stopping PostgreSQL');
      stopServer();
    },
  };
}

/** Runs one SQL statement as the cluster's owner and returns its output (tuples only). */
export function psql(adminUrl, sql) {
  const url = new URL(adminUrl);
  const client = which('psql') ?? path.join(findPostgres(), 'psql');
  const args = [
    '-h',
    url.hostname,
    '-p',
    url.port,
    '-U',
    decodeURIComponent(url.username),
    '-d',
    'postgres',
    '-tAc',
    sql,
  ];
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  return execFileSync(client, args, { encoding: 'utf8', env }).trim();
}

function redisPing(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.setTimeout(1000);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitFor(check, what, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new SetupError(`${what} did not come up within ${timeoutMs / 1000} s`);
}

/**
 * Starts (or reuses) a private Redis in `dir` on 127.0.0.1:`port`, with append-only persistence and
 * `maxmemory-policy noeviction` (BullMQ must never lose a job to eviction). Returns { url, stop }.
 */
export async function startRedis({ dir, port }) {
  const bin = findRedis();
  mkdirSync(dir, { recursive: true });
  const pidFile = path.join(dir, 'redis.pid');
  const portFile = path.join(dir, 'redis.port');
  const pid = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : 0;
  const runningPort = existsSync(portFile) ? Number(readFileSync(portFile, 'utf8')) : 0;
  if (pid && alive(pid) && runningPort && (await redisPing(runningPort))) {
    port = runningPort;
    log(`reusing the Redis server already running on port ${port}`);
  } else {
    if (!(await portIsFree(port))) {
      throw new SetupError(`port ${port} is taken by another program: set REDIS_PORT to a free port, or REDIS_URL.`);
    }
    log(`starting Redis on 127.0.0.1:${port}`);
    execFileSync(bin, [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--daemonize',
      'yes',
      '--pidfile',
      pidFile,
      '--logfile',
      path.join(dir, 'redis.log'),
      '--appendonly',
      'yes',
      '--appendfsync',
      'everysec',
      '--save',
      '',
      '--maxmemory-policy',
      'noeviction',
    ]);
    await waitFor(() => redisPing(port), 'Redis');
    writeFileSync(portFile, String(port));
  }
  chmodSync(dir, 0o700);
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      log('stopping Redis');
      const running = existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8')) : 0;
      if (running && alive(running)) {
        process.kill(running, 'SIGTERM');
        await waitFor(async () => !alive(running), 'Redis shutdown', 10000).catch(() =>
          process.kill(running, 'SIGKILL'),
        );
      }
    },
  };
}
