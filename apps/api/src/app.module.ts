import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { AuditModule } from '#libs/audit';
import { AuthModule } from '#libs/auth';
import { CouncilsModule } from '#libs/councils';
import { appConfig, authConfig, DatabaseModule, RedisModule } from '#libs/platform';
import { AuditController } from './audit/audit.controller.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { CouncilsController } from './councils/councils.controller.js';
import { HealthController } from './health/health.controller.js';
import { UsersController } from './users/users.controller.js';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [appConfig, authConfig] }),
    DatabaseModule,
    RedisModule,
    AuditModule,
    AuthModule,
    CouncilsModule,
  ],
  controllers: [HealthController, AuthController, UsersController, CouncilsController, AuditController],
  providers: [{ provide: APP_GUARD, useClass: AuthGuard }],
})
export class AppModule {}
