import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, type Actor } from '#libs/audit';
import { fieldError } from '#libs/platform';
import { CouncilArrangement, type ArrangementKind } from './council-arrangement.entity.js';
import { Council } from './council.entity.js';
import { CouncilsService } from './councils.service.js';
import type { CreateArrangementDto } from './dto/arrangement.dto.js';

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

  /** Codes of the councils that share a boundary with this one or lie near it. */
  async neighbourCodes(gssCode: string): Promise<string[]> {
    const rows = await this.dataSource.query<Array<{ code: string }>>(
      'SELECT neighbour_gss_code AS code FROM council_neighbours WHERE gss_code = $1',
      [gssCode],
    );
    return rows.map((r) => r.code);
  }
}
