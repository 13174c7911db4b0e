import { createHmac } from 'node:crypto';
import pg from 'pg';

/**
 * The database role the API and the worker act as (docs/SECURITY.md, "The audit log"). Migrations run as the owner
 * of the tables (DATABASE_URL); the application may read and write the system's tables but only INSERT and SELECT
 * the audit log: it cannot UPDATE, DELETE or TRUNCATE a row, nor ALTER the table or its triggers, which only the
 * owner may. A group role, created by a migration; roles belong to the whole PostgreSQL cluster, grants to one
 * database.
 */
export const APPLICATION_ROLE = 'lga_app';

/**
 * Grants the application role what it needs on every table of this database, present and future, and no more:
 * read-only on the migrations' own table, append-only on the audit log. Idempotent; run by the migration that
 * introduced the role and again after a restore (which leaves privileges out, since the role may not exist on the
 * server the backup came from).
 */
export async function grantApplicationRole(run: (sql: string) => Promise<unknown>): Promise<void> {
  await run(`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APPLICATION_ROLE}') THEN
        CREATE ROLE ${APPLICATION_ROLE} NOLOGIN;
      END IF;
      EXECUTE format('GRANT CONNECT ON DATABASE %I TO ${APPLICATION_ROLE}', current_database());
    END $$`);
  await run(`GRANT USAGE ON SCHEMA public TO ${APPLICATION_ROLE}`);
  await run(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APPLICATION_ROLE}`);
  await run(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${APPLICATION_ROLE}`);
  await run(
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APPLICATION_ROLE}`,
  );
  await run(
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${APPLICATION_ROLE}`,
  );
  await run(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM ${APPLICATION_ROLE}`);
  await run(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON migrations FROM ${APPLICATION_ROLE}`);
}

/**
 * The application's connection when only DATABASE_URL is given (development, the tests, a compose stack): the same
 * server and database, signed in as the application role with a password derived from the owner's (an HMAC, so it
 * is as secret as the owner's and nothing new to configure). The process that migrates gives the role that password
 * and the right to sign in (`ensureApplicationLogin`).
 */
export function derivedApplicationUrl(ownerUrl: string): string {
  const url = new URL(ownerUrl);
  const ownerPassword = decodeURIComponent(url.password);
  url.username = APPLICATION_ROLE;
  url.password = ownerPassword ? derivedPassword(ownerPassword) : '';
  return url.toString();
}

function derivedPassword(ownerPassword: string): string {
  return createHmac('sha256', ownerPassword).update(`${APPLICATION_ROLE} sign-in`).digest('base64url');
}

/** Whether the application role can sign in with `applicationUrl` (one short connection). */
async function canSignIn(applicationUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: applicationUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    return true;
  } catch (error) {
    // 28P01: wrong password; 28000: the role may not sign in (or does not exist). Anything else is a real problem.
    const code = (error as { code?: string }).code;
    if (code === '28P01' || code === '28000') return false;
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * With a derived application URL, lets the application role sign in with the derived password, using the owner's
 * connection: a no-op when it already can (the usual case; roles are shared by every database of the server, so
 * the tests' databases find it done). Returns false when the role does not exist yet (migrations still to apply).
 */
export async function ensureApplicationLogin(ownerUrl: string, applicationUrl: string): Promise<boolean> {
  if (await canSignIn(applicationUrl)) return true;
  const password = decodeURIComponent(new URL(applicationUrl).password);
  const owner = new pg.Client({ connectionString: ownerUrl, connectionTimeoutMillis: 5000 });
  await owner.connect();
  try {
    const { rows } = await owner.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [APPLICATION_ROLE]);
    if (rows.length === 0) return false;
    const { rows: statement } = await owner.query<{ sql: string }>(
      password ? 'SELECT format($1, $2::text, $3::text) AS sql' : 'SELECT format($1, $2::text) AS sql',
      password
        ? ['ALTER ROLE %I LOGIN PASSWORD %L', APPLICATION_ROLE, password]
        : ['ALTER ROLE %I LOGIN PASSWORD NULL', APPLICATION_ROLE],
    );
    try {
      await owner.query(statement[0].sql);
    } catch (error) {
      // Two processes of different databases altering the shared role at once: the other one's change is the same.
      if (!/tuple concurrently updated/.test((error as Error).message)) throw error;
    }
    return true;
  } finally {
    await owner.end();
  }
}
