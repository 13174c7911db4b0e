import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CAN } from '#libs/auth';
import { OverridesReportService, type OverrideRow } from '#libs/cases';
import type { ApiRequest } from '../../auth/request.js';
import { humanise, type Query as FormBody } from '../lists.js';
import { Pages } from '../page.js';
import { WebErrorFilter } from '../web-error.filter.js';
import { dateFrom } from '../cases/event-forms.js';

const STATUS_TAGS: Record<OverrideRow['status'], { text: string; classes: string }> = {
  approved: { text: 'Approved', classes: 'govuk-tag--green' },
  awaiting_approval: { text: 'Waiting for approval', classes: 'govuk-tag--yellow' },
  lapsed: { text: 'Lapsed', classes: 'govuk-tag--grey' },
  replaced: { text: 'Replaced', classes: 'govuk-tag--grey' },
};

const longDate = (iso: string) =>
  new Date(`${iso.slice(0, 10)}T00:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const realDate = (value: string) => ISO.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);

/** Every override of a conflict finding, with who asked and who approved: the page of GET /reports/overrides. */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller('reports')
export class OverridesPageController {
  constructor(
    private readonly overrides: OverridesReportService,
    private readonly pages: Pages,
  ) {}

  @Allow(CAN.read)
  @Get('overrides')
  async page(@Query() query: FormBody, @Req() request: ApiRequest, @Res() response: Response) {
    const errorList: Array<{ text: string; href: string }> = [];
    const fields: Record<'from' | 'to', string | undefined> = { from: undefined, to: undefined };
    for (const [name, label] of [
      ['from', 'first'],
      ['to', 'last'],
    ] as const) {
      const value = dateFrom(query, name);
      if (value !== undefined && !realDate(value)) {
        errorList.push({ text: `Enter a real date for the ${label} day, such as 1 4 2026`, href: `#${name}-day` });
      } else fields[name] = value;
    }
    if (fields.from && fields.to && fields.to < fields.from) {
      errorList.push({ text: 'The last day must be the same as or after the first day', href: '#to-day' });
    }
    const rows = errorList.length ? [] : await this.overrides.list(fields);
    const csv = `/api/v1/reports/overrides?${new URLSearchParams({
      format: 'csv',
      ...(fields.from && { from: fields.from }),
      ...(fields.to && { to: fields.to }),
    })}`;
    const part = (name: string, which: string) =>
      typeof query[`${name}-${which}`] === 'string' ? query[`${name}-${which}`] : '';
    await this.pages.render(
      request,
      response,
      'reports/overrides.njk',
      {
        title: 'Overrides of conflict findings',
        errorList,
        dates: Object.fromEntries(
          ['from', 'to'].map((name) => [
            name,
            ['day', 'month', 'year'].map((which) => ({ name: which, value: part(name, which) })),
          ]),
        ),
        csv,
        caption: `${rows.length} ${rows.length === 1 ? 'override' : 'overrides'}`,
        rows: rows.map((r) => [
          { html: `<a class="govuk-link" href="/cases/${r.caseId}">${escape(r.councilName)}</a>` },
          { text: r.peerName },
          { text: `${humanise(r.rule)}: ${r.finding}` },
          { text: r.justification },
          { text: `${r.requestedBy}, ${longDate(r.requestedAt)}` },
          {
            text: r.approvedBy
              ? `${r.approvedBy}, ${longDate(r.approvedAt!)}${r.selfApproved ? " (an admin's own override)" : ''}`
              : 'Not yet',
          },
          { html: `<strong class="govuk-tag ${STATUS_TAGS[r.status].classes}">${STATUS_TAGS[r.status].text}</strong>` },
        ]),
      },
      errorList.length ? 400 : 200,
    );
  }
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
