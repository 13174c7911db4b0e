import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { CaseReplayService } from '#libs/cases';
import { Council } from '#libs/councils';
import { checkEnvironment, CLI_ENVIRONMENT, exitOnBootFailure } from '#libs/platform';
import { CliModule } from './cli.module.js';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  migrate        apply pending database migrations and load the council register when it is empty
  verify-cases   replay every case's timeline through the current machine and report each case whose
                 stored state differs (exit code 1 when any does)
`;

/** Booting the CLI module applies migrations and loads the register; `migrate` only reports the result. */
async function migrate(): Promise<void> {
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  const councils = await app.get(DataSource).getRepository(Council).count();
  process.stdout.write(`Database is up to date; the council register holds ${councils} councils.\n`);
  await app.close();
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

const COMMANDS: Record<string, () => Promise<number>> = {
  migrate: async () => {
    await migrate();
    return 0;
  },
  'verify-cases': verifyCases,
};

async function main([command]: string[]): Promise<number> {
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
  return run();
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch(exitOnBootFailure);
