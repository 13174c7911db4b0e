import { csrfToken, signToken, verifyToken } from './tokens.js';

const secret = 'a-test-secret-that-is-long-enough-000';
const claims = { sub: 'user-1', sid: 'session-1', iat: 1000, exp: 1900 };

describe('access tokens', () => {
  it('verifies a token it signed until it expires', async () => {
    const token = await signToken(secret, claims);
    expect(await verifyToken(secret, token, 1000)).toEqual(claims);
    expect(await verifyToken(secret, token, 1899)).toEqual(claims);
    expect(await verifyToken(secret, token, 1900)).toBeNull();
  });

  it('refuses a token signed with another secret', async () => {
    expect(await verifyToken(secret, await signToken('another-secret-of-the-same-length-00', claims), 1000)).toBeNull();
  });

  it('refuses a token whose claims were edited', async () => {
    const [header, , signature] = (await signToken(secret, claims)).split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url');
    expect(await verifyToken(secret, `${header}.${forged}.${signature}`, 1000)).toBeNull();
  });

  it.each(['', 'abc', 'a.b', 'a.b.c.d', 'x.y.z', '%E0.%E0.%E0', '{}.{}.{}'])(
    'refuses the malformed token %p',
    async (token) => {
      expect(await verifyToken(secret, token, 1000)).toBeNull();
    },
  );

  it('refuses a token with something after its signature', async () => {
    expect(await verifyToken(secret, `${await signToken(secret, claims)}x`, 1000)).toBeNull();
  });

  it('refuses a token with another algorithm in its header', async () => {
    const [, body, signature] = (await signToken(secret, claims)).split('.');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(await verifyToken(secret, `${none}.${body}.${signature}`, 1000)).toBeNull();
  });

  it('derives a CSRF token per session', () => {
    expect(csrfToken(secret, 's1')).toBe(csrfToken(secret, 's1'));
    expect(csrfToken(secret, 's1')).not.toBe(csrfToken(secret, 's2'));
  });
});
