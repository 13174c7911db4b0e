import { Module } from '@nestjs/common';
import { AuthModule } from '#libs/auth';
import { CasesModule } from '#libs/cases';
import { CouncilsModule } from '#libs/councils';
import { PeersModule } from '#libs/peers';
import { CasePageData } from './cases/case-page.data.js';
import { CasePagesController } from './cases/case-pages.controller.js';
import { HomeController } from './home.controller.js';
import { Pages } from './page.js';
import { SessionController } from './session.controller.js';
import { WebErrorFilter } from './web-error.filter.js';

/** The web UI: server-rendered GOV.UK pages at the root of the site (views in ./views, assets in views.ts). */
@Module({
  imports: [AuthModule, CasesModule, CouncilsModule, PeersModule],
  controllers: [SessionController, HomeController, CasePagesController],
  providers: [Pages, CasePageData, WebErrorFilter],
})
export class WebModule {}
