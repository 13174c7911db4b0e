import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '#libs/audit';
import { Allow, CAN } from '#libs/auth';
import { CouncilFactDto, CouncilFactsService, CouncilsService, FACT_KINDS, FACT_VALUES } from '#libs/councils';
import { CurrentActor, type ApiRequest } from '../../auth/request.js';
import { humanise } from '../cases/case-page.js';
import {
  errorSummary,
  fieldProblems,
  formText,
  problemsOf,
  problemsInWords,
  statusOf,
  validBody,
  type FieldProblems,
} from '../forms.js';
import type { Query as FormBody } from '../lists.js';
import { Pages } from '../page.js';
import { FACT_WORDING } from './council-page.js';
import { WebErrorFilter } from '../web-error.filter.js';

type FactForm = { kind: string; value: string; from: string };

/** A council's political control and LGA membership over time (admin): the record, and a form to add to it. */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller('councils/:gssCode/facts')
export class CouncilFactPagesController {
  constructor(
    private readonly councils: CouncilsService,
    private readonly facts: CouncilFactsService,
    private readonly pages: Pages,
  ) {}

  @Allow(CAN.administer)
  @Get()
  async show(
    @Param('gssCode') gssCode: string,
    @Query('done') done: unknown,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ) {
    const form = { kind: 'political_control', value: '', from: '' };
    await this.render(
      request,
      response,
      gssCode,
      form,
      {},
      done === 'saved' ? 'The fact has been recorded.' : undefined,
    );
  }

  @Allow(CAN.administer)
  @Post()
  async save(
    @Param('gssCode') gssCode: string,
    @Body() body: FormBody,
    @CurrentActor() actor: Actor,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ) {
    const { gssCode: code } = await this.councils.find(gssCode);
    const form: FactForm = { kind: formText(body.kind), value: formText(body.value), from: formText(body.from) };
    let problems = problemsInWords(await problemsOf(() => validBody(form, CouncilFactDto)), FACT_WORDING);
    if (Object.keys(problems).length === 0) {
      try {
        await this.facts.record({ gssCode: code, ...(form as CouncilFactDto) }, actor);
        return response.redirect(303, `/councils/${code}/facts?done=saved`);
      } catch (error) {
        if (statusOf(error) !== 400) throw error;
        problems = problemsInWords(fieldProblems(error as never), FACT_WORDING);
      }
    }
    await this.render(request, response, code, form, problems, undefined, 400);
  }

  private async render(
    request: ApiRequest,
    response: Response,
    gssCode: string,
    form: FactForm,
    problems: FieldProblems,
    banner?: string,
    status = 200,
  ) {
    const council = await this.councils.find(gssCode);
    const facts = await this.facts.list(council.gssCode);
    const values = [...new Set(Object.values(FACT_VALUES).flat())];
    await this.pages.render(
      request,
      response,
      'councils/facts.njk',
      {
        title: `Political control and LGA membership of ${council.name}`,
        council,
        form,
        banner,
        fieldErrors: problems,
        errorList: errorSummary(problems),
        kinds: FACT_KINDS.map((k) => ({ value: k, text: humanise(k), selected: form.kind === k })),
        values: [
          { value: '', text: 'Choose' },
          ...values.map((v) => ({ value: v, text: humanise(v), selected: form.value === v })),
        ],
        tables: FACT_KINDS.map((kind) => ({
          title: humanise(kind),
          rows: facts[kind].map((f) => [
            { text: f.from },
            { text: humanise(f.value) },
            { text: f.recordedAt.slice(0, 10) },
          ]),
        })),
      },
      status,
    );
  }
}
