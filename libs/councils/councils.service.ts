import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { PreparedQuery, todayInLondon, type Page, NotFound } from '#libs/platform';
import { councilExistsSql, lineageCte, takeUpCasesSql, takeUpJoin, takeUpSql, takeUpStatusSql } from './take-up.js';
import { Council, type CouncilType, type Region } from './council.entity.js';
import type { ListCouncilsQuery } from './dto/list-councils.query.js';

export const TAKE_UP_STATUSES = ['never', 'current', 'due', 'overdue'] as const;
export type TakeUpStatus = (typeof TAKE_UP_STATUSES)[number];

export interface CouncilSummary {
  gssCode: string;
  name: string;
  type: CouncilType;
  region: Region;
  /** Five-year take-up: from the last corporate peer challenge or finance peer review since 2012. */
  takeUp: { status: TakeUpStatus; lastCpcDate: string | null };
  /** No corporate peer challenge (a finance peer review does not count) delivered since 2012: measure 1.2's. */
  noCpcSince2012: boolean;
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
    private readonly dataSource: DataSource,
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
      `${takeUpSql('$1')} SELECT c.gss_code, c.name, c.type, c.region, to_char(c.end_date + 1, 'YYYY-MM-DD') AS abolished_on, t.status, t.last_cpc,
              t.no_cpc_since_2012 ${from}
        ORDER BY c.name, c.gss_code LIMIT ${query.limit} OFFSET ${query.offset}`,
      params,
    );
    return { items: rows.map(summaryOf), total, limit: query.limit, offset: query.offset };
  }

  /** The council with this code, or a 404. */
  async find(gssCode: string): Promise<Council> {
    const council = await this.councils.findOneBy({ gssCode: gssCode.toUpperCase() });
    if (!council) throw new NotFound(`No council has the GSS code ${gssCode}`);
    return council;
  }

  /** The council's detail with its take-up today (from its whole lineage). One statement; a 404 if unknown. */
  async get(gssCode: string): Promise<CouncilDetail> {
    const [row] = await COUNCIL_DETAIL.run(this.dataSource, [gssCode.toUpperCase(), todayInLondon()]);
    if (!row) throw new NotFound(`No council has the GSS code ${gssCode}`);
    return {
      gssCode: row.gss_code,
      name: row.name,
      type: row.type,
      region: row.region,
      takeUp: { status: row.take_up_status, lastCpcDate: row.last_cpc },
      noCpcSince2012: row.no_cpc_since_2012,
      officialName: row.official_name,
      startDate: row.start_date,
      endDate: row.end_date,
      countyGssCode: row.county_gss_code,
      county: row.county_name === null ? null : { gssCode: row.county_gss_code!, name: row.county_name },
      combinedAuthority: row.combined_authority_gss_code
        ? { gssCode: row.combined_authority_gss_code, name: row.combined_authority_name }
        : null,
      chiefExecutive: contact(row.chief_executive_name, row.chief_executive_email),
      leader: contact(row.leader_name, row.leader_email),
      principalAdviser: row.principal_adviser,
      nudgesSuppressed: row.nudges_suppressed,
      predecessors: row.predecessors,
      successors: row.successors,
    };
  }
}

interface DetailRow {
  gss_code: string;
  name: string;
  type: CouncilType;
  region: Region;
  official_name: string;
  start_date: string | null;
  end_date: string | null;
  county_gss_code: string | null;
  county_name: string | null;
  combined_authority_gss_code: string | null;
  combined_authority_name: string | null;
  chief_executive_name: string | null;
  chief_executive_email: string | null;
  leader_name: string | null;
  leader_email: string | null;
  nudges_suppressed: boolean;
  principal_adviser: CouncilDetail['principalAdviser'];
  predecessors: CouncilDetail['predecessors'];
  successors: CouncilDetail['successors'];
  last_cpc: string | null;
  take_up_status: TakeUpStatus;
  no_cpc_since_2012: boolean;
}

/**
 * $1 the GSS code, $2 the date of the take-up: from the last challenge of the whole lineage, as takeUpSql reckons
 * it for the register, read from cases_take_up_idx.
 */
const COUNCIL_DETAIL = new PreparedQuery<DetailRow>(
  'council-detail',
  `WITH RECURSIVE ${lineageCte('$1')}
   SELECT c.gss_code, c.name, c.type, c.region, c.official_name,
          to_char(c.start_date, 'YYYY-MM-DD') AS start_date, to_char(c.end_date, 'YYYY-MM-DD') AS end_date,
          c.county_gss_code, county.name AS county_name, c.combined_authority_gss_code, c.combined_authority_name,
          c.chief_executive_name, c.chief_executive_email, c.leader_name, c.leader_email, c.nudges_suppressed,
          (SELECT json_build_object('id', u.id, 'name', u.name, 'email', u.email, 'region', u.region)
             FROM users u WHERE u.id = c.principal_adviser_id) AS principal_adviser,
          (SELECT coalesce(json_agg(json_build_object('gssCode', p.gss_code, 'name', p.name,
                                                      'endDate', to_char(p.end_date, 'YYYY-MM-DD')) ORDER BY p.name), '[]')
             FROM council_successions s JOIN councils p ON p.gss_code = s.predecessor_gss_code
            WHERE s.successor_gss_code = c.gss_code) AS predecessors,
          (SELECT coalesce(json_agg(json_build_object('gssCode', n.gss_code, 'name', n.name,
                                                      'startDate', to_char(s.start_date, 'YYYY-MM-DD')) ORDER BY n.name), '[]')
             FROM council_successions s JOIN councils n ON n.gss_code = s.successor_gss_code
            WHERE s.predecessor_gss_code = c.gss_code) AS successors,
          to_char(last.last_cpc, 'YYYY-MM-DD') AS last_cpc,
          ${takeUpStatusSql('last.last_cpc', '$2')} AS take_up_status,
          last.last_corporate IS NULL AS no_cpc_since_2012
     FROM councils c
     LEFT JOIN councils county ON county.gss_code = c.county_gss_code
     CROSS JOIN (SELECT array_agg(code) AS codes FROM lineage) AS l
     CROSS JOIN LATERAL (
       SELECT max(k.delivered_on) AS last_cpc,
              max(k.delivered_on) FILTER (WHERE k.type = 'corporate_peer_challenge') AS last_corporate FROM cases k
        WHERE k.council_gss_code = ANY (l.codes) AND ${takeUpCasesSql('$2')}
     ) AS last
    WHERE c.gss_code = $1`,
);

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
  no_cpc_since_2012: boolean;
}

function summaryOf(row: SummaryRow): CouncilSummary {
  return {
    gssCode: row.gss_code,
    name: row.name,
    type: row.type,
    region: row.region,
    takeUp: { status: row.status, lastCpcDate: row.last_cpc },
    noCpcSince2012: row.no_cpc_since_2012,
    ...(row.abolished_on && { abolishedOn: row.abolished_on }),
  };
}

/** A council's summary without its take-up (`never`, no CPC, until the caller reckons it with `takeUpOf`). */
export function summarise(council: Council): CouncilSummary {
  return {
    gssCode: council.gssCode,
    name: council.name,
    type: council.type,
    region: council.region,
    takeUp: { status: 'never', lastCpcDate: null },
    noCpcSince2012: true,
  };
}
