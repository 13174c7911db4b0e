// `npm test`: installs what is missing, moves onto the pinned Node 24 (node_modules/.bin/node), type-checks and
// builds, lints, starts private PostgreSQL and Redis instances for the tests (own data folder, own free ports), runs
// every Jest suite (on that Node), then stops them.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build, onPinnedNode, root, step } from './lib/project.mjs';
import {
  SetupError,
  findChromium,
  findDocumentTools,
  freePort,
  psql,
  startPostgres,
  startRedis,
} from './lib/services.mjs';

const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const TEMPLATE = 'lga_test_template';

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env });
  return result.status ?? 1;
}

async function main() {
  const started = Date.now();
  await onPinnedNode();
  build();
  step('type-checking the tests');
  if (run(bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']) !== 0) return 1;
  step('linting');
  if (run(bin('eslint'), ['.']) !== 0 || run(bin('prettier'), ['--check', '--log-level', 'warn', '.']) !== 0) return 1;

  const dataDir = path.join(root, '.data', 'test');
  const chromium = findChromium();
  const documentTools = findDocumentTools();
  const pg = await startPostgres({ dir: path.join(dataDir, 'postgres'), port: await freePort(), durable: false });
  const redis = await startRedis({ dir: path.join(dataDir, 'redis'), port: await freePort() });
  try {
    step('preparing the template database (migrations and council register)');
    const leftovers = psql(
      pg.adminUrl,
      "SELECT string_agg(quote_ident(datname), ' ') FROM pg_database WHERE datname LIKE 'lga_test_%'",
    );
    for (const name of leftovers.split(' ').filter(Boolean)) psql(pg.adminUrl, `DROP DATABASE ${name} WITH (FORCE)`);
    psql(pg.adminUrl, `CREATE DATABASE ${TEMPLATE}`);
    const templateUrl = pg.adminUrl.replace(/\/postgres$/, `/${TEMPLATE}`);
    const migrate = run(process.execPath, [path.join(root, 'dist/apps/cli/src/main.js'), 'migrate'], {
      ...process.env,
      DATABASE_URL: templateUrl,
    });
    if (migrate !== 0) return 1;
    execFileSync('redis-cli', ['-u', redis.url, 'FLUSHALL'], { stdio: 'ignore' });

    step('running the tests');
    const resultsFile = path.join(dataDir, 'jest-results.json');
    rmSync(resultsFile, { force: true });
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --experimental-vm-modules --no-warnings=ExperimentalWarning`,
      // New password hashes at scrypt N = 2^11 instead of 2^15 (read only under NODE_ENV=test: libs/auth/passwords.ts).
      SCRYPT_TEST_LOG2_N: '11',
      TEST_PG_ADMIN_URL: pg.adminUrl,
      TEST_PG_TEMPLATE: TEMPLATE,
      TEST_REDIS_URL: redis.url,
      TEST_CHROMIUM: chromium,
      TEST_SOFFICE: documentTools.soffice,
      TEST_PDFTOTEXT: documentTools.pdftotext,
    };
    const code = run(bin('jest'), ['--json', `--outputFile=${resultsFile}`, ...process.argv.slice(2)], env);
    if (existsSync(resultsFile)) {
      const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
      const seconds = ((Date.now() - started) / 1000).toFixed(0);
      process.stdout.write(
        `\njest: ${results.numPassedTests} passed, ${results.numFailedTests} failed (${seconds} s in all)\n`,
      );
    }
    return code;
  } finally {
    await redis.stop();
    pg.stop();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error) => {
    process.stderr.write(`\n${error instanceof SetupError ? error.message : (error.stack ?? error)}\n`);
    process.exit(1);
  });
