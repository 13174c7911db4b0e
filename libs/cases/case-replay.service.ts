import { isDeepStrictEqual } from 'node:util';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { CaseEvent, CaseOpening } from './workflow/case-events.js';
import type { CaseContext } from './workflow/case-context.js';
import {
  importedCase,
  openCase,
  persist,
  restore,
  stateName,
  step,
  type CaseSnapshot,
  type StoredSnapshot,
} from './workflow/snapshots.js';

export interface ReplayProblem {
  caseId: string;
  problem: string;
}

/** Plain JSON, as PostgreSQL gives it back (undefined fields dropped). */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

/**
 * Replays a case's timeline through the current machine and compares the result with the stored snapshot:
 * the check behind `npm run cli -- verify-cases` and the workflow tests.
 */
@Injectable()
export class CaseReplayService {
  constructor(private readonly dataSource: DataSource) {}

  async verify(caseId: string): Promise<string | null> {
    const [row] = await this.dataSource.query<
      Array<{ version: number; machine_version: number; snapshot: StoredSnapshot }>
    >('SELECT version, machine_version, snapshot FROM cases WHERE id = $1', [caseId]);
    if (!row) return 'the case does not exist';
    const events = await this.dataSource.query<Array<{ seq: number; type: string; payload: object }>>(
      'SELECT seq, type, payload FROM case_events WHERE case_id = $1 ORDER BY seq',
      [caseId],
    );
    return compare(row, events);
  }

  /** Verifies every case, a page at a time; calls `report` for each case that does not match. */
  async verifyAll(report: (problem: ReplayProblem) => void): Promise<{ checked: number; problems: number }> {
    let checked = 0;
    let problems = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const ids = await this.dataSource.query<Array<{ id: string }>>(
        'SELECT id FROM cases WHERE id > $1 ORDER BY id LIMIT 500',
        [after],
      );
      if (ids.length === 0) return { checked, problems };
      for (const { id } of ids) {
        checked++;
        const problem = await this.verify(id);
        if (problem) {
          problems++;
          report({ caseId: id, problem });
        }
      }
      after = ids[ids.length - 1].id;
    }
  }
}

export function compare(
  row: { version: number; machine_version: number; snapshot: StoredSnapshot },
  events: Array<{ seq: number; type: string; payload: object }>,
): string | null {
  if (events.length !== row.version) {
    return `version ${row.version} but ${events.length} timeline entries`;
  }
  const gap = events.findIndex((event, index) => event.seq !== index + 1);
  if (gap >= 0) return `timeline entry ${gap + 1} is numbered ${events[gap].seq}`;
  const [opening, ...rest] = events;
  let replayed: CaseSnapshot;
  if (opening?.type === 'OPEN_CASE') replayed = openCase(opening.payload as CaseOpening);
  else if (opening?.type === 'IMPORT_HISTORICAL') {
    const { dates, ...rest } = opening.payload as CaseOpening & { dates: CaseContext['dates'] };
    replayed = importedCase(rest, dates);
  } else return 'the timeline does not start with OPEN_CASE or IMPORT_HISTORICAL';
  for (const event of rest) {
    const result = step(replayed, event.payload as CaseEvent);
    if (!result.accepted) return `event ${event.seq} (${event.type}) is refused on replay: ${result.reasons.join(' ')}`;
    replayed = result.next;
  }
  const stored = persist(restore(row.snapshot, row.machine_version));
  const fresh = persist(replayed);
  if (!isDeepStrictEqual(plain(stored.value), plain(fresh.value))) {
    return `stored state ${stateName(stored.value)}, replayed ${stateName(fresh.value)}`;
  }
  if (!isDeepStrictEqual(plain(stored.context), plain(fresh.context))) {
    return 'the stored data differs from the replay of the timeline';
  }
  if (!isDeepStrictEqual(plain(stored.historyValue ?? {}), plain(fresh.historyValue ?? {}))) {
    return 'the stored pause history differs from the replay';
  }
  return null;
}
