import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AuthKeys, deriveKey, type KeyPurpose } from './auth-secret.js';
import { csrfToken, csrfTokenMatches, signToken, verifyToken } from './tokens.js';

const OLD = 'the-secret-before-the-rotation-0000000000';
const NEW = 'the-secret-after-the-rotation-11111111111';
const PURPOSES: KeyPurpose[] = ['access-token', 'csrf-token', 'unsubscribe-link', 'survey-link'];
const claims = { sub: 'user-1', sid: 'session-1', iat: 1000, exp: 1900 };
const keys = (secret: string, previousSecret: string | null = null) =>
  AuthKeys.from({ secret, previousSecret }, { dataDir: '/nonexistent', developmentDefaults: false });

describe('keys per purpose', () => {
  it('derives a different key for each purpose, none of them the secret, the same every time', () => {
    const derived = PURPOSES.map((purpose) => deriveKey(OLD, purpose));
    expect(new Set(derived).size).toBe(PURPOSES.length);
    expect(derived).not.toContain(OLD);
    expect(derived.map((key) => Buffer.from(key, 'base64url').length)).toEqual(PURPOSES.map(() => 32));
    expect(PURPOSES.map((purpose) => deriveKey(OLD, purpose))).toEqual(derived);
    expect(deriveKey(NEW, 'access-token')).not.toBe(derived[0]);
  });

  it('never takes a signature made for one purpose, or with the secret itself, as another', async () => {
    const current = keys(OLD);
    const asCsrfKey = await signToken(current.signing('csrf-token'), claims);
    expect(await verifyToken(current.verifying('access-token'), asCsrfKey, 1000)).toBeNull();
    expect(await verifyToken(current.verifying('access-token'), await signToken(OLD, claims), 1000)).toBeNull();
    expect(
      await verifyToken(
        current.verifying('access-token'),
        await signToken(current.signing('access-token'), claims),
        1000,
      ),
    ).toEqual(claims);
  });
});

describe('rotating AUTH_SECRET', () => {
  const before = keys(OLD);
  const during = keys(NEW, OLD);
  const after = keys(NEW);

  it('still verifies access tokens signed with the previous secret, and signs new ones with the current', async () => {
    const old = await signToken(before.signing('access-token'), claims);
    expect(await verifyToken(during.verifying('access-token'), old, 1000)).toEqual(claims);
    const fresh = await signToken(during.signing('access-token'), claims);
    expect(await verifyToken(after.verifying('access-token'), fresh, 1000)).toEqual(claims);
    expect(await verifyToken(before.verifying('access-token'), fresh, 1000)).toBeNull();
    // Once AUTH_SECRET_PREVIOUS is removed, what the old secret signed is refused.
    expect(await verifyToken(after.verifying('access-token'), old, 1000)).toBeNull();
  });

  it('still accepts CSRF tokens of the previous secret, and embeds the current one', () => {
    const old = csrfToken(before.signing('csrf-token'), 'session-1');
    expect(csrfTokenMatches(during.verifying('csrf-token'), 'session-1', old)).toBe(true);
    expect(csrfTokenMatches(during.verifying('csrf-token'), 'session-2', old)).toBe(false);
    expect(csrfTokenMatches(after.verifying('csrf-token'), 'session-1', old)).toBe(false);
    expect(during.signing('csrf-token')).toBe(after.signing('csrf-token'));
  });

  it('signs links with the current secret', () => {
    expect(during.signing('unsubscribe-link')).toBe(deriveKey(NEW, 'unsubscribe-link'));
    expect(during.verifying('survey-link')).toEqual([deriveKey(NEW, 'survey-link'), deriveKey(OLD, 'survey-link')]);
    expect(keys(NEW, NEW).verifying('survey-link')).toEqual([deriveKey(NEW, 'survey-link')]);
  });
});

describe('without AUTH_SECRET', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'lga-auth-secret-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const unset = { secret: null, previousSecret: null };

  it('generates a secret into the data folder once where the development defaults apply', () => {
    const first = AuthKeys.from(unset, { dataDir: dir, developmentDefaults: true });
    const secret = readFileSync(path.join(dir, 'auth-secret'), 'utf8');
    expect(statSync(path.join(dir, 'auth-secret')).mode & 0o777).toBe(0o600);
    expect(first.signing('access-token')).toBe(deriveKey(secret, 'access-token'));
    const again = AuthKeys.from(unset, { dataDir: dir, developmentDefaults: true });
    expect(again.signing('access-token')).toBe(first.signing('access-token'));
  });

  it('refuses elsewhere, and writes nothing', () => {
    expect(() => AuthKeys.from(unset, { dataDir: dir, developmentDefaults: false })).toThrow(/AUTH_SECRET/);
    expect(() => readFileSync(path.join(dir, 'auth-secret'))).toThrow(/ENOENT/);
  });
});
