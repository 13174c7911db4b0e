// Types of services.mjs for the TypeScript tests that start services of their own (test/faults.test.ts).
export class SetupError extends Error {}

export function findChromium(): string;
export function findDocumentTools(): { soffice: string; pdftotext: string };
export function portIsFree(port: number): Promise<boolean>;
export function freePort(): Promise<number>;
export function psql(adminUrl: string, sql: string): string;

export interface PostgresServer {
  /** The URL of `database` (when given). */
  url: string;
  /** The URL of the cluster owner's `postgres` database. */
  adminUrl: string;
  /** `pg_ctl stop -m fast`, waiting until the server has stopped. */
  stop(): void;
}
export function startPostgres(options: {
  dir: string;
  port: number;
  database?: string;
  durable?: boolean;
}): Promise<PostgresServer>;

export interface RedisServer {
  url: string;
  /** SIGTERM (Redis writes its append-only file and exits), waiting for the process to end. */
  stop(): Promise<void>;
}
export function startRedis(options: { dir: string; port: number }): Promise<RedisServer>;
