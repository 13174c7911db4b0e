import { csrfToken, signToken, verifyToken } from './tokens.js';

const secret = 'a-test-secret-that-is-long-enough-000';
const claims = { sub: 'user-1', sid: 'session-1', iat: 1000, exp: 1900 };

describe('access tokens', () => {
  it('verifies a token it signed until it expires', () => {
    const token = signToken(secret, claims);
    expect(verifyToken(secret, token, 1000)).toEqual(claims);
    expect(verifyToken(secret, token, 1899)).toEqual(claims);
    expect(verifyToken(secret, token, 1900)).toBeNull();
  });

  it('refuses a token signed with another secret', () => {
    expect(verifyToken(secret, signToken('another-secret-of-the-same-length-00', claims), 1000)).toBeNull();
  });

  it('refuses a token whose claims were edited', () => {
    const [header, , signature] = signToken(secret, claims).split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: 'admin' })).toString('base64url');
    expect(verifyToken(secret, `${header}.${forged}.${signature}`, 1000)).toBeNull();
  });

  it.each(['', 'abc', 'a.b', 'a.b.c.d', `${signToken(secret, claims)}x`])('refuses the malformed token %p', (token) => {
    expect(verifyToken(secret, token, 1000)).toBeNull();
  });

  it('refuses a token with another algorithm in its header', () => {
    const [, body, signature] = signToken(secret, claims).split('.');
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(verifyToken(secret, `${none}.${body}.${signature}`, 1000)).toBeNull();
  });

  it('derives a CSRF token per session', () => {
    expect(csrfToken(secret, 's1')).toBe(csrfToken(secret, 's1'));
    expect(csrfToken(secret, 's1')).not.toBe(csrfToken(secret, 's2'));
  });
});
