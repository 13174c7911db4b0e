import { developmentDefaults as scriptsDevelopmentDefaults } from '../../../scripts/lib/development.mjs';
import {
  authConfig,
  checkApiEnvironment,
  checkEnvironment,
  CLI_ENVIRONMENT,
  DEV_ADMIN_PASSWORD,
  developmentDefaults,
  migrateOnStart,
  suggestionsConfig,
} from '../config/config.js';
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
      // Not loopback, so not a developer's own machine: the secrets are needed too.
      'AUTH_SECRET: must be set to a random string of at least 32 characters',
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

  it('takes the team suggestions’ yearly maximum and weights, named and in range, and nothing else', () => {
    for (const weights of ['finance=5', 'finance=0,focusArea=20,available=1']) {
      expect(problemsOf({ ...valid, SUGGESTION_WEIGHTS: weights, PEER_MAX_CHALLENGES_PER_YEAR: '4' })).toEqual([]);
    }
    for (const weights of ['finance', 'finance=21', 'luck=3', 'finance=5,', 'finance=-1']) {
      expect(problemsOf({ ...valid, SUGGESTION_WEIGHTS: weights })).toEqual([
        expect.stringMatching(/^SUGGESTION_WEIGHTS: must be name=points pairs separated by commas \(points 0 to 20\)/),
      ]);
    }
    expect(problemsOf({ ...valid, PEER_MAX_CHALLENGES_PER_YEAR: '0' })).toEqual([
      'PEER_MAX_CHALLENGES_PER_YEAR: must be between 1 and 52 challenges',
    ]);
    const saved = { ...process.env };
    Object.assign(process.env, { SUGGESTION_WEIGHTS: 'finance=5,available=0', PEER_MAX_CHALLENGES_PER_YEAR: '3' });
    try {
      expect(suggestionsConfig()).toEqual({ maxChallengesPerYear: 3, weights: { finance: 5, available: 0 } });
    } finally {
      delete process.env.SUGGESTION_WEIGHTS;
      delete process.env.PEER_MAX_CHALLENGES_PER_YEAR;
      Object.assign(process.env, saved);
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
    expect(problemsOf({ ...production, ADMIN_PASSWORD: DEV_ADMIN_PASSWORD })).toEqual([
      'AUTH_SECRET: must be set to a random string of at least 32 characters',
      'ADMIN_PASSWORD: must not be the development default',
    ]);
  });

  it('with a short admin password', () => {
    expect(problemsOf({ ...production, AUTH_SECRET: 'x'.repeat(40), ADMIN_PASSWORD: 'short-pass' })).toEqual([
      'ADMIN_PASSWORD: must be at least 16 characters',
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

describe('where the development defaults apply', () => {
  it.each([
    [{}, true], // npm start: HOST defaults to 127.0.0.1
    [{ HOST: '127.0.0.1' }, true],
    [{ HOST: '::1' }, true],
    [{ HOST: 'localhost' }, true],
    [{ NODE_ENV: 'test' }, true],
    [{ NODE_ENV: 'development', HOST: '0.0.0.0' }, true], // asked for explicitly
    [{ HOST: '0.0.0.0' }, false],
    [{ HOST: '::' }, false],
    [{ HOST: '10.0.0.5' }, false],
    [{ NODE_ENV: 'test', HOST: '0.0.0.0' }, false],
    [{ NODE_ENV: 'production' }, false], // production is never a development machine, even on loopback
    [{ NODE_ENV: 'production', HOST: '0.0.0.0' }, false],
  ])('%j: %p', (env: { NODE_ENV?: string; HOST?: string }, expected) => {
    expect(developmentDefaults(env)).toBe(expected);
    // npm start decides its mail inbox with the scripts' copy of the rule.
    expect(scriptsDevelopmentDefaults(env)).toBe(expected);
  });

  it('hands the first admin the development password only there', () => {
    const password = (env: NodeJS.ProcessEnv) => {
      const saved = process.env;
      process.env = { ...valid, ...env };
      try {
        return authConfig().adminPassword;
      } finally {
        process.env = saved;
      }
    };
    expect(password({})).toBe(DEV_ADMIN_PASSWORD);
    expect(password({ HOST: '0.0.0.0', AUTH_SECRET: 'x'.repeat(32) })).toBeNull();
    expect(password({ HOST: '0.0.0.0', AUTH_SECRET: 'x'.repeat(32), ADMIN_PASSWORD: 'a long admin passphrase' })).toBe(
      'a long admin passphrase',
    );
  });

  it('accepts localhost as the address to listen on', () => {
    expect(problemsOf({ ...valid, HOST: 'localhost' })).toEqual([]);
  });
});

describe('the API refuses to start without its secrets where the development defaults do not apply', () => {
  const exposed = { ...valid, HOST: '0.0.0.0' };
  async function refusal(env: NodeJS.ProcessEnv, admin: boolean): Promise<string | null> {
    try {
      await checkApiEnvironment(async () => admin, env);
      return null;
    } catch (error) {
      if (!(error instanceof ConfigurationError)) throw error;
      return error.message;
    }
  }

  it('names AUTH_SECRET and ADMIN_PASSWORD in one message, and says why', async () => {
    const message = await refusal(exposed, false);
    expect(message).toBe(
      'Configuration is invalid:\n' +
        '  - AUTH_SECRET: must be set to a random string of at least 32 characters\n' +
        '  - ADMIN_PASSWORD: must be set (at least 16 characters) to create the first admin: there is none yet\n' +
        'The development defaults (a generated AUTH_SECRET, the development admin password) apply only with ' +
        'NODE_ENV=development or HOST 127.0.0.1, ::1, localhost; here NODE_ENV is unset and HOST 0.0.0.0.',
    );
  });

  it('needs ADMIN_PASSWORD only until the first admin exists', async () => {
    expect(await refusal(exposed, true)).toMatch(/^ {2}- AUTH_SECRET: /m);
    expect(await refusal(exposed, true)).not.toMatch(/ADMIN_PASSWORD/);
    expect(await refusal({ ...exposed, AUTH_SECRET: 'x'.repeat(32) }, true)).toBeNull();
    expect(await refusal({ ...exposed, AUTH_SECRET: 'x'.repeat(32) }, false)).toMatch(/^ {2}- ADMIN_PASSWORD: /m);
  });

  it('refuses a short AUTH_SECRET', async () => {
    expect(
      await refusal({ ...exposed, AUTH_SECRET: 'x'.repeat(31), ADMIN_PASSWORD: 'a long admin passphrase' }, false),
    ).toMatch(/^ {2}- AUTH_SECRET: must be set to a random string of at least 32 characters$/m);
  });

  it('asks nothing of a loopback API, and does not ask the database', async () => {
    let asked = false;
    await checkApiEnvironment(async () => (asked = true), valid);
    expect(asked).toBe(false);
  });
});

describe('MIGRATE_ON_START', () => {
  it.each([
    [{}, true],
    [{ NODE_ENV: 'development' }, true],
    [{ NODE_ENV: 'test' }, true],
    [{ NODE_ENV: 'production' }, false],
    [{ NODE_ENV: 'production', MIGRATE_ON_START: 'true' }, true],
    [{ NODE_ENV: 'development', MIGRATE_ON_START: 'false' }, false],
  ])('with %j, a starting process migrates: %s', (env, expected) => {
    expect(migrateOnStart(env)).toBe(expected);
  });

  it('is true or false, nothing else', () => {
    expect(problemsOf({ ...valid, MIGRATE_ON_START: 'yes' }, CLI_ENVIRONMENT)).toEqual([
      'MIGRATE_ON_START: must be true or false',
    ]);
  });
});

describe('single sign-on settings', () => {
  const oidc = { OIDC_ISSUER: 'https://login.example.org/tenant/v2.0', OIDC_CLIENT_ID: 'id', OIDC_CLIENT_SECRET: 's' };

  it('are all three or none', () => {
    expect(problemsOf({ ...valid })).toEqual([]);
    expect(problemsOf({ ...valid, ...oidc })).toEqual([]);
    expect(problemsOf({ ...valid, OIDC_ISSUER: oidc.OIDC_ISSUER })).toEqual([
      'OIDC_CLIENT_ID: must be set with OIDC_ISSUER and OIDC_CLIENT_SECRET',
      'OIDC_CLIENT_SECRET: must be set with OIDC_ISSUER and OIDC_CLIENT_ID',
    ]);
    expect(problemsOf({ ...valid, OIDC_CLIENT_SECRET: 's' })).toEqual([
      "OIDC_ISSUER: must be the identity provider's https:// issuer address (http:// only on loopback)",
      'OIDC_CLIENT_ID: must be set with OIDC_ISSUER and OIDC_CLIENT_SECRET',
    ]);
  });

  it('take an https issuer, or http on loopback only', () => {
    expect(problemsOf({ ...valid, ...oidc, OIDC_ISSUER: 'http://127.0.0.1:4000' })).toEqual([]);
    for (const issuer of ['http://login.example.org', 'https://login.example.org/?tenant=x', 'ftp://x']) {
      expect(problemsOf({ ...valid, ...oidc, OIDC_ISSUER: issuer })).toHaveLength(1);
    }
  });
});
