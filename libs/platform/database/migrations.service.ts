import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DatabaseLock, withLock } from './locks.js';

/** Applies pending migrations at boot, one process at a time (the API and the worker may start together). */
@Injectable()
export class MigrationsService implements OnModuleInit {
  private readonly logger = new Logger(MigrationsService.name);

  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const applied = await withLock(this.dataSource, DatabaseLock.Migrations, () =>
      this.dataSource.runMigrations({ transaction: 'each' }),
    );
    if (applied.length > 0) this.logger.log(`applied ${applied.length} migration(s)`);
  }
}
