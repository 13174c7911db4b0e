import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_GUARD, RouterModule } from '@nestjs/core';
import { AuthModule } from '#libs/auth';
import {
  appConfig,
  authConfig,
  checksConfig,
  DatabaseModule,
  loggingModule,
  oidcConfig,
  OperationsModule,
  operationsConfig,
  rateLimitConfig,
  RedisModule,
} from '#libs/platform';
import { ApiModule } from './api.module.js';
import { AuthGuard } from './auth/auth.guard.js';
import { API_PREFIX } from './http/prefix.js';
import { RateLimitGuard } from './http/rate-limit.guard.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { WebModule } from './web/web.module.js';
import { MIGRATIONS } from '../../../migrations/index.js';

/**
 * The JSON API under /api/v1 and the web UI's pages at the root. The prefix is a RouterModule path rather than
 * a global prefix because the pages use the same paths as the API (`/cases/:id` beside `/api/v1/cases/:id`),
 * which a global prefix's path-based exclusions cannot tell apart.
 */
@Module({
  imports: [
    ConfigModule.forRoot({
      isGlobal: true,
      ignoreEnvFile: true,
      load: [appConfig, authConfig, oidcConfig, checksConfig, rateLimitConfig, operationsConfig],
    }),
    loggingModule('api'),
    DatabaseModule.forRoot(MIGRATIONS),
    RedisModule,
    OperationsModule,
    AuthModule,
    ApiModule,
    WebModule,
    RouterModule.register([{ path: API_PREFIX, module: ApiModule }]),
  ],
  controllers: [MetricsController],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_GUARD, useClass: RateLimitGuard },
  ],
})
export class AppModule {}
