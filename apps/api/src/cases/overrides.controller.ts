import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, CAN } from '#libs/auth';
import { OverridesReportQuery, OverridesReportService, type OverrideRow } from '#libs/cases';
import { toCsv } from '#libs/reporting';
import { Answer } from '../http/openapi/answer.decorator.js';

const STATUS_WORDS: Record<OverrideRow['status'], string> = {
  approved: 'Approved',
  awaiting_approval: 'Waiting for approval',
  lapsed: 'Lapsed (the finding changed or went)',
  replaced: 'Replaced by a later request',
};

/** The overrides of conflict findings, with readable headings and values. */
export function overridesCsv(rows: OverrideRow[]): string {
  return toCsv(
    [
      'Council',
      'GSS code',
      'Case',
      'Peer',
      'Finding',
      'What it said',
      'Justification',
      'Asked for by',
      'Asked for on',
      'Approved by',
      'Approved on',
      'Status',
    ],
    rows.map((r) => [
      r.councilName,
      r.councilGssCode,
      r.caseId,
      r.peerName,
      r.rule.replace(/_/g, ' '),
      r.finding,
      r.justification,
      r.requestedBy,
      r.requestedAt.slice(0, 10),
      r.selfApproved ? `${r.approvedBy} (an admin's own override)` : r.approvedBy,
      r.approvedAt?.slice(0, 10),
      STATUS_WORDS[r.status],
    ]),
  );
}

@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class OverridesController {
  constructor(private readonly overrides: OverridesReportService) {}

  @Allow(CAN.read)
  @Answer(200, 'Overrides', 'text/csv')
  @Get('overrides')
  async list(@Query() query: OverridesReportQuery, @Res({ passthrough: true }) response: Response) {
    const overrides = await this.overrides.list(query);
    if (query.format !== 'csv') return { from: query.from ?? null, to: query.to ?? null, overrides };
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', 'attachment; filename="overrides.csv"');
    response.send(overridesCsv(overrides));
  }
}
