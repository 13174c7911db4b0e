import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { fieldError, todayInLondon } from '#libs/platform';
import { boardAsOf, boardNarrative, quarterBounds, yearName } from './board.js';
import type { ProgrammeReport } from './reports.service.js';
import { ReportsService, type NonEngagedCouncil } from './reports.service.js';

/**
 * The quarterly board report (issue #18): the deliverables with their pipeline and RAG as of the quarter's end (or
 * today within it), the narrative of `003` para 9, and the councils that have not engaged (`001` rec 26) as its
 * annex. `board-document.ts` writes it as a Word document.
 */
@Injectable()
export class BoardReportService {
  constructor(
    private readonly reports: ReportsService,
    private readonly dataSource: DataSource,
  ) {}

  async report(financialYear: number, quarter: number, today = todayInLondon()): Promise<BoardReport> {
    const asOf = boardAsOf(financialYear, quarter, today);
    if (!asOf) throw fieldError('quarter', `Quarter ${quarter} of ${yearName(financialYear)} has not started yet`);
    const period = quarterBounds(financialYear, quarter);
    const programme = await this.reports.programme(financialYear, asOf);
    const [{ count }] = await this.dataSource.query<Array<{ count: number }>>(
      'SELECT count(*)::int AS count FROM cases WHERE delivered_on BETWEEN $1::date AND $2::date',
      [period.from, asOf],
    );
    const [challenges] = programme.deliverables;
    return {
      financialYear,
      quarter,
      period,
      asOf,
      targetsFrom: programme.targetsFrom,
      deliverables: programme.deliverables,
      narrative: boardNarrative({
        asOf,
        deliveredInQuarter: count,
        deliveredInYear: challenges.delivered.total,
        confirmed: challenges.confirmed.total,
        inDiscussion: challenges.inDiscussion.total,
      }),
      nonEngaged: await this.reports.nonEngaged(asOf),
    };
  }
}

/** `GET /reports/board`: the quarter's report; `board-document.ts` writes it as Word. */
export interface BoardReport {
  financialYear: number;
  quarter: number;
  period: { from: string; to: string };
  asOf: string;
  targetsFrom: number;
  deliverables: ProgrammeReport['deliverables'];
  narrative: string;
  nonEngaged: NonEngagedCouncil[];
}
