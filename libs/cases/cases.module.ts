import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AuditModule } from '#libs/audit';
import { CouncilsModule } from '#libs/councils';
import { PeersModule } from '#libs/peers';
import { NotificationsModule } from '#libs/notifications';
import { checksConfig, remindersConfig } from '#libs/platform';
import { CaseHistoryService } from './case-history.service.js';
import { CasesService } from './cases.service.js';
import { CaseWorkflowService } from './case-workflow.service.js';
import { CaseReplayService } from './case-replay.service.js';
import { HistoryImportService } from './history-import.service.js';
import { CouncilHistoryService } from './council-history.service.js';
import { RemindersService } from './reminders/reminders.service.js';
import { OverridesReportService } from './overrides-report.js';
import { BriefingPackService } from './briefing/briefing-pack.service.js';
import { TeamSuggestionsService } from './team-suggestions.service.js';

@Module({
  imports: [
    ConfigModule.forFeature(checksConfig),
    ConfigModule.forFeature(remindersConfig),
    AuditModule,
    CouncilsModule,
    PeersModule,
    NotificationsModule,
  ],
  providers: [
    CasesService,
    CaseWorkflowService,
    CaseHistoryService,
    CaseReplayService,
    RemindersService,
    HistoryImportService,
    CouncilHistoryService,
    OverridesReportService,
    BriefingPackService,
    TeamSuggestionsService,
  ],
  exports: [
    TeamSuggestionsService,
    BriefingPackService,
    OverridesReportService,
    HistoryImportService,
    CouncilHistoryService,
    CasesService,
    CaseWorkflowService,
    CaseHistoryService,
    CaseReplayService,
    RemindersService,
  ],
})
export class CasesModule {}
