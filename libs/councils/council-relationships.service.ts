import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, type Actor } from '#libs/audit';
import { fieldError } from '#libs/platform';
import { CouncilArrangement, type ArrangementKind } from './council-arrangement.entity.js';
import { Council } from './council.entity.js';
import { CouncilsService } from './councils.service.js';
import type { CreateArrangementDto } from './dto/arrangement.dto.js';
import { CouncilGraph, type CouncilGraphData } from './lineage.js';
import { CheckInputs } from './check-inputs.js';

export interface ArrangementView {
  id: string;
  otherGssCode: string;
  otherName: string;
  kind: ArrangementKind;
  from: string;
  to: string | null;
}

export interface CouncilRelationships {
  gssCode: string;
  name: string;
  county: { gssCode: string; name: string } | null;
  combinedAuthority: { gssCode: string; name: string | null } | null;
  neighbours: Array<{ gssCode: string; name: string; relation: 'shares_boundary' | 'nearby'; rank: number }>;
  arrangements: ArrangementView[];
}

/** Neighbours, county and combined authority from the register, plus recorded shared arrangements. */
@Injectable()
export class CouncilRelationshipsService {
  constructor(
    private readonly councils: CouncilsService,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly checkInputs: CheckInputs,
  ) {}

  async get(gssCode: string): Promise<CouncilRelationships> {
    const council = await this.councils.get(gssCode);
    const [neighbours, arrangements] = await Promise.all([
      this.dataSource.query<CouncilRelationships['neighbours']>(
        `SELECT n.neighbour_gss_code AS "gssCode", c.name, n.relation, n.rank
           FROM council_neighbours n JOIN councils c ON c.gss_code = n.neighbour_gss_code
          WHERE n.gss_code = $1 ORDER BY n.relation DESC, n.rank`,
        [council.gssCode],
      ),
      this.arrangementsOf(council.gssCode),
    ]);
    return {
      gssCode: council.gssCode,
      name: council.name,
      county: council.county,
      combinedAuthority: council.combinedAuthority,
      neighbours,
      arrangements,
    };
  }

  /** Arrangements of a council in either direction, each seen from this council. */
  async arrangementsOf(gssCode: string): Promise<ArrangementView[]> {
    return this.dataSource.query<ArrangementView[]>(
      `SELECT a.id, o.gss_code AS "otherGssCode", o.name AS "otherName", a.kind,
              to_char(a.from_date, 'YYYY-MM-DD') AS "from", to_char(a.to_date, 'YYYY-MM-DD') AS "to"
         FROM council_arrangements a
         JOIN councils o ON o.gss_code = CASE WHEN a.council_gss_code = $1 THEN a.other_gss_code ELSE a.council_gss_code END
        WHERE a.council_gss_code = $1 OR a.other_gss_code = $1
        ORDER BY a.from_date, o.name`,
      [gssCode],
    );
  }

  async add(gssCode: string, dto: CreateArrangementDto, actor: Actor): Promise<ArrangementView> {
    const council = await this.councils.find(gssCode);
    const other = await this.dataSource.getRepository(Council).findOneBy({ gssCode: dto.otherGssCode.toUpperCase() });
    if (!other) throw fieldError('otherGssCode', `No council has the GSS code ${dto.otherGssCode}`);
    if (other.gssCode === council.gssCode) throw fieldError('otherGssCode', 'A council cannot share with itself');
    if (dto.to && dto.to < dto.from) throw fieldError('to', 'to must be on or after from');
    const saved = await this.dataSource.transaction(async (manager) => {
      const row = await manager.getRepository(CouncilArrangement).save({
        councilGssCode: council.gssCode,
        otherGssCode: other.gssCode,
        kind: dto.kind,
        from: dto.from,
        to: dto.to ?? null,
      });
      await this.audit.record(
        actor,
        {
          action: 'council.arrangement.create',
          entity: 'council',
          entityId: council.gssCode,
          summary: {
            arrangementId: row.id,
            otherGssCode: other.gssCode,
            kind: dto.kind,
            from: dto.from,
            to: dto.to ?? null,
          },
        },
        manager,
      );
      const reason = `A shared ${dto.kind.replace(/_/g, ' ')} arrangement between ${council.name} and ${other.name} was recorded.`;
      const councilGssCodes = [council.gssCode, other.gssCode];
      await this.checkInputs.changed(manager, { councilGssCodes, reason, requestId: actor.requestId });
      return row;
    });
    return {
      id: saved.id,
      otherGssCode: other.gssCode,
      otherName: other.name,
      kind: saved.kind,
      from: saved.from,
      to: saved.to,
    };
  }

  /**
   * The register as a graph (lineages, areas, neighbours: `lineage.ts`). Kept in memory while the register's size
   * stays the same: the register only ever grows (councils are added, never changed), so its counts tell.
   */
  async graph(): Promise<CouncilGraph> {
    const [{ size }] = await this.dataSource.query<Array<{ size: string }>>(
      `SELECT (SELECT count(*) FROM councils) || ':' || (SELECT count(*) FROM council_successions) || ':' ||
              (SELECT count(*) FROM council_neighbours) AS size`,
    );
    if (this.cached?.size !== size) {
      const [councils, successions, neighbours] = await Promise.all([
        this.dataSource.query<CouncilGraphData['councils']>(
          `SELECT gss_code AS "gssCode", name, type, county_gss_code AS "countyGssCode",
                  combined_authority_gss_code AS "combinedAuthorityGssCode" FROM councils`,
        ),
        this.dataSource.query<CouncilGraphData['successions']>(
          'SELECT predecessor_gss_code AS "predecessorGssCode", successor_gss_code AS "successorGssCode" FROM council_successions',
        ),
        this.dataSource.query<CouncilGraphData['neighbours']>(
          'SELECT gss_code AS "gssCode", neighbour_gss_code AS "neighbourGssCode", relation FROM council_neighbours',
        ),
      ]);
      this.cached = { size, graph: new CouncilGraph({ councils, successions, neighbours }) };
    }
    return this.cached.graph;
  }

  private cached: { size: string; graph: CouncilGraph } | null = null;

  /** Every shared arrangement recorded with any of these councils, either way round. */
  async arrangementsTouching(gssCodes: string[]): Promise<
    Array<{
      id: string;
      councilGssCode: string;
      otherGssCode: string;
      kind: ArrangementKind;
      from: string;
      to: string | null;
    }>
  > {
    return this.dataSource.query(
      `SELECT id, council_gss_code AS "councilGssCode", other_gss_code AS "otherGssCode", kind,
              to_char(from_date, 'YYYY-MM-DD') AS "from", to_char(to_date, 'YYYY-MM-DD') AS "to"
         FROM council_arrangements WHERE council_gss_code = ANY($1) OR other_gss_code = ANY($1)`,
      [gssCodes],
    );
  }
}
