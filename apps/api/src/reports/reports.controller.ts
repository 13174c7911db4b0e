import { Body, Controller, Get, Param, ParseIntPipe, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { Actor } from '#libs/audit';
import { Allow, CAN } from '#libs/auth';
import { fieldError } from '#libs/platform';
import {
  boardDocument,
  inWords,
  BoardReportQuery,
  BoardReportService,
  NeverOverTimeQuery,
  NonEngagedQuery,
  ProgrammeReportQuery,
  ReportsService,
  TakeUpReportQuery,
  TargetsDto,
  toCsv,
  yearName,
} from '#libs/reporting';
import { CurrentActor } from '../auth/request.js';
import { sendLargeJson } from '../http/large-json.js';
import { Answer } from '../http/openapi/answer.decorator.js';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

function sendCsv(response: Response, name: string, csv: string): void {
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  response.send(csv);
}

/** A year out of range is a 400, not a query that overflows the integer column. */
function checkedYear(financialYear: number): number {
  if (financialYear < 2012 || financialYear > 2100)
    throw fieldError('financialYear', 'financialYear must be 2012–2100');
  return financialYear;
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly board: BoardReportService,
  ) {}

  @Allow(CAN.read)
  @Answer(200, 'TakeUp', 'text/csv')
  @Get('take-up')
  async takeUp(@Query() query: TakeUpReportQuery, @Res({ passthrough: true }) response: Response) {
    const report = await this.reports.takeUp(query.asOf, query.region);
    if (query.format !== 'csv') return sendLargeJson(response, report, 'councils');
    // For people and their spreadsheets: headings and values in words, dates as YYYY-MM-DD (they sort).
    const rows = report.councils.map((c) => [
      c.gssCode,
      c.name,
      inWords(c.type),
      c.region,
      inWords(c.takeUp.status),
      c.takeUp.lastCpcDate,
    ]);
    sendCsv(
      response,
      `take-up-${report.asOf}`,
      toCsv(['GSS code', 'Council', 'Type', 'Region', 'Take-up', 'Last corporate peer challenge'], rows),
    );
  }

  @Allow(CAN.read)
  @Answer(200, 'NeverOverTimeReport')
  @Get('never-over-time')
  neverOverTime(@Query() query: NeverOverTimeQuery) {
    return this.reports.neverOverTime(query.region);
  }

  @Allow(CAN.read)
  @Answer(200, 'Programme')
  @Get('programme')
  programme(@Query() query: ProgrammeReportQuery) {
    return this.reports.programme(query.financialYear, query.asOf);
  }

  @Allow(CAN.read)
  @Answer(200, 'Board', DOCX)
  @Get('board')
  @ApiProduces('application/json', DOCX)
  async boardReport(@Query() query: BoardReportQuery, @Res({ passthrough: true }) response: Response) {
    const report = await this.board.report(query.financialYear, query.quarter);
    if (query.format !== 'docx') return report;
    const name = `board-report-${yearName(report.financialYear).replace('/', '-')}-q${report.quarter}.docx`;
    response.setHeader('Content-Type', DOCX);
    response.setHeader('Content-Disposition', `attachment; filename="${name}"`);
    response.send(await boardDocument(report));
  }

  @Allow(CAN.read)
  @Answer(200, 'NonEngaged', 'text/csv')
  @Get('non-engaged')
  async nonEngaged(@Query() query: NonEngagedQuery, @Res({ passthrough: true }) response: Response) {
    const councils = await this.reports.nonEngaged(query.asOf);
    if (query.format !== 'csv') return { councils };
    const rows = councils.map((c) => [c.gssCode, c.name, c.region, c.lastNudgeAt, c.notesCount]);
    sendCsv(response, 'non-engaged', toCsv(['GSS code', 'Council', 'Region', 'Last nudged', 'Notes'], rows));
  }

  @Allow(CAN.read)
  @Answer(200, 'YearTargets')
  @Get('targets/:financialYear')
  targets(@Param('financialYear', ParseIntPipe) financialYear: number) {
    return this.reports.targets(checkedYear(financialYear));
  }

  @Allow(CAN.administer)
  @Answer(200, 'YearTargets')
  @Put('targets/:financialYear')
  setTargets(
    @Param('financialYear', ParseIntPipe) financialYear: number,
    @Body() dto: TargetsDto,
    @CurrentActor() actor: Actor,
  ) {
    return this.reports.setTargets({ financialYear: checkedYear(financialYear), ...dto }, actor);
  }

  @Allow(CAN.read)
  @Answer(200, 'TargetsHistory')
  @Get('targets/:financialYear/history')
  targetsHistory(@Param('financialYear', ParseIntPipe) financialYear: number) {
    return this.reports.targetsHistory(checkedYear(financialYear));
  }
}
