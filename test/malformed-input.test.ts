import { createTestApp, type TestApp } from './support/test-app.js';

/** Input that once reached a 500 (issue #22): a cookie that does not decode, and bodies nested very deeply. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

describe('malformed input', () => {
  it('ignores a session cookie that does not decode, on pages and on the API', async () => {
    const home = await t.http.get('/').set('Cookie', 'lga_session=%E0');
    expect(home.status).toBe(303);
    expect(home.headers.location).toMatch(/^\/login/);
    const api = await t.http.get('/api/v1/councils').set('Cookie', 'lga_session=%E0; other=%ZZ');
    expect(api.status).toBe(401);
    const login = await t.http.get('/login').set('Cookie', 'lga_login_csrf=%E0%A4%A');
    expect(login.status).toBe(200);
    // A well-formed cookie beside a broken one still counts.
    const token = await t.login((await t.as('viewer')).email);
    await t.http.get('/api/v1/auth/me').set('Cookie', `broken=%E0; lga_session=${token}`).expect(200);
  });

  it('answers 400 for a JSON body nested deeper than 32 levels, within the size limit, on any route', async () => {
    const body = nestedArrays(100_000);
    expect(body.length).toBeLessThan(256 * 1024);
    for (const call of [
      t.http.post('/api/v1/auth/login'),
      t.http.post('/api/v1/cases').set('Authorization', `Bearer ${t.adminToken}`),
      t.http.post('/login'),
    ]) {
      const response = await call.set('Content-Type', 'application/json').send(body);
      expect(response.status).toBe(400);
      expect(response.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'body must not nest arrays and objects more than 32 levels deep',
        details: [{ field: 'body', problems: ['body must not nest arrays and objects more than 32 levels deep'] }],
      });
    }
    const objects = '{"a":'.repeat(40_000) + '1' + '}'.repeat(40_000);
    const deep = await t.http.post('/api/v1/auth/login').set('Content-Type', 'application/json').send(objects);
    expect(deep.status).toBe(400);
    // 32 levels is still allowed through to validation.
    const allowed = await t.http
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ email: 'a@example.org', password: JSON.parse(nestedArrays(31)) }));
    expect(allowed.status).toBe(400);
    expect(allowed.body.message).not.toContain('levels deep');
  });

  it('answers a form body with deeply nested field names as a form, never a 500', async () => {
    const name = 'a' + '[b]'.repeat(5000);
    const response = await t.http.post('/login').type('form').send(`${name}=1&email=x&password=y`);
    expect(response.status).toBe(400);
    expect(response.text).toContain('The sign-in form has expired');
  });
});
