import { hashPassword, passwordCost, passwordProblems, verifyPassword } from './passwords.js';

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
  it('costs N = 2^15 everywhere but a test run, which may lower it for its own sign-ins', () => {
    const production = { N: 32768, r: 8, p: 1 };
    expect(passwordCost({ NODE_ENV: 'production', SCRYPT_TEST_LOG2_N: '11' })).toEqual(production);
    expect(passwordCost({ NODE_ENV: 'development', SCRYPT_TEST_LOG2_N: '11' })).toEqual(production);
    expect(passwordCost({ NODE_ENV: 'test' })).toEqual(production);
    expect(passwordCost({ NODE_ENV: 'test', SCRYPT_TEST_LOG2_N: '9' })).toEqual(production);
    expect(passwordCost({ NODE_ENV: 'test', SCRYPT_TEST_LOG2_N: '11' })).toEqual({ N: 2048, r: 8, p: 1 });
  });

  it('verifies the right password and refuses a wrong one at the production cost; never stores the password', async () => {
    const hash = await hashPassword('correct horse battery staple', passwordCost({ NODE_ENV: 'production' }));
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(hash).not.toContain('horse');
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
  });

  it('verifies a hash made at another cost by the parameters stored with it', async () => {
    const hash = await hashPassword('correct horse battery staple', { N: 1024, r: 8, p: 1 });
    expect(hash).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
  });

  it('salts each hash', async () => {
    expect(await hashPassword('same password here')).not.toBe(await hashPassword('same password here'));
  });

  it('refuses a stored value that is not a scrypt hash', async () => {
    expect(await verifyPassword('anything at all', 'plain-text')).toBe(false);
  });
});
