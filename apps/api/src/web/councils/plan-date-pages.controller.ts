import { Body, Controller, Get, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '#libs/audit';
import { Allow, CAN } from '#libs/auth';
import { CouncilsService } from '#libs/councils';
import { PlanConstraintDto, PlanSettingsService } from '#libs/planning';
import { CurrentActor, type ApiRequest } from '../../auth/request.js';
import {
  errorSummary,
  fieldProblems,
  formText,
  problemsInWords,
  problemsOf,
  statusOf,
  validBody,
  type FieldProblems,
  type Wording,
} from '../forms.js';
import type { Query as FormBody } from '../lists.js';
import { Pages } from '../page.js';
import { WebErrorFilter } from '../web-error.filter.js';

type DatesForm = { notBefore: string; notAfter: string; reason: string };

const DATES_WORDING: Record<string, Wording> = {
  notBefore: {
    label: 'Not before',
    enter: 'Enter a not-before date, a not-after date or both',
    date: 'Enter the not-before date as year-month-day, for example 2027-06-01',
  },
  notAfter: {
    label: 'Not after',
    date: 'Enter the not-after date as year-month-day, for example 2028-03-31',
  },
  reason: { label: 'The reason', enter: 'Enter the reason, for example “new chief executive from June”' },
};

/**
 * A principal adviser's dates for a council's next challenge in the five-year plan (docs/PLANNING.md, Inputs): not
 * before, not after, and why. The planner treats them as hard limits from its next run.
 */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller('councils/:gssCode/plan-dates')
export class PlanDatePagesController {
  constructor(
    private readonly councils: CouncilsService,
    private readonly settings: PlanSettingsService,
    private readonly pages: Pages,
  ) {}

  @Allow(CAN.constrainPlans)
  @Get()
  async show(@Param('gssCode') gssCode: string, @Req() request: ApiRequest, @Res() response: Response) {
    const council = await this.councils.find(gssCode);
    const [current] = await this.settings.constraints(council.gssCode);
    const form = {
      notBefore: current?.notBefore ?? '',
      notAfter: current?.notAfter ?? '',
      reason: current?.reason ?? '',
    };
    await this.render(request, response, council.gssCode, form, {});
  }

  @Allow(CAN.constrainPlans)
  @Post()
  async save(
    @Param('gssCode') gssCode: string,
    @Body() body: FormBody,
    @CurrentActor() actor: Actor,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ) {
    const { gssCode: code } = await this.councils.find(gssCode);
    if (body.action === 'remove') {
      try {
        await this.settings.removeConstraint(code, actor);
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
      }
      return response.redirect(303, `/councils/${code}?done=plan-dates`);
    }
    const form: DatesForm = {
      notBefore: formText(body.notBefore).trim(),
      notAfter: formText(body.notAfter).trim(),
      reason: formText(body.reason).trim(),
    };
    const dto = {
      ...(form.notBefore && { notBefore: form.notBefore }),
      ...(form.notAfter && { notAfter: form.notAfter }),
      reason: form.reason,
    };
    let problems = problemsInWords(await problemsOf(() => validBody(dto, PlanConstraintDto)), DATES_WORDING);
    if (Object.keys(problems).length === 0) {
      try {
        await this.settings.setConstraint(code, dto as PlanConstraintDto, actor);
        return response.redirect(303, `/councils/${code}?done=plan-dates`);
      } catch (error) {
        if (statusOf(error) !== 400) throw error;
        problems = Object.fromEntries(
          Object.entries(problemsInWords(fieldProblems(error), DATES_WORDING)).map(([field, text]) => [
            field,
            text.replace(/notBefore$/, 'the not-before date'),
          ]),
        );
      }
    }
    await this.render(request, response, code, form, problems, 400);
  }

  private async render(
    request: ApiRequest,
    response: Response,
    gssCode: string,
    form: DatesForm,
    problems: FieldProblems,
    status = 200,
  ) {
    const council = await this.councils.find(gssCode);
    const recorded = (await this.settings.constraints(council.gssCode)).length > 0;
    await this.pages.render(
      request,
      response,
      'councils/plan-dates.njk',
      {
        title: `Dates for planning ${council.name}’s next challenge`,
        council,
        form,
        recorded,
        fieldErrors: problems,
        errorList: errorSummary(problems),
      },
      status,
    );
  }
}
