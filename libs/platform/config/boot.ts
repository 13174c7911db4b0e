import { ConfigurationError } from './environment.js';

/** Ends a process that could not boot: a configuration problem as its plain message, anything else in full. */
export function exitOnBootFailure(error: unknown): never {
  const message = error instanceof ConfigurationError ? error.message : String((error as Error)?.stack ?? error);
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
