// Installing dependencies and building: what `npm start` and `npm test` do before anything else.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function step(message) {
  process.stdout.write(`[setup] ${message}\n`);
}

/**
 * Installs the locked dependencies when node_modules is missing or older than the lockfile. `npm install`, not
 * `npm ci`: npm 11 records only this platform's optional binaries in the lockfile and `npm ci` then refuses it.
 */
export function ensureDependencies() {
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  step('installing dependencies (npm install, from the lockfile)');
  const started = Date.now();
  execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  step(`dependencies installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
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
