import { createHmac, timingSafeEqual } from 'node:crypto';

/** The claims of an access token: the user, the session it belongs to, and its lifetime (seconds since epoch). */
export interface TokenClaims {
  sub: string;
  sid: string;
  iat: number;
  exp: number;
}

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const HEADER = encode({ alg: 'HS256', typ: 'JWT' });

function signature(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url');
}

/** A compact JWT signed with HMAC-SHA256. */
export function signToken(secret: string, claims: TokenClaims): string {
  const body = `${HEADER}.${encode(claims)}`;
  return `${body}.${signature(secret, body)}`;
}

/** Whether `given` is `expected`, in time that does not depend on where they differ. */
function sameSignature(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The claims of a token whose signature (by one of `secrets`: during a rotation, the current key and the previous
 * one) and lifetime are valid at `now` (seconds), or null.
 */
export function verifyToken(secrets: string | readonly string[], token: string, now: number): TokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return null;
  const body = `${parts[0]}.${parts[1]}`;
  const keys = typeof secrets === 'string' ? [secrets] : secrets;
  if (!keys.some((secret) => sameSignature(parts[2], signature(secret, body)))) return null;
  let claims: Partial<TokenClaims>;
  try {
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Partial<TokenClaims>;
  } catch {
    return null;
  }
  const valid =
    typeof claims.sub === 'string' &&
    typeof claims.sid === 'string' &&
    typeof claims.exp === 'number' &&
    typeof claims.iat === 'number' &&
    claims.exp > now;
  return valid ? (claims as TokenClaims) : null;
}

/** The CSRF token of a cookie session: derived from the session, so it needs no storage. */
export function csrfToken(secret: string, sessionId: string): string {
  return createHmac('sha256', secret).update(`csrf:${sessionId}`).digest('base64url');
}

/** Whether `given` is the CSRF token of the session under one of `secrets` (the current key, the previous one). */
export function csrfTokenMatches(secrets: readonly string[], sessionId: string, given: string): boolean {
  return secrets.some((secret) => sameSignature(given, csrfToken(secret, sessionId)));
}
