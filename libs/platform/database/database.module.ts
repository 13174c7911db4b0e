import { Module } from '@nestjs/common';
import { ConfigModule, type ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import { databaseConfig } from '../config/config.js';
import { MigrationsService } from './migrations.service.js';

@Module({
  imports: [
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
        // No JIT compilation: it pays back on analytic queries of many seconds, and here only added its 30-45 ms
        // of compiling to the take-up report on every run (docs/PERFORMANCE.md).
        extra: { max: 20, connectionTimeoutMillis: 5000, options: '-c jit=off' },
        retryAttempts: 0,
      }),
    }),
  ],
  providers: [MigrationsService],
})
export class DatabaseModule {}
