import { Body, Controller, Get, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '#libs/audit';
import { Allow, CAN } from '#libs/auth';
import { rowsFromCsv } from '#libs/cases';
import { REORGANISATION_FIELDS, ReorganisationsService, type ReorganisationView } from '#libs/councils';
import { RowsRefused } from '#libs/platform';
import { CurrentActor, type ApiRequest } from '../../auth/request.js';
import { humanise } from '../cases/case-page.js';
import { formText, reasonsOf, statusOf } from '../forms.js';
import { govukDate, type Query as FormBody } from '../lists.js';
import { Pages } from '../page.js';
import { WebErrorFilter } from '../web-error.filter.js';
import { councilLink } from './council-page.js';

const EXAMPLE = `${REORGANISATION_FIELDS.filter((f) => f !== 'end_date').join(',')}
E07000137,East Lindsey,E06000099,Lincolnshire Coast,unitary,East Midlands,2028-04-01`;

/** The register's reorganisations, past and scheduled, and an admin's form to apply one from CSV (docs/DOMAIN.md). */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller('reorganisations')
export class ReorganisationPagesController {
  constructor(
    private readonly reorganisations: ReorganisationsService,
    private readonly pages: Pages,
  ) {}

  @Allow(CAN.read)
  @Get()
  async show(@Query('applied') applied: unknown, @Req() request: ApiRequest, @Res() response: Response) {
    const banner =
      typeof applied === 'string' && /^\d+$/.test(applied) ? `Applied: ${applied} new council(s).` : undefined;
    await this.render(request, response, '', [], banner);
  }

  @Allow(CAN.administer)
  @Post()
  async apply(
    @Body() body: FormBody,
    @CurrentActor() actor: Actor,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ) {
    const csv = formText(body.csv);
    let problems: string[];
    try {
      const rows = readCsv(csv);
      if (typeof rows === 'string') problems = [rows];
      else {
        const done = await this.reorganisations.apply(rows, actor);
        return response.redirect(303, `/reorganisations?applied=${done.successors.length}`);
      }
    } catch (error) {
      if (error instanceof RowsRefused) {
        problems = error.rows.map((r) =>
          r.line === 0 ? r.problems.join('; ') : `Line ${r.line}: ${r.problems.join('; ')}`,
        );
      } else if (statusOf(error) === 422) {
        problems = reasonsOf(error);
      } else throw error;
    }
    await this.render(request, response, csv, problems, undefined, 400);
  }

  private async render(
    request: ApiRequest,
    response: Response,
    csv: string,
    problems: string[],
    banner?: string,
    status = 200,
  ) {
    const list = await this.reorganisations.list();
    await this.pages.render(
      request,
      response,
      'reorganisations/list.njk',
      {
        title: 'Reorganisations',
        banner,
        csv,
        example: EXAMPLE,
        columns: REORGANISATION_FIELDS,
        errorList: problems.map((text) => ({ text, href: '#csv' })),
        csvError: problems.length ? problems.join(' ') : undefined,
        scheduled: rows(list.filter((r) => r.status === 'scheduled')),
        vested: rows(list.filter((r) => r.status === 'vested')),
      },
      status,
    );
  }
}

/** The CSV's rows, or what stops it being read. */
function readCsv(csv: string): ReturnType<typeof rowsFromCsv> | string {
  try {
    return rowsFromCsv(csv);
  } catch (error) {
    return `The CSV cannot be read: ${(error as Error).message}`;
  }
}

function rows(list: ReorganisationView[]) {
  return list.map((r) => [
    { text: govukDate(r.vestingDate) },
    {
      html: `${councilLink(r.successor)}<br><span class="govuk-body-s">${humanise(r.successor.type)}, ${r.successor.region}</span>`,
    },
    { html: r.predecessors.map((p) => councilLink(p)).join('<br>') },
  ]);
}
