import { Controller, Get, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CAN } from '#libs/auth';
import { REGIONS } from '#libs/councils';
import { todayInLondon } from '#libs/platform';
import { BoardReportService, ReportsService, yearName, type BoardReport } from '#libs/reporting';
import type { ApiRequest } from '../../auth/request.js';
import { choices, oneOf, type Query as FormBody } from '../lists.js';
import { Pages } from '../page.js';
import { WebErrorFilter } from '../web-error.filter.js';
import { statusOf } from '../forms.js';
import { toErrorBody } from '../../http/error.filter.js';
import { humanise } from '../cases/case-page.js';
import {
  breakdownChart,
  breakdownRows,
  deliverableRows,
  financialYearOf,
  neverChart,
  neverRows,
  takeUpChart,
  takeUpRows,
} from './report-page.js';

/** A report, or undefined with its refusal (a 400) added to the page's error list as a link to `href`. */
async function refusedAs<T>(
  load: () => Promise<T>,
  href: string,
  errorList: Array<{ text: string; href: string }>,
): Promise<T | undefined> {
  try {
    return await load();
  } catch (error) {
    if (statusOf(error) !== 400) throw error;
    errorList.push({ text: toErrorBody(error).message, href });
    return undefined;
  }
}

/** The take-up page's breakdowns: the report's field, the heading, and how a group is named. */
const BREAKDOWNS = [
  { key: 'byType', id: 'by-type', title: 'By type of council', label: humanise },
  { key: 'byPoliticalControl', id: 'by-political-control', title: 'By political control', label: humanise },
  { key: 'byMembership', id: 'by-membership', title: 'By LGA membership', label: humanise },
  { key: 'byRegion', id: 'by-region', title: 'By region', label: (g: string) => g },
] as const;

/** The programme's reports as pages: take-up by status (chart and table, CSV) and deliverables with RAG. */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller('reports')
export class ReportPagesController {
  constructor(
    private readonly reports: ReportsService,
    private readonly board: BoardReportService,
    private readonly pages: Pages,
  ) {}

  /** Where every report is found (issue #24: the programme report was linked from nowhere). */
  @Allow(CAN.read)
  @Get()
  async index(@Req() request: ApiRequest, @Res() response: Response) {
    await this.pages.render(request, response, 'reports/index.njk', { title: 'Reports' });
  }

  /** The quarterly board report: the figures on the page, and the Word document to download. */
  @Allow(CAN.read)
  @Get('board')
  async boardReport(@Query() query: FormBody, @Req() request: ApiRequest, @Res() response: Response) {
    const today = todayInLondon();
    const current = financialYearOf(today);
    const askedYear = typeof query.financialYear === 'string' ? query.financialYear.trim() : '';
    const askedQuarter = typeof query.quarter === 'string' ? query.quarter.trim() : '';
    const year = askedYear ? Number(askedYear) : current;
    const quarter = askedQuarter ? Number(askedQuarter) : Math.floor(((Number(today.slice(5, 7)) + 8) % 12) / 3) + 1;
    const errorList: Array<{ text: string; href: string }> = [];
    let report: BoardReport | undefined;
    if (!Number.isInteger(year) || year < 2012 || year > 2100) {
      errorList.push({ text: 'Enter a year from 2012 to 2100, such as 2016 for 2016/17', href: '#financialYear' });
    } else if (![1, 2, 3, 4].includes(quarter)) {
      errorList.push({ text: 'Choose a quarter', href: '#quarter' });
    } else {
      report = await refusedAs(() => this.board.report(year, quarter, today), '#quarter', errorList);
    }
    const download = report
      ? `/api/v1/reports/board?${new URLSearchParams({ financialYear: String(year), quarter: String(quarter), format: 'docx' })}`
      : null;
    await this.pages.render(
      request,
      response,
      'reports/board.njk',
      {
        title: 'Board report',
        financialYear: askedYear || String(year),
        quarters: [1, 2, 3, 4].map((q) => ({ value: String(q), text: `Quarter ${q}`, selected: q === quarter })),
        yearName: report ? yearName(report.financialYear) : '',
        report,
        rows: report ? deliverableRows(report) : [],
        annex: (report?.nonEngaged ?? []).map((c) => [
          { text: c.name },
          { text: c.region },
          { text: c.principalAdviser ?? '' },
        ]),
        download,
        errorList,
      },
      errorList.length ? 400 : 200,
    );
  }

  @Allow(CAN.read)
  @Get('take-up')
  async takeUp(@Query() query: FormBody, @Req() request: ApiRequest, @Res() response: Response) {
    const region = oneOf(REGIONS, query.region);
    const today = todayInLondon();
    const [report, trend] = [await this.reports.takeUp(today, region), await this.reports.neverOverTime(region, today)];
    const csv = `/api/v1/reports/take-up?${new URLSearchParams({ format: 'csv', ...(region && { region }) })}`;
    await this.pages.render(request, response, 'reports/take-up.njk', {
      title: 'Take-up of peer challenges',
      report,
      region,
      regions: choices('All regions', REGIONS, region),
      chart: takeUpChart(report.counts),
      rows: takeUpRows(report.counts, report.councilsTotal, region),
      trend: neverChart(trend.points, today),
      trendRows: neverRows(trend.points),
      breakdowns: BREAKDOWNS.map((b) => ({
        id: b.id,
        title: b.title,
        chart: breakdownChart(report[b.key], b.label),
        rows: breakdownRows(report[b.key], b.label),
      })),
      csv,
    });
  }

  @Allow(CAN.read)
  @Get('programme')
  async programme(@Query() query: FormBody, @Req() request: ApiRequest, @Res() response: Response) {
    const asked = typeof query.financialYear === 'string' ? query.financialYear.trim() : '';
    const year = asked ? Number(asked) : financialYearOf(todayInLondon());
    const errorList: Array<{ text: string; href: string }> = [];
    let report: Awaited<ReturnType<ReportsService['programme']>> | undefined;
    if (!Number.isInteger(year) || year < 2012 || year > 2100) {
      errorList.push({ text: 'Enter a year from 2012 to 2100, such as 2018 for 2018/19', href: '#financialYear' });
    } else {
      report = await refusedAs(() => this.reports.programme(year), '#financialYear', errorList);
    }
    await this.pages.render(
      request,
      response,
      'reports/programme.njk',
      {
        title: 'Programme deliverables',
        financialYear: asked || String(year),
        yearName: Number.isInteger(year) ? `${year}/${String((year + 1) % 100).padStart(2, '0')}` : asked,
        report,
        rows: report ? deliverableRows(report) : [],
        errorList,
      },
      errorList.length ? 400 : 200,
    );
  }
}
