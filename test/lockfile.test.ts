import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/**
 * A fresh clone installs exactly the committed lockfile (`npm ci`, scripts/lib/project.mjs and .ci/run) and stays
 * clean. npm 11 once wrote a lockfile holding only this platform's optional native packages: `npm install` then
 * added the others on a fresh machine, and `npm ci` refused it. Each npm run here works on a copy of package.json
 * and the lockfile in a folder of its own, without touching node_modules.
 */
describe('the lockfile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lga-lockfile-'));
    for (const file of ['package.json', 'package-lock.json']) copyFileSync(path.join(root, file), path.join(dir, file));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const npm = (...args: string[]) =>
    spawnSync('npm', [...args, '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: dir, encoding: 'utf8' });
  const lock = () => readFileSync(path.join(dir, 'package-lock.json'), 'utf8');

  it('is complete: npm ci accepts it as it is', () => {
    const result = npm('ci', '--dry-run');
    expect([result.status, result.stderr]).toEqual([0, expect.any(String)]);
    expect(lock()).toBe(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
  }, 60_000);

  it('is stable: npm install leaves it byte for byte as committed', () => {
    const committed = lock();
    const result = npm('install', '--package-lock-only');
    expect([result.status, result.stderr]).toEqual([0, expect.any(String)]);
    expect(lock()).toBe(committed);
  }, 60_000);
});
