// Installing dependencies and building: what `npm start` and `npm test` do before anything else.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SetupError } from './services.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function step(message) {
  process.stdout.write(`[setup] ${message}\n`);
}

/**
 * Installs exactly the locked dependencies (`npm ci`) when node_modules is missing or older than package.json or the
 * lockfile. The lockfile holds every platform's optional native packages, so npm ci accepts it on any machine and
 * never writes it (test/lockfile.test.ts checks both); an install that changed it all the same is an error, since a
 * fresh clone must install what was committed and stay clean (`.ci/run` checks `git status` after the tests).
 */
export function ensureDependencies() {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  const sources = [lock, path.join(root, 'package.json')];
  if (existsSync(installed) && sources.every((file) => statSync(installed).mtimeMs >= statSync(file).mtimeMs)) return;
  step('installing dependencies (npm ci: exactly the lockfile)');
  const started = Date.now();
  const locked = readFileSync(lock, 'utf8');
  const [command, args] = npmCi();
  execFileSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (readFileSync(lock, 'utf8') !== locked) {
    throw new SetupError(
      'Installing the dependencies changed package-lock.json. Run `npm install` once, check that a second run ' +
        'changes nothing, and commit the lockfile.',
    );
  }
  step(`dependencies installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * `npm ci`, run on Node 24 even where the system's node is older: there npx fetches the pinned `node` package first
 * and runs npm with it first on PATH (npm is an `env node` script), so no dependency's engine check warns.
 */
export function npmCi() {
  const ci = ['npm', 'ci', '--no-audit', '--no-fund'];
  if (Number(process.versions.node.split('.')[0]) >= 24) return [ci[0], ci.slice(1)];
  const pinned = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).devDependencies.node;
  return ['npx', ['--yes', `--package=node@${pinned}`, '--', ...ci]];
}

/** The project's Node: the binary of the pinned `node` devDependency (package.json), installed by npm. */
export const pinnedNode = path.join(root, 'node_modules', '.bin', 'node');

const onPinned = () => existsSync(pinnedNode) && realpathSync(process.execPath) === realpathSync(pinnedNode);

/**
 * Installs the dependencies when they are missing (ensureDependencies), then makes sure this script runs on the
 * project's Node. Started by another node (the system's, as `npm start` on a tree without node_modules is: npm put
 * node_modules/.bin first on PATH, but there was no node in it yet; or `node scripts/test.mjs` outside npm), it runs
 * the same script again on the pinned node, passes signals on and exits with its code: the promise never resolves.
 * Either way node_modules/.bin comes first on PATH, so what the script spawns (tsc, jest, eslint: `env node`
 * scripts) runs on the pinned node too, as does whatever it starts with process.execPath.
 */
export function onPinnedNode() {
  ensureDependencies();
  const bin = path.dirname(pinnedNode);
  const paths = (process.env.PATH ?? '').split(path.delimiter);
  if (paths[0] !== bin) process.env.PATH = [bin, ...paths].join(path.delimiter);
  if (onPinned()) return Promise.resolve();
  if (!existsSync(pinnedNode)) throw new Error(`${pinnedNode} is missing: the \`node\` devDependency did not install`);
  step(
    `running on Node ${execFileSync(pinnedNode, ['--version'], { encoding: 'utf8' }).trim()} (node_modules/.bin/node)`,
  );
  const child = spawn(pinnedNode, [...process.execArgv, ...process.argv.slice(1)], { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  // npm does not always pass SIGTERM on to its script: when npm itself is gone, stop the script too.
  const parent = process.ppid;
  setInterval(() => process.ppid !== parent && child.kill('SIGTERM'), 500).unref();
  child.once('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
  return new Promise(() => undefined);
}

/** Compiles TypeScript to dist/ (incremental: a second build with no changes takes a second or two). */
export function build() {
  step('compiling TypeScript');
  const started = Date.now();
  execFileSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-b', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  step(`compiled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
