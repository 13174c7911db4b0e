import { Body, Controller, Get, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '#libs/audit';
import { Allow, CAN } from '#libs/auth';
import { ReportsService, TargetsDto } from '#libs/reporting';
import { CurrentActor, type ApiRequest } from '../../auth/request.js';
import { errorSummary, formText, problemsOf, validBody, type FieldProblems } from '../forms.js';
import type { Query as FormBody } from '../lists.js';
import { Pages } from '../page.js';
import { WebErrorFilter } from '../web-error.filter.js';

const FIELDS = ['financialYear', 'challengesTotal', 'corporateOrFinance', 'neverReductionPercent'] as const;
type TargetsForm = Record<(typeof FIELDS)[number], string>;

/** A whole number as typed, or the text itself so that the API's validation refuses it in its own words. */
const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : text);

/** The programme's yearly targets (admin): the years that have them, a form to set a year's, and their history. */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller('admin/targets')
export class TargetPagesController {
  constructor(
    private readonly reports: ReportsService,
    private readonly pages: Pages,
  ) {}

  @Allow(CAN.administer)
  @Get()
  async show(@Query('done') done: unknown, @Req() request: ApiRequest, @Res() response: Response) {
    const [latest] = await this.reports.targetYears();
    const form = Object.fromEntries(FIELDS.map((f) => [f, latest ? String(latest[f]) : ''])) as TargetsForm;
    await this.render(request, response, form, {}, done === 'saved' ? 'The targets have been saved.' : undefined);
  }

  @Allow(CAN.administer)
  @Post()
  async save(
    @Body() body: FormBody,
    @CurrentActor() actor: Actor,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ) {
    const form = Object.fromEntries(FIELDS.map((f) => [f, formText(body[f])])) as TargetsForm;
    const year = wholeNumber(form.financialYear);
    const dto = {
      challengesTotal: wholeNumber(form.challengesTotal),
      corporateOrFinance: wholeNumber(form.corporateOrFinance),
      neverReductionPercent: wholeNumber(form.neverReductionPercent),
    };
    const problems: FieldProblems = {
      ...(typeof year === 'number' && year >= 2012 && year <= 2100
        ? {}
        : { financialYear: 'Enter a year from 2012 to 2100, such as 2018 for 2018/19' }),
      ...(await problemsOf(() => validBody(dto, TargetsDto))),
    };
    if (Object.keys(problems).length > 0) return this.render(request, response, form, problems, undefined, 400);
    await this.reports.setTargets({ financialYear: year as number, ...(await validBody(dto, TargetsDto)) }, actor);
    response.redirect(303, '/admin/targets?done=saved');
  }

  private async render(
    request: ApiRequest,
    response: Response,
    form: TargetsForm,
    problems: FieldProblems,
    banner?: string,
    status = 200,
  ) {
    const [years, history] = await Promise.all([this.reports.targetYears(), this.reports.targetsHistory()]);
    const yearName = (y: number) => `${y}/${String((y + 1) % 100).padStart(2, '0')}`;
    const figures = (t: { challengesTotal: number; corporateOrFinance: number; neverReductionPercent: number }) => [
      { text: String(t.challengesTotal), format: 'numeric' },
      { text: String(t.corporateOrFinance), format: 'numeric' },
      { text: `${t.neverReductionPercent}%`, format: 'numeric' },
    ];
    await this.pages.render(
      request,
      response,
      'reports/targets.njk',
      {
        title: 'Programme targets',
        form,
        banner,
        fieldErrors: problems,
        errorList: errorSummary(problems),
        years: years.map((t) => [{ text: yearName(t.financialYear) }, ...figures(t)]),
        history: history.map((c) => [
          { text: c.changedAt.slice(0, 16).replace('T', ' ') },
          { text: c.changedBy.email ?? 'Preloaded' },
          { text: yearName(c.financialYear) },
          ...figures(c),
        ]),
      },
      status,
    );
  }
}
