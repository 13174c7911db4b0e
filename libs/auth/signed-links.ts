import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AuthKeys, KeyPurpose } from './auth-secret.js';

const DAY = 86_400;

/**
 * The purposes of signed links and tokens, and how long each is honoured after it is issued (seconds): links sent by
 * email, and the few minutes a password sign-in waits for its security code (`second-factor`).
 */
export const LINK_LIFETIME_SECONDS = {
  'unsubscribe-link': 365 * DAY,
  'survey-link': 90 * DAY,
  'second-factor': 5 * 60,
} as const;
export type LinkPurpose = keyof typeof LINK_LIFETIME_SECONDS & KeyPurpose;

const SUBJECT = /^[A-Za-z0-9_-]{1,64}$/;
const ISSUED = /^[0-9a-z]{1,10}$/;
/** Clocks of several API processes differ a little: an issue date this far ahead is still believed. */
const CLOCK_SKEW_SECONDS = 300;

export type LinkCheck =
  | { valid: true; subject: string; issuedAt: Date; expiresAt: Date }
  | { valid: false; reason: 'invalid' }
  | { valid: false; reason: 'expired'; subject: string; issuedAt: Date; expiresAt: Date };

function signature(key: string, purpose: LinkPurpose, subject: string, issued: string): string {
  return createHmac('sha256', key).update(`${purpose}\n${subject}\n${issued}`).digest('base64url');
}

function same(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Signed links for emails: `<subject>.<issued>.<signature>`, the subject an id (a GSS code, a UUID), issued the
 * second it was made (base 36), the signature HMAC-SHA256 over the purpose, subject and issue time with the
 * purpose's own key derived from AUTH_SECRET (`AuthKeys`), so a link for one purpose is never valid for another. A
 * link verifies with the current key or, during a rotation, the previous one, and expires LINK_LIFETIME_SECONDS of its
 * purpose after it was issued. Issue #17's surveys use purpose `survey-link`.
 */
export class SignedLinks {
  constructor(private readonly keys: AuthKeys) {}

  sign(purpose: LinkPurpose, subject: string, issuedAt: Date = new Date()): string {
    if (!SUBJECT.test(subject)) throw new Error(`a signed link's subject must match ${SUBJECT}`);
    const issued = Math.floor(issuedAt.getTime() / 1000).toString(36);
    return `${subject}.${issued}.${signature(this.keys.signing(purpose), purpose, subject, issued)}`;
  }

  verify(purpose: LinkPurpose, token: unknown, now: Date = new Date()): LinkCheck {
    if (typeof token !== 'string' || token.length > 200) return { valid: false, reason: 'invalid' };
    const [subject, issued, given, ...rest] = token.split('.');
    if (rest.length > 0 || !subject || !issued || !given || !SUBJECT.test(subject) || !ISSUED.test(issued)) {
      return { valid: false, reason: 'invalid' };
    }
    const genuine = this.keys.verifying(purpose).some((key) => same(given, signature(key, purpose, subject, issued)));
    if (!genuine) return { valid: false, reason: 'invalid' };
    const issuedAt = new Date(parseInt(issued, 36) * 1000);
    if (issuedAt.getTime() > now.getTime() + CLOCK_SKEW_SECONDS * 1000) return { valid: false, reason: 'invalid' };
    const expiresAt = new Date(issuedAt.getTime() + LINK_LIFETIME_SECONDS[purpose] * 1000);
    if (expiresAt.getTime() <= now.getTime()) return { valid: false, reason: 'expired', subject, issuedAt, expiresAt };
    return { valid: true, subject, issuedAt, expiresAt };
  }
}
