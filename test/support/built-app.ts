import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { SERVICE_NODE_FLAGS } from '../../scripts/lib/node-flags.mjs';
import { eventually } from './test-worker.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const running = new Set<BuiltProcess>();

// Nothing started here outlives the test process, even when Jest stops it in the middle of a test.
process.once('exit', () => {
  for (const started of running) started.child.kill('SIGKILL');
});

/**
 * The built API or worker (`dist/apps/<app>/src/main.js`, which `npm test` compiles first) as a child process
 * with the node flags of production and an environment of the test's own; its output is kept for failure messages.
 */
export class BuiltProcess {
  readonly child: ChildProcess;
  output = '';
  private readonly exited: Promise<void>;

  constructor(
    readonly app: 'api' | 'worker',
    env: NodeJS.ProcessEnv,
  ) {
    this.child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, path.join(root, `dist/apps/${app}/src/main.js`)], {
      cwd: root,
      env: { ...env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (chunk) => (this.output += chunk));
    this.child.stderr!.on('data', (chunk) => (this.output += chunk));
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    running.add(this);
    void this.exited.then(() => running.delete(this));
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Polls `check` until it returns a value; fails with the process's output if it exits or time runs out. */
  async until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
    try {
      return await eventually(async () => {
        if (!this.running) throw new Error(`the ${this.app} exited`);
        return check();
      }, timeoutMs);
    } catch (error) {
      const output = `--- ${this.app} output ---\n${this.output.slice(-4000)}`;
      throw new Error(`${what}: ${(error as Error).message}\n${output}`, { cause: error });
    }
  }

  /** Sends `signal` (SIGKILL: no shutdown hook runs) and waits until the process has gone: at most 15 s for SIGTERM. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (!this.running) return;
    this.child.kill(signal);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Starts the built API and waits until it answers HTTP on `env.PORT`. */
export async function startBuiltApi(env: NodeJS.ProcessEnv): Promise<BuiltProcess> {
  const api = new BuiltProcess('api', env);
  await api.until('the API did not start', async () => {
    const response = await fetch(`http://127.0.0.1:${env.PORT}/api/v1/health`).catch(() => undefined);
    return response ? true : undefined;
  });
  return api;
}

/** Starts the built worker and waits until it says it is ready (it has reached Redis and runs its queues). */
export async function startBuiltWorker(env: NodeJS.ProcessEnv): Promise<BuiltProcess> {
  const worker = new BuiltProcess('worker', env);
  await worker.until('the worker did not start', async () =>
    worker.output.includes('worker ready') ? true : undefined,
  );
  return worker;
}
