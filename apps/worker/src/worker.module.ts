import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { CaseJobsModule, CasesModule } from '#libs/cases';
import { NotificationJobsModule, NotificationsModule } from '#libs/notifications';
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
import { SweepJob } from './sweep.job.js';

/**
 * The worker: job processors only, no HTTP server. Domain modules with @JobHandler methods are imported here, and
 * the jobs that span libraries are composed here (the sweep).
 */
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
    // The minute's sweep, composed from the libraries' own requeues.
    NotificationsModule,
    CasesModule,
  ],
  providers: [SweepJob],
})
export class WorkerModule {}
