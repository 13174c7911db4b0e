import { randomBytes } from 'node:crypto';
import { AuthService } from '#libs/auth';
import { query } from './support/environment.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Rotating AUTH_SECRET across API processes on one database: the old secret's replicas, then replicas with the new
 * secret and AUTH_SECRET_PREVIOUS (sessions signed before keep working), then the new secret alone.
 */
const OLD = randomBytes(32).toString('base64url');
const NEW = randomBytes(32).toString('base64url');
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

let before: TestApp;
const others: TestApp[] = [];
beforeAll(async () => {
  before = await createTestApp({ env: { AUTH_SECRET: OLD } });
});
afterAll(async () => {
  for (const app of others) await app.app.close();
  await before.close();
});

async function replica(env: NodeJS.ProcessEnv): Promise<TestApp> {
  const app = await createTestApp({ database: before.database, env });
  others.push(app);
  return app;
}

it('accepts tokens and CSRF tokens of AUTH_SECRET_PREVIOUS during a rotation, signs with AUTH_SECRET, and drops the old ones after', async () => {
  const oldToken = before.adminToken;
  const [{ id: sessionId }] = await query<{ id: string }>(
    before.database.url,
    `SELECT s.id FROM sessions s JOIN users u ON u.id = s.user_id WHERE 'admin' = ANY(u.roles)
      ORDER BY s.created_at LIMIT 1`,
  );
  const oldCsrf = before.app.get(AuthService).csrfTokenFor(sessionId);

  const during = await replica({ AUTH_SECRET: NEW, AUTH_SECRET_PREVIOUS: OLD });
  await during.http.get('/api/v1/auth/me').set(bearer(oldToken)).expect(200);
  const cookie = `lga_session=${oldToken}`;
  const change = (csrf: string) =>
    during.http
      .patch('/api/v1/councils/E06000059')
      .set('Cookie', cookie)
      .set('X-CSRF-Token', csrf)
      .send({ nudgesSuppressed: false });
  await change(oldCsrf).expect(200);
  // What it signs is the new secret's: the old secret's replicas refuse it, the new ones accept it.
  const newToken = during.adminToken;
  await before.http.get('/api/v1/auth/me').set(bearer(newToken)).expect(401);
  expect(during.app.get(AuthService).csrfTokenFor(sessionId)).not.toBe(oldCsrf);

  const after = await replica({ AUTH_SECRET: NEW });
  await after.http.get('/api/v1/auth/me').set(bearer(newToken)).expect(200);
  await after.http.get('/api/v1/auth/me').set(bearer(oldToken)).expect(401);
  // A CSRF token of the new token's session, signed with the old secret: good during the rotation, not after.
  const newSession = (JSON.parse(Buffer.from(newToken.split('.')[1], 'base64url').toString()) as { sid: string }).sid;
  const oldKeyCsrf = before.app.get(AuthService).csrfTokenFor(newSession);
  const changeWith = (app: TestApp, csrf: string) =>
    app.http
      .patch('/api/v1/councils/E06000059')
      .set('Cookie', `lga_session=${newToken}`)
      .set('X-CSRF-Token', csrf)
      .send({ nudgesSuppressed: false });
  await changeWith(during, oldKeyCsrf).expect(200);
  await changeWith(after, oldKeyCsrf).expect(403);
  await changeWith(after, after.app.get(AuthService).csrfTokenFor(newSession)).expect(200);
});
