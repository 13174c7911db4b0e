import { hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * What a key derived from AUTH_SECRET signs. Each purpose has a key of its own, so a signature made for one (an
 * unsubscribe link) is never valid as another (a CSRF token), and the secret itself signs nothing.
 */
export type KeyPurpose =
  'access-token' | 'csrf-token' | 'unsubscribe-link' | 'survey-link' | 'second-factor' | 'totp-secret';

/** HKDF's salt: fixed, since AUTH_SECRET is already random; it only keeps these keys apart from other uses. */
const SALT = 'lga-peer-challenge auth keys';

/** The key of `purpose` derived from `secret` (HKDF-SHA256, RFC 5869): 32 bytes, as base64url text for HMAC. */
export function deriveKey(secret: string, purpose: KeyPurpose): string {
  return Buffer.from(hkdfSync('sha256', secret, SALT, `${purpose} v1`, 32)).toString('base64url');
}

/**
 * The one place AUTH_SECRET is read: the keys of each purpose. New signatures use AUTH_SECRET's key; during a
 * rotation (AUTH_SECRET_PREVIOUS set), what the previous secret signed still verifies until it is removed.
 */
export class AuthKeys {
  private readonly keys = new Map<KeyPurpose, string[]>();

  private constructor(
    private readonly current: string,
    private readonly previous: string | null,
  ) {}

  /** From the auth and app configuration; where the development defaults apply, AUTH_SECRET may be generated. */
  static from(
    auth: { secret: string | null; previousSecret: string | null },
    app: { dataDir: string; developmentDefaults: boolean },
  ): AuthKeys {
    return new AuthKeys(resolveAuthSecret(auth.secret, app), auth.previousSecret);
  }

  /** The key that signs for `purpose` now. */
  signing(purpose: KeyPurpose): string {
    return this.verifying(purpose)[0];
  }

  /** The keys a signature for `purpose` may have been made with: the current secret's, then the previous one's. */
  verifying(purpose: KeyPurpose): string[] {
    let keys = this.keys.get(purpose);
    if (!keys) {
      keys = [deriveKey(this.current, purpose)];
      if (this.previous && this.previous !== this.current) keys.push(deriveKey(this.previous, purpose));
      this.keys.set(purpose, keys);
    }
    return keys;
  }
}

/**
 * AUTH_SECRET, or, where the development defaults apply (app.developmentDefaults), one generated on first use and
 * kept in the data folder so tokens survive restarts. Elsewhere the process refuses to start without AUTH_SECRET
 * before it gets here (checkEnvironment); this refuses too.
 */
function resolveAuthSecret(configured: string | null, app: { dataDir: string; developmentDefaults: boolean }): string {
  if (configured) return configured;
  if (!app.developmentDefaults) throw new Error('AUTH_SECRET is not set, and the development defaults do not apply');
  const file = path.resolve(app.dataDir, 'auth-secret');
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
