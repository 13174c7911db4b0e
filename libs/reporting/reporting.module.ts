import { Module } from '@nestjs/common';
import { AuditModule } from '#libs/audit';
import { NotificationsModule } from '#libs/notifications';
import { BoardReportService } from './board-report.service.js';
import { ReportsService } from './reports.service.js';
import { TakeUpCheckJob } from './take-up-check.job.js';

@Module({
  imports: [AuditModule],
  providers: [ReportsService, BoardReportService],
  exports: [ReportsService, BoardReportService],
})
export class ReportingModule {}

/** The worker's side: the daily take-up check. */
@Module({ imports: [NotificationsModule], providers: [TakeUpCheckJob], exports: [TakeUpCheckJob] })
export class ReportingJobsModule {}
