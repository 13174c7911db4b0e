import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Page } from '#libs/platform';
import { CouncilSuccession } from './council-succession.entity.js';
import { Council, type CouncilType, type Region } from './council.entity.js';
import type { ListCouncilsQuery } from './dto/list-councils.query.js';

export type TakeUpStatus = 'never' | 'current' | 'due' | 'overdue';

export interface CouncilSummary {
  gssCode: string;
  name: string;
  type: CouncilType;
  region: Region;
  takeUp: { status: TakeUpStatus; lastCpcDate: string | null };
}

export interface Contact {
  name: string | null;
  email: string | null;
}

export interface CouncilDetail extends CouncilSummary {
  officialName: string;
  startDate: string | null;
  endDate: string | null;
  countyGssCode: string | null;
  county: { gssCode: string; name: string } | null;
  combinedAuthority: { gssCode: string; name: string | null } | null;
  chiefExecutive: Contact | null;
  leader: Contact | null;
  principalAdviser: { id: string; name: string; email: string; region: string | null } | null;
  nudgesSuppressed: boolean;
  predecessors: Array<{ gssCode: string; name: string; endDate: string | null }>;
  successors: Array<{ gssCode: string; name: string; startDate: string }>;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

@Injectable()
export class CouncilsService {
  constructor(
    @InjectRepository(Council) private readonly councils: Repository<Council>,
    @InjectRepository(CouncilSuccession) private readonly successions: Repository<CouncilSuccession>,
  ) {}

  async list(query: ListCouncilsQuery): Promise<Page<CouncilSummary>> {
    const qb = this.councils.createQueryBuilder('c').orderBy('c.name').addOrderBy('c.gss_code');
    if (query.region) qb.andWhere('c.region = :region', { region: query.region });
    if (query.type) qb.andWhere('c.type = :type', { type: query.type });
    const q = query.q?.trim();
    if (q) {
      qb.andWhere('(c.name ILIKE :like OR c.official_name ILIKE :like OR c.gss_code = upper(:q))', {
        like: `%${escapeLike(q)}%`,
        q,
      });
    }
    const [rows, total] = await qb.take(query.limit).skip(query.offset).getManyAndCount();
    return { items: rows.map(summarise), total, limit: query.limit, offset: query.offset };
  }

  /** The council with this code, or a 404. */
  async find(gssCode: string): Promise<Council> {
    const council = await this.councils.findOneBy({ gssCode: gssCode.toUpperCase() });
    if (!council) throw new NotFoundException(`No council has the GSS code ${gssCode}`);
    return council;
  }

  async get(gssCode: string): Promise<CouncilDetail> {
    const council = await this.find(gssCode);
    const [county, principalAdviser, predecessors, successors] = await Promise.all([
      council.countyGssCode ? this.councils.findOneBy({ gssCode: council.countyGssCode }) : null,
      council.principalAdviserId ? this.principalAdviser(council.principalAdviserId) : null,
      this.successions
        .createQueryBuilder('s')
        .innerJoin(Council, 'p', 'p.gss_code = s.predecessor_gss_code')
        .select(['p.gss_code AS "gssCode"', 'p.name AS name', `to_char(p.end_date, 'YYYY-MM-DD') AS "endDate"`])
        .where('s.successor_gss_code = :code', { code: council.gssCode })
        .orderBy('p.name')
        .getRawMany<{ gssCode: string; name: string; endDate: string | null }>(),
      this.successions
        .createQueryBuilder('s')
        .innerJoin(Council, 'n', 'n.gss_code = s.successor_gss_code')
        .select(['n.gss_code AS "gssCode"', 'n.name AS name', `to_char(s.start_date, 'YYYY-MM-DD') AS "startDate"`])
        .where('s.predecessor_gss_code = :code', { code: council.gssCode })
        .orderBy('n.name')
        .getRawMany<{ gssCode: string; name: string; startDate: string }>(),
    ]);
    return {
      ...summarise(council),
      officialName: council.officialName,
      startDate: council.startDate,
      endDate: council.endDate,
      countyGssCode: council.countyGssCode,
      county: county ? { gssCode: county.gssCode, name: county.name } : null,
      combinedAuthority: council.combinedAuthorityGssCode
        ? { gssCode: council.combinedAuthorityGssCode, name: council.combinedAuthorityName }
        : null,
      chiefExecutive: contact(council.chiefExecutiveName, council.chiefExecutiveEmail),
      leader: contact(council.leaderName, council.leaderEmail),
      principalAdviser,
      nudgesSuppressed: council.nudgesSuppressed,
      predecessors,
      successors,
    };
  }

  private principalAdviser(id: string): Promise<Adviser> {
    return this.councils.manager
      .query<Adviser[]>('SELECT id, name, email, region FROM users WHERE id = $1', [id])
      .then((rows) => rows[0] ?? null);
  }
}

type Adviser = CouncilDetail['principalAdviser'];

function contact(name: string | null, email: string | null): Contact | null {
  return name || email ? { name, email } : null;
}

/** Take-up reads `never` until peer challenges are recorded (the take-up issue computes it from cases). */
export function summarise(council: Council): CouncilSummary {
  return {
    gssCode: council.gssCode,
    name: council.name,
    type: council.type,
    region: council.region,
    takeUp: { status: 'never', lastCpcDate: null },
  };
}
