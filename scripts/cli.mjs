// `npm run cli -- <command> …`: builds, then runs the CLI (dist/apps/cli). Without DATABASE_URL it works on the
// private PostgreSQL that `npm start` runs (LGA_DATA_DIR, PG_PORT), as the README's first steps expect: the one
// already running, or one started for the command and stopped after it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { build, onPinnedNode, root } from './lib/project.mjs';
import { SetupError, startPostgres, systemPostgres } from './lib/services.mjs';

async function main() {
  await onPinnedNode();
  build();
  const env = { ...process.env };
  const dataDir = path.resolve(root, env.LGA_DATA_DIR ?? '.data');
  env.LGA_DATA_DIR = dataDir;
  let pg = null;
  if (!env.DATABASE_URL) {
    pg = await startPostgres(systemPostgres(dataDir, env));
    env.DATABASE_URL = pg.url;
  }
  const cli = spawn(
    process.execPath,
    ['--enable-source-maps', path.join(root, 'dist/apps/cli/src/main.js'), ...process.argv.slice(2)],
    {
      cwd: root,
      env,
      stdio: 'inherit',
    },
  );
  // Ctrl-C reaches the CLI too; wait for it to end before stopping what was started for it.
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => cli.kill(signal));
  const [code, signal] = await new Promise((resolve) => cli.once('exit', (...ended) => resolve(ended)));
  if (pg && !pg.reused) pg.stop();
  process.exit(code ?? (signal ? 1 : 0));
}

main().catch((error) => {
  process.stderr.write(`\n${error instanceof SetupError ? error.message : (error.stack ?? error)}\n`);
  process.exit(1);
});
