import { Module } from '@nestjs/common';
import { AuditModule } from '#libs/audit';
import { NotificationsModule } from '#libs/notifications';
import { PlanInputsService } from './plan-inputs.service.js';
import { PlanSettingsService } from './plan-settings.service.js';
import { PlansService } from './plans.service.js';
import { ReplanJob } from './replan.job.js';

@Module({
  imports: [AuditModule],
  providers: [PlanSettingsService, PlanInputsService, PlansService],
  exports: [PlanSettingsService, PlansService],
})
export class PlanningModule {}

/** The worker's side: the daily re-plan. */
@Module({ imports: [PlanningModule, NotificationsModule], providers: [ReplanJob], exports: [ReplanJob] })
export class PlanningJobsModule {}
