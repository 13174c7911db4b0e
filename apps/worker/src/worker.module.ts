import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CaseJobsModule } from '#libs/cases';
import { NotificationJobsModule } from '#libs/notifications';
import { appConfig, DatabaseModule, RedisModule, WorkerQueueModule } from '#libs/platform';

/** The worker: job processors only, no HTTP server. Domain modules with @JobHandler methods are imported here. */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [appConfig] }),
    DatabaseModule,
    RedisModule,
    WorkerQueueModule,
    NotificationJobsModule,
    CaseJobsModule,
  ],
})
export class WorkerModule {}
