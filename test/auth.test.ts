import { deriveKey, signToken } from '#libs/auth';
import { DEV_ADMIN_EMAIL, DEV_ADMIN_PASSWORD } from '#libs/platform';
import { createTestDatabase, query } from './support/environment.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.js';

let t: TestApp;
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('sign-in', () => {
  it('creates the admin from ADMIN_EMAIL / ADMIN_PASSWORD on first start and signs them in', async () => {
    const response = await t.http
      .post('/api/v1/auth/login')
      .send({ email: DEV_ADMIN_EMAIL.toUpperCase(), password: DEV_ADMIN_PASSWORD })
      .expect(200);
    expect(response.body).toEqual({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      expiresAt: expect.any(String),
      user: { id: expect.any(String), email: DEV_ADMIN_EMAIL, name: 'Administrator', roles: ['admin'] },
    });
    const minutes = (Date.parse(response.body.expiresAt) - Date.now()) / 60000;
    expect(minutes).toBeGreaterThan(14);
    expect(minutes).toBeLessThanOrEqual(15);
    const me = await t.http.get('/api/v1/auth/me').set(bearer(response.body.accessToken)).expect(200);
    expect(me.body).toMatchObject({ email: DEV_ADMIN_EMAIL, roles: ['admin'], active: true });
  });

  it('answers 401 with one message for a wrong password and for an unknown email', async () => {
    const wrong = await t.http
      .post('/api/v1/auth/login')
      .send({ email: DEV_ADMIN_EMAIL, password: 'not the password' });
    const unknown = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'nobody@example.org', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'The email address or password is not correct',
    });
  });

  it('answers 400 for a malformed request', async () => {
    const response = await t.http.post('/api/v1/auth/login').send({ email: 42 }).expect(400);
    expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['email', 'password']);
    await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email":').expect(400);
  });

  it('refuses requests without a token, with a forged token, or with an expired one', async () => {
    await t.http.get('/api/v1/councils').expect(401);
    await t.http.get('/api/v1/councils').set(bearer('not-a-token')).expect(401);
    const viewer = await t.as('viewer');
    const [{ id: sessionId }] = await query<{ id: string }>(
      t.database.url,
      'SELECT id FROM sessions WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1',
      [viewer.id],
    );
    const now = Math.floor(Date.now() / 1000);
    const expired = await signToken(deriveKey(process.env.AUTH_SECRET!, 'access-token'), {
      sub: viewer.id,
      sid: sessionId,
      iat: now - 3600,
      exp: now - 1,
    });
    const response = await t.http.get('/api/v1/councils').set(bearer(expired)).expect(401);
    expect(response.body.message).toBe('Your sign-in has expired or ended: sign in again');
    const forged = await signToken('some-other-secret-entirely-0000000', {
      sub: viewer.id,
      sid: sessionId,
      iat: now,
      exp: now + 60,
    });
    await t.http.get('/api/v1/councils').set(bearer(forged)).expect(401);
    // Tokens are signed with AUTH_SECRET's access-token key, never with the secret itself.
    const rawSecret = await signToken(process.env.AUTH_SECRET!, {
      sub: viewer.id,
      sid: sessionId,
      iat: now,
      exp: now + 60,
    });
    await t.http.get('/api/v1/councils').set(bearer(rawSecret)).expect(401);
    const derived = await signToken(deriveKey(process.env.AUTH_SECRET!, 'access-token'), {
      sub: viewer.id,
      sid: sessionId,
      iat: now,
      exp: now + 60,
    });
    await t.http.get('/api/v1/councils').set(bearer(derived)).expect(200);
    await t.http.get('/api/v1/councils').set(bearer(viewer.token)).expect(200);
  });

  it('ends the session on sign-out; a refreshed token belongs to the same session', async () => {
    const viewer = await t.as('viewer');
    const token = await t.login(viewer.email);
    const refreshed = await t.http.post('/api/v1/auth/refresh').set(bearer(token)).expect(200);
    await t.http.get('/api/v1/auth/me').set(bearer(refreshed.body.accessToken)).expect(200);
    await t.http.post('/api/v1/auth/logout').set(bearer(token)).expect(204);
    await t.http.get('/api/v1/auth/me').set(bearer(token)).expect(401);
    await t.http.get('/api/v1/auth/me').set(bearer(refreshed.body.accessToken)).expect(401);
    await t.http.get('/api/v1/auth/me').set(bearer(viewer.token)).expect(200);
  });

  it('throttles repeated failures per account with 429 and Retry-After, even for the right password', async () => {
    const email = 'throttled@example.org';
    await t.http
      .post('/api/v1/users')
      .set(bearer(t.adminToken))
      .send({ email, name: 'Throttled', password: TEST_PASSWORD, roles: ['viewer'] })
      .expect(201);
    for (let i = 0; i < 5; i++) {
      await t.http.post('/api/v1/auth/login').send({ email, password: 'wrong password!' }).expect(401);
    }
    const refused = await t.http.post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(429);
    expect(refused.body.message).toMatch(/^Too many failed sign-in attempts\. Try again in 15 minutes\.$/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(800);
    // Other accounts from the same address still sign in.
    await t.login((await t.as('peer_challenge_manager')).email);
  });

  it('throttles repeated failures from one address across accounts', async () => {
    await query(t.database.url, 'DELETE FROM login_throttle');
    for (let i = 0; i < 30; i++) {
      await t.http
        .post('/api/v1/auth/login')
        .send({ email: `guess${i}@example.org`, password: 'wrong password!' })
        .expect(401);
    }
    await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'guess-more@example.org', password: 'wrong password!' })
      .expect(429);
    await query(t.database.url, `DELETE FROM login_throttle WHERE key LIKE 'address:%'`);
  });

  it('behind a trusted proxy, throttles each client address, not the proxy', async () => {
    const proxied = await createTestApp({ env: { TRUST_PROXY: 'loopback' } });
    try {
      const attempt = (address: string, i: number) =>
        proxied.http
          .post('/api/v1/auth/login')
          .set('X-Forwarded-For', address)
          .send({ email: `proxied${i}@example.org`, password: 'wrong password!' });
      for (let i = 0; i < 30; i++) expect((await attempt('203.0.113.7', i)).status).toBe(401);
      expect((await attempt('203.0.113.7', 30)).status).toBe(429);
      // Another client behind the same proxy is not locked out.
      expect((await attempt('198.51.100.9', 31)).status).toBe(401);
    } finally {
      await proxied.close();
    }
  });

  it('accepts the session cookie for reads, and for changes only with the CSRF token', async () => {
    const admin = await t.as('admin');
    const token = await t.login(admin.email);
    const cookie = `lga_session=${token}`;
    await t.http.get('/api/v1/auth/me').set('Cookie', cookie).expect(200);
    const change = () => t.http.patch('/api/v1/councils/E06000059').set('Cookie', cookie);
    const refused = await change().send({ nudgesSuppressed: true }).expect(403);
    expect(refused.body.message).toBe('The form has expired: reload the page and try again');
    await change().set('X-CSRF-Token', 'forged').send({ nudgesSuppressed: true }).expect(403);
    const [{ id: sessionId }] = await query<{ id: string }>(
      t.database.url,
      'SELECT id FROM sessions WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1',
      [admin.id],
    );
    const { AuthService } = await import('#libs/auth');
    const csrf = t.app.get(AuthService).csrfTokenFor(sessionId);
    await change().set('X-CSRF-Token', csrf).send({ nudgesSuppressed: false }).expect(200);
  });
});

describe('users', () => {
  const admin = () => bearer(t.adminToken);

  it('creates a principal adviser with a region and never returns the password hash', async () => {
    const created = await t.http
      .post('/api/v1/users')
      .set(admin())
      .send({
        email: ' Pat.Adviser@Example.org ',
        name: 'Pat Adviser',
        password: TEST_PASSWORD,
        roles: ['principal_adviser'],
        region: 'London',
      })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      email: 'pat.adviser@example.org',
      name: 'Pat Adviser',
      roles: ['principal_adviser'],
      region: 'London',
      active: true,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const list = await t.http.get('/api/v1/users?role=principal_adviser&region=London').set(admin()).expect(200);
    expect(list.body.items.map((u: { email: string }) => u.email)).toEqual(['pat.adviser@example.org']);
    expect(JSON.stringify(list.body)).not.toMatch(/scrypt|password/i);
    expect(JSON.stringify((await t.http.get(`/api/v1/users/${created.body.id}`).set(admin())).body)).not.toMatch(
      /scrypt/,
    );
  });

  it.each([
    [{ password: 'short' }, 'password', /at least 12 characters/],
    [{ password: 'password1234' }, 'password', /most commonly used/],
    [{ roles: [] }, 'roles', /at least one role/],
    [{ roles: ['superuser'] }, 'roles', /each role must be one of/],
    [{ roles: ['principal_adviser'] }, 'region', /principal adviser needs one/],
    [{ email: 'not-an-email' }, 'email', /email address/],
    [{ isAdmin: true }, 'isAdmin', /should not exist/],
  ])('refuses %p with 400 naming %s, and writes nothing', async (change, field, problem) => {
    const before = await query<{ count: string }>(t.database.url, 'SELECT count(*) FROM users');
    const response = await t.http
      .post('/api/v1/users')
      .set(admin())
      .send({ email: 'new.user@example.org', name: 'New User', password: TEST_PASSWORD, roles: ['viewer'], ...change })
      .expect(400);
    expect(response.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(JSON.stringify(response.body)).toMatch(problem);
    expect(await query(t.database.url, 'SELECT count(*) FROM users')).toEqual(before);
  });

  it('refuses a second user with the same email (409)', async () => {
    const body = { email: 'twice@example.org', name: 'Twice', password: TEST_PASSWORD, roles: ['viewer'] };
    await t.http.post('/api/v1/users').set(admin()).send(body).expect(201);
    const again = await t.http
      .post('/api/v1/users')
      .set(admin())
      .send({ ...body, email: 'TWICE@example.org' })
      .expect(409);
    expect(again.body.message).toBe('A user with the email address twice@example.org already exists');
  });

  it('changes roles at once, and deactivating a user ends their sessions', async () => {
    const user = await t.as('viewer');
    await t.http
      .patch(`/api/v1/users/${user.id}`)
      .set(admin())
      .send({ roles: ['viewer', 'peer_challenge_manager'] })
      .expect(200);
    expect((await t.http.get('/api/v1/auth/me').set(bearer(user.token)).expect(200)).body.roles).toEqual([
      'viewer',
      'peer_challenge_manager',
    ]);
    // null may not stand for "no change" or blank a field that must have a value.
    for (const field of ['name', 'roles', 'active', 'password'])
      await t.http
        .patch(`/api/v1/users/${user.id}`)
        .set(admin())
        .send({ [field]: null })
        .expect(400);
    await t.http.patch(`/api/v1/users/${user.id}`).set(admin()).send({ active: false }).expect(200);
    await t.http.get('/api/v1/auth/me').set(bearer(user.token)).expect(401);
    await t.http.post('/api/v1/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(401);
    await t.http
      .patch(`/api/v1/users/${user.id}`)
      .set(admin())
      .send({ active: true, roles: ['viewer'] })
      .expect(200);
    await t.login(user.email);
  });

  it('refuses a password typed by an admin, changing nothing (they send a link: test/passwords.test.ts)', async () => {
    const user = await t.as('principal_adviser');
    await t.http
      .patch(`/api/v1/users/${user.id}`)
      .set(admin())
      .send({ password: 'a-brand-new-passphrase' })
      .expect(400);
    await t.http.get('/api/v1/auth/me').set(bearer(user.token)).expect(200);
    await t.login(user.email);
  });

  it('keeps at least one active admin, and an admin cannot lock themselves out', async () => {
    const me = (await t.http.get('/api/v1/auth/me').set(admin())).body;
    const self = await t.http.patch(`/api/v1/users/${me.id}`).set(admin()).send({ active: false }).expect(422);
    expect(self.body.details.reasons).toContain('You cannot remove your own admin role or deactivate yourself');
    const other = await t.as('admin');
    await t.http
      .patch(`/api/v1/users/${other.id}`)
      .set(admin())
      .send({ roles: ['viewer'] })
      .expect(200);
    await t.http
      .patch(`/api/v1/users/${other.id}`)
      .set(admin())
      .send({ roles: ['admin'] })
      .expect(200);
  });

  it('answers 404 for an unknown or malformed user id', async () => {
    await t.http.get('/api/v1/users/00000000-0000-0000-0000-000000000000').set(admin()).expect(404);
    await t.http.get('/api/v1/users/42').set(admin()).expect(404);
    await t.http.patch('/api/v1/users/42').set(admin()).send({ name: 'x' }).expect(404);
  });
});

describe('first start', () => {
  it('refuses to create the admin with a weak ADMIN_PASSWORD', async () => {
    const database = await createTestDatabase();
    await expect(createTestApp({ database, env: { ADMIN_PASSWORD: 'password1234' } })).rejects.toThrow(
      /ADMIN_PASSWORD: is one of the most commonly used passwords/,
    );
  });
});

describe('security headers and limits', () => {
  it('sends security headers and a request id, and no CORS headers unless configured', async () => {
    const response = await t.http.get('/api/v1/health').set('Origin', 'https://elsewhere.example').expect(200);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toBeDefined();
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const traced = await t.http.get('/api/v1/health').set('X-Request-Id', 'trace-123').expect(200);
    expect(traced.headers['x-request-id']).toBe('trace-123');
  });

  it('refuses a body over the size limit with 413', async () => {
    const response = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'a@example.org', password: 'x'.repeat(300_000) })
      .expect(413);
    expect(response.body).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      message: 'Request body is too large',
    });
  });
});
