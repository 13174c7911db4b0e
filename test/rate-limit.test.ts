import { createTestApp, type TestApp } from './support/test-app.js';

/** The general API rate limit (issue #22), configured low: per session when signed in, per address when not. */
let t: TestApp;
const LIMIT = 8;

beforeAll(async () => {
  t = await createTestApp({ env: { API_RATE_LIMIT_PER_MINUTE: String(LIMIT), TRUST_PROXY: 'loopback' } });
});
afterAll(() => t.close());

describe('API rate limit', () => {
  it('answers 429 with Retry-After past the limit for a session, and not for another session', async () => {
    const viewer = await t.as('viewer');
    const token = await t.login(viewer.email);
    const get = (bearer: string) => t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${bearer}`);
    const answers = await Promise.all(Array.from({ length: LIMIT + 4 }, () => get(token)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([...Array(LIMIT).fill(200), ...Array(4).fill(429)]);
    const refused = answers.find((a) => a.status === 429)!;
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    expect(refused.body.message).toContain(`at most ${LIMIT} a minute`);
    // Another session of another user is counted on its own.
    const other = await t.as('peer_challenge_manager');
    await get(other.token).expect(200);
  });

  it('counts public routes per address, and never limits health checks', async () => {
    const from = (address: string) =>
      t.http.post('/login').set('X-Forwarded-For', address).type('form').send({ email: 'x@example.org' });
    for (let i = 0; i < LIMIT; i++) expect((await from('192.0.2.10')).status).toBe(400);
    const refused = await from('192.0.2.10');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await from('192.0.2.11')).status).toBe(400);
    for (let i = 0; i < LIMIT + 2; i++) {
      const health = await t.http.get('/api/v1/health').set('X-Forwarded-For', '192.0.2.10');
      expect(health.status).not.toBe(429);
    }
  });
});
