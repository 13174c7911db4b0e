import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { Invalid } from '#libs/platform';

const scrypt = (password: string, salt: Buffer, length: number, options: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCallback(password, salt, length, options, (error, key) => (error ? reject(error) : resolve(key))),
  );

/**
 * scrypt, memory-hard: N = 2^15, r = 8 uses 32 MiB per hash (about 160 ms of a core here). Parameters are stored
 * with each hash, so a hash verifies whatever the cost it was made at. Only under NODE_ENV=test, SCRYPT_TEST_LOG2_N
 * (10–14) lowers N for new hashes: `npm test` sets it, as its thousands of sign-ins would otherwise spend minutes
 * hashing. Anywhere else it is ignored.
 */
export function passwordCost(env: NodeJS.ProcessEnv = process.env): { N: number; r: number; p: number } {
  const test = env.NODE_ENV === 'test' && /^1[0-4]$/.test(env.SCRYPT_TEST_LOG2_N ?? '');
  return { N: 2 ** (test ? Number(env.SCRYPT_TEST_LOG2_N) : 15), r: 8, p: 1 };
}
const KEY_LENGTH = 32;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** Passwords of 12 or more characters that appear at the top of public breach lists. */
const COMMON = new Set([
  '123456789012',
  '1234567890123',
  'password1234',
  'password12345',
  'passwordpassword',
  'qwertyuiopasdfgh',
  'qwertyuiop12',
  'qwerty123456',
  '1q2w3e4r5t6y',
  'iloveyou1234',
  'administrator',
  'letmein12345',
  'welcome12345',
  'changeme1234',
  'abcdefghijkl',
  'abc123456789',
  'aaaaaaaaaaaa',
]);

/** Why a password is too weak, in words for the person choosing it; empty when it is acceptable. */
export function passwordProblems(password: string, email?: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  if (password.length > PASSWORD_MAX_LENGTH) problems.push(`must be at most ${PASSWORD_MAX_LENGTH} characters`);
  if (COMMON.has(password.toLowerCase())) problems.push('is one of the most commonly used passwords');
  else if (new Set(password).size < 5) problems.push('must use at least 5 different characters');
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && password.toLowerCase().includes(local)) {
    problems.push('must not contain the email address');
  }
  return problems;
}

/** A 400 naming the password field's problems when the password is too weak for this email address. */
export function refuseWeakPassword(password: string, email: string, field = 'password'): void {
  const problems = passwordProblems(password, email);
  if (problems.length > 0) {
    throw new Invalid(`${field} ${problems.join('; ')}`, [{ field, problems: problems.map((p) => `${field} ${p}`) }]);
  }
}

export async function hashPassword(password: string, cost = passwordCost()): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, { ...cost, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 64 * 1024 * 1024,
  });
  return timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | undefined;

/** A hash to verify against when the account does not exist, so both cases take the same time. */
export const dummyHash = () => (dummy ??= hashPassword(randomBytes(16).toString('hex')));
