import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse/sync';
import { DataSource } from 'typeorm';
import { AuditService, type Actor } from '#libs/audit';
import { CASE_TYPES, type CaseType } from '#libs/peers';
import { checkedRows, DatabaseLock, isCalendarDate, todayInLondon } from '#libs/platform';
import { appendEvents } from './cases.service.js';
import { columnsOf } from './case-view.js';
import { MACHINE_VERSION } from './workflow/case.machine.js';
import type { CaseContext } from './workflow/case-context.js';
import { importedCase, persist } from './workflow/snapshots.js';

/** One delivered peer challenge from before the system existed. */
export interface HistoricalChallenge {
  councilGssCode: string;
  type: CaseType;
  onsiteStart: string;
  onsiteEnd?: string;
  feedbackPresented?: string;
  reportPublished?: string;
}

const FIELDS = ['councilGssCode', 'type', 'onsiteStart', 'onsiteEnd', 'feedbackPresented', 'reportPublished'];
const DATES = ['onsiteStart', 'onsiteEnd', 'feedbackPresented', 'reportPublished'] as const;
const BATCH = 500;

/** Rows from a CSV file with a header line; `#` lines are comments. Line numbers are the file's own. */
export function rowsFromCsv(text: string): Array<{ line: number; row: Record<string, unknown> }> {
  const records = parse(text, {
    columns: (header: string[]) => header.map((h) => h.trim()),
    comment: '#',
    skip_empty_lines: true,
    trim: true,
    info: true,
    relax_column_count: true,
  }) as Array<{ record: Record<string, string>; info: { lines: number } }>;
  return records.map(({ record, info }) => ({
    line: info.lines,
    row: Object.fromEntries(Object.entries(record).filter(([, value]) => value !== '')),
  }));
}

/**
 * Imports delivered peer challenges as closed historical cases: all or nothing (any bad row → 400 naming every
 * bad row by line), and idempotent on council + type + onsite start. A challenge counts on its feedback date,
 * else the end of its onsite visit, else its start.
 */
@Injectable()
export class HistoryImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async import(
    rows: Array<{ line: number; row: unknown }>,
    actor: Actor,
    progress?: (done: number, total: number) => void,
  ): Promise<{ created: number; unchanged: number }> {
    const councils = await this.councils();
    const valid = checkedRows<HistoricalChallenge>(
      rows,
      (row) => problemsOf(row, councils),
      (c) => `${c.councilGssCode.toUpperCase()}|${c.type}|${c.onsiteStart}`,
    ).map((challenge) => ({ ...challenge, councilGssCode: challenge.councilGssCode.toUpperCase() }));
    let created = 0;
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [DatabaseLock.CaseImport]);
      // A batch at a time: one INSERT of its cases and one of their timeline entries (not two per row).
      for (let start = 0; start < valid.length; start += BATCH) {
        const batch = valid.slice(start, start + BATCH).map((challenge) => {
          const opening = {
            caseId: randomUUID(),
            councilGssCode: challenge.councilGssCode,
            type: challenge.type,
            managerId: null,
            managerName: null,
          };
          const dates: CaseContext['dates'] = {};
          for (const field of DATES) if (challenge[field]) dates[field] = challenge[field];
          const snapshot = importedCase(opening, dates);
          const deliveredOn = challenge.feedbackPresented ?? challenge.onsiteEnd ?? challenge.onsiteStart;
          return {
            opening,
            dates,
            snapshot,
            columns: columnsOf(snapshot),
            onsiteStart: challenge.onsiteStart,
            deliveredOn,
          };
        });
        const column = <T>(pick: (row: (typeof batch)[number]) => T) => batch.map(pick);
        const inserted = await manager.query<Array<{ id: string }>>(
          `INSERT INTO cases (id, council_gss_code, type, stage, state, version, machine_version, snapshot,
                              onsite_start, delivered_on, imported)
           SELECT id, council, type, stage, state, 1, $1, snapshot, onsite_start, delivered_on, true
             FROM unnest($2::uuid[], $3::varchar[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::date[],
                         $9::date[]) AS r(id, council, type, stage, state, snapshot, onsite_start, delivered_on)
           ON CONFLICT (council_gss_code, type, onsite_start) WHERE imported DO NOTHING
           RETURNING id`,
          [
            MACHINE_VERSION,
            column((r) => r.opening.caseId),
            column((r) => r.opening.councilGssCode),
            column((r) => r.opening.type),
            column((r) => r.columns.stage),
            column((r) => r.columns.state),
            column((r) => JSON.stringify(persist(r.snapshot))),
            column((r) => r.onsiteStart),
            column((r) => r.deliveredOn),
          ],
        );
        const ids = new Set(inserted.map((row) => row.id));
        const entries = batch
          .filter((r) => ids.has(r.opening.caseId))
          .map((r) => ({
            caseId: r.opening.caseId,
            payload: { ...r.opening, dates: r.dates },
            toState: r.columns.state,
          }));
        await appendEvents(manager, entries, 'IMPORT_HISTORICAL', actor);
        created += entries.length;
        progress?.(Math.min(start + BATCH, valid.length), valid.length);
      }
      const summary = { rows: valid.length, created, unchanged: valid.length - created };
      await this.audit.record(actor, { action: 'case.import', entity: 'case', summary }, manager);
    });
    return { created, unchanged: valid.length - created };
  }

  private async councils(): Promise<Map<string, { start: string | null; end: string | null }>> {
    const rows = await this.dataSource.query<Array<{ gss_code: string; start: string | null; end: string | null }>>(
      `SELECT gss_code, to_char(start_date, 'YYYY-MM-DD') AS start, to_char(end_date, 'YYYY-MM-DD') AS end
         FROM councils`,
    );
    return new Map(rows.map((r) => [r.gss_code, { start: r.start, end: r.end }]));
  }
}

function problemsOf(raw: unknown, councils: Map<string, { start: string | null; end: string | null }>): string[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return ['each row must be an object'];
  const row = raw as Record<string, unknown>;
  const problems = Object.keys(row)
    .filter((key) => !FIELDS.includes(key))
    .map((key) => `unknown field ${key}`);
  const code = typeof row.councilGssCode === 'string' ? row.councilGssCode.toUpperCase() : '';
  const council = councils.get(code);
  if (!code) problems.push('councilGssCode is required');
  else if (!council) problems.push(`no council has the GSS code ${String(row.councilGssCode)}`);
  if (!CASE_TYPES.includes(row.type as CaseType)) problems.push(`type must be one of: ${CASE_TYPES.join(', ')}`);
  for (const field of DATES) {
    const value = row[field];
    if (value === undefined && field !== 'onsiteStart') continue;
    if (!isCalendarDate(value)) problems.push(`${field} must be a date written YYYY-MM-DD`);
  }
  if (problems.length > 0) return problems;
  const dates = row as unknown as HistoricalChallenge;
  const today = todayInLondon();
  const order: Array<[keyof HistoricalChallenge, keyof HistoricalChallenge]> = [
    ['onsiteStart', 'onsiteEnd'],
    ['onsiteStart', 'feedbackPresented'],
    ['feedbackPresented', 'reportPublished'],
    ['onsiteStart', 'reportPublished'],
  ];
  for (const [earlier, later] of order) {
    if (dates[earlier] && dates[later] && dates[later]! < dates[earlier]!) {
      problems.push(`${later} (${dates[later]}) is before ${earlier} (${dates[earlier]})`);
    }
  }
  for (const field of DATES) {
    if (dates[field] && dates[field]! > today) problems.push(`${field} is in the future: only delivered challenges`);
  }
  if (council!.start && dates.onsiteStart < council!.start) {
    problems.push(`${code} did not exist until ${council!.start}`);
  }
  if (council!.end && dates.onsiteStart > council!.end)
    problems.push(`${code} no longer existed after ${council!.end}`);
  return problems;
}
