import { query } from './support/environment.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.js';

/**
 * Passwords users set themselves (issue #22), against the real API and database: a change with the current
 * password, emailed single-use expiring links (asked for, or sent by an admin, or an invitation), and no way for an
 * admin to type another person's password.
 */
describe('passwords', () => {
  let t: TestApp;
  const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
  const admin = () => bearer(t.adminToken);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  async function newUser(options: { password?: string } = { password: TEST_PASSWORD }) {
    const email = `pw-${Math.random().toString(36).slice(2, 10)}@example.org`;
    const response = await t.http
      .post('/api/v1/users')
      .set(admin())
      .send({ email, name: 'Pat Word', roles: ['peer_challenge_manager'], ...options })
      .expect(201);
    return { id: response.body.id as string, email };
  }

  const signIn = (email: string, password = TEST_PASSWORD) =>
    t.http.post('/api/v1/auth/login').send({ email, password });

  /** The emails of `template` sent to `email`, newest first, with the link's token. */
  async function linksTo(email: string, template = 'password-reset') {
    const rows = await query<{ text_body: string; subject: string }>(
      t.database.url,
      `SELECT text_body, subject FROM emails WHERE template = $1 AND to_addresses @> $2::jsonb
        ORDER BY created_at DESC, id DESC`,
      [template, JSON.stringify([{ address: email }])],
    );
    return rows.map((row) => ({ ...row, token: /login\/reset\?token=([A-Za-z0-9_-]{43})/.exec(row.text_body)?.[1] }));
  }

  const audit = (userId: string, action: string) =>
    query<{ summary: Record<string, unknown> }>(
      t.database.url,
      `SELECT summary FROM audit_log WHERE entity_id = $1 AND action = $2 ORDER BY id`,
      [userId, action],
    );

  it('lets a user whose password was chosen for them do nothing but replace it (the first admin)', async () => {
    const user = await newUser();
    await query(t.database.url, `UPDATE users SET password_change_required = true WHERE id = $1`, [user.id]);
    const token = (await signIn(user.email).expect(200)).body.accessToken;
    const refused = await t.http.get('/api/v1/cases').set(bearer(token)).expect(403);
    expect(refused.body.message).toMatch(/^Choose a new password first: the one you signed in with was chosen for you/);
    await t.http.get('/api/v1/auth/two-factor').set(bearer(token)).expect(403);
    expect((await t.http.get('/api/v1/auth/me').set(bearer(token)).expect(200)).body.email).toBe(user.email);
    await t.http
      .post('/api/v1/auth/password')
      .set(bearer(token))
      .send({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD })
      .expect(400);
    await t.http.get('/api/v1/cases').set(bearer(token)).expect(403); // a refused change changes nothing

    await t.http
      .post('/api/v1/auth/password')
      .set(bearer(token))
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'one I chose myself' })
      .expect(200);
    await t.http.get('/api/v1/cases').set(bearer(token)).expect(200);
    const again = (await signIn(user.email, 'one I chose myself').expect(200)).body.accessToken;
    await t.http.get('/api/v1/cases').set(bearer(again)).expect(200);
  });

  it('changes a password with the current one, ending the other sessions but not this one', async () => {
    const user = await newUser();
    const here = (await signIn(user.email).expect(200)).body.accessToken;
    const elsewhere = (await signIn(user.email).expect(200)).body.accessToken;

    const weak = await t.http
      .post('/api/v1/auth/password')
      .set(bearer(here))
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'short' })
      .expect(400);
    expect(weak.body.details).toEqual([
      { field: 'newPassword', problems: expect.arrayContaining([expect.any(String)]) },
    ]);
    const wrong = await t.http
      .post('/api/v1/auth/password')
      .set(bearer(here))
      .send({ currentPassword: 'not-the-password-at-all', newPassword: 'a brand new passphrase' })
      .expect(422);
    expect(wrong.body.message).toBe('Your current password is not correct');
    await t.http
      .post('/api/v1/auth/password')
      .set(bearer(here))
      .send({ currentPassword: TEST_PASSWORD, newPassword: TEST_PASSWORD })
      .expect(400);
    await t.http
      .post('/api/v1/auth/password')
      .set(bearer(here))
      .send({ currentPassword: TEST_PASSWORD, newPassword: 1234 })
      .expect(400);
    await signIn(user.email).expect(200); // nothing above changed it

    const changed = await t.http
      .post('/api/v1/auth/password')
      .set(bearer(here))
      .send({ currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' })
      .expect(200);
    expect(changed.body.sessionsEnded).toBe(2); // `elsewhere` and the check's sign-in
    await t.http.get('/api/v1/auth/me').set(bearer(here)).expect(200);
    await t.http.get('/api/v1/auth/me').set(bearer(elsewhere)).expect(401);
    await signIn(user.email).expect(401);
    await signIn(user.email, 'a brand new passphrase').expect(200);

    expect(await audit(user.id, 'auth.password_change')).toEqual([{ summary: { sessionsEnded: 2 } }]);
    expect(await audit(user.id, 'auth.password_change_failed')).toHaveLength(1);
    const notices = await linksTo(user.email, 'password-changed');
    expect(notices).toHaveLength(1);
    expect(notices[0].text_body).toContain('was changed');
  });

  it('counts wrong current passwords as failed sign-ins', async () => {
    const user = await newUser();
    const token = (await signIn(user.email).expect(200)).body.accessToken;
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const response = await t.http
        .post('/api/v1/auth/password')
        .set(bearer(token))
        .send({ currentPassword: `wrong guess number ${i}`, newPassword: 'another long passphrase' });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([422, 422, 422, 422, 422, 429]);
  });

  it('emails a single-use reset link on request, without saying whether the account exists', async () => {
    const user = await newUser();
    const old = (await signIn(user.email).expect(200)).body.accessToken;
    const known = await t.http
      .post('/api/v1/auth/password-reset')
      .send({ email: user.email.toUpperCase() })
      .expect(202);
    const unknown = await t.http.post('/api/v1/auth/password-reset').send({ email: 'nobody@example.org' }).expect(202);
    expect(unknown.body).toEqual(known.body);
    await t.http
      .post('/api/v1/auth/password-reset')
      .send({ email: ['x'] })
      .expect(400);

    const [link] = await linksTo(user.email);
    expect(link.token).toBeDefined();
    expect(link.text_body).toContain('works once');
    // The link's secret is not stored: only its hash.
    const stored = await query<{ token_hash: string }>(
      t.database.url,
      `SELECT token_hash FROM password_links WHERE user_id = $1`,
      [user.id],
    );
    expect(stored.map((s) => s.token_hash)).not.toContain(link.token);
    await signIn(user.email).expect(200); // asking changes nothing

    const complete = (token: unknown, password: unknown) =>
      t.http.post('/api/v1/auth/password-reset/complete').send({ token, password });
    await complete(link.token, 'short').expect(400);
    await complete('A'.repeat(43), 'a reset passphrase here').expect(400);
    await complete(link.token, 'a reset passphrase here').expect(204);
    const again = await complete(link.token, 'yet another passphrase').expect(400);
    expect(again.body.message).toMatch(/expired or has already been used/);

    await t.http.get('/api/v1/auth/me').set(bearer(old)).expect(401);
    await signIn(user.email).expect(401);
    await signIn(user.email, 'a reset passphrase here').expect(200);
    expect(await audit(user.id, 'auth.password_reset')).toEqual([
      { summary: { kind: 'reset', sessionsEnded: expect.any(Number) } },
    ]);
    expect(await linksTo(user.email, 'password-changed')).toHaveLength(1);
  });

  it('expires links, uses up older ones, and sends only a few an hour', async () => {
    const user = await newUser();
    for (let i = 0; i < 4; i++) {
      await t.http.post('/api/v1/auth/password-reset').send({ email: user.email }).expect(202);
    }
    const links = await linksTo(user.email);
    expect(links).toHaveLength(3);
    const requests = await audit(user.id, 'auth.password_reset_requested');
    expect(requests.map((r) => r.summary.sent)).toEqual([true, true, true, false]);

    // The oldest link has expired; using the newest uses up the middle one too.
    await query(
      t.database.url,
      `UPDATE password_links SET expires_at = now() - interval '1 second'
        WHERE id = (SELECT id FROM password_links WHERE user_id = $1 ORDER BY created_at, id LIMIT 1)`,
      [user.id],
    );
    const [newest, middle, oldest] = links;
    const complete = (token: string | undefined) =>
      t.http.post('/api/v1/auth/password-reset/complete').send({ token, password: 'the newest link wins' });
    await complete(oldest.token).expect(400);
    await complete(newest.token).expect(204);
    await complete(middle.token).expect(400);
    await signIn(user.email, 'the newest link wins').expect(200);
  });

  it('has admins send links instead of typing passwords: an invitation for a new user', async () => {
    const invited = await newUser({});
    const [invitation] = await linksTo(invited.email, 'password-invitation');
    expect(invitation.subject).toMatch(/Your account/);
    expect(invitation.token).toBeDefined();
    await t.http
      .post('/api/v1/auth/password-reset/complete')
      .send({ token: invitation.token, password: 'my own first passphrase' })
      .expect(204);
    await signIn(invited.email, 'my own first passphrase').expect(200);

    // An admin cannot set a password for someone else any more.
    const patched = await t.http
      .patch(`/api/v1/users/${invited.id}`)
      .set(admin())
      .send({ password: 'typed by the admin' })
      .expect(400);
    expect(patched.body.message).toMatch(/password/);
    await signIn(invited.email, 'typed by the admin').expect(401);

    // A reset link sent by an admin: the current password keeps working until it is used.
    const sent = await t.http.post(`/api/v1/users/${invited.id}/password-link`).set(admin()).expect(201);
    expect(sent.body.kind).toBe('reset');
    expect(Date.parse(sent.body.expiresAt) - Date.now()).toBeGreaterThan(71 * 3600_000);
    await signIn(invited.email, 'my own first passphrase').expect(200);
    const [reset] = await linksTo(invited.email);
    expect(reset.text_body).toContain('A programme admin has sent you a link');
    expect(await audit(invited.id, 'user.password_link_sent')).toHaveLength(1);

    await t.http.post('/api/v1/users/not-a-uuid/password-link').set(admin()).expect(404);
    await t.http
      .post(`/api/v1/users/${invited.id}/password-link`)
      .set(bearer(await t.login(invited.email, 'my own first passphrase')))
      .expect(403);
    await t.http.patch(`/api/v1/users/${invited.id}`).set(admin()).send({ active: false }).expect(200);
    await t.http.post(`/api/v1/users/${invited.id}/password-link`).set(admin()).expect(422);
    await t.http
      .post('/api/v1/auth/password-reset/complete')
      .send({ token: reset.token, password: 'deactivated users cannot' })
      .expect(400);
  });
});
