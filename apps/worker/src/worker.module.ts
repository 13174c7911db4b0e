import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CaseJobsModule } from '#libs/cases';
import { NotificationJobsModule } from '#libs/notifications';
import { NudgeJobsModule } from '#libs/nudges';
import { PlanningJobsModule } from '#libs/planning';
import { ReportingJobsModule } from '#libs/reporting';
import {
  appConfig,
  authConfig,
  DatabaseModule,
  loggingModule,
  operationsConfig,
  RedisModule,
  WorkerQueueModule,
} from '#libs/platform';
import { MIGRATIONS } from '../../../migrations/index.js';

/** The worker: job processors only, no HTTP server. Domain modules with @JobHandler methods are imported here. */
@Module({
  imports: [
    ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [appConfig, authConfig, operationsConfig] }),
    loggingModule('worker'),
    DatabaseModule.forRoot(MIGRATIONS),
    RedisModule,
    WorkerQueueModule,
    NotificationJobsModule,
    CaseJobsModule,
    NudgeJobsModule,
    ReportingJobsModule,
    PlanningJobsModule,
  ],
})
export class WorkerModule {}
