import type { INestApplication } from '@nestjs/common';
import type { OpenAPIObject } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module.js';
import { configureApp } from '../../apps/api/src/http/configure.js';
import { ROLES, type Role } from '#libs/auth';
import { DEV_ADMIN_EMAIL, DEV_ADMIN_PASSWORD } from '#libs/platform';
import { createTestDatabase, useTestEnvironment, type TestDatabase } from './environment.js';
import { firstCode, freshCode } from './two-factor.js';
import { checkAnswers } from './openapi-contract.js';

export const TEST_PASSWORD = 'a-long-test-passphrase';

export interface TestUser {
  id: string;
  email: string;
  token: string;
  totpSecret?: string;
}

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  database: TestDatabase;
  /** A token for the first-start admin. */
  adminToken: string;
  /** Signs in (with a security code, for a user `as` set one up for) and returns the access token (expects success). */
  login(email: string, password?: string): Promise<string>;
  /**
   * A user holding just this role (created once per app), with a token. An admin has set up a second factor, as
   * admins must: `totpSecret` is what their authenticator app holds.
   */
  as(role: Role): Promise<TestUser>;
  /** A security code, not used yet, for a user `as` set up a second factor for; undefined for others. */
  securityCode(email: string): Promise<string | undefined>;
  close(): Promise<void>;
}

/**
 * The real API application, in process, on a database of its own and the real Redis. `env` overrides
 * variables after the test environment is set, e.g. to point at a Redis that is down.
 */
export async function createTestApp(
  options: { database?: TestDatabase; env?: NodeJS.ProcessEnv } = {},
): Promise<TestApp> {
  const db = options.database ?? (await createTestDatabase());
  useTestEnvironment(db);
  // Like the logger option below: only errors, not a line per request (pino-http reads LOG_LEVEL at boot).
  const env = { LOG_LEVEL: 'error', ...options.env };
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  let document: OpenAPIObject | undefined;
  try {
    checkAnswers(app, () => document!);
    document = configureApp(app);
    await app.init();
  } catch (error) {
    await app.close().catch(() => undefined);
    await db.drop();
    throw error;
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  const http = request(app.getHttpServer());

  /** The second factors `as` set up: email → the user's id and their app's secret. */
  const secondFactors = new Map<string, { id: string; secret: string }>();

  async function securityCode(email: string): Promise<string | undefined> {
    const factor = secondFactors.get(email);
    return factor ? freshCode(db.url, factor.id, factor.secret) : undefined;
  }

  async function login(email: string, password = TEST_PASSWORD): Promise<string> {
    const code = await securityCode(email);
    const response = await http.post('/api/v1/auth/login').send({ email, password, code });
    if (response.status !== 200) throw new Error(`login of ${email} failed: ${response.status} ${response.text}`);
    return response.body.accessToken as string;
  }

  /** Sets up an authenticator app for a user signed in without one, as the set-up page does. */
  async function setUpSecondFactor(id: string, email: string): Promise<void> {
    const enrolling = { Authorization: `Bearer ${await login(email)}` };
    const setup = await http.post('/api/v1/auth/two-factor').set(enrolling);
    if (setup.status !== 201) throw new Error(`setting up a second factor failed: ${setup.status} ${setup.text}`);
    const secret = setup.body.secret as string;
    const confirmed = await http
      .post('/api/v1/auth/two-factor/confirm')
      .set(enrolling)
      .send({ code: await firstCode(secret) });
    if (confirmed.status !== 204)
      throw new Error(`confirming a second factor failed: ${confirmed.status} ${confirmed.text}`);
    secondFactors.set(email, { id, secret });
  }

  const adminToken = await login(DEV_ADMIN_EMAIL, DEV_ADMIN_PASSWORD);
  const users = new Map<Role, Promise<TestUser>>();
  async function createUser(role: Role) {
    const email = `test-${role.replace(/_/g, '-')}@example.org`;
    const response = await http
      .post('/api/v1/users')
      .set('Authorization', `Bearer ${adminToken}`)
      .send({
        email,
        name: `Test ${role}`,
        password: TEST_PASSWORD,
        roles: [role],
        region: role === 'principal_adviser' ? 'South West' : undefined,
      });
    if (response.status !== 201) throw new Error(`creating a ${role} failed: ${response.status} ${response.text}`);
    const id = response.body.id as string;
    if (role === 'admin') await setUpSecondFactor(id, email);
    return { id, email, token: await login(email), totpSecret: secondFactors.get(email)?.secret };
  }

  return {
    app,
    http,
    database: db,
    adminToken,
    login,
    securityCode,
    as(role) {
      if (!ROLES.includes(role)) throw new Error(`unknown role ${role}`);
      if (!users.has(role)) users.set(role, createUser(role));
      return users.get(role)!;
    },
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
