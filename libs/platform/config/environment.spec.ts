import { checkEnvironment, CLI_ENVIRONMENT } from '../config/config.js';
import { ConfigurationError } from './environment.js';

const valid = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db', REDIS_URL: 'redis://127.0.0.1:6379' };

function problemsOf(env: NodeJS.ProcessEnv, classes?: Parameters<typeof checkEnvironment>[0]): string[] {
  try {
    checkEnvironment(classes, env);
    return [];
  } catch (error) {
    if (error instanceof ConfigurationError) return error.problems;
    throw error;
  }
}

describe('configuration validated at start', () => {
  it('accepts a complete environment and uses the defaults', () => {
    expect(problemsOf(valid)).toEqual([]);
  });

  it('names every bad variable at once, one line each', () => {
    const problems = problemsOf({ PORT: 'eighty', NODE_ENV: 'staging', REDIS_URL: 'http://x', PUBLIC_URL: 'nope' });
    expect(problems).toHaveLength(5);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^PORT: must be a whole number/),
        expect.stringMatching(/^NODE_ENV: must be development, test or production/),
        expect.stringMatching(/^DATABASE_URL: must be set to a postgres:\/\/ URL/),
        expect.stringMatching(/^REDIS_URL: must be set to a redis:\/\/ URL/),
        expect.stringMatching(/^PUBLIC_URL: must be an http\(s\) URL/),
      ]),
    );
  });

  it('refuses a port out of range and a bad listen address', () => {
    expect(problemsOf({ ...valid, PORT: '70000', HOST: 'everywhere' })).toEqual([
      'PORT: must be between 1 and 65535',
      'HOST: must be an IP address to listen on, e.g. 127.0.0.1 or 0.0.0.0',
    ]);
  });

  it('takes TRUST_PROXY as a number of proxies or their addresses, and nothing else', () => {
    for (const trusted of ['1', '2', 'loopback', '172.16.0.0/12, loopback', 'fd00::/8']) {
      expect(problemsOf({ ...valid, TRUST_PROXY: trusted })).toEqual([]);
    }
    for (const refused of ['0', '10', 'true', 'everyone', '1; rm']) {
      expect(problemsOf({ ...valid, TRUST_PROXY: refused })).toEqual([
        'TRUST_PROXY: must be a number of proxies from 1 to 9, or comma-separated addresses or CIDRs',
      ]);
    }
  });

  it('lets the command line run without Redis', () => {
    expect(problemsOf({ DATABASE_URL: valid.DATABASE_URL }, CLI_ENVIRONMENT)).toEqual([]);
  });

  it('puts every problem in the error message', () => {
    expect(() => checkEnvironment(undefined, {})).toThrow(/DATABASE_URL[\s\S]*REDIS_URL/);
  });
});

describe('production refuses unsafe secrets', () => {
  const production = { ...valid, NODE_ENV: 'production', ADMIN_EMAIL: 'lead@example.org' };

  it('without AUTH_SECRET or with the development admin password', () => {
    expect(problemsOf(production)).toEqual([
      'AUTH_SECRET: must be set to a random string of at least 32 characters (required in production)',
      'ADMIN_PASSWORD: must not be the development default in production',
    ]);
  });

  it('with a short admin password', () => {
    expect(problemsOf({ ...production, AUTH_SECRET: 'x'.repeat(40), ADMIN_PASSWORD: 'short-pass' })).toEqual([
      'ADMIN_PASSWORD: must be at least 16 characters in production',
    ]);
  });

  it('starts with a secret and a strong admin password', () => {
    expect(
      problemsOf({ ...production, AUTH_SECRET: 'x'.repeat(40), ADMIN_PASSWORD: 'a long and unguessable phrase' }),
    ).toEqual([]);
  });

  it('allows development defaults outside production', () => {
    expect(problemsOf({ ...valid, NODE_ENV: 'development' })).toEqual([]);
  });
});
