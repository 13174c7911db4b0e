import { query } from './support/environment.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './support/test-app.js';

/**
 * Sign-in throttling that strangers cannot turn against a user (issue #22): failures count per account and address
 * pair and per address, atomically; locks grow; a lock is audited and its user told once per episode.
 */
let t: TestApp;
const STRANGER = '203.0.113.7';
const OTHER_STRANGER = '203.0.113.8';
const HOME = '198.51.100.9';

beforeAll(async () => {
  t = await createTestApp({ env: { TRUST_PROXY: 'loopback' } });
});
afterAll(() => t.close());

async function user(email: string): Promise<string> {
  const created = await t.http
    .post('/api/v1/users')
    .set('Authorization', `Bearer ${t.adminToken}`)
    .send({ email, name: 'Sam Target', password: TEST_PASSWORD, roles: ['viewer'] })
    .expect(201);
  return created.body.id as string;
}
const signIn = (from: string, email: string, password: string) =>
  t.http.post('/api/v1/auth/login').set('X-Forwarded-For', from).send({ email, password });

describe('sign-in throttling', () => {
  it('locks only the stranger’s address out of an account: its user signs in from elsewhere', async () => {
    const email = 'target@example.org';
    const id = await user(email);
    for (let i = 0; i < 5; i++) expect((await signIn(STRANGER, email, 'wrong password!')).status).toBe(401);
    const refused = await signIn(STRANGER, email, TEST_PASSWORD);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(800);
    // The user, from their own address, and the same stranger's address for another account, are not refused.
    await signIn(HOME, email, TEST_PASSWORD).expect(200);
    await signIn(STRANGER, (await t.as('viewer')).email, TEST_PASSWORD).expect(200);
    const audit = await query<{ action: string; summary: Record<string, unknown> }>(
      t.database.url,
      `SELECT action, summary FROM audit_log WHERE entity_id = $1 AND action LIKE 'auth.login%' ORDER BY id`,
      [id],
    );
    expect(audit.map((a) => a.action)).toEqual([
      ...Array(5).fill('auth.login_failed'),
      'auth.login_locked',
      'auth.login',
    ]);
    expect(audit[5].summary).toMatchObject({ scope: 'account from address', address: STRANGER, failures: 5, lock: 1 });
  });

  it('lets a burst of parallel wrong guesses check exactly the limit, and emails the user once per episode', async () => {
    const email = 'burst@example.org';
    const id = await user(email);
    const answers = await Promise.all(Array.from({ length: 20 }, () => signIn(STRANGER, email, 'wrong password!')));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(15).fill(429)]);
    const failed = await query(
      t.database.url,
      `SELECT 1 FROM audit_log WHERE action = 'auth.login_failed' AND entity_id = $1`,
      [id],
    );
    expect(failed).toHaveLength(5);
    // A second address locked out of the same account meanwhile is the same episode: still one email.
    for (let i = 0; i < 5; i++) await signIn(OTHER_STRANGER, email, 'wrong password!').expect(401);
    const emails = await query<{ template: string; to_addresses: Array<{ address: string }>; text_body: string }>(
      t.database.url,
      `SELECT template, to_addresses, text_body FROM emails WHERE template = 'sign-in-locked' AND to_addresses @> $1::jsonb`,
      [JSON.stringify([{ address: email }])],
    );
    expect(emails).toHaveLength(1);
    expect(emails[0].text_body).toContain(`from the address ${STRANGER}`);
    const locks = await query(
      t.database.url,
      `SELECT 1 FROM audit_log WHERE action = 'auth.login_locked' AND entity_id = $1`,
      [id],
    );
    expect(locks).toHaveLength(2);
  });

  it('locks for longer each time the same pair locks again', async () => {
    const email = 'repeat@example.org';
    await user(email);
    const lockOnce = async () => {
      for (let i = 0; i < 5; i++) await signIn(STRANGER, email, 'wrong password!').expect(401);
      return signIn(STRANGER, email, 'wrong password!').expect(429);
    };
    const first = Number((await lockOnce()).headers['retry-after']);
    // The first lock runs out.
    await query(
      t.database.url,
      `UPDATE login_throttle SET locked_until = locked_until - interval '16 minutes',
              window_started_at = window_started_at - interval '16 minutes' WHERE key = $1`,
      [`pair:${email}|${STRANGER}`],
    );
    const second = await lockOnce();
    expect(second.body.message).toBe('Too many failed sign-in attempts. Try again in 30 minutes.');
    expect(Number(second.headers['retry-after'])).toBeGreaterThan(1.9 * first);
  });

  it('locks an address failing across many accounts, without locking those accounts elsewhere', async () => {
    const from = '192.0.2.44';
    for (let i = 0; i < 30; i++) await signIn(from, `sprayed${i}@example.org`, 'wrong password!').expect(401);
    await signIn(from, 'sprayed-more@example.org', 'wrong password!').expect(429);
    await signIn(from, (await t.as('viewer')).email, TEST_PASSWORD).expect(429);
    await signIn(HOME, (await t.as('viewer')).email, TEST_PASSWORD).expect(200);
  });

  it('gives a successful sign-in’s charge back to its address', async () => {
    const from = '192.0.2.45';
    const viewer = (await t.as('viewer')).email;
    for (let i = 0; i < 40; i++) await signIn(from, viewer, TEST_PASSWORD).expect(200);
    const [row] = await query<{ failures: number }>(
      t.database.url,
      'SELECT failures FROM login_throttle WHERE key = $1',
      [`address:${from}`],
    );
    expect(row.failures).toBe(0);
  });
});
