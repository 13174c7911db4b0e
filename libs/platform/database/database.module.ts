import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule, type ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseConfig } from '../config/config.js';
import { MigrationsService, prepareDatabase, type Migrations } from './migrations.service.js';
import { POOL_SIZE } from './warm.js';

/** Who the pool signs in as: the application role (the API, the worker) or the owner of the tables (the CLI). */
type Connection = 'application' | 'owner';

function connection(as: Connection, migrations: Migrations) {
  return TypeOrmModule.forRootAsync({
    imports: [ConfigModule.forFeature(databaseConfig)],
    inject: [databaseConfig.KEY],
    useFactory: async (config: ConfigType<typeof databaseConfig>) => {
      // Before the pool opens: the migrations, as the owner, and the application role's sign-in.
      await prepareDatabase(config, migrations);
      return {
        type: 'postgres' as const,
        url: as === 'owner' ? config.ownerUrl : config.applicationUrl,
        autoLoadEntities: true,
        migrations,
        migrationsTransactionMode: 'each' as const,
        synchronize: false,
        logging: ['error' as const, 'migration' as const],
        extra: {
          max: POOL_SIZE,
          connectionTimeoutMillis: 5000,
          // A connection idle for 10 minutes is closed, not after pg's 10 seconds: each new one costs a SCRAM
          // sign-in and preparing the prepared statements again (15-25 ms each), which under steady load turned
          // every burst of requests into a burst of new connections and the reads' p99 (docs/PERFORMANCE.md).
          idleTimeoutMillis: 600_000,
          // No JIT compilation: it pays back on analytic queries of many seconds, and here only added its 30-45 ms
          // of compiling to the take-up report on every run (docs/PERFORMANCE.md).
          options: '-c jit=off',
        },
        retryAttempts: 0,
      };
    },
  });
}

const modules = new Map<Connection, DynamicModule>();

/**
 * The database: `DatabaseModule.forRoot(MIGRATIONS)` signs the pool in as the application role (the API, the
 * worker), `DatabaseModule.forRoot(MIGRATIONS, 'owner')` as the owner of the tables (DATABASE_URL: the operator's
 * CLI). The migrations are the application's (`migrations/`), handed in: the platform knows no schema.
 */
@Module({})
export class DatabaseModule {
  static forRoot(migrations: Migrations, as: Connection = 'application'): DynamicModule {
    // One registration of each, however many modules of a process ask (the tests build several).
    let module = modules.get(as);
    if (!module) {
      module = {
        module: DatabaseModule,
        imports: [ConfigModule.forFeature(databaseConfig), connection(as, migrations)],
        providers: [MigrationsService],
        exports: [MigrationsService],
      };
      modules.set(as, module);
    }
    return module;
  }
}
