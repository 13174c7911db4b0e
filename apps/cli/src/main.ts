import 'reflect-metadata';
import { Logger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CaseReplayService, HistoryImportService, rowsFromCsv } from '#libs/cases';
import { verifyAuditChain, type Actor } from '#libs/audit';
import { Council } from '#libs/councils';
import {
  checkEnvironment,
  CLI_ENVIRONMENT,
  cliLogger,
  exitOnBootFailure,
  asOwner,
  migrateOnStart,
  MigrationsService,
  RowsRefused,
} from '#libs/platform';
import { CliModule } from './cli.module.js';
import { DemoDataService } from './data/demo-data.service.js';
import {
  generatePlan,
  GenerateRefused,
  SYNTHETIC_MARK,
  syntheticCode,
  SyntheticDataService,
  type GeneratePlan,
} from './data/synthetic-data.service.js';
import { PEER_LIMIT, SyntheticPeersService } from './data/synthetic-peers.service.js';
import { backup, databaseName, DatabaseToolError, restore, type Progress } from './database-tools.js';
import { MIGRATIONS } from '../../../migrations/index.js';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  migrate        apply pending database migrations and load the council register when it is empty
  revert-migration
                 revert the last applied migration (also \`npm run migration:revert\`); run it again to revert
                 the one before
  backup <file>  write the whole database to a new file (pg_dump's custom format)
  restore <file> [--replace]
                 restore a backup into an empty database, in one transaction; --replace drops the tables of
                 the database there first (stop the API and the workers before either)
  verify-cases   replay every case's timeline through the current machine and report each case whose
                 stored state differs (exit code 1 when any does)
  verify-audit   walk the audit log's hash chain and report the first row deleted, changed or left out of it
                 (exit code 1 when there is one); prints the chain's head to write down elsewhere
  import-history <file.csv|file.json>
                 import delivered peer challenges from before the system (all or nothing; re-importing the
                 same rows changes nothing)
  demo-data      load an illustrative set of peers, cases in every stage and past challenges (invented,
                 marked as not real) so a new user sees a living system; loading twice adds nothing
  generate --councils N --cases M
                 write synthetic councils (E99000001…, "Synthetic council 000001"; no real council uses E99)
                 and cases for benchmarks: every tenth council has none, the others share M delivered or
                 open cases. Refused with NODE_ENV=production and on a database holding other synthetic data;
                 run again with the same sizes it writes nothing
  generate-peers --peers N
                 write a synthetic peer pool for benchmarks ("Synthetic peer 000001", addresses at
                 synthetic.example.org): officers, members and external peers with homes, expertise, training,
                 some dealings and unavailable periods. Refused with NODE_ENV=production and on a database
                 holding another number of synthetic peers; run again with the same number it writes nothing
`;

/**
 * Booting the CLI module applies migrations (this process is the one that migrates, whatever MIGRATE_ON_START says)
 * and loads the register; `migrate` reports the result.
 */
async function migrate(): Promise<void> {
  process.env.MIGRATE_ON_START = 'true';
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  const councils = await app.get(DataSource).getRepository(Council).count();
  process.stdout.write(`Database is up to date; the council register holds ${councils} councils.\n`);
  await app.close();
}

/** A DataSource with the migrations and no entities: enough to revert or list migrations, without booting modules. */
function withMigrations<T>(work: (migrations: MigrationsService) => Promise<T>): Promise<T> {
  return asOwner(process.env.DATABASE_URL!, MIGRATIONS, (owner) => work(new MigrationsService(owner)));
}

async function revertMigration(): Promise<number> {
  const reverted = await withMigrations((migrations) => migrations.revertLast());
  process.stdout.write(reverted ? `Reverted ${reverted}.\n` : 'No migration is applied: nothing to revert.\n');
  return 0;
}

/** One line per table on stderr, rewritten in place on a terminal: [12/40] public.cases */
const tableProgress: Progress = (done, total, table) => {
  const line = `[${done}/${total}] ${table}`;
  if (process.stderr.isTTY) process.stderr.write(`\r${line.padEnd(70)}${done >= total ? '\n' : ''}`);
  else process.stderr.write(`${line}\n`);
};

async function backupCommand(file?: string, ...rest: string[]): Promise<number> {
  if (!file || rest.length > 0) {
    process.stderr.write(`backup needs one file name.\n\n${USAGE}`);
    return 1;
  }
  try {
    process.stdout.write(`${await backup(process.env.DATABASE_URL!, file, tableProgress)}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof DatabaseToolError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
}

async function restoreCommand(...args: string[]): Promise<number> {
  const replace = args.includes('--replace');
  const files = args.filter((arg) => arg !== '--replace');
  if (files.length !== 1 || files[0].startsWith('--')) {
    process.stderr.write(`restore needs one file name (and optionally --replace).\n\n${USAGE}`);
    return 1;
  }
  try {
    process.stdout.write(`${await restore(process.env.DATABASE_URL!, files[0], replace, tableProgress)}\n`);
  } catch (error) {
    if (!(error instanceof DatabaseToolError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
  const pending = await withMigrations((migrations) => migrations.pending());
  if (pending.length > 0) {
    process.stdout.write(
      `The backup predates ${pending.length} migration(s) of this version: ` +
        `${migrateOnStart() ? 'the next start applies them' : 'apply them with `npm run cli -- migrate`'}.\n`,
    );
  }
  process.stdout.write('Check the cases against their timelines with `npm run cli -- verify-cases`.\n');
  return 0;
}

/** Replays every case; prints one line per case that does not match its timeline. */
async function verifyCases(): Promise<number> {
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    const started = Date.now();
    const { checked, problems } = await app
      .get(CaseReplayService)
      .verifyAll(({ caseId, problem }) => process.stdout.write(`case ${caseId}: ${problem}\n`));
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(`${checked} case(s) replayed in ${seconds} s; ${problems} differ from their timeline.\n`);
    return problems === 0 ? 0 : 1;
  } finally {
    await app.close();
  }
}

/** Walks the audit log's chain; prints its head, or the first break. */
async function verifyAudit(): Promise<number> {
  const started = Date.now();
  const { rows, head, firstBreak } = await asOwner(process.env.DATABASE_URL!, [], verifyAuditChain);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (firstBreak) {
    const row = firstBreak.id ? `row ${firstBreak.id} (link ${firstBreak.seq})` : `link ${firstBreak.seq}`;
    process.stdout.write(`The audit log's chain breaks at ${row}: ${firstBreak.problem}.\n`);
    process.stdout.write(`${rows} row(s) before it are intact (${seconds} s).\n`);
    return 1;
  }
  process.stdout.write(
    head
      ? `The audit log's ${rows} row(s) are intact (${seconds} s). Its head: link ${head.seq}, sha256 ${head.hash}.\n`
      : 'The audit log is empty.\n',
  );
  return 0;
}

/** A progress bar on stderr: [#####.....] 500/1000. */
function showProgress(done: number, total: number): void {
  const width = 30;
  const filled = Math.round((done / Math.max(total, 1)) * width);
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
  if (done >= total) process.stderr.write('\n');
}

async function importHistory(file?: string): Promise<number> {
  if (!file) {
    process.stderr.write(`Name the file to import.\n\n${USAGE}`);
    return 1;
  }
  const text = readFileSync(file, 'utf8');
  let rows: Array<{ line: number; row: unknown }>;
  if (file.endsWith('.json')) {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) throw new Error(`${file} must hold a JSON array`);
    rows = parsed.map((row, index) => ({ line: index + 1, row }));
  } else {
    rows = rowsFromCsv(text);
  }
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    const actor = { userId: null, email: 'command line', requestId: null };
    const { created, unchanged } = await app.get(HistoryImportService).import(rows, actor, showProgress);
    process.stdout.write(`${rows.length} row(s): ${created} peer challenge(s) imported, ${unchanged} already there.\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof RowsRefused)) throw error;
    const details = error.rows;
    for (const { line, problems } of details) process.stderr.write(`line ${line}: ${problems.join('; ')}\n`);
    process.stderr.write(`${details.length} bad row(s); nothing was imported.\n`);
    return 1;
  } finally {
    await app.close();
  }
}

async function demoData(): Promise<number> {
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    const root = path.resolve(import.meta.dirname, '..', '..', '..', '..');
    const actor = { userId: null, email: 'demo data', requestId: null };
    process.stdout.write(`${await app.get(DemoDataService).load(actor, root)}\n`);
    return 0;
  } finally {
    await app.close();
  }
}

/** The sizes given to `generate` (`--councils N --cases M`, or `--councils=N`), or what is wrong with them. */
function generateArguments(args: string[]): GeneratePlan | string {
  const sizes: { councils?: number; cases?: number } = {};
  for (let i = 0; i < args.length; i++) {
    const match = /^--(councils|cases)(?:=(.*))?$/.exec(args[i]);
    if (!match) return `Unknown argument "${args[i]}".`;
    const value = match[2] ?? args[++i];
    if (value === undefined || !/^\d+$/.test(value)) {
      return `--${match[1]} needs a whole number (got ${value === undefined ? 'nothing' : `"${value}"`}).`;
    }
    sizes[match[1] as 'councils' | 'cases'] = Number(value);
  }
  if (sizes.councils === undefined || sizes.cases === undefined) return 'generate needs --councils and --cases.';
  const result = generatePlan({ councils: sizes.councils, cases: sizes.cases });
  return 'plan' in result ? result.plan : `${result.problems.join('; ')}.`;
}

async function generate(...args: string[]): Promise<number> {
  const plan = generateArguments(args);
  if (typeof plan === 'string') {
    process.stderr.write(`${plan}\n\n${USAGE}`);
    return 1;
  }
  if (process.env.NODE_ENV === 'production') {
    process.stderr.write('generate writes synthetic data for benchmarks: it does not run with NODE_ENV=production.\n');
    return 1;
  }
  process.stdout.write(
    `Synthetic data (${SYNTHETIC_MARK}) for ${databaseName(process.env.DATABASE_URL!)}:\n` +
      `  ${plan.councils} councils ${syntheticCode(1)}–${syntheticCode(plan.councils)} named "Synthetic council ` +
      `000001"…, chief executives at synthetic.example.org; ${plan.never} of them (every tenth) with no case\n` +
      `  ${plan.cases} cases: ${plan.bulk} delivered challenges inserted in bulk (imported, closed), ` +
      `${plan.sample} open cases through the workflow\n`,
  );
  const started = Date.now();
  return writeSynthetic(async (app, actor) => {
    const result = await app.get(SyntheticDataService).generate(plan, actor, showProgress);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    return `${result.message}${result.written ? ` ${seconds} s.` : ' Nothing was written.'}`;
  });
}

/** Runs a generator in the CLI's application; a refusal (other synthetic data there) is its message and exit 1. */
async function writeSynthetic(write: (app: INestApplicationContext, actor: Actor) => Promise<string>): Promise<number> {
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    const said = await write(app, { userId: null, email: 'synthetic data', requestId: null });
    process.stdout.write(`${said}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof GenerateRefused)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  } finally {
    await app.close();
  }
}

async function generatePeers(...args: string[]): Promise<number> {
  const match = /^--peers(?:=(\d+))?$/.exec(args[0] ?? '');
  const value = match?.[1] ?? (match ? args[1] : undefined);
  const extra = args.slice(match?.[1] ? 1 : 2);
  const peers = Number(value);
  if (!match || !value || !/^\d+$/.test(value) || extra.length > 0 || peers < 1 || peers > PEER_LIMIT) {
    process.stderr.write(`generate-peers needs --peers N, a whole number from 1 to ${PEER_LIMIT}.\n\n${USAGE}`);
    return 1;
  }
  if (process.env.NODE_ENV === 'production') {
    process.stderr.write(
      'generate-peers writes synthetic data for benchmarks: it does not run with NODE_ENV=production.\n',
    );
    return 1;
  }
  return writeSynthetic(async (app, actor) => {
    const result = await app.get(SyntheticPeersService).generate(peers, actor);
    return `${result.message}${result.written ? '' : ' Nothing was written.'}`;
  });
}

const COMMANDS: Record<string, (...args: string[]) => Promise<number>> = {
  migrate: async () => {
    await migrate();
    return 0;
  },
  'revert-migration': revertMigration,
  backup: backupCommand,
  restore: restoreCommand,
  'verify-cases': verifyCases,
  'verify-audit': verifyAudit,
  'import-history': importHistory,
  'demo-data': demoData,
  generate,
  'generate-peers': generatePeers,
};

async function main([command, ...args]: string[]): Promise<number> {
  if (command === 'help' || command === '--help') {
    process.stdout.write(USAGE);
    return 0;
  }
  const run = command ? COMMANDS[command] : undefined;
  if (!run) {
    process.stderr.write(`${command ? `Unknown command "${command}".` : 'No command given.'}\n\n${USAGE}`);
    return 1;
  }
  checkEnvironment(CLI_ENVIRONMENT);
  // What the CLI's modules log (warnings, errors) goes to stderr as JSON lines; stdout is the command's output.
  Logger.overrideLogger(cliLogger());
  return run(...args);
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch(exitOnBootFailure);
