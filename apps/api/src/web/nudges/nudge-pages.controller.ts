import {
  BadRequestException,
  Body,
  Controller,
  Get,
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
import { CouncilRecordsService, CouncilsService, ListCouncilsQuery, REGIONS, UpdateCouncilDto } from '#libs/councils';
import { NudgesService } from '#libs/nudges';
import { isCalendarDate, todayInLondon } from '#libs/platform';
import { CurrentActor, type ApiRequest } from '../../auth/request.js';
import { humanise } from '../cases/case-page.js';
import { formBoolean, validBody } from '../forms.js';
import { choices, oneOf, pageNumber, pagination, searchText, type Query as FormBody } from '../lists.js';
import { Pages } from '../page.js';
import { WebErrorFilter } from '../web-error.filter.js';
import { leftOutRows, listQuery, nudgedRows, sentRows } from './nudge-page.js';

const PAGE_SIZE = 25;
const LISTS = ['nudged', 'left-out'] as const;
const DATE_PROBLEM = 'Enter a real date written YYYY-MM-DD, such as 2027-04-20';

/** The day asked for (`asOf`), or today when none is; `problem` when what was asked is not a date. */
function asOfFrom(query: FormBody): { asOf: string; asked: string; problem?: string } {
  const asked = searchText(query.asOf, 20);
  if (!asked) return { asOf: todayInLondon(), asked };
  return isCalendarDate(asked) ? { asOf: asked, asked } : { asOf: todayInLondon(), asked, problem: DATE_PROBLEM };
}

/** The list's filters a council's page was reached with, to go back to (`listQuery`). */
function listFilters(query: FormBody, asOf: string): string {
  const list = oneOf(LISTS, query.list) ?? 'nudged';
  return listQuery({ asOf, region: oneOf(REGIONS, query.region), list, page: pageNumber(query.page) });
}

/**
 * The email nudges to councils without a corporate peer challenge since 2012: who would be nudged and why
 * (and who is left out and why), the email a council would get, the nudges sent, and for admins the run and a
 * council's opt-out — the same services and roles as `/api/v1/nudges` and `PATCH /api/v1/councils/:gssCode`.
 */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller('nudges')
export class NudgePagesController {
  constructor(
    private readonly nudges: NudgesService,
    private readonly councils: CouncilsService,
    private readonly records: CouncilRecordsService,
    private readonly pages: Pages,
  ) {}

  @Allow(CAN.read)
  @Get()
  async preview(@Query() query: FormBody, @Req() request: ApiRequest, @Res() response: Response) {
    const { asOf, asked, problem } = asOfFrom(query);
    const region = oneOf(REGIONS, query.region);
    const list = oneOf(LISTS, query.list) ?? 'nudged';
    const page = pageNumber(query.page);
    const [preview, regionOf] = await Promise.all([this.nudges.preview(asOf), this.regions()]);
    const inRegion = <T extends { gssCode: string }>(councils: T[]) =>
      region ? councils.filter((c) => regionOf.get(c.gssCode) === region) : councils;
    const nudged = inRegion(preview.councils);
    const leftOut = inRegion(preview.notNudged);
    const shown = list === 'nudged' ? nudged : leftOut;
    const onPage = <T>(items: T[]) => items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    const filters = listQuery({ asOf, region, list, page });
    await this.pages.render(
      request,
      response,
      'nudges/preview.njk',
      {
        title: 'Nudges',
        asOf,
        asked,
        today: asOf === todayInLondon(),
        quietPeriod: preview.quietPeriod,
        list,
        nudgedCount: nudged.length,
        leftOutCount: leftOut.length,
        rows:
          list === 'nudged'
            ? nudgedRows(onPage(nudged), regionOf, filters)
            : leftOutRows(onPage(leftOut), regionOf, filters, request.principal!.roles.includes('admin')),
        regions: choices('Any region', REGIONS, region),
        lists: [
          { value: 'nudged', text: 'Councils that would be nudged', checked: list === 'nudged' },
          { value: 'left-out', text: 'Councils left out, and why', checked: list === 'left-out' },
        ],
        pagination: pagination('/nudges', { asOf: asked, region, list }, page, shown.length, PAGE_SIZE),
        fieldErrors: problem ? { asOf: problem } : {},
        errorList: problem ? [{ text: problem, href: '#asOf' }] : [],
      },
      problem ? 400 : 200,
    );
  }

  @Allow(CAN.read)
  @Get('history')
  async history(@Query() query: FormBody, @Req() request: ApiRequest, @Res() response: Response) {
    const region = oneOf(REGIONS, query.region);
    const page = pageNumber(query.page);
    const queued = Number.parseInt(String(query.queued), 10);
    const found = await this.nudges.sent({ region, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    await this.pages.render(request, response, 'nudges/history.njk', {
      title: 'Nudges sent',
      total: found.total,
      rows: sentRows(found.items),
      regions: choices('Any region', REGIONS, region),
      pagination: pagination('/nudges/history', { region }, page, found.total, PAGE_SIZE),
      banner:
        query.quiet === 'yes'
          ? 'No nudges were queued: today is in a quiet period.'
          : queued >= 0
            ? `${queued} nudge${queued === 1 ? '' : 's'} queued. Each is listed below and sent within minutes.`
            : undefined,
    });
  }

  /** The confirmation before a run: how many councils today's run would email, or why it would email none. */
  @Allow(CAN.administer)
  @Get('run')
  async confirmRun(@Req() request: ApiRequest, @Res() response: Response) {
    const preview = await this.nudges.preview();
    await this.pages.render(request, response, 'nudges/run.njk', {
      title: 'Send today’s nudges',
      preview,
      count: preview.councils.length,
    });
  }

  @Allow(CAN.administer)
  @Post('run')
  async run(@CurrentActor() actor: Actor, @Res() response: Response) {
    const { queued, quietPeriod } = await this.nudges.run(actor);
    response.redirect(303, `/nudges/history?${quietPeriod ? 'quiet=yes' : `queued=${queued}`}`);
  }

  /** The email a candidate council would get on the day, whether it would be sent and why; admins may stop it. */
  @Allow(CAN.read)
  @Get('councils/:gssCode')
  async draft(
    @Param('gssCode') gssCode: string,
    @Query() query: FormBody,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ) {
    const { asOf, problem } = asOfFrom(query);
    if (problem) throw new BadRequestException(problem);
    const { gssCode: code, name } = await this.councils.find(gssCode);
    const draft = await this.nudges.draft(code, asOf);
    if (!draft) {
      throw new NotFoundException(
        `${name} is not a candidate for a nudge on ${asOf}: only councils that exist then and have had no ` +
          'corporate peer challenge since 2012 (or none of the corporate or finance kind for five years, when ' +
          'configured) are.',
      );
    }
    const done = query.done === 'stopped' || query.done === 'allowed' ? query.done : undefined;
    const filters = listFilters(query, asOf);
    await this.pages.render(request, response, 'nudges/draft.njk', {
      title: `The nudge to ${draft.name}`,
      draft: { ...draft, reason: humanise(draft.reason) },
      filters,
      banner: done && (done === 'stopped' ? `Nudges to ${name} are stopped.` : `${name} can be nudged again.`),
    });
  }

  /** Stops or allows nudges to a council (its opt-out), as `PATCH /api/v1/councils/:gssCode` does. */
  @Allow(CAN.administer)
  @Post('councils/:gssCode')
  async suppress(
    @Param('gssCode') gssCode: string,
    @Query() query: FormBody,
    @Body() body: FormBody,
    @CurrentActor() actor: Actor,
    @Res() res: Response,
  ) {
    const suppressed = formBoolean(body.nudgesSuppressed);
    if (typeof suppressed !== 'boolean') {
      throw new BadRequestException('Choose whether to stop or allow nudges to this council');
    }
    const dto = await validBody({ nudgesSuppressed: suppressed }, UpdateCouncilDto);
    const { gssCode: code } = await this.records.update(gssCode, dto, actor);
    const filters = listFilters(query, asOfFrom(query).asOf);
    res.redirect(303, `/nudges/councils/${code}?${filters}&done=${suppressed ? 'stopped' : 'allowed'}`);
  }

  /** Every council's region by GSS code (the preview names councils only). */
  private async regions(): Promise<Map<string, string>> {
    const { items } = await this.councils.list(Object.assign(new ListCouncilsQuery(), { limit: 1000 }));
    return new Map(items.map((c) => [c.gssCode, c.region]));
  }
}
