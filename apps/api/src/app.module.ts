import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CouncilsModule } from '#libs/councils';
import { appConfig, DatabaseModule, RedisModule } from '#libs/platform';
import { CouncilsController } from './councils/councils.controller.js';
import { HealthController } from './health/health.controller.js';

@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [appConfig] }),
    DatabaseModule,
    RedisModule,
    CouncilsModule,
  ],
  controllers: [HealthController, CouncilsController],
})
export class AppModule {}
