import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../../apps/api/src/app.module.js';
import { configureApp } from '../../apps/api/src/http/configure.js';
import { ROLES, type Role } from '#libs/auth';
import { DEV_ADMIN_EMAIL, DEV_ADMIN_PASSWORD } from '#libs/platform';
import { createTestDatabase, useTestEnvironment, type TestDatabase } from './environment.js';

export const TEST_PASSWORD = 'a-long-test-passphrase';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  database: TestDatabase;
  /** A token for the first-start admin. */
  adminToken: string;
  /** Signs in and returns the access token (expects success). */
  login(email: string, password?: string): Promise<string>;
  /** A user holding just this role (created once per app), with a token. */
  as(role: Role): Promise<{ id: string; email: string; token: string }>;
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
  try {
    configureApp(app);
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

  async function login(email: string, password = TEST_PASSWORD): Promise<string> {
    const response = await http.post('/api/v1/auth/login').send({ email, password });
    if (response.status !== 200) throw new Error(`login of ${email} failed: ${response.status} ${response.text}`);
    return response.body.accessToken as string;
  }

  const adminToken = await login(DEV_ADMIN_EMAIL, DEV_ADMIN_PASSWORD);
  const users = new Map<Role, Promise<{ id: string; email: string; token: string }>>();
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
    return { id: response.body.id as string, email, token: await login(email) };
  }

  return {
    app,
    http,
    database: db,
    adminToken,
    login,
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
