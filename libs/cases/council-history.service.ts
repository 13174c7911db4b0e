import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '#libs/audit';
import { CouncilRecordsService, lineageCte, type CouncilRecord } from '#libs/councils';
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
    const { record, rest } = await this.records.history(gssCode, actor, (code) =>
      HISTORY_LISTS.run(this.dataSource, [code]),
    );
    const [lists] = rest;
    return {
      ...record,
      cases: lists.cases,
      nudges: lists.nudges.map((n) => ({
        sentAt: new Date(n.sentAt).toISOString(),
        template: n.template,
        to: n.to.map((a) => a.address),
        status: n.status,
      })),
      peersProvided: lists.peersProvided,
      takeUpChanges: lists.takeUpChanges,
    };
  }
}

interface HistoryLists extends Pick<CouncilHistory, 'cases' | 'peersProvided' | 'takeUpChanges'> {
  /** `sentAt` is a timestamp as JSON gives it (with the session's offset), `to` the addresses as stored. */
  nudges: Array<{ sentAt: string; template: string; to: Array<{ address: string }>; status: string }>;
}

/**
 * $1 the council: the history's four lists in one statement, each as JSON. The cases are those of the council's
 * lineage (lineageCte), found through cases_council_idx. Exported for the test that PostgreSQL plans it once per
 * connection.
 */
export const HISTORY_LISTS = new PreparedQuery<HistoryLists>(
  'council-history-lists',
  `WITH RECURSIVE ${lineageCte('$1')}
   SELECT
     (SELECT coalesce(json_agg(json_build_object(
               'id', c.id, 'councilGssCode', c.council_gss_code, 'councilName', co.name, 'type', c.type,
               'stage', c.stage, 'state', c.state, 'onsiteStart', to_char(c.onsite_start, 'YYYY-MM-DD'),
               'deliveredOn', to_char(c.delivered_on, 'YYYY-MM-DD'),
               'reportPublished', c.snapshot #>> '{context,dates,reportPublished}', 'imported', c.imported,
               'viaPredecessor', c.council_gss_code <> $1,
               'recommendations', coalesce(c.snapshot #> '{context,recommendations}', '[]'::jsonb))
             ORDER BY coalesce(c.delivered_on, c.onsite_start, c.created_at::date) DESC, c.created_at DESC), '[]')
        FROM councils co JOIN cases c ON c.council_gss_code = co.gss_code
       WHERE co.gss_code = ANY ((SELECT array_agg(code) FROM lineage)::varchar[])) AS cases,
     (SELECT coalesce(json_agg(json_build_object(
               'sentAt', coalesce(e.sent_at, e.created_at), 'template', e.template, 'to', e.to_addresses,
               'status', e.status) ORDER BY e.created_at DESC), '[]')
        FROM emails e WHERE e.council_gss_code = $1 AND e.template LIKE 'nudge%') AS nudges,
     (SELECT coalesce(json_agg(json_build_object(
               'peerId', p.id, 'name', p.name, 'caseId', c.id, 'hostGssCode', c.council_gss_code,
               'role', member ->> 'role') ORDER BY c.created_at DESC), '[]')
        FROM peers p
        JOIN cases c ON c.snapshot -> 'context' -> 'team' @> jsonb_build_array(jsonb_build_object('peerId', p.id::text))
        CROSS JOIN LATERAL jsonb_array_elements(c.snapshot -> 'context' -> 'team') AS member
       WHERE p.home_council_gss_code = $1 AND member ->> 'peerId' = p.id::text) AS "peersProvided",
     (SELECT coalesce(json_agg(json_build_object(
               'from', t.from_status, 'to', t.to_status, 'on', to_char(t.changed_on, 'YYYY-MM-DD'))
             ORDER BY t.changed_on DESC, t.id DESC), '[]')
        FROM take_up_changes t WHERE t.gss_code = $1) AS "takeUpChanges"`,
);
