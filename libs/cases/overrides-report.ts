import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { fieldError, IsCalendarDate } from '#libs/platform';
import type { Approver, FindingFacts } from './workflow/case-events.js';
import type { Override } from './workflow/case-context.js';

export class OverridesReportQuery {
  @ApiPropertyOptional({ description: 'first day (asked for on or after), YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ description: 'last day (asked for on or before), YYYY-MM-DD' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'] })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format?: 'json' | 'csv';
}

/**
 * One override as the report shows it. `status`: `approved` (in effect), `awaiting_approval`, `lapsed` (its finding
 * changed or went, or its peer left the team: it no longer applies) or `replaced` (asked for again later).
 */
export interface OverrideRow {
  caseId: string;
  councilGssCode: string;
  councilName: string;
  findingId: string;
  rule: string;
  peerId: string;
  peerName: string;
  finding: string;
  justification: string;
  requestedBy: string;
  requestedAt: string;
  approvedBy: string | null;
  approvedAt: string | null;
  selfApproved: boolean;
  status: 'approved' | 'awaiting_approval' | 'lapsed' | 'replaced';
}

interface EventRow {
  case_id: string;
  council_gss_code: string;
  council_name: string;
  type: 'OVERRIDE_CONFLICT' | 'APPROVE_OVERRIDE';
  payload: { findingId: string; justification?: string; by: Approver; finding?: FindingFacts };
  overrides: Override[] | null;
}

/**
 * Every override of a conflict finding, with its justification, who asked and who approved: read from the cases'
 * timelines (every request and approval is an entry there), so nothing is lost when an override lapses.
 */
@Injectable()
export class OverridesReportService {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: OverridesReportQuery): Promise<OverrideRow[]> {
    if (query.from && query.to && query.to < query.from) {
      throw fieldError('to', 'The last day must be the same as or after the first day');
    }
    const events = await this.dataSource.query<EventRow[]>(
      `SELECT e.case_id, c.council_gss_code, co.name AS council_name, e.type, e.payload,
              c.snapshot -> 'context' -> 'overrides' AS overrides
         FROM case_events e
         JOIN cases c ON c.id = e.case_id
         JOIN councils co ON co.gss_code = c.council_gss_code
        WHERE e.type IN ('OVERRIDE_CONFLICT', 'APPROVE_OVERRIDE')
        ORDER BY e.case_id, e.seq`,
    );
    const rows: OverrideRow[] = [];
    const latest = new Map<string, OverrideRow>();
    for (const event of events) {
      const key = `${event.case_id} ${event.payload.findingId}`;
      const by = event.payload.by;
      if (event.type === 'APPROVE_OVERRIDE') {
        const row = latest.get(key);
        if (row) Object.assign(row, { approvedBy: by.name, approvedAt: by.at });
        continue;
      }
      const previous = latest.get(key);
      if (previous) previous.status = 'replaced';
      const facts = event.payload.finding;
      const row: OverrideRow = {
        caseId: event.case_id,
        councilGssCode: event.council_gss_code,
        councilName: event.council_name,
        findingId: event.payload.findingId,
        rule: facts?.rule ?? event.payload.findingId.split(':')[0],
        peerId: facts?.peerId ?? event.payload.findingId.split(':')[1],
        peerName: facts?.peerName ?? '',
        finding: facts?.detail ?? '',
        justification: event.payload.justification ?? '',
        requestedBy: by.name,
        requestedAt: by.at,
        approvedBy: by.admin ? by.name : null,
        approvedAt: by.admin ? by.at : null,
        selfApproved: by.admin,
        status: 'lapsed',
      };
      const live = (event.overrides ?? []).find((o) => o.findingId === row.findingId && o.requestedBy.at === by.at);
      if (live) row.status = live.approvedBy ? 'approved' : 'awaiting_approval';
      latest.set(key, row);
      rows.push(row);
    }
    const day = (at: string) => at.slice(0, 10);
    return rows
      .filter(
        (row) => (!query.from || day(row.requestedAt) >= query.from) && (!query.to || day(row.requestedAt) <= query.to),
      )
      .sort((a, b) => (a.requestedAt < b.requestedAt ? 1 : a.requestedAt > b.requestedAt ? -1 : 0));
  }
}
