import { Module } from '@nestjs/common';
import { ConfigModule, type ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import { databaseConfig } from '../config/config.js';
import { MigrationsService } from './migrations.service.js';
import { POOL_SIZE } from './warm.js';

@Module({
  imports: [
    ConfigModule.forFeature(databaseConfig),
    TypeOrmModule.forRootAsync({
      imports: [ConfigModule.forFeature(databaseConfig)],
      inject: [databaseConfig.KEY],
      useFactory: (config: ConfigType<typeof databaseConfig>) => ({
        type: 'postgres' as const,
        url: config.url,
        autoLoadEntities: true,
        migrations: MIGRATIONS,
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
      }),
    }),
  ],
  providers: [MigrationsService],
  exports: [MigrationsService],
})
export class DatabaseModule {}
