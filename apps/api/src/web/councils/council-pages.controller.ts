import { Body, Controller, Get, HttpException, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '#libs/audit';
import { Allow, CAN, ListUsersQuery, UsersService } from '#libs/auth';
import { CouncilHistoryService } from '#libs/cases';
import { NudgesService } from '#libs/nudges';
import { PlanSettingsService, PlansService } from '#libs/planning';
import { todayInLondon } from '#libs/platform';
import {
  CouncilRecordsService,
  CouncilsService,
  ListCouncilsQuery,
  REGIONS,
  TAKE_UP_STATUSES,
  UpdateCouncilDto,
} from '#libs/councils';
import { CurrentActor, type ApiRequest } from '../../auth/request.js';
import { choices, oneOf, pageNumber, pagination, searchText, takeUpTag, type Query as FormBody } from '../lists.js';
import { errorSummary, fieldProblems, problemsInWords, statusOf, validBody, type FieldProblems } from '../forms.js';
import { Pages } from '../page.js';
import { WebErrorFilter } from '../web-error.filter.js';
import {
  formFromBody,
  formFromCouncil,
  councilRows,
  councilSummary,
  historyCases,
  lifeNote,
  nudgeRows,
  planRows,
  peersProvidedRows,
  updateFromForm,
  COUNCIL_WORDING,
  type CouncilForm,
} from './council-page.js';
import { nudgeReturn } from '../nudges/nudge-page.js';

const PAGE_SIZE = 25;
const NOTE_MAX = 5000;

/** The councils register and each council's history, the page a principal adviser works from. */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller('councils')
export class CouncilPagesController {
  constructor(
    private readonly councils: CouncilsService,
    private readonly history: CouncilHistoryService,
    private readonly records: CouncilRecordsService,
    private readonly users: UsersService,
    private readonly pages: Pages,
    private readonly nudges: NudgesService,
    private readonly plans: PlansService,
    private readonly planSettings: PlanSettingsService,
  ) {}

  @Allow(CAN.read)
  @Get()
  async list(@Query() query: FormBody, @Req() request: ApiRequest, @Res() response: Response) {
    const q = searchText(query.q);
    const region = oneOf(REGIONS, query.region);
    const takeUp = oneOf(TAKE_UP_STATUSES, query.takeUp);
    const all = query.all === 'yes' ? 'yes' : undefined;
    const page = pageNumber(query.page);
    const found = await this.councils.list(
      Object.assign(new ListCouncilsQuery(), {
        q: q || undefined,
        region,
        takeUp,
        existing: all ? undefined : 'true',
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      }),
    );
    await this.pages.render(request, response, 'councils/list.njk', {
      title: 'Councils',
      q,
      all,
      total: found.total,
      rows: councilRows(found.items),
      regions: choices('Any region', REGIONS, region),
      takeUps: choices('Any take-up', TAKE_UP_STATUSES, takeUp, (s) => takeUpTag(s as never).text),
      pagination: pagination('/councils', { q, region, takeUp, all }, page, found.total, PAGE_SIZE),
    });
  }

  @Allow(CAN.read)
  @Get(':gssCode')
  async show(
    @Param('gssCode') gssCode: string,
    @Query('done') done: unknown,
    @CurrentActor() actor: Actor,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ) {
    const banner =
      done === 'note'
        ? 'Your note has been added.'
        : done === 'saved'
          ? 'The council record has been saved.'
          : done === 'nudges'
            ? 'The council will get nudges again.'
            : done === 'plan-dates'
              ? 'The dates for planning have been saved: the next plan computed uses them.'
              : undefined;
    await this.renderHistory(request, response, gssCode, actor, { banner });
  }

  /** The council's contacts, principal adviser and nudges, for an admin to change. */
  @Allow(CAN.administer)
  @Get(':gssCode/edit')
  async edit(
    @Param('gssCode') gssCode: string,
    @Query('returnTo') returnTo: unknown,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ) {
    const council = await this.councils.get(gssCode);
    const form = { ...formFromCouncil(council), returnTo: nudgeReturn(returnTo) };
    await this.renderEdit(request, response, council.gssCode, form, {});
  }

  /** Saves the admin's changes with the API's validation: every problem shown at once, nothing written. */
  @Allow(CAN.administer)
  @Post(':gssCode/edit')
  async update(
    @Param('gssCode') gssCode: string,
    @Body() body: FormBody,
    @CurrentActor() actor: Actor,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ) {
    const council = await this.councils.get(gssCode);
    const code = council.gssCode;
    const form = { ...formFromBody(body), returnTo: nudgeReturn(body.returnTo) };
    try {
      const dto = updateFromForm(form, council.principalAdviser?.id ?? null);
      await this.records.update(code, await validBody(dto, UpdateCouncilDto), actor);
      // Back to the nudge list the admin came from (as it was), else to the council.
      return response.redirect(303, form.returnTo ?? `/councils/${code}?done=saved`);
    } catch (error) {
      if (statusOf(error) !== 400) throw error;
      const problems = problemsInWords(
        fieldProblems(error as HttpException, (field) => field.replace(/\.(\w)/, (_, c: string) => c.toUpperCase())),
        COUNCIL_WORDING,
      );
      await this.renderEdit(request, response, code, form, problems, 400);
    }
  }

  private async renderEdit(
    request: ApiRequest,
    response: Response,
    gssCode: string,
    form: CouncilForm,
    problems: FieldProblems,
    status = 200,
  ) {
    const council = await this.councils.get(gssCode);
    const { items } = await this.users.list(
      Object.assign(new ListUsersQuery(), { role: 'principal_adviser', active: 'true', limit: 1000 }),
    );
    const advisers = [{ value: '', text: 'None' }].concat(
      items.map((u) => ({ value: u.id, text: `${u.name}${u.region ? ` (${u.region})` : ''}` })),
    );
    // An adviser since deactivated stays chosen until changed: saving other fields must not drop them.
    const current = council.principalAdviser;
    if (current && !advisers.some((a) => a.value === current.id)) {
      advisers.push({ value: current.id, text: `${current.name} (no longer an active principal adviser)` });
    }
    await this.pages.render(
      request,
      response,
      'councils/edit.njk',
      {
        title: `Change ${council.name}`,
        council,
        form,
        advisers: advisers.map((a) => ({ ...a, selected: a.value === form.principalAdviserId })),
        fieldErrors: problems,
        errorList: errorSummary(problems),
      },
      status,
    );
  }

  /** Adds a note to the council's record; a blank note shows the page again with the problem. */
  @Allow(CAN.writeCouncilNotes)
  @Post(':gssCode/notes')
  async addNote(
    @Param('gssCode') gssCode: string,
    @Body() body: FormBody,
    @CurrentActor() actor: Actor,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ) {
    const text = typeof body.text === 'string' ? body.text.trim() : '';
    const problem = !text
      ? 'Enter a note'
      : text.length > NOTE_MAX
        ? `Note must be ${NOTE_MAX} characters or fewer`
        : undefined;
    if (problem) {
      const errorList = [{ text: problem, href: '#note-text' }];
      const noteForTeam = body.forTeam === 'true';
      return this.renderHistory(
        request,
        response,
        gssCode,
        actor,
        { errorList, noteText: body.text, noteForTeam },
        400,
      );
    }
    const { gssCode: code } = await this.councils.find(gssCode);
    await this.records.addNote(code, text, actor, body.forTeam === 'true');
    response.redirect(303, `/councils/${code}?done=note`);
  }

  /** An admin opts a council back in to nudges (after it unsubscribed), as `PATCH /api/v1/councils/:gssCode`. */
  @Allow(CAN.administer)
  @Post(':gssCode/nudges')
  async optIn(@Param('gssCode') gssCode: string, @CurrentActor() actor: Actor, @Res() response: Response) {
    const { gssCode: code } = await this.councils.find(gssCode);
    await this.records.update(code, await validBody({ nudgesSuppressed: false }, UpdateCouncilDto), actor);
    response.redirect(303, `/councils/${code}?done=nudges`);
  }

  private async renderHistory(
    request: ApiRequest,
    response: Response,
    gssCode: string,
    actor: Actor,
    extra: {
      banner?: string;
      errorList?: Array<{ text: string; href: string }>;
      noteText?: unknown;
      noteForTeam?: boolean;
    },
    status = 200,
  ) {
    const history = await this.history.history(gssCode, actor);
    const code = history.council.gssCode;
    const [latest, [constraint]] = await Promise.all([this.plans.latestFor(code), this.planSettings.constraints(code)]);
    const today = todayInLondon();
    const c = history.council;
    const nudgeChoices = (await this.nudges.choices(history.council.gssCode)).map((c) => [
      {
        text: new Date(c.at).toLocaleString('en-GB', {
          timeZone: 'Europe/London',
          dateStyle: 'long',
          timeStyle: 'short',
        }),
      },
      { text: c.optedOut ? 'Opted out' : 'Opted back in' },
      { text: c.by ? `${c.via} (${c.by})` : c.via },
    ]);
    await this.pages.render(
      request,
      response,
      'councils/show.njk',
      {
        title: history.council.name,
        council: history.council,
        summary: councilSummary(history),
        lifeNote: lifeNote(c, today),
        live: (!c.endDate || c.endDate >= today) && (!c.startDate || c.startDate <= today),
        plan: planRows(latest, constraint),
        cases: historyCases(history),
        nudges: nudgeRows(history),
        nudgeChoices,
        peersProvided: peersProvidedRows(history),
        notes: history.notes,
        ...extra,
      },
      status,
    );
  }
}
