import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AuditModule } from '#libs/audit';
import { PeersModule } from '#libs/peers';
import { checksConfig } from '#libs/platform';
import { CaseHistoryService } from './case-history.service.js';
import { CasesService } from './cases.service.js';
import { CaseWorkflowService } from './case-workflow.service.js';
import { CaseReplayService } from './case-replay.service.js';

@Module({
  imports: [ConfigModule.forFeature(checksConfig), AuditModule, PeersModule],
  providers: [CasesService, CaseWorkflowService, CaseHistoryService, CaseReplayService],
  exports: [CasesService, CaseWorkflowService, CaseHistoryService, CaseReplayService],
})
export class CasesModule {}
