import {
  Body,
  Controller,
  Get,
  HttpException,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '#libs/audit';
import { Allow, CAN } from '#libs/auth';
import {
  CasesService,
  CaseWorkflowService,
  ListCasesQuery,
  OPEN_STAGES,
  OpenCaseDto,
  STAGES,
  type CaseEventType,
  type EventInput,
} from '#libs/cases';
import { REGIONS } from '#libs/councils';
import { CASE_TYPES } from '#libs/peers';
import { CurrentActor, type ApiRequest } from '../../auth/request.js';
import { validEvent } from '../../cases/event-body.js';
import { errorSummary, fieldProblems, reasonsOf, statusOf, validBody } from '../forms.js';
import { choices, datesInWords, linkTo, pageNumber, pagination } from '../lists.js';
import { Pages } from '../page.js';
import { WebErrorFilter } from '../web-error.filter.js';
import { doneBanner, humanise } from './case-page.js';
import { CasePageData } from './case-page.data.js';
import { checkPage, CHECKED_STEPS } from './check-answers.js';
import {
  boardColumn,
  caseFilters,
  caseRows,
  linkFilters,
  managerChoices,
  ORDERS,
  sortableHead,
  type CaseFilters,
  type Managers,
} from './caseload.js';
import { errorHref, eventFromForm, EVENT_FORMS, fieldId, problemInWords } from './event-forms.js';
import { openCaseProblems } from './open-case-form.js';

const PAGE_SIZE = 25;
const BOARD_COLUMN_SIZE = 50;
type FormBody = Record<string, unknown>;
/** A recommendation's progress field by the form's name for it. */
const progressField = (field: string) => field.replace(/^progress\.(\d+).*$/, 'progress-$1');

@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller('cases')
export class CasePagesController {
  constructor(
    private readonly cases: CasesService,
    private readonly workflow: CaseWorkflowService,
    private readonly data: CasePageData,
    private readonly pages: Pages,
  ) {}

  /** The caseload as a table (paged) or, with `view=board`, as a column of cards per open stage. */
  @Allow(CAN.read)
  @Get()
  async list(@Query() query: FormBody, @Req() request: ApiRequest, @Res() response: Response) {
    const managers = await this.data.managers();
    const filters = caseFilters(query, managers, request.principal!.userId);
    const board = query.view === 'board';
    const shown = board ? await this.board(filters, managers) : await this.table(filters, managers, query.page);
    await this.pages.render(request, response, 'cases/list.njk', {
      title: board ? 'Cases by stage' : 'Cases',
      board,
      filters,
      stages: choices('Any stage', STAGES, filters.stage, humanise),
      managers: managerChoices(managers, filters.managerId),
      regions: choices('Any region', REGIONS, filters.region),
      types: choices('Any type', CASE_TYPES, filters.type, humanise),
      orders: ORDERS.map((o) => ({ ...o, selected: o.value === filters.sort })),
      orderText: ORDERS.find((o) => o.value === filters.sort)!.text,
      head: sortableHead(filters),
      tableHref: linkTo('/cases', linkFilters(filters)),
      boardHref: linkTo('/cases', { ...linkFilters(filters), view: 'board' }),
      ...shown,
    });
  }

  private async table(filters: CaseFilters, managers: Managers, pageAsked: unknown) {
    const page = pageNumber(pageAsked);
    const found = await this.cases.list(
      Object.assign(new ListCasesQuery(), filters, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    );
    return {
      total: found.total,
      rows: caseRows(found.items, managers),
      pagination: pagination('/cases', linkFilters(filters), page, found.total, PAGE_SIZE),
    };
  }

  /** A column per open stage (just the one chosen, if a stage is chosen), each with its most recently changed cases. */
  private async board(filters: CaseFilters, managers: Managers) {
    const stages = OPEN_STAGES.filter((stage) => !filters.stage || stage === filters.stage);
    const found = await Promise.all(
      stages.map((stage) =>
        this.cases.list(Object.assign(new ListCasesQuery(), filters, { stage, limit: BOARD_COLUMN_SIZE })),
      ),
    );
    const columns = stages.map((stage, i) => boardColumn(stage, found[i], managers, filters));
    return { total: columns.reduce((sum, column) => sum + column.total, 0), columns };
  }

  @Allow(CAN.changeCases)
  @Get('new')
  async newCase(@Query('council') council: unknown, @Req() request: ApiRequest, @Res() response: Response) {
    await this.renderNew(request, response, typeof council === 'string' ? { body: { councilGssCode: council } } : {});
  }

  @Allow(CAN.changeCases)
  @Post('new')
  async open(@Body() body: FormBody, @CurrentActor() actor: Actor, @Req() request: ApiRequest, @Res() res: Response) {
    const manages = request.principal!.roles.includes('peer_challenge_manager');
    const dto = { councilGssCode: String(body.councilGssCode ?? ''), type: String(body.type ?? '') };
    const missing = openCaseProblems(dto);
    if (Object.keys(missing).length > 0) {
      await this.renderNew(request, res, { body: dto, fieldErrors: missing }, 400);
      return;
    }
    try {
      const opened = await this.cases.open(
        await validBody({ ...dto, managerId: manages ? request.principal!.userId : undefined }, OpenCaseDto),
        actor,
      );
      res.redirect(303, `/cases/${opened.id}?done=OPEN_CASE`);
    } catch (error) {
      if (statusOf(error) !== 400) throw error;
      const problems = fieldProblems(error as HttpException);
      await this.renderNew(request, res, { body: dto, fieldErrors: openCaseProblems(dto, problems) }, 400);
    }
  }

  @Allow(CAN.read)
  @Get(':id')
  async show(@Param('id') id: string, @Query('done') done: unknown, @Req() req: ApiRequest, @Res() res: Response) {
    const title =
      typeof done === 'string' &&
      (EVENT_FORMS[done as keyof typeof EVENT_FORMS]?.title ??
        (done === 'OPEN_CASE'
          ? 'Open the case'
          : done === 'SUGGESTED_TEAM'
            ? 'Propose the suggested team'
            : undefined));
    const page = await this.data.casePage(id, undefined, req.principal!.userId);
    await this.pages.render(req, res, 'cases/show.njk', {
      ...page,
      banner: title ? doneBanner(String(done), title, page.view) : undefined,
    });
  }

  /** A step on a page of its own (any but those the case page shows: casePageSteps), when the case allows it now. */
  @Allow(CAN.changeCases)
  @Get(':id/steps/:type')
  async step(
    @Param('id') id: string,
    @Param('type') type: string,
    @Query() query: FormBody,
    @Req() req: ApiRequest,
    @Res() res: Response,
  ) {
    // The link's query fills the form in (the finding an override is for); the form checks it like any other.
    const filled = { type, body: query, fieldErrors: {} };
    const page = await this.data.stepPage(id, type, filled);
    if (!page) throw new NotFoundException('This case cannot take that step now.');
    await this.pages.render(req, res, 'cases/step.njk', page);
  }

  /**
   * Applies one event at the version the page showed; a refusal shows the page again with the reasons, at the
   * address the form posted to (the case's, or the step's own page's), so the address bar keeps the form's page.
   */
  @Allow(CAN.changeCases)
  @Post(':id')
  async event(
    @Param('id') id: string,
    @Body() body: FormBody,
    @CurrentActor() actor: Actor,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ) {
    await this.record(id, body, actor, request, response);
  }

  /** A step's own page's form: the step is the one its address names. */
  @Allow(CAN.changeCases)
  @Post(':id/steps/:type')
  async stepEvent(
    @Param('id') id: string,
    @Param('type') type: string,
    @Body() body: FormBody,
    @CurrentActor() actor: Actor,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ) {
    await this.record(id, { ...body, type }, actor, request, response);
  }

  private async record(id: string, body: FormBody, actor: Actor, request: ApiRequest, response: Response) {
    const before = await this.cases.get(id);
    const sent = eventFromForm(body, before.recommendations.length);
    const type = String(sent.type);
    if (body.change === 'yes') {
      // Back from checking the answers: the form as it was filled in, on its own page or the case's.
      const shown = await this.data.formPage(id, { type, body, fieldErrors: {} }, request.principal!.userId);
      return this.pages.render(request, response, shown.template, shown.page);
    }
    try {
      const { expectedVersion, ...event } = await validEvent(sent);
      if (CHECKED_STEPS[type as CaseEventType] && body.confirmed !== 'yes') {
        // A step that cannot be undone: the same rules judge it now (nothing is written), then the answers are shown.
        await this.workflow.preview(id, event as EventInput, expectedVersion, actor);
        return this.pages.render(request, response, 'cases/check.njk', {
          ...checkPage(type as CaseEventType, sent, before, body),
          action: request.path,
        });
      }
      await this.workflow.apply(id, event as EventInput, expectedVersion, actor);
      return response.redirect(303, `/cases/${id}?done=${encodeURIComponent(type)}#main-content`);
    } catch (error) {
      const status = statusOf(error);
      if (![400, 409, 422].includes(status)) throw error;
      const fieldErrors =
        status === 400
          ? Object.fromEntries(
              Object.entries(fieldProblems(error as HttpException, progressField)).map(([field, message]) => [
                field,
                problemInWords(type, field, message, body),
              ]),
            )
          : {};
      // The forms keep what was typed; after a 409 they carry the latest version, so a resubmission applies to it.
      const shown = await this.data.formPage(id, { type, body, fieldErrors }, request.principal!.userId);
      const errorList =
        status === 400
          ? errorSummary(fieldErrors, (field) => errorHref(type, field))
          : status === 422
            ? reasonsOf(error).map((text) => ({ text: datesInWords(text), href: `#${fieldId('form', type)}` }))
            : [
                shown.template === 'cases/step.njk'
                  ? {
                      text: `Someone else changed this case: it is now at version ${shown.page.view.version}. Look at the case again, then try again: what you typed is kept here.`,
                      href: `/cases/${id}#case-summary`,
                    }
                  : {
                      text: `Someone else changed this case: it is now at version ${shown.page.view.version}. Check the latest below, then try again.`,
                      href: '#case-summary',
                    },
              ];
      const errorTitle =
        status === 422
          ? `The case cannot accept this: ${EVENT_FORMS[type as keyof typeof EVENT_FORMS]?.title.toLowerCase() ?? type}`
          : status === 409
            ? 'Someone else changed this case'
            : undefined;
      await this.pages.render(request, response, shown.template, { ...shown.page, errorList, errorTitle }, status);
    }
  }

  private async renderNew(
    request: ApiRequest,
    response: Response,
    form: { body?: object; fieldErrors?: Record<string, string> },
    status = 200,
  ) {
    await this.pages.render(
      request,
      response,
      'cases/new.njk',
      {
        title: 'Open a case',
        councils: await this.data.councilChoices(),
        types: CASE_TYPES.map((t) => ({ value: t, text: humanise(t) })),
        errorList: errorSummary(form.fieldErrors ?? {}),
        ...form,
      },
      status,
    );
  }
}
