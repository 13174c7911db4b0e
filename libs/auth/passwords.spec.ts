import { hashPassword, passwordProblems, verifyPassword } from './passwords.js';

describe('password rules', () => {
  it.each([
    ['short', 'elevenchars', ['must be at least 12 characters']],
    ['common', 'Password1234', ['is one of the most commonly used passwords']],
    ['repetitive', 'abababababab', ['must use at least 5 different characters']],
    ['containing the email', 'jane.smith-2026!', ['must not contain the email address']],
    ['too long', 'x1y2z3'.repeat(50), ['must be at most 256 characters']],
  ])('refuses a %s password', (_, password, problems) => {
    expect(passwordProblems(password, 'jane.smith@example.org')).toEqual(problems);
  });

  it('accepts a long passphrase', () => {
    expect(passwordProblems('correct horse battery staple', 'jane.smith@example.org')).toEqual([]);
    expect(passwordProblems('twelve-chars')).toEqual([]);
  });
});

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one; never stores the password', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain('horse');
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('same password here')).not.toBe(await hashPassword('same password here'));
  });

  it('refuses a stored value that is not a scrypt hash', async () => {
    expect(await verifyPassword('anything at all', 'plain-text')).toBe(false);
  });
});
