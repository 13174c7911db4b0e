import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

/** One class per configuration namespace, its properties named after the environment variables it reads. */
export type EnvironmentClass = new () => object;

export class ConfigurationError extends Error {
  /** `note`, a line after the problems: why they are problems here. */
  constructor(
    readonly problems: string[],
    note?: string,
  ) {
    super(`Configuration is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}${note ? `\n${note}` : ''}`);
  }
}

function describe(error: ValidationError): string {
  const reasons = [...new Set(Object.values(error.constraints ?? {}))].join('; ');
  return `${error.property}: ${reasons}`;
}

/** Validates one namespace and returns its typed values, or the problems found. */
export function readNamespace<T extends object>(
  cls: new () => T,
  env: NodeJS.ProcessEnv,
): { values: T; problems: string[] } {
  const values = plainToInstance(cls, { ...env }, { exposeDefaultValues: true });
  const errors = validateSync(values, { whitelist: false, skipMissingProperties: false });
  return { values, problems: errors.map(describe) };
}

/** The problems of every namespace at once, so a bad start lists every bad variable in one message. */
export function environmentProblems(classes: EnvironmentClass[], env: NodeJS.ProcessEnv = process.env): string[] {
  return classes.flatMap((cls) => readNamespace(cls, env).problems);
}

export function namespace<T extends object>(cls: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const { values, problems } = readNamespace(cls, env);
  if (problems.length > 0) throw new ConfigurationError(problems);
  return values;
}
