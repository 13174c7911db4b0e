import { spawn } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { grantApplicationRole } from '#libs/platform';

/**
 * Backups and restores with PostgreSQL's own tools (`pg_dump`, `pg_restore`, custom format): the CLI only picks the
 * tools, passes the connection without putting the password on a command line, shows progress and refuses what would
 * lose data (docs/OPERATIONS.md, Backups).
 */
export class DatabaseToolError extends Error {}

/** `name` from PG_BIN_DIR, else the newest /usr/lib/postgresql/N/bin (Debian), else the PATH. */
export function pgTool(name: 'pg_dump' | 'pg_restore', env: NodeJS.ProcessEnv = process.env): string {
  if (env.PG_BIN_DIR) return path.join(env.PG_BIN_DIR, name);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const newest = readdirSync(debian)
      .filter((version) => /^\d+$/.test(version) && existsSync(path.join(debian, version, 'bin', name)))
      .sort((a, b) => Number(b) - Number(a))[0];
    if (newest) return path.join(debian, newest, 'bin', name);
  }
  return name;
}

/** libpq's variables for a postgres:// URL: the password travels in PGPASSWORD, never in the arguments. */
export function connectionEnvironment(url: string): NodeJS.ProcessEnv {
  const parsed = new URL(url);
  const env: NodeJS.ProcessEnv = {
    PGHOST: decodeURIComponent(parsed.hostname) || 'localhost',
    PGPORT: parsed.port || '5432',
    PGDATABASE: decodeURIComponent(parsed.pathname.slice(1)),
  };
  if (parsed.username) env.PGUSER = decodeURIComponent(parsed.username);
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  const sslmode = parsed.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The tables of the public schema (the system's own). */
async function tables(url: string): Promise<string[]> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<{ name: string }>(
      "SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    return rows.map((row) => row.name);
  });
}

interface ToolRun {
  code: number;
  /** stderr lines that are not progress (the tool's warnings and errors). */
  problems: string[];
}

/** Runs a PostgreSQL tool with --verbose, calling `onTable` for each table it reaches (from its verbose lines). */
function runTool(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  tablePattern: RegExp,
  onTable: (name: string) => void,
  stdout: 'ignore' | 'pipe' = 'ignore',
): Promise<ToolRun & { output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', stdout, 'pipe'] });
    const problems: string[] = [];
    let output = '';
    let rest = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        const table = tablePattern.exec(line);
        if (table) onTable(table[1]);
        else if (/: (error|warning|fatal|detail|hint): /i.test(line) || /^(ERROR|FATAL|DETAIL|HINT)/.test(line)) {
          problems.push(line);
        }
      }
    });
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new DatabaseToolError(`${command} was not found: install PostgreSQL's client tools or set PG_BIN_DIR.`)
          : error,
      ),
    );
    child.once('close', (code) => resolve({ code: code ?? 1, problems, output }));
  });
}

export type Progress = (done: number, total: number, table: string) => void;

function size(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Writes the whole database to `file` (pg_dump's custom format, compressed). Written beside it first and renamed at
 * the end: a file at `file` is always a complete backup. Refuses to overwrite one.
 */
export async function backup(url: string, file: string, progress: Progress): Promise<string> {
  if (existsSync(file)) throw new DatabaseToolError(`${file} already exists: name a new file.`);
  const partial = `${file}.partial`;
  const total = (await tables(url)).length;
  let done = 0;
  const started = Date.now();
  const run = await runTool(
    pgTool('pg_dump'),
    ['--format=custom', '--verbose', '--no-owner', `--file=${partial}`],
    connectionEnvironment(url),
    /dumping contents of table "([^"]+)"/,
    (table) => progress(++done, total, table),
  );
  if (run.code !== 0) {
    rmSync(partial, { force: true });
    throw new DatabaseToolError(`pg_dump failed; no backup was written:\n${run.problems.join('\n')}`);
  }
  renameSync(partial, file);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return `Backed up ${done} table(s) of ${databaseName(url)} to ${file} (${size(statSync(file).size)}) in ${seconds} s.`;
}

/**
 * Restores a backup made by `backup` into the database of `url`, in one transaction (all or nothing). Into an empty
 * database, or with `replace` over the one there (its tables are dropped first, in the same transaction).
 */
export async function restore(url: string, file: string, replace: boolean, progress: Progress): Promise<string> {
  if (!existsSync(file)) throw new DatabaseToolError(`${file} does not exist.`);
  const env = connectionEnvironment(url);
  const listing = await runTool(pgTool('pg_restore'), ['--list', file], env, /$^/, () => {}, 'pipe');
  if (listing.code !== 0) {
    throw new DatabaseToolError(`${file} is not a backup made by \`backup\` (pg_restore cannot read it).`);
  }
  const entries = listing.output.split('\n');
  const total = entries.filter((line) => / TABLE DATA /.test(line)).length;
  const archived = new Set(entries.map((line) => / TABLE public (\S+) /.exec(line)?.[1]).filter(Boolean));
  const existing = await tables(url);
  if (existing.length > 0 && !replace) {
    throw new DatabaseToolError(
      `${databaseName(url)} already holds ${existing.length} table(s); nothing was changed. Restore into an empty ` +
        'database, or add --replace to drop its tables and restore the backup in their place.',
    );
  }
  // --replace drops, in the restore's own transaction, the tables the backup holds: one it does not hold (made by a
  // later migration) would survive beside a migrations table that does not know it.
  const extra = existing.filter((table) => !archived.has(table));
  if (extra.length > 0) {
    throw new DatabaseToolError(
      `${databaseName(url)} has table(s) the backup does not (${extra.join(', ')}): it is from another version. ` +
        'Nothing was changed; restore into an empty database.',
    );
  }
  let done = 0;
  const started = Date.now();
  const run = await runTool(
    pgTool('pg_restore'),
    [
      '--verbose',
      '--no-owner',
      // Without the grants: their role may not exist on this server. They are given again below.
      '--no-privileges',
      '--single-transaction',
      '--exit-on-error',
      ...(replace ? ['--clean', '--if-exists'] : []),
      `--dbname=${env.PGDATABASE}`,
      file,
    ],
    env,
    /processing data for table "([^"]+)"/,
    (table) => progress(++done, total, table),
  );
  if (run.code !== 0) {
    throw new DatabaseToolError(`pg_restore failed; the database was left as it was:\n${run.problems.join('\n')}`);
  }
  // The application role's privileges, as the migrations give them (application-role.ts).
  await withClient(url, (client) => grantApplicationRole((sql) => client.query(sql)));
  // pg_restore restores no statistics: without them the planner misjudges every query until autovacuum gets there.
  await withClient(url, (client) => client.query('ANALYZE'));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return `Restored ${done} table(s) from ${file} into ${databaseName(url)} in ${seconds} s.`;
}

/** host:port/database of a URL, without the credentials. */
export function databaseName(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}
