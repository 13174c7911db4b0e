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

/** The claims of a token whose signature and lifetime are valid at `now` (seconds), or null. */
export function verifyToken(secret: string, token: string, now: number): TokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== HEADER) return null;
  const expected = Buffer.from(signature(secret, `${parts[0]}.${parts[1]}`));
  const actual = Buffer.from(parts[2]);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
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
