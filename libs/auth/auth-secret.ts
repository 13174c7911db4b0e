import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigurationError, developmentDefaults } from '#libs/platform';

/**
 * The token-signing secret: AUTH_SECRET, or, where the development defaults apply (developmentDefaults), one
 * generated on first use and kept in the data folder so tokens survive restarts. Elsewhere the process refuses to
 * start without AUTH_SECRET before it gets here (checkEnvironment); this refuses too.
 */
export function resolveAuthSecret(configured: string | null, dataDir: string): string {
  if (configured) return configured;
  if (!developmentDefaults()) throw new ConfigurationError(['AUTH_SECRET: must be set']);
  const file = path.resolve(dataDir, 'auth-secret');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(48).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return readFileSync(file, 'utf8').trim();
}
