import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '#libs/audit';
import { CouncilRecordsService, type CouncilRecord } from '#libs/councils';
import { PreparedQuery } from '#libs/platform';
import type { CaseContext } from './workflow/case-context.js';

export interface HistoryCase {
  id: string;
  councilGssCode: string;
  councilName: string;
  type: string;
  stage: string;
  state: string;
  onsiteStart: string | null;
  deliveredOn: string | null;
  reportPublished: string | null;
  imported: boolean;
  viaPredecessor: boolean;
  recommendations: CaseContext['recommendations'];
}

export interface CouncilHistory extends CouncilRecord {
  cases: HistoryCase[];
  nudges: Array<{ sentAt: string; template: string; to: string[]; status: string }>;
  peersProvided: Array<{ peerId: string; name: string; caseId: string; hostGssCode: string; role: string }>;
  /** Take-up changes seen by the daily check, newest first: when the council fell due, became overdue, … */
  takeUpChanges: Array<{ from: string; to: string; on: string }>;
}

/**
 * A council's whole story for a principal adviser: its record and notes, every peer challenge of it and of the
 * councils it replaced (marked `viaPredecessor`) with recommendations and follow-up progress, the nudges sent
 * to it, and the peers it has lent to other councils' challenges.
 */
@Injectable()
export class CouncilHistoryService {
  constructor(
    private readonly records: CouncilRecordsService,
    private readonly dataSource: DataSource,
  ) {}

  async history(gssCode: string, actor: Actor): Promise<CouncilHistory> {
    const { record, lineage } = await this.records.history(gssCode, actor);
    const code = record.council.gssCode;
    const [cases, nudges, peersProvided, takeUpChanges] = await Promise.all([
      HISTORY_CASES.run(this.dataSource, [code, lineage]),
      this.nudges(code),
      PEERS_PROVIDED.run(this.dataSource, [code]),
      TAKE_UP_CHANGES.run(this.dataSource, [code]),
    ]);
    return { ...record, cases, nudges, peersProvided, takeUpChanges };
  }

  private async nudges(code: string): Promise<CouncilHistory['nudges']> {
    const rows = await NUDGES.run(this.dataSource, [code]);
    return rows.map((r) => ({
      sentAt: (r.sent_at ?? r.created_at).toISOString(),
      template: r.template,
      to: r.to_addresses.map((a) => a.address),
      status: r.status,
    }));
  }
}

/**
 * $1 the council, $2 its lineage (from CouncilsService.detail). Driven from the lineage's councils, each case is
 * found through cases_council_idx and its council's name comes with it.
 */
const HISTORY_CASES = new PreparedQuery<HistoryCase>(
  'council-history-cases',
  `SELECT c.id, c.council_gss_code AS "councilGssCode", co.name AS "councilName", c.type, c.stage, c.state,
          to_char(c.onsite_start, 'YYYY-MM-DD') AS "onsiteStart",
          to_char(c.delivered_on, 'YYYY-MM-DD') AS "deliveredOn",
          c.snapshot #>> '{context,dates,reportPublished}' AS "reportPublished",
          c.imported, c.council_gss_code <> $1 AS "viaPredecessor",
          coalesce(c.snapshot #> '{context,recommendations}', '[]'::jsonb) AS recommendations
     FROM councils co JOIN cases c ON c.council_gss_code = co.gss_code
    WHERE co.gss_code = ANY ($2::varchar[])
    ORDER BY coalesce(c.delivered_on, c.onsite_start, c.created_at::date) DESC, c.created_at DESC`,
);

const NUDGES = new PreparedQuery<{
  sent_at: Date | null;
  created_at: Date;
  template: string;
  to_addresses: Array<{ address: string }>;
  status: string;
}>(
  'council-history-nudges',
  `SELECT sent_at, created_at, template, to_addresses, status FROM emails
    WHERE council_gss_code = $1 AND template LIKE 'nudge%' ORDER BY created_at DESC`,
);

const PEERS_PROVIDED = new PreparedQuery<CouncilHistory['peersProvided'][number]>(
  'council-history-peers',
  `SELECT p.id AS "peerId", p.name, c.id AS "caseId", c.council_gss_code AS "hostGssCode",
          member ->> 'role' AS role
     FROM peers p
     JOIN cases c ON c.snapshot -> 'context' -> 'team' @> jsonb_build_array(jsonb_build_object('peerId', p.id::text))
     CROSS JOIN LATERAL jsonb_array_elements(c.snapshot -> 'context' -> 'team') AS member
    WHERE p.home_council_gss_code = $1 AND member ->> 'peerId' = p.id::text
    ORDER BY c.created_at DESC`,
);

const TAKE_UP_CHANGES = new PreparedQuery<CouncilHistory['takeUpChanges'][number]>(
  'council-history-take-up-changes',
  `SELECT from_status AS "from", to_status AS "to", to_char(changed_on, 'YYYY-MM-DD') AS "on"
     FROM take_up_changes WHERE gss_code = $1 ORDER BY changed_on DESC, id DESC`,
);
