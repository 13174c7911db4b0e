import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

/** The claims of an access token: the user, the session it belongs to, and its lifetime (seconds since epoch). */
export interface TokenClaims {
  sub: string;
  sid: string;
  iat: number;
  exp: number;
}

/** Each secret's key, made once: jose takes Node's KeyObject. */
const keys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
}

/** A compact JWT signed with HMAC-SHA256 (jose). */
export function signToken(secret: string, claims: TokenClaims): Promise<string> {
  return new SignJWT({ sid: claims.sid })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt(claims.iat)
    .setExpirationTime(claims.exp)
    .sign(keyOf(secret));
}

/** Whether `given` is `expected`, in time that does not depend on where they differ. */
function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The claims of a token whose signature (by one of `secrets`: during a rotation, the current key and the previous
 * one; HS256 only, whatever the header says) and lifetime are valid at `now` (seconds), or null.
 */
export async function verifyToken(
  secrets: string | readonly string[],
  token: string,
  now: number,
): Promise<TokenClaims | null> {
  for (const secret of typeof secrets === 'string' ? [secrets] : secrets) {
    try {
      const { payload } = await jwtVerify(token, keyOf(secret), {
        algorithms: ['HS256'],
        typ: 'JWT',
        currentDate: new Date(now * 1000),
        requiredClaims: ['sub', 'sid', 'iat', 'exp'],
      });
      const { sub, sid, iat, exp } = payload;
      if (typeof sub !== 'string' || typeof sid !== 'string' || typeof iat !== 'number' || typeof exp !== 'number') {
        return null;
      }
      return { sub, sid, iat, exp };
    } catch (error) {
      // Signed with another key: try the next. Any other fault (malformed, expired, wrong algorithm): refused.
      if (!(error instanceof errors.JWSSignatureVerificationFailed)) return null;
    }
  }
  return null;
}

/** The CSRF token of a cookie session: derived from the session, so it needs no storage. */
export function csrfToken(secret: string, sessionId: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionId}`).digest('base64url');
}

/** Whether `given` is the CSRF token of the session under one of `secrets` (the current key, the previous one). */
export function csrfTokenMatches(secrets: readonly string[], sessionId: string, given: string): boolean {
  return secrets.some((secret) => sameSignature(given, csrfToken(secret, sessionId)));
}
