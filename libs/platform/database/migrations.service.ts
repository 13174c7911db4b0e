import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource } from 'typeorm';
import { databaseConfig } from '../config/config.js';
import { DatabaseLock, withLock } from './locks.js';

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
 * At boot, either applies pending migrations, one process at a time (the API and the worker may start together), or,
 * with MIGRATE_ON_START off (the default under NODE_ENV=production), refuses to start while any is pending: there
 * one process applies them before the others start (`npm run cli -- migrate`).
 */
@Injectable()
export class MigrationsService implements OnModuleInit {
  private readonly logger = new Logger(MigrationsService.name);

  constructor(
    private readonly dataSource: DataSource,
    @Inject(databaseConfig.KEY) private readonly config: ConfigType<typeof databaseConfig>,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.migrateOnStart) {
      await this.apply();
      return;
    }
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
