import { query } from './support/environment.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/** `Idempotency-Key` on POST /cases: a double submit opens one case and gets the first answer again. */
let t: TestApp;
let manager: { id: string; token: string };
beforeAll(async () => {
  t = await createTestApp();
  manager = await t.as('peer_challenge_manager');
});
afterAll(() => t.close());

const open = (token: string, key: string | undefined, body: object) => {
  const call = t.http.post('/api/v1/cases').set('Authorization', `Bearer ${token}`);
  if (key !== undefined) call.set('Idempotency-Key', key);
  return call.send(body);
};
const casesOf = async (code: string) =>
  (
    await query<{ n: number }>(t.database.url, 'SELECT count(*)::int AS n FROM cases WHERE council_gss_code = $1', [
      code,
    ])
  )[0].n;

describe('Idempotency-Key on POST /cases', () => {
  it('answers a repeat of the key with the first answer and opens nothing new, also when sent at once', async () => {
    const body = { councilGssCode: 'E06000059', type: 'corporate_peer_challenge' };
    const first = await open(manager.token, 'submit-1', body);
    expect(first.status).toBe(201);
    const again = await open(manager.token, 'submit-1', {
      type: 'corporate_peer_challenge',
      councilGssCode: 'E06000059',
    });
    expect([again.status, again.body, again.headers['idempotent-replayed']]).toEqual([201, first.body, 'true']);
    expect(await casesOf('E06000059')).toBe(1);

    const burst = await Promise.all([1, 2, 3, 4, 5].map(() => open(manager.token, 'submit-2', body)));
    expect(burst.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(burst.map((r) => r.body.id)).size).toBe(1);
    expect(await casesOf('E06000059')).toBe(2);
    // Without a key every request opens a case, as before.
    await open(manager.token, undefined, body).expect(201);
    expect(await casesOf('E06000059')).toBe(3);
  });

  it('refuses the same key with a different body (422), and keys are per user', async () => {
    const body = { councilGssCode: 'E07000223', type: 'corporate_peer_challenge' };
    const first = await open(manager.token, 'shared-key', body).expect(201);
    const other = await open(manager.token, 'shared-key', { ...body, type: 'other' });
    expect(other.status).toBe(422);
    expect(other.body.message).toContain('different request body');
    const admin = await open(t.adminToken, 'shared-key', body).expect(201);
    expect(admin.body.id).not.toBe(first.body.id);
    expect(await casesOf('E07000223')).toBe(2);
  });

  it('lets a key be used again after a refused request, writes nothing for it, and checks the key', async () => {
    const refused = await open(manager.token, 'after-400', { councilGssCode: 'E99999999', type: 'other' });
    expect(refused.status).toBe(400);
    const kept = await query(t.database.url, `SELECT 1 FROM idempotency_keys WHERE key = 'after-400'`);
    expect(kept).toEqual([]);
    await open(manager.token, 'after-400', { councilGssCode: 'E06000003', type: 'other' }).expect(201);
    const bad = await open(manager.token, 'x'.repeat(201), { councilGssCode: 'E06000003', type: 'other' });
    expect([bad.status, bad.body.details[0].field]).toEqual([400, 'Idempotency-Key']);
  });

  it('forgets a key after 24 hours', async () => {
    const body = { councilGssCode: 'E06000001', type: 'other' };
    await open(manager.token, 'day-old', body).expect(201);
    await query(
      t.database.url,
      `UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = 'day-old'`,
    );
    await open(manager.token, 'day-old', body).expect(201);
    expect(await casesOf('E06000001')).toBe(2);
  });
});
