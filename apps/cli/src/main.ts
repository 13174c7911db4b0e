import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { Council } from '#libs/councils';
import { checkEnvironment, CLI_ENVIRONMENT, exitOnBootFailure } from '#libs/platform';
import { CliModule } from './cli.module.js';

const USAGE = `Usage: npm run cli -- <command>

Commands:
  migrate    apply pending database migrations and load the council register when it is empty
`;

/** Booting the CLI module applies migrations and loads the register; `migrate` only reports the result. */
async function migrate(): Promise<void> {
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  const councils = await app.get(DataSource).getRepository(Council).count();
  process.stdout.write(`Database is up to date; the council register holds ${councils} councils.\n`);
  await app.close();
}

async function main([command]: string[]): Promise<number> {
  if (command === 'help' || command === '--help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (command !== 'migrate') {
    process.stderr.write(`${command ? `Unknown command "${command}".` : 'No command given.'}\n\n${USAGE}`);
    return 1;
  }
  checkEnvironment(CLI_ENVIRONMENT);
  await migrate();
  return 0;
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch(exitOnBootFailure);
