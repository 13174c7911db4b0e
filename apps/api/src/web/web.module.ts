import { Module } from '@nestjs/common';
import { AuthModule } from '#libs/auth';
import { CasesModule } from '#libs/cases';
import { CouncilsModule } from '#libs/councils';
import { NudgesModule } from '#libs/nudges';
import { PeersModule } from '#libs/peers';
import { PlanningModule } from '#libs/planning';
import { ReportingModule } from '#libs/reporting';
import { TwoFactorPagesController } from './account/two-factor-pages.controller.js';
import { PasswordPagesController } from './account/password-pages.controller.js';
import { UserPagesController } from './admin/user-pages.controller.js';
import { CasePageData } from './cases/case-page.data.js';
import { CasePagesController } from './cases/case-pages.controller.js';
import { TeamSuggestionPagesController } from './cases/team-suggestion-pages.controller.js';
import { CouncilFactPagesController } from './councils/council-fact-pages.controller.js';
import { PlanDatePagesController } from './councils/plan-date-pages.controller.js';
import { ReorganisationPagesController } from './councils/reorganisation-pages.controller.js';
import { CouncilPagesController } from './councils/council-pages.controller.js';
import { HomeController } from './home.controller.js';
import { NudgePagesController } from './nudges/nudge-pages.controller.js';
import { UnsubscribePageController } from './nudges/unsubscribe-page.controller.js';
import { OidcService } from '../auth/oidc.service.js';
import { Pages } from './page.js';
import { PeerPagesController } from './peers/peer-pages.controller.js';
import { PlanPagesController } from './plans/plan-pages.controller.js';
import { ReportPagesController } from './reports/report-pages.controller.js';
import { OverridesPageController } from './reports/overrides-page.controller.js';
import { TargetPagesController } from './reports/target-pages.controller.js';
import { SessionController } from './session.controller.js';
import { WebErrorFilter } from './web-error.filter.js';

/** The web UI: server-rendered GOV.UK pages at the root of the site (views in ./views, assets in views.ts). */
@Module({
  imports: [AuthModule, CasesModule, CouncilsModule, PeersModule, ReportingModule, NudgesModule, PlanningModule],
  controllers: [
    SessionController,
    TwoFactorPagesController,
    PasswordPagesController,
    HomeController,
    CasePagesController,
    TeamSuggestionPagesController,
    CouncilPagesController,
    PeerPagesController,
    ReportPagesController,
    OverridesPageController,
    NudgePagesController,
    UserPagesController,
    TargetPagesController,
    PlanPagesController,
    CouncilFactPagesController,
    PlanDatePagesController,
    ReorganisationPagesController,
    UnsubscribePageController,
  ],
  providers: [Pages, CasePageData, WebErrorFilter, OidcService],
})
export class WebModule {}
