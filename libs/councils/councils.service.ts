import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { todayInLondon, type Page } from '#libs/platform';
import { councilExistsSql, takeUpJoin, takeUpSql } from './take-up.js';
import { CouncilSuccession } from './council-succession.entity.js';
import { Council, type CouncilType, type Region } from './council.entity.js';
import type { ListCouncilsQuery } from './dto/list-councils.query.js';

export const TAKE_UP_STATUSES = ['never', 'current', 'due', 'overdue'] as const;
export type TakeUpStatus = (typeof TAKE_UP_STATUSES)[number];

export interface CouncilSummary {
  gssCode: string;
  name: string;
  type: CouncilType;
  region: Region;
  takeUp: { status: TakeUpStatus; lastCpcDate: string | null };
  /** The day after the council's last day, for a council that no longer exists; absent otherwise. */
  abolishedOn?: string;
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
    const params: unknown[] = [query.asOf ?? todayInLondon()];
    const where: string[] = [];
    const add = (clause: string, ...values: unknown[]) => {
      let text = clause;
      for (const value of values) {
        params.push(value);
        text = text.replace('?', `$${params.length}`);
      }
      where.push(text);
    };
    if (query.region) add('c.region = ?', query.region);
    if (query.type) add('c.type = ?', query.type);
    if (query.takeUp) add('t.status = ?', query.takeUp);
    if (query.principalAdviserId) add('c.principal_adviser_id = ?::uuid', query.principalAdviserId);
    if (query.existing === 'true') add(councilExistsSql('$1'));
    if (query.existing === 'false') add('c.end_date < $1::date');
    const q = query.q?.trim();
    if (q)
      add(
        '(c.name ILIKE ? OR c.official_name ILIKE ? OR c.gss_code = upper(?))',
        ...[`%${escapeLike(q)}%`, `%${escapeLike(q)}%`, q],
      );
    const from = `FROM councils c ${takeUpJoin('$1')} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
    const [{ total }] = await this.councils.manager.query<Array<{ total: number }>>(
      `${takeUpSql('$1')} SELECT count(*)::int AS total ${from}`,
      params,
    );
    const rows = await this.councils.manager.query<SummaryRow[]>(
      `${takeUpSql('$1')} SELECT c.gss_code, c.name, c.type, c.region, to_char(c.end_date + 1, 'YYYY-MM-DD') AS abolished_on, t.status, t.last_cpc ${from}
        ORDER BY c.name, c.gss_code LIMIT ${query.limit} OFFSET ${query.offset}`,
      params,
    );
    return { items: rows.map(summaryOf), total, limit: query.limit, offset: query.offset };
  }

  /** Take-up of one council (with its predecessors' challenges) on a date. */
  async takeUpOf(gssCode: string, asOf = todayInLondon()): Promise<CouncilSummary['takeUp']> {
    const [row] = await this.councils.manager.query<Array<{ status: TakeUpStatus; last_cpc: string | null }>>(
      `${takeUpSql('$1', '$2::varchar')} SELECT status, last_cpc FROM take_up`,
      [asOf, gssCode],
    );
    return { status: row?.status ?? 'never', lastCpcDate: row?.last_cpc ?? null };
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
      takeUp: await this.takeUpOf(council.gssCode),
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

interface SummaryRow {
  gss_code: string;
  name: string;
  type: CouncilType;
  region: Region;
  abolished_on: string | null;
  status: TakeUpStatus;
  last_cpc: string | null;
}

function summaryOf(row: SummaryRow): CouncilSummary {
  return {
    gssCode: row.gss_code,
    name: row.name,
    type: row.type,
    region: row.region,
    takeUp: { status: row.status, lastCpcDate: row.last_cpc },
    ...(row.abolished_on && { abolishedOn: row.abolished_on }),
  };
}

/** A council's summary without its take-up (`never` until the caller reckons it with `takeUpOf`). */
export function summarise(council: Council): CouncilSummary {
  return {
    gssCode: council.gssCode,
    name: council.name,
    type: council.type,
    region: council.region,
    takeUp: { status: 'never', lastCpcDate: null },
  };
}
