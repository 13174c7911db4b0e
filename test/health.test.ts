import { freePortSync } from './support/ports.js';
import { query, testServices } from './support/environment.js';
import { createTestApp } from './support/test-app.js';

describe('GET /api/v1/health', () => {
  it('answers 200 when PostgreSQL and Redis are reachable', async () => {
    const t = await createTestApp();
    try {
      const response = await t.http.get('/api/v1/health').expect(200);
      expect(response.body).toEqual({ status: 'ok', checks: { database: 'ok', redis: 'ok' } });
    } finally {
      await t.close();
    }
  });

  it('answers 503 naming Redis when Redis cannot be reached', async () => {
    const t = await createTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${freePortSync()}` } });
    try {
      const response = await t.http.get('/api/v1/health').expect(503);
      expect(response.body).toEqual({ status: 'error', checks: { database: 'ok', redis: 'error' } });
    } finally {
      await t.close();
    }
  });

  it('answers 503 naming the database when PostgreSQL refuses connections, and 200 once it is back', async () => {
    const t = await createTestApp();
    const { adminUrl } = testServices();
    try {
      await query(adminUrl, `ALTER DATABASE ${t.database.name} ALLOW_CONNECTIONS false`);
      await query(adminUrl, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, [
        t.database.name,
      ]);
      const down = await t.http.get('/api/v1/health').expect(503);
      expect(down.body).toEqual({ status: 'error', checks: { database: 'error', redis: 'ok' } });

      await query(adminUrl, `ALTER DATABASE ${t.database.name} ALLOW_CONNECTIONS true`);
      const up = await t.http.get('/api/v1/health').expect(200);
      expect(up.body.status).toBe('ok');
    } finally {
      await query(adminUrl, `ALTER DATABASE ${t.database.name} ALLOW_CONNECTIONS true`);
      await t.close();
    }
  });
});
