import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CAN } from '#libs/auth';
import { CasesService, ListCasesQuery, RemindersService, STAGES } from '#libs/cases';
import { todayInLondon } from '#libs/platform';
import type { ApiRequest } from '../auth/request.js';
import { CasePageData } from './cases/case-page.data.js';
import { humanise } from './cases/case-page.js';
import { caseRows } from './cases/caseload.js';
import { dueReminderRows, homeScope, longDate, weekEnd } from './home-page.js';
import { linkTo } from './lists.js';
import { Pages } from './page.js';
import { WebErrorFilter } from './web-error.filter.js';

const CASES_SHOWN = 50;

/**
 * The start page: the reminders due this week (today to Sunday, UK time) and overdue on the user's cases, how
 * many cases are at each stage, and the open cases. A principal adviser's cases are those of their region.
 */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller()
export class HomeController {
  constructor(
    private readonly cases: CasesService,
    private readonly reminders: RemindersService,
    private readonly data: CasePageData,
    private readonly pages: Pages,
  ) {}

  @Allow(CAN.read)
  @Get()
  async home(@Req() request: ApiRequest, @Res() response: Response) {
    const scope = homeScope(request.principal!);
    const today = todayInLondon();
    const until = weekEnd(today);
    const query = (extra: Partial<ListCasesQuery> = {}) => Object.assign(new ListCasesQuery(), scope.filter, extra);
    const [open, counts, reminders, managers] = await Promise.all([
      this.cases.list(query({ open: 'true', limit: CASES_SHOWN })),
      this.cases.stageCounts(query()),
      this.reminders.outstanding(scope.filter, until),
      this.data.managers(),
    ]);
    await this.pages.render(request, response, 'home.njk', {
      title: scope.title,
      casesHeading: scope.casesHeading,
      weekEnds: longDate(until),
      reminders: dueReminderRows(reminders, today),
      counts: STAGES.map((stage) => ({
        label: humanise(stage),
        count: counts[stage],
        href: linkTo('/cases', { ...scope.link, stage }),
      })),
      rows: caseRows(open.items, managers),
      total: open.total,
      allHref: linkTo('/cases', scope.link),
      boardHref: linkTo('/cases', { ...scope.link, view: 'board' }),
    });
  }
}
