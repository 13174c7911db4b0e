import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CAN } from '#libs/auth';
import { CasesService, ListCasesQuery, STAGES } from '#libs/cases';
import type { ApiRequest } from '../auth/request.js';
import { humanise } from './cases/case-page.js';
import { Pages } from './page.js';
import { WebErrorFilter } from './web-error.filter.js';

/** The start page: the cases the signed-in user manages, and how many are at each stage. */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller()
export class HomeController {
  constructor(
    private readonly cases: CasesService,
    private readonly pages: Pages,
  ) {}

  @Allow(CAN.read)
  @Get()
  async home(@Req() request: ApiRequest, @Res() response: Response) {
    const query = Object.assign(new ListCasesQuery(), { managerId: request.principal!.userId, limit: 1000 });
    const mine = await this.cases.list(query);
    const counts = STAGES.map((stage) => ({
      stage,
      label: humanise(stage),
      count: mine.items.filter((c) => c.stage === stage).length,
    }));
    await this.pages.render(request, response, 'home.njk', { title: 'My cases', cases: mine.items, counts });
  }
}
