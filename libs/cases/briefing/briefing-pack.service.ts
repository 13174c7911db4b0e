import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, type Actor } from '#libs/audit';
import { CouncilFactsService, CouncilsService, lineageCte, type CouncilDetail } from '#libs/councils';
import { todayInLondon } from '#libs/platform';
import { CasesService } from '../cases.service.js';
import type { CaseView } from '../case-view.js';
import type { CaseContext } from '../workflow/case-context.js';
import type { DocumentKind } from '../workflow/case-events.js';

/** The documents the team reads before the visit (`001` rec 3: finance and performance briefings). */
export const BRIEFING_DOCUMENTS: readonly DocumentKind[] = [
  'position_statement',
  'finance_briefing',
  'performance_briefing',
];

/** An earlier challenge of the council or of a council it replaced. */
export interface PastChallenge {
  councilName: string;
  viaPredecessor: boolean;
  type: string;
  stage: string;
  onsiteStart: string | null;
  deliveredOn: string | null;
  reportPublished: string | null;
  recommendations: CaseContext['recommendations'];
}

export interface BriefingPack {
  generatedOn: string;
  case: CaseView;
  council: CouncilDetail;
  /** The fact on `generatedOn` (null when none is recorded). */
  politicalControl: string | null;
  lgaMembership: string | null;
  history: PastChallenge[];
  manager: { name: string; email: string } | null;
  team: Array<{
    peerId: string;
    name: string;
    role: string;
    kind: string;
    email: string | null;
    homeCouncil: string | null;
  }>;
  /** For each kind the team reads before the visit, what was received (none: an empty list). */
  documents: Array<{ kind: DocumentKind; received: Array<{ title: string; url: string; receivedOn: string }> }>;
  /** The council's and its predecessors' notes marked for the team, newest first. */
  notes: Array<{ councilName: string; at: string; author: string; text: string }>;
}

/**
 * Everything a peer team needs before the visit, gathered from the case, its council (and the councils it
 * replaced), the peer pool and the notes marked for the team. Each download is audited
 * (`case.briefing_pack.downloaded`). `briefing-pack.document.ts` writes it as a Word document.
 */
@Injectable()
export class BriefingPackService {
  constructor(
    private readonly cases: CasesService,
    private readonly councils: CouncilsService,
    private readonly facts: CouncilFactsService,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  async pack(caseId: string, actor: Actor, today = todayInLondon()): Promise<BriefingPack> {
    const view = await this.cases.get(caseId);
    const code = view.councilGssCode;
    const [council, facts, history, team, manager, notes] = await Promise.all([
      this.councils.get(code),
      this.facts.list(code),
      this.history(code, view.id),
      this.team(view),
      this.manager(view.manager?.id ?? null),
      this.notes(code),
    ]);
    const on = (kind: keyof typeof facts) => facts[kind].find((f) => f.from <= today)?.value ?? null;
    await this.audit.record(actor, {
      action: 'case.briefing_pack.downloaded',
      entity: 'case',
      entityId: view.id,
      summary: { councilGssCode: code },
    });
    return {
      generatedOn: today,
      case: view,
      council,
      politicalControl: on('political_control'),
      lgaMembership: on('lga_membership'),
      history,
      manager,
      team,
      documents: documentsOf(view),
      notes,
    };
  }

  private history(code: string, caseId: string): Promise<PastChallenge[]> {
    return this.dataSource.query<PastChallenge[]>(
      `WITH RECURSIVE ${lineageCte('$1')}
       SELECT co.name AS "councilName", c.council_gss_code <> $1 AS "viaPredecessor", c.type, c.stage,
              to_char(c.onsite_start, 'YYYY-MM-DD') AS "onsiteStart", to_char(c.delivered_on, 'YYYY-MM-DD') AS "deliveredOn",
              c.snapshot #>> '{context,dates,reportPublished}' AS "reportPublished",
              coalesce(c.snapshot #> '{context,recommendations}', '[]'::jsonb) AS recommendations
         FROM cases c JOIN councils co ON co.gss_code = c.council_gss_code
        WHERE c.council_gss_code IN (SELECT code FROM lineage) AND c.id <> $2
        ORDER BY coalesce(c.delivered_on, c.onsite_start, c.created_at::date) DESC, c.created_at DESC`,
      [code, caseId],
    );
  }

  private async team(view: CaseView): Promise<BriefingPack['team']> {
    const rows = await this.dataSource.query<Array<{ id: string; email: string; home: string | null }>>(
      `SELECT p.id::text, p.email, h.name AS home
         FROM peers p LEFT JOIN councils h ON h.gss_code = p.home_council_gss_code
        WHERE p.id = ANY($1::uuid[])`,
      [view.team.map((m) => m.peerId)],
    );
    const peers = new Map(rows.map((r) => [r.id.toLowerCase(), r]));
    return view.team.map((m) => {
      const peer = peers.get(m.peerId.toLowerCase());
      return {
        peerId: m.peerId,
        name: m.name,
        role: m.role,
        kind: m.kind,
        email: peer?.email ?? null,
        homeCouncil: peer?.home ?? null,
      };
    });
  }

  private async manager(id: string | null): Promise<BriefingPack['manager']> {
    if (!id) return null;
    const [row] = await this.dataSource.query<Array<{ name: string; email: string }>>(
      'SELECT name, email FROM users WHERE id = $1',
      [id],
    );
    return row ?? null;
  }

  private async notes(code: string): Promise<BriefingPack['notes']> {
    const rows = await this.dataSource.query<Array<{ councilName: string; at: Date; author: string; text: string }>>(
      `WITH RECURSIVE ${lineageCte('$1')}
       SELECT co.name AS "councilName", n.created_at AS at, u.name AS author, n.text
         FROM council_notes n JOIN councils co ON co.gss_code = n.council_gss_code JOIN users u ON u.id = n.author_id
        WHERE n.for_team AND n.council_gss_code IN (SELECT code FROM lineage)
        ORDER BY n.created_at DESC, n.id`,
      [code],
    );
    return rows.map((r) => ({ ...r, at: r.at.toISOString() }));
  }
}

/** The briefing documents by kind: the case's documents of that kind, and the position statement's date. */
function documentsOf(view: CaseView): BriefingPack['documents'] {
  return BRIEFING_DOCUMENTS.map((kind) => {
    const received = view.documents
      .filter((d) => d.kind === kind)
      .map((d) => ({ title: d.title, url: d.url, receivedOn: d.receivedOn ?? d.by.at.slice(0, 10) }));
    const statementOn = view.dates.positionStatementReceived;
    if (kind === 'position_statement' && statementOn && !received.some((d) => d.receivedOn === statementOn)) {
      received.push({ title: 'Position statement', url: '', receivedOn: statementOn });
    }
    return { kind, received: received.sort((a, b) => a.receivedOn.localeCompare(b.receivedOn)) };
  });
}
