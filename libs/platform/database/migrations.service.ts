import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource, type MigrationInterface } from 'typeorm';
import { databaseConfig } from '../config/config.js';
import { ensureApplicationLogin } from './application-role.js';
import { DatabaseLock, withLock } from './locks.js';

/** The application's migrations, oldest first (`migrations/index.ts`). */
export type Migrations = Array<new () => MigrationInterface>;

/** A process that does not migrate found migrations still to apply: it must not run on an older schema. */
export class PendingMigrations extends Error {
  constructor(readonly names: string[]) {
    super(
      `The database is missing ${names.length} migration(s) (${names.join(', ')}). Apply them first with ` +
        '`npm run cli -- migrate` (compose: the `migrate` service), or set MIGRATE_ON_START=true.',
    );
  }
}

/**
 * Before a process opens its pool (DatabaseModule): with MIGRATE_ON_START, applies pending migrations on a connection
 * of the owner's, one process at a time; then, when the application's sign-in is derived from the owner's, makes
 * sure the application role can sign in with it. A process that does not migrate and finds the role missing reports
 * the pending migrations.
 */
export async function prepareDatabase(
  config: ConfigType<typeof databaseConfig>,
  migrations: Migrations,
): Promise<void> {
  if (config.migrateOnStart || config.derivedLogin) {
    await asOwner(config.ownerUrl, migrations, async (owner) => {
      const service = new MigrationsService(owner);
      if (config.migrateOnStart) await service.apply();
      if (config.derivedLogin && !(await ensureApplicationLogin(config.ownerUrl, config.applicationUrl))) {
        throw new PendingMigrations(await service.pending());
      }
    });
  }
}

/** Runs `work` with a DataSource of the owner's that holds these migrations and no entities. */
export async function asOwner<T>(
  ownerUrl: string,
  migrations: Migrations,
  work: (owner: DataSource) => Promise<T>,
): Promise<T> {
  const owner = new DataSource({ type: 'postgres', url: ownerUrl, migrations, logging: ['error'] });
  await owner.initialize();
  try {
    return await work(owner);
  } finally {
    await owner.destroy();
  }
}

/**
 * Applies, reverts and lists migrations on its DataSource. At boot a process has applied them already
 * (prepareDatabase, with MIGRATE_ON_START), or refuses to start while any is pending (the default under
 * NODE_ENV=production, where one process applies them before the others start: `npm run cli -- migrate`).
 */
@Injectable()
export class MigrationsService implements OnModuleInit {
  private readonly logger = new Logger(MigrationsService.name);

  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const pending = await this.pending();
    if (pending.length > 0) throw new PendingMigrations(pending);
  }

  /** Applies every pending migration, each in its own transaction; returns their names. */
  async apply(): Promise<string[]> {
    const applied = await withLock(this.dataSource, DatabaseLock.Migrations, () =>
      this.dataSource.runMigrations({ transaction: 'each' }),
    );
    if (applied.length > 0) this.logger.log(`applied ${applied.length} migration(s)`);
    return applied.map((migration) => migration.name);
  }

  /** Reverts the last applied migration, in one transaction; returns its name, or null when none is applied. */
  async revertLast(): Promise<string | null> {
    return withLock(this.dataSource, DatabaseLock.Migrations, async () => {
      const [last] = await this.applied(1);
      if (!last) return null;
      await this.dataSource.undoLastMigration({ transaction: 'each' });
      return last;
    });
  }

  /** The names of the migrations in the code that the database has not applied, oldest first. */
  async pending(): Promise<string[]> {
    const applied = new Set(await this.applied());
    return this.dataSource.migrations.map((m) => m.name ?? m.constructor.name).filter((name) => !applied.has(name));
  }

  /** The names of applied migrations, the latest first (all, or the last `limit`). */
  private async applied(limit?: number): Promise<string[]> {
    const table = this.dataSource.options.migrationsTableName ?? 'migrations';
    const [{ exists }] = await this.dataSource.query<Array<{ exists: boolean }>>(
      'SELECT to_regclass($1) IS NOT NULL AS exists',
      [table],
    );
    if (!exists) return [];
    const rows = await this.dataSource.query<Array<{ name: string }>>(
      `SELECT name FROM "${table}" ORDER BY id DESC${limit ? ` LIMIT ${Number(limit)}` : ''}`,
    );
    return rows.map((row) => row.name);
  }
}
