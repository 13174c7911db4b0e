import { NestFactory } from '@nestjs/core';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { DEV_ADMIN_EMAIL, DEV_ADMIN_PASSWORD, JobHandlerRegistry, JobName, RedisClient } from '#libs/platform';
import { WorkerModule } from '../apps/worker/src/worker.module.js';
import { SERVICE_NODE_FLAGS } from '../scripts/lib/node-flags.mjs';
import { startBuiltApi } from './support/built-app.js';
import { createTestDatabase, testServices, uniqueName, useTestEnvironment } from './support/environment.js';
import { freePortSync } from './support/ports.js';

const root = path.resolve(import.meta.dirname, '..');
const pinnedVersion = JSON.parse(readFileSync(path.join(root, 'node_modules/node/package.json'), 'utf8')).version;

/** The node a fresh checkout's `npm start` begins on: the first on PATH outside node_modules/.bin (the system's). */
function systemNode(): string {
  const bin = path.join(root, 'node_modules', '.bin');
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && path.resolve(dir) !== bin && existsSync(path.join(dir, 'node'))) return path.join(dir, 'node');
  }
  return process.execPath;
}

describe('the pinned Node', () => {
  it('is Node 24, pinned exactly in package.json, and runs the tests', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(manifest.devDependencies.node).toBe(pinnedVersion);
    expect(pinnedVersion).toMatch(/^24\./);
    expect(manifest.engines.node).toBe('>=24');
    expect(process.version).toBe(`v${pinnedVersion}`);
  });

  it('runs the first install too, from an older system node: npm ci under npx with the pinned node first', () => {
    const script = `import('${path.join(root, 'scripts/lib/project.mjs')}').then((m) => console.log(JSON.stringify(m.npmCi())))`;
    const system = spawnSync(systemNode(), ['-e', script], { encoding: 'utf8' });
    const version = spawnSync(systemNode(), ['--version'], { encoding: 'utf8' }).stdout.trim();
    const expected = /^v2[0-3]\./.test(version)
      ? ['npx', ['--yes', `--package=node@${pinnedVersion}`, '--', 'npm', 'ci', '--no-audit', '--no-fund']]
      : ['npm', ['ci', '--no-audit', '--no-fund']];
    expect(JSON.parse(system.stdout)).toEqual(expected);
    expect(readFileSync(path.join(root, '.ci/run'), 'utf8')).toContain(
      `npx --yes --package="node@$(node -p "require('./package.json').devDependencies.node")" -- npm ci`,
    );
  });
});

describe('the worker', () => {
  it('boots with no HTTP server, reaches Redis and registers its handlers', async () => {
    const database = await createTestDatabase();
    useTestEnvironment(database);
    const worker = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    try {
      expect(worker.get(RedisClient).connection.status).toBe('ready');
      expect(worker.get(JobHandlerRegistry).discover().size).toBe(Object.keys(JobName).length);
    } finally {
      await worker.close();
      await database.drop();
    }
  });

  it('runs with the node flags of npm start, the bench and the tests in the image too', () => {
    // The API runs the Dockerfile's CMD; docker-compose.yml gives the worker its own command.
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(path.join(root, 'Dockerfile'), 'utf8'))?.[1] ?? '[]';
    expect(JSON.parse(cmd)).toEqual(['node', ...SERVICE_NODE_FLAGS, 'dist/apps/api/src/main.js']);
    const compose = readFileSync(path.join(root, 'docker-compose.yml'), 'utf8');
    const worker = /^ {4}command:\n((?: {6}- .*\n)+)/m.exec(compose)?.[1] ?? '';
    expect(
      worker
        .split('\n')
        .filter(Boolean)
        .map((line) => line.replace(/^ {6}- /, '')),
    ).toEqual(['node', ...SERVICE_NODE_FLAGS, 'dist/apps/worker/src/main.js']);
  });

  it('refuses to start with a message naming every bad variable', () => {
    const result = spawnSync(process.execPath, [path.join(root, 'dist/apps/worker/src/main.js')], {
      env: { PATH: process.env.PATH, PORT: 'eighty' },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Configuration is invalid:/);
    for (const variable of ['PORT', 'DATABASE_URL', 'REDIS_URL']) {
      expect(result.stderr).toMatch(new RegExp(`^  - ${variable}: `, 'm'));
    }
  });
});

describe('the API where the development defaults do not apply (NODE_ENV unset, listening on 0.0.0.0)', () => {
  const exposed = (databaseUrl: string, port: number): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOST: '0.0.0.0',
    PORT: String(port),
    DATABASE_URL: databaseUrl,
    REDIS_URL: testServices().redisUrl,
    QUEUE_PREFIX: uniqueName('test'),
  });

  it('refuses to start without secrets, naming AUTH_SECRET and ADMIN_PASSWORD in one message', async () => {
    const database = await createTestDatabase();
    try {
      const result = spawnSync(
        process.execPath,
        [...SERVICE_NODE_FLAGS, path.join(root, 'dist/apps/api/src/main.js')],
        {
          env: exposed(database.url, freePortSync()),
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      expect([result.status, result.stderr]).toEqual([1, expect.stringMatching(/^Configuration is invalid:\n/)]);
      expect(result.stderr).toMatch(/^ {2}- AUTH_SECRET: must be set/m);
      expect(result.stderr).toMatch(/^ {2}- ADMIN_PASSWORD: must be set .* to create the first admin/m);
      expect(result.stderr).toContain('here NODE_ENV is unset and HOST 0.0.0.0');
    } finally {
      await database.drop();
    }
  });

  it('creates the first admin from ADMIN_PASSWORD once, who replaces it, then starts without it; cookies Secure', async () => {
    const database = await createTestDatabase();
    const port = freePortSync();
    const admin = {
      email: 'lead@example.org',
      password: 'a long and unguessable admin phrase',
      ownPassword: 'seven purple kites over morecambe',
    };
    const env = { ...exposed(database.url, port), AUTH_SECRET: randomBytes(32).toString('base64url') };
    const signIn = (password: string) =>
      fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: admin.email, password }),
      });
    try {
      const first = await startBuiltApi({ ...env, ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password });
      try {
        const signedIn = await signIn(admin.password);
        expect(signedIn.status).toBe(200);
        expect((await signIn(DEV_ADMIN_PASSWORD)).status).toBe(401);
        // A password from the environment is replaced at the first sign-in, before anything else.
        const bearer = { Authorization: `Bearer ${((await signedIn.json()) as { accessToken: string }).accessToken}` };
        const councils = await fetch(`http://127.0.0.1:${port}/api/v1/councils`, { headers: bearer });
        expect(councils.status).toBe(403);
        expect(((await councils.json()) as { message: string }).message).toMatch(/^Choose a new password first/);
        const changed = await fetch(`http://127.0.0.1:${port}/api/v1/auth/password`, {
          method: 'POST',
          headers: { ...bearer, 'Content-Type': 'application/json' },
          body: JSON.stringify({ currentPassword: admin.password, newPassword: admin.ownPassword }),
        });
        expect(changed.status).toBe(200);
        const form = await fetch(`http://127.0.0.1:${port}/login`);
        expect(form.headers.getSetCookie()).toEqual([expect.stringMatching(/; Secure/)]);
      } finally {
        await first.stop();
      }
      const again = await startBuiltApi(env);
      try {
        expect((await signIn(admin.password)).status).toBe(401);
        expect((await signIn(admin.ownPassword)).status).toBe(200);
      } finally {
        await again.stop();
      }
    } finally {
      await database.drop();
    }
  }, 120_000);
});

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function adminToken(port: number): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: DEV_ADMIN_EMAIL, password: DEV_ADMIN_PASSWORD }),
  });
  return ((await response.json()) as { accessToken: string }).accessToken;
}

async function councilsTotal(port: number, query = ''): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/api/v1/councils${query}`, {
    headers: { Authorization: `Bearer ${await adminToken(port)}` },
  });
  return ((await response.json()) as { total: number }).total;
}

async function waitForHealth(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`npm start exited early:\n${output()}`);
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/health`).catch(() => null);
    if (response?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the API did not become healthy:\n${output()}`);
}

describe('npm start', () => {
  const dataDir = path.join(root, '.data', 'test', uniqueName('start'));
  const ports = {
    PORT: `${freePortSync()}`,
    PG_PORT: `${freePortSync()}`,
    REDIS_PORT: `${freePortSync()}`,
    MAIL_SMTP_PORT: `${freePortSync()}`,
    MAIL_WEB_PORT: `${freePortSync()}`,
  };
  afterAll(() => {
    // Where the postgres user cannot reach the checkout, the cluster lives elsewhere (scripts/lib/services.mjs).
    const elsewhere = path.join(dataDir, 'postgres', 'cluster-home');
    if (existsSync(elsewhere)) rmSync(readFileSync(elsewhere, 'utf8').trim(), { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function startAndStop(check: (port: number) => Promise<void>): Promise<string> {
    // No NODE_ENV, no secrets: on loopback (HOST unset) the development defaults apply.
    const env = { ...process.env, LGA_DATA_DIR: dataDir, ...ports } as NodeJS.ProcessEnv;
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'QUEUE_PREFIX', 'NODE_OPTIONS', 'NODE_ENV', 'HOST']) {
      delete env[name];
    }
    // Started as a fresh checkout's `npm start` is, on the system's node: it moves onto the pinned one.
    const child = spawn(systemNode(), [path.join(root, 'scripts/start.mjs')], { cwd: root, env });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      await waitForHealth(Number(ports.PORT), child, () => output);
      await check(Number(ports.PORT));
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    for (const port of Object.values(ports)) expect(await listening(Number(port))).toBe(false);
    return output;
  }

  it('runs PostgreSQL, Redis, the API and the worker, and SIGTERM stops them all; a second start reuses the data', async () => {
    const first = await startAndStop(async (port) => {
      expect(await councilsTotal(port, '?region=London')).toBe(33);
      // Without SMTP_URL the development inbox runs, and says where to read the mail.
      expect((await fetch(`http://127.0.0.1:${ports.MAIL_WEB_PORT}/index.html`)).status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${ports.MAIL_WEB_PORT}/api/email`)).status).toBe(200);
    });
    expect(first).toContain(`development inbox: mail goes to smtp://127.0.0.1:${ports.MAIL_SMTP_PORT}`);
    expect(first).toContain('creating a PostgreSQL cluster');
    expect(first).toContain('loaded the council register: 365 councils');
    // The API and the worker run on the pinned Node 24 whichever node ran the script.
    expect(first).toMatch(new RegExp(`API listening on 127\\.0\\.0\\.1:${ports.PORT} on Node v${pinnedVersion};`));
    expect(first).toContain(`worker ready on Node v${pinnedVersion}`);
    if (systemNode() !== process.execPath) expect(first).toContain(`running on Node v${pinnedVersion}`);

    const second = await startAndStop(async (port) => {
      expect(await councilsTotal(port)).toBe(365);
    });
    expect(second).not.toContain('creating a PostgreSQL cluster');
    expect(second).not.toContain('loaded the council register');
  }, 300_000);

  // Found by a fresh-clone run: the README's `npm run cli -- demo-data` after `npm start` asked for DATABASE_URL.
  it('npm run cli works on the same PostgreSQL without DATABASE_URL, starting it for the command when it is down', () => {
    const env = { ...process.env, NODE_ENV: 'development', LGA_DATA_DIR: dataDir, ...ports } as NodeJS.ProcessEnv;
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'QUEUE_PREFIX', 'NODE_OPTIONS']) delete env[name];
    const result = spawnSync(process.execPath, [path.join(root, 'scripts/cli.mjs'), 'verify-cases'], {
      cwd: root,
      env,
      encoding: 'utf8',
    });
    expect([result.status, result.stderr]).toEqual([0, expect.any(String)]);
    expect(result.stdout).toContain(`starting PostgreSQL on 127.0.0.1:${ports.PG_PORT}`);
    expect(result.stdout).toContain('stopping PostgreSQL');
    expect(result.stdout).not.toContain('creating a PostgreSQL cluster'); // npm start's, above
  }, 120_000);

  // Found by a fresh-clone run: a SIGTERM while Redis was coming up stopped PostgreSQL but left Redis running.
  it('stops what it had started when SIGTERM comes while Redis is starting', async () => {
    const env = { ...process.env, NODE_ENV: 'development', LGA_DATA_DIR: dataDir, ...ports } as NodeJS.ProcessEnv;
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'SMTP_URL', 'QUEUE_PREFIX', 'NODE_OPTIONS']) delete env[name];
    const child = spawn(process.execPath, [path.join(root, 'scripts/start.mjs')], { cwd: root, env });
    let output = '';
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const onOutput = (chunk: Buffer) => {
      output += chunk;
      if (output.includes('starting Redis')) child.kill('SIGTERM');
    };
    child.stdout?.on('data', onOutput);
    child.stderr?.on('data', onOutput);
    expect(await exited).toBe(0);
    expect(output).toContain('stopping Redis');
    expect(output).not.toContain('development inbox');
    for (const port of [ports.PG_PORT, ports.REDIS_PORT, ports.PORT]) expect(await listening(Number(port))).toBe(false);
  }, 120_000);
});
