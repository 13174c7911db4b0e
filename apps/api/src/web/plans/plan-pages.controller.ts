import { Body, Controller, Get, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '#libs/audit';
import { Allow, CAN } from '#libs/auth';
import { REGIONS } from '#libs/councils';
import { NotFound } from '#libs/platform';
import { PlansService, PlanSettingsDto, PlanSettingsService, type StoredPlan } from '#libs/planning';
import { CurrentActor, type ApiRequest } from '../../auth/request.js';
import { errorSummary, formText, problemsOf, statusOf, validBody, type FieldProblems } from '../forms.js';
import { choices, oneOf, type Query as FormBody } from '../lists.js';
import { Pages } from '../page.js';
import { WebErrorFilter } from '../web-error.filter.js';
import { councilRows, FILTER_LABELS, heatMap, PLAN_FILTERS } from './plan-page.js';

/** A whole number as typed, or the text itself so that the API's validation refuses it in its own words. */
const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : text.trim());

/** The settings form's fields: one capacity field per region, by its index (region names have spaces). */
interface SettingsForm {
  horizonQuarters: string;
  capacityPerQuarter: string;
  preElectionWeeks: string;
  quietPeriods: string;
  regions: Array<{ id: string; region: string; value: string }>;
}

const regionField = (i: number) => `capacityRegion${i}`;

/** Quiet periods as typed, one a line: `2027-12-20 2028-01-03 Christmas` (the reason optional). */
function quietPeriodsOf(text: string) {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [from = '', to = '', ...reason] = line.split(/\s+/);
      return { from, to, ...(reason.length ? { reason: reason.join(' ') } : {}) };
    });
}

/** The five-year plan (issue #19): the latest plan as a heat map and a list, and its settings for admins. */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller('plans')
export class PlanPagesController {
  constructor(
    private readonly plans: PlansService,
    private readonly settings: PlanSettingsService,
    private readonly pages: Pages,
  ) {}

  @Allow(CAN.read)
  @Get()
  async show(@Query() query: FormBody, @Req() request: ApiRequest, @Res() response: Response) {
    await this.renderPlan(request, response, query, query.done === 'computed' ? 'A new plan has been computed.' : '');
  }

  @Allow(CAN.administer)
  @Post()
  async compute(@CurrentActor() actor: Actor, @Req() request: ApiRequest, @Res() response: Response) {
    try {
      await this.plans.run(actor);
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
      return this.renderPlan(request, response, {}, '', 'A plan is being computed already: try again in a moment.');
    }
    response.redirect(303, '/plans?done=computed');
  }

  @Allow(CAN.administer)
  @Get('settings')
  async showSettings(@Query('done') done: unknown, @Req() request: ApiRequest, @Res() response: Response) {
    const s = await this.settings.settings();
    const form: SettingsForm = {
      horizonQuarters: String(s.horizonQuarters),
      capacityPerQuarter: String(s.capacityPerQuarter),
      preElectionWeeks: String(s.preElectionWeeks),
      quietPeriods: s.quietPeriods.map((p) => [p.from, p.to, p.reason ?? ''].join(' ').trim()).join('\n'),
      regions: REGIONS.map((region, i) => ({
        id: regionField(i),
        region,
        value: s.capacityByRegion?.[region] === undefined ? '' : String(s.capacityByRegion[region]),
      })),
    };
    await this.renderSettings(request, response, form, {}, done === 'saved' ? 'The settings have been saved.' : '');
  }

  @Allow(CAN.administer)
  @Post('settings')
  async saveSettings(
    @Body() body: FormBody,
    @CurrentActor() actor: Actor,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ) {
    const form: SettingsForm = {
      horizonQuarters: formText(body.horizonQuarters),
      capacityPerQuarter: formText(body.capacityPerQuarter),
      preElectionWeeks: formText(body.preElectionWeeks),
      quietPeriods: formText(body.quietPeriods),
      regions: REGIONS.map((region, i) => ({ id: regionField(i), region, value: formText(body[regionField(i)]) })),
    };
    const byRegion = form.regions.filter((r) => r.value.trim() !== '');
    const dto = {
      horizonQuarters: wholeNumber(form.horizonQuarters),
      capacityPerQuarter: wholeNumber(form.capacityPerQuarter),
      preElectionWeeks: wholeNumber(form.preElectionWeeks),
      capacityByRegion: Object.fromEntries(byRegion.map((r) => [r.region, wholeNumber(r.value)])),
      quietPeriods: quietPeriodsOf(form.quietPeriods),
    };
    const problems: FieldProblems = {};
    const badRegion = byRegion.find((r) => !/^\d+$/.test(r.value.trim()));
    if (badRegion) problems[badRegion.id] = `Enter ${badRegion.region}’s capacity as a whole number, or leave it empty`;
    const refused = await problemsOf(async () => this.settings.checkSettings(await validBody(dto, PlanSettingsDto)));
    for (const [field, text] of Object.entries(refused)) {
      const name = field.startsWith('quietPeriods') ? 'quietPeriods' : field;
      if (name !== 'capacityByRegion' || !badRegion) problems[name] ??= text;
    }
    if (Object.keys(problems).length > 0) return this.renderSettings(request, response, form, problems, '', 400);
    await this.settings.setSettings(await validBody(dto, PlanSettingsDto), actor);
    response.redirect(303, '/plans/settings?done=saved');
  }

  private async renderPlan(request: ApiRequest, response: Response, query: FormBody, banner: string, refusal = '') {
    const region = oneOf(REGIONS, query.region);
    const status = oneOf(PLAN_FILTERS, query.status);
    let plan: StoredPlan | null = null;
    try {
      plan = await this.plans.latest();
    } catch (error) {
      if (!(error instanceof NotFound)) throw error;
    }
    await this.pages.render(
      request,
      response,
      'plans/plan.njk',
      {
        title: 'Five-year plan',
        plan,
        banner,
        errorList: refusal ? [{ text: refusal, href: '#compute' }] : [],
        map: plan && heatMap(plan),
        councils: plan ? councilRows(plan, region, status) : [],
        region,
        status,
        regions: choices('All regions', REGIONS, region),
        statuses: choices('All councils', PLAN_FILTERS, status, (s) => FILTER_LABELS[s as keyof typeof FILTER_LABELS]),
        csv: plan && `/api/v1/plans/${plan.id}.csv`,
      },
      refusal ? 409 : 200,
    );
  }

  private async renderSettings(
    request: ApiRequest,
    response: Response,
    form: SettingsForm,
    problems: FieldProblems,
    banner: string,
    status = 200,
  ) {
    await this.pages.render(
      request,
      response,
      'plans/settings.njk',
      {
        title: 'Plan settings',
        form,
        banner,
        fieldErrors: problems,
        errorList: errorSummary(problems),
        settings: await this.settings.settings(),
      },
      status,
    );
  }
}
