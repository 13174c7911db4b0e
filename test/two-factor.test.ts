import { generate } from 'otplib';
import { SecretBox, type AuthKeys } from '#libs/auth';
import { query } from './support/environment.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.js';
import { firstCode, freshCode } from './support/two-factor.js';

/**
 * The second factor of password sign-in (issue #22), against the real API and database: admins must set one up
 * before anything else, others may; a code is good once, a wrong one counts as a failed sign-in, and an admin can
 * reset a lost one.
 */
describe('two-factor authentication', () => {
  let t: TestApp;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  async function newUser(roles: string[]): Promise<{ id: string; email: string }> {
    const email = `tf-${roles[0].replace(/_/g, '-')}-${Math.random().toString(36).slice(2, 8)}@example.org`;
    const response = await t.http
      .post('/api/v1/users')
      .set(bearer(t.adminToken))
      .send({ email, name: 'Two Factor', password: TEST_PASSWORD, roles })
      .expect(201);
    return { id: response.body.id, email };
  }

  const signIn = (email: string, code?: string) =>
    t.http.post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD, code });

  async function enrol(token: string): Promise<string> {
    const setup = await t.http.post('/api/v1/auth/two-factor').set(bearer(token)).expect(201);
    expect(setup.body).toEqual({
      secret: expect.stringMatching(/^[A-Z2-7]{32}$/),
      uri: expect.stringMatching(/^otpauth:\/\/totp\/LGA%20peer%20challenge:/),
      qrCode: expect.stringMatching(/^data:image\/svg\+xml;base64,/),
    });
    expect(setup.body.uri).toContain(`secret=${setup.body.secret}`);
    const image = Buffer.from(setup.body.qrCode.split(',')[1], 'base64').toString();
    expect(image).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    await t.http
      .post('/api/v1/auth/two-factor/confirm')
      .set(bearer(token))
      .send({ code: await firstCode(setup.body.secret) })
      .expect(204);
    return setup.body.secret;
  }

  it('lets an admin without one do nothing but set one up, then asks every sign-in for a code', async () => {
    const admin = await newUser(['admin']);
    const first = await signIn(admin.email).expect(200);
    const token = first.body.accessToken;
    const refused = await t.http.get('/api/v1/cases').set(bearer(token)).expect(403);
    expect(refused.body.message).toMatch(/^Set up two-factor authentication first/);
    await t.http.get('/api/v1/auth/me').set(bearer(token)).expect(200);
    expect((await t.http.get('/api/v1/auth/two-factor').set(bearer(token)).expect(200)).body).toEqual({
      enabled: false,
      enabledAt: null,
      required: true,
    });

    // A wrong code, and no set-up under way, change nothing.
    await t.http.post('/api/v1/auth/two-factor/confirm').set(bearer(token)).send({ code: '123456' }).expect(422);
    const setup = await t.http.post('/api/v1/auth/two-factor').set(bearer(token)).expect(201);
    const wrong = await t.http
      .post('/api/v1/auth/two-factor/confirm')
      .set(bearer(token))
      .send({ code: 'abc' })
      .expect(422);
    expect(wrong.body.message).toBe('Enter the 6-digit security code from your authenticator app');
    await t.http.get('/api/v1/cases').set(bearer(token)).expect(403);
    await t.http
      .post('/api/v1/auth/two-factor/confirm')
      .set(bearer(token))
      .send({ code: await firstCode(setup.body.secret) })
      .expect(204);
    // The same session may now do what an admin does.
    await t.http.get('/api/v1/cases').set(bearer(token)).expect(200);
    const status = await t.http.get('/api/v1/auth/two-factor').set(bearer(token)).expect(200);
    expect(status.body).toEqual({ enabled: true, enabledAt: expect.any(String), required: true });

    const withoutCode = await signIn(admin.email).expect(401);
    expect(withoutCode.body).toEqual({
      statusCode: 401,
      error: 'Unauthorized',
      message: 'Enter the 6-digit security code from your authenticator app',
      details: { secondFactor: 'required' },
    });
    const code = await freshCode(t.database.url, admin.id, setup.body.secret);
    const signedIn = await signIn(admin.email, code).expect(200);
    await t.http.get('/api/v1/cases').set(bearer(signedIn.body.accessToken)).expect(200);
    // The code is used up.
    const replayed = await signIn(admin.email, code).expect(401);
    expect(replayed.body.message).toBe('The security code is not correct, or has been used');

    // Admins must keep it.
    const off = await t.http
      .post('/api/v1/auth/two-factor/remove')
      .set(bearer(signedIn.body.accessToken))
      .send({ code: await freshCode(t.database.url, admin.id, setup.body.secret) })
      .expect(403);
    expect(off.body.message).toMatch(/^Admins must keep two-factor authentication/);

    const actions = await query<{ action: string; reason: string | null }>(
      t.database.url,
      `SELECT action, summary->>'reason' AS reason FROM audit_log WHERE entity_id = $1 ORDER BY id`,
      [admin.id],
    );
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['auth.two_factor_enabled', 'auth.login', 'auth.login_failed']),
    );
    expect(actions).toContainEqual({ action: 'auth.login_failed', reason: 'wrong security code' });
  });

  it('keeps the secret sealed in the database, and accepts one of two racing sign-ins with one code', async () => {
    const admin = await newUser(['admin']);
    const secret = await enrol((await signIn(admin.email).expect(200)).body.accessToken);
    const [row] = await query<{ totp_secret: string; totp_pending_secret: string | null }>(
      t.database.url,
      'SELECT totp_secret, totp_pending_secret FROM users WHERE id = $1',
      [admin.id],
    );
    expect(row.totp_pending_secret).toBeNull();
    expect(row.totp_secret).toMatch(/^v1\./);
    expect(row.totp_secret).not.toContain(secret);

    const code = await freshCode(t.database.url, admin.id, secret);
    const statuses = (await Promise.all([signIn(admin.email, code), signIn(admin.email, code)])).map((r) => r.status);
    expect(statuses.sort()).toEqual([200, 401]);
  });

  it('counts wrong codes as failed sign-ins, up to the lock', async () => {
    const admin = await newUser(['admin']);
    const secret = await enrol((await signIn(admin.email).expect(200)).body.accessToken);
    const wrongCode = async () => {
      const right = await generate({ secret });
      return right === '000000' ? '111111' : '000000';
    };
    for (let i = 0; i < 5; i++) await signIn(admin.email, await wrongCode()).expect(401);
    const locked = await signIn(admin.email, await freshCode(t.database.url, admin.id, secret)).expect(429);
    expect(locked.headers['retry-after']).toEqual(expect.stringMatching(/^\d+$/));
  });

  it('is optional for others, who may turn it off with a code; an admin resets a lost one', async () => {
    const manager = await newUser(['peer_challenge_manager']);
    const token = (await signIn(manager.email).expect(200)).body.accessToken;
    await t.http.get('/api/v1/cases').set(bearer(token)).expect(200);
    expect((await t.http.get('/api/v1/auth/two-factor').set(bearer(token))).body.required).toBe(false);
    const secret = await enrol(token);
    await signIn(manager.email).expect(401);
    await t.http.post('/api/v1/auth/two-factor/remove').set(bearer(token)).send({ code: '999999' }).expect(422);
    await t.http
      .post('/api/v1/auth/two-factor/remove')
      .set(bearer(token))
      .send({ code: await freshCode(t.database.url, manager.id, secret) })
      .expect(204);
    await signIn(manager.email).expect(200);

    // A lost phone: another admin clears it, and the admin sets up a new one at the next sign-in.
    const admin = await newUser(['admin']);
    await enrol((await signIn(admin.email).expect(200)).body.accessToken);
    await t.http.post(`/api/v1/users/${admin.id}/two-factor/reset`).set(bearer(token)).expect(403);
    await t.http.post(`/api/v1/users/${admin.id}/two-factor/reset`).set(bearer(t.adminToken)).expect(204);
    await t.http.post('/api/v1/users/not-a-user/two-factor/reset').set(bearer(t.adminToken)).expect(404);
    await t.http
      .post('/api/v1/users/00000000-0000-0000-0000-000000000000/two-factor/reset')
      .set(bearer(t.adminToken))
      .expect(404);
    const again = (await signIn(admin.email).expect(200)).body.accessToken;
    await t.http.get('/api/v1/cases').set(bearer(again)).expect(403);
    const [reset] = await query<{ actor: string }>(
      t.database.url,
      `SELECT actor_email AS actor FROM audit_log WHERE action = 'auth.two_factor_reset' AND entity_id = $1`,
      [admin.id],
    );
    expect(reset.actor).toBe('admin@example.org');
  });

  it('refuses a malformed code or body with 400', async () => {
    const token = (await signIn((await newUser(['viewer'])).email).expect(200)).body.accessToken;
    await t.http.post('/api/v1/auth/login').send({ email: 'x@example.org', password: 'y', code: 123456 }).expect(400);
    await t.http.post('/api/v1/auth/two-factor/confirm').set(bearer(token)).send({}).expect(400);
    await t.http
      .post('/api/v1/auth/two-factor/confirm')
      .set(bearer(token))
      .send({ code: ['1'] })
      .expect(400);
  });
});

describe('SecretBox', () => {
  const keys = (...secrets: string[]) =>
    ({
      signing: () => secrets[0],
      verifying: () => secrets,
    }) as unknown as AuthKeys;
  const key = (fill: string) => Buffer.alloc(32, fill).toString('base64url');

  it('opens what it sealed, with the previous key during a rotation (as stale), and nothing tampered with', () => {
    const sealed = new SecretBox(keys(key('a'))).seal('JBSWY3DPEHPK3PXP');
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(new SecretBox(keys(key('a'))).open(sealed)).toEqual({ secret: 'JBSWY3DPEHPK3PXP', stale: false });
    expect(new SecretBox(keys(key('b'), key('a'))).open(sealed)).toEqual({ secret: 'JBSWY3DPEHPK3PXP', stale: true });
    expect(new SecretBox(keys(key('b'))).open(sealed)).toBeNull();
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(new SecretBox(keys(key('a'))).open(parts.join('.'))).toBeNull();
    expect(new SecretBox(keys(key('a'))).open('not sealed')).toBeNull();
  });
});
