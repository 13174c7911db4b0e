import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { APPLICATION_ROLE } from '#libs/platform';
import { query } from './support/environment.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * An audit log the application cannot rewrite (issue #22): the API signs in as the application role, which may add
 * and read audit rows and do nothing else to them; every row is sealed into a hash chain at commit, and
 * `verify-audit` finds the first row deleted or changed behind the application's back (by the owner, who can).
 */
const root = path.resolve(import.meta.dirname, '..');

describe('the audit log', () => {
  let t: TestApp;
  let app: DataSource;

  beforeAll(async () => {
    t = await createTestApp();
    app = t.app.get(DataSource);
  });
  afterAll(() => t?.close());

  const verifyAudit = () =>
    spawnSync(process.execPath, [path.join(root, 'dist/apps/cli/src/main.js'), 'verify-audit'], {
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: t.database.url,
        NODE_ENV: 'production',
        AUTH_SECRET: randomBytes(32).toString('hex'),
      },
      encoding: 'utf8',
    });

  /** Creates `count` users at once through the API: each an audited write. */
  const createUsers = (count: number) =>
    Promise.all(
      Array.from({ length: count }, (_, i) =>
        t.http
          .post('/api/v1/users')
          .set('Authorization', `Bearer ${t.adminToken}`)
          .send({
            email: `audit-${i}-${randomBytes(3).toString('hex')}@example.org`,
            name: 'Audit Trail',
            roles: ['viewer'],
          })
          .expect(201),
      ),
    );

  const rows = () =>
    query<{ id: string; chain_seq: string; summary: object; hash: Buffer }>(
      t.database.url,
      'SELECT id, chain_seq, summary, hash FROM audit_log ORDER BY id',
    );

  it('is written by an application that signs in as a role which can only add and read its rows', async () => {
    expect(await app.query('SELECT current_user AS role')).toEqual([{ role: APPLICATION_ROLE }]);
    await createUsers(1);
    const before = await rows();
    expect(before.length).toBeGreaterThan(0);
    const [{ id }] = before;

    const refused: Array<[string, RegExp]> = [
      [`UPDATE audit_log SET summary = '{}' WHERE id = ${id}`, /permission denied for table audit_log/],
      [`DELETE FROM audit_log WHERE id = ${id}`, /permission denied for table audit_log/],
      ['TRUNCATE audit_log', /permission denied for table audit_log/],
      ['ALTER TABLE audit_log DISABLE TRIGGER USER', /must be owner of table audit_log/],
      ['ALTER TABLE audit_log DROP COLUMN hash', /must be owner of table audit_log/],
      ['DROP TRIGGER audit_log_no_change ON audit_log', /must be owner of (table|relation) audit_log/],
      ['DROP TABLE audit_log', /must be owner of table audit_log/],
      ['CREATE TABLE audit_copy (id int)', /permission denied for schema public/],
      [`SELECT audit_log_seal_row(${id})`, /permission denied for function audit_log_seal_row/],
      [`INSERT INTO migrations (timestamp, name) VALUES (1, 'Forged1')`, /permission denied for table migrations/],
    ];
    for (const [sql, error] of refused) await expect(app.query(sql)).rejects.toThrow(error);
    expect(await rows()).toEqual(before);

    // What it may do: add a row and read it back, sealed into the chain by the time its transaction commits.
    await app.query(`INSERT INTO audit_log (action, entity, summary) VALUES ('test.append', 'test', '{"n": 1}')`);
    const [added] = await app.query(`SELECT chain_seq, hash FROM audit_log WHERE action = 'test.append'`);
    expect(Number(added.chain_seq)).toBe(before.length + 1);
    expect(added.hash).toHaveLength(32);
  });

  it('chains every row, even written at once, and verify-audit finds the first one changed or deleted', async () => {
    await createUsers(20);
    const chain = await rows();
    // One link per row, 1…n, none twice, whatever order the transactions committed in.
    expect(chain.map((row) => Number(row.chain_seq)).sort((a, b) => a - b)).toEqual(chain.map((_, i) => i + 1));

    const intact = verifyAudit();
    expect(intact.stdout).toMatch(
      new RegExp(
        `^The audit log's ${chain.length} row\\(s\\) are intact \\([\\d.]+ s\\)\\. ` +
          `Its head: link ${chain.length}, sha256 [0-9a-f]{64}\\.\\n$`,
      ),
    );
    expect(intact.status).toBe(0);

    // The owner can still change a row, with its triggers turned off; the chain shows it.
    const victim = chain[5];
    const owner = (sql: string) =>
      query(
        t.database.url,
        `BEGIN; ALTER TABLE audit_log DISABLE TRIGGER USER; ${sql}; ` +
          'ALTER TABLE audit_log ENABLE TRIGGER USER; COMMIT',
      );
    await owner(`UPDATE audit_log SET summary = '{"rewritten": true}' WHERE id = ${victim.id}`);
    const changed = verifyAudit();
    expect(changed.stdout).toContain(
      `The audit log's chain breaks at row ${victim.id} (link ${victim.chain_seq}): its hash does not match ` +
        'its contents: the row was changed.\n',
    );
    expect(changed.stdout).toContain(`${Number(victim.chain_seq) - 1} row(s) before it are intact`);
    expect(changed.status).toBe(1);

    // Put back as it was, the row fits its link again; deleted, its link is missing.
    await owner(`UPDATE audit_log SET summary = '${JSON.stringify(victim.summary)}' WHERE id = ${victim.id}`);
    expect(verifyAudit().status).toBe(0);
    const gone = chain[9];
    await owner(`DELETE FROM audit_log WHERE id = ${gone.id}`);
    const deleted = verifyAudit();
    expect(deleted.stdout).toContain(
      `The audit log's chain breaks at link ${gone.chain_seq}: link ${gone.chain_seq} is missing: a row was deleted.\n`,
    );
    expect(deleted.status).toBe(1);
  });

  it('signs in with DATABASE_APP_URL when given: a login, made by the operator, a member of the role', async () => {
    const login = `lga_api_${randomBytes(4).toString('hex')}`;
    const password = randomBytes(12).toString('hex');
    await query(t.database.url, `CREATE ROLE ${login} LOGIN PASSWORD '${password}' IN ROLE ${APPLICATION_ROLE}`);
    const given = new URL(t.database.url);
    given.username = login;
    given.password = password;
    const other = await createTestApp({ database: t.database, env: { DATABASE_APP_URL: given.toString() } });
    try {
      const db = other.app.get(DataSource);
      expect(await db.query('SELECT current_user AS role')).toEqual([{ role: login }]);
      await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied for table audit_log/);
      await other.http.get('/api/v1/audit').set('Authorization', `Bearer ${other.adminToken}`).expect(200);
    } finally {
      await other.app.close();
      await query(t.database.url, `DROP ROLE ${login}`);
    }
  });
});
