import { Body, Controller, Get, HttpException, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '#libs/audit';
import { Allow, CAN } from '#libs/auth';
import { CasesService, CaseWorkflowService, OpenCaseDto, STAGES, type EventInput } from '#libs/cases';
import { CASE_TYPES } from '#libs/peers';
import { CurrentActor, type ApiRequest } from '../../auth/request.js';
import { validEvent } from '../../cases/event-body.js';
import { errorSummary, fieldProblems, statusOf, validBody } from '../forms.js';
import { Pages } from '../page.js';
import { WebErrorFilter } from '../web-error.filter.js';
import { humanise, type Submitted } from './case-page.js';
import { CasePageData } from './case-page.data.js';
import { errorHref, eventFromForm, EVENT_FORMS, fieldId } from './event-forms.js';

const PAGE_SIZE = 25;
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

  @Allow(CAN.read)
  @Get()
  async list(@Query() query: FormBody, @Req() request: ApiRequest, @Res() response: Response) {
    const stage = STAGES.find((s) => s === query.stage);
    const type = CASE_TYPES.find((t) => t === query.type);
    const page = Math.max(1, Number.parseInt(String(query.page ?? '1'), 10) || 1);
    const found = await this.cases.list(
      Object.assign(this.data.listQuery(), { stage, type, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    );
    const pages = Math.max(1, Math.ceil(found.total / PAGE_SIZE));
    const link = (n: number) =>
      `/cases?${new URLSearchParams({ ...(stage && { stage }), ...(type && { type }), page: String(n) })}`;
    await this.pages.render(request, response, 'cases/list.njk', {
      title: 'Cases',
      cases: found.items,
      total: found.total,
      stage,
      type,
      stages: STAGES.map((s) => ({ value: s, text: humanise(s), selected: s === stage })),
      types: CASE_TYPES.map((t) => ({ value: t, text: humanise(t), selected: t === type })),
      pagination: {
        previous: page > 1 ? { href: link(page - 1) } : undefined,
        next: page < pages ? { href: link(page + 1) } : undefined,
        items: Array.from({ length: pages }, (_, i) => ({ number: i + 1, href: link(i + 1), current: i + 1 === page })),
      },
    });
  }

  @Allow(CAN.changeCases)
  @Get('new')
  async newCase(@Req() request: ApiRequest, @Res() response: Response) {
    await this.renderNew(request, response, {});
  }

  @Allow(CAN.changeCases)
  @Post('new')
  async open(@Body() body: FormBody, @CurrentActor() actor: Actor, @Req() request: ApiRequest, @Res() res: Response) {
    const manages = request.principal!.roles.includes('peer_challenge_manager');
    const dto = { councilGssCode: String(body.councilGssCode ?? ''), type: String(body.type ?? '') };
    try {
      const opened = await this.cases.open(
        await validBody({ ...dto, managerId: manages ? request.principal!.userId : undefined }, OpenCaseDto),
        actor,
      );
      res.redirect(303, `/cases/${opened.id}?done=OPEN_CASE`);
    } catch (error) {
      if (statusOf(error) !== 400) throw error;
      await this.renderNew(request, res, { body: dto, fieldErrors: fieldProblems(error as HttpException) }, 400);
    }
  }

  @Allow(CAN.read)
  @Get(':id')
  async show(@Param('id') id: string, @Query('done') done: unknown, @Req() req: ApiRequest, @Res() res: Response) {
    const banner =
      typeof done === 'string' &&
      (EVENT_FORMS[done as keyof typeof EVENT_FORMS]?.title ?? (done === 'OPEN_CASE' ? 'Open the case' : undefined));
    await this.pages.render(req, res, 'cases/show.njk', {
      ...(await this.data.casePage(id)),
      banner: banner ? `Done: ${banner.charAt(0).toLowerCase()}${banner.slice(1)}.` : undefined,
    });
  }

  /** Applies one event at the version the page showed; a refusal shows the page again with the reasons. */
  @Allow(CAN.changeCases)
  @Post(':id/events')
  async event(
    @Param('id') id: string,
    @Body() body: FormBody,
    @CurrentActor() actor: Actor,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ) {
    const before = await this.cases.get(id);
    const sent = eventFromForm(body, before.recommendations.length);
    try {
      const { expectedVersion, ...event } = await validEvent(sent);
      await this.workflow.apply(id, event as EventInput, expectedVersion, actor);
      return response.redirect(303, `/cases/${id}?done=${encodeURIComponent(String(sent.type))}#main-content`);
    } catch (error) {
      const status = statusOf(error);
      if (![400, 409, 422].includes(status)) throw error;
      const type = String(sent.type);
      const fieldErrors = status === 400 ? fieldProblems(error as HttpException, progressField) : {};
      // The forms keep what was typed; after a 409 they carry the latest version, so a resubmission applies to it.
      const submitted: Submitted = { type, body, fieldErrors };
      const page = await this.data.casePage(id, submitted);
      const errorList =
        status === 400
          ? errorSummary(fieldErrors, (field) => errorHref(type, field))
          : status === 422
            ? ((error as HttpException).getResponse() as { details: { reasons: string[] } }).details.reasons.map(
                (text) => ({ text, href: `#${fieldId('form', type)}` }),
              )
            : [
                {
                  text: `Someone else changed this case: it is now at version ${page.view.version}. Check the latest below, then try again.`,
                  href: '#case-summary',
                },
              ];
      const errorTitle =
        status === 422
          ? `The case cannot accept this: ${EVENT_FORMS[type as keyof typeof EVENT_FORMS]?.title.toLowerCase() ?? type}`
          : status === 409
            ? 'Someone else changed this case'
            : undefined;
      await this.pages.render(request, response, 'cases/show.njk', { ...page, errorList, errorTitle }, status);
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
