import { AuthKeys } from './auth-secret.js';
import { SignedLinks } from './signed-links.js';

const keys = (secret: string, previous: string | null = null) =>
  AuthKeys.from({ secret, previousSecret: previous }, { dataDir: '.data', developmentDefaults: false });
const OLD = 'an-old-secret-of-at-least-32-characters!';
const NEW = 'a-new-secret-of-at-least-32-characters!!';
const issued = new Date('2026-01-10T12:00:00Z');
const day = 86_400_000;

describe('signed links', () => {
  const links = new SignedLinks(keys(NEW));

  it('carries the subject and its issue date, and expires after its purpose’s lifetime', () => {
    const token = links.sign('unsubscribe-link', 'E06000059', issued);
    expect(token).toMatch(/^E06000059\.[0-9a-z]+\.[\w-]{43}$/);
    expect(links.verify('unsubscribe-link', token, new Date(issued.getTime() + 364 * day))).toEqual({
      valid: true,
      subject: 'E06000059',
      issuedAt: issued,
      expiresAt: new Date(issued.getTime() + 365 * day),
    });
    expect(links.verify('unsubscribe-link', token, new Date(issued.getTime() + 365 * day))).toMatchObject({
      valid: false,
      reason: 'expired',
      subject: 'E06000059',
    });
    const survey = links.sign('survey-link', 'abc-123', issued);
    expect(links.verify('survey-link', survey, new Date(issued.getTime() + 89 * day)).valid).toBe(true);
    expect(links.verify('survey-link', survey, new Date(issued.getTime() + 90 * day))).toMatchObject({
      reason: 'expired',
    });
  });

  it('refuses a link changed in any part, made for another purpose, or dated in the future', () => {
    const token = links.sign('unsubscribe-link', 'E06000059', issued);
    const [subject, date, signature] = token.split('.');
    const at = new Date(issued.getTime() + day);
    for (const forged of [
      `E06000001.${date}.${signature}`,
      `${subject}.${(parseInt(date, 36) + 1).toString(36)}.${signature}`,
      `${subject}.${date}.${signature.slice(1)}x`,
      `${subject}.${date}`,
      `${token}.more`,
      '',
      'x'.repeat(300),
      links.sign('survey-link', 'E06000059', issued),
      new SignedLinks(keys(OLD)).sign('unsubscribe-link', 'E06000059', issued),
      links.sign('unsubscribe-link', 'E06000059', new Date(at.getTime() + 3600_000)),
    ]) {
      expect(links.verify('unsubscribe-link', forged, at)).toEqual({ valid: false, reason: 'invalid' });
    }
    expect(links.verify('unsubscribe-link', 42, at)).toEqual({ valid: false, reason: 'invalid' });
    expect(() => links.sign('unsubscribe-link', 'not/a/code')).toThrow();
  });

  it('verifies a link of the previous secret during a rotation, and signs with the new one', () => {
    const before = new SignedLinks(keys(OLD)).sign('unsubscribe-link', 'E06000059', issued);
    const rotating = new SignedLinks(keys(NEW, OLD));
    const at = new Date(issued.getTime() + day);
    expect(rotating.verify('unsubscribe-link', before, at).valid).toBe(true);
    expect(links.verify('unsubscribe-link', rotating.sign('unsubscribe-link', 'E06000059', issued), at).valid).toBe(
      true,
    );
  });
});
