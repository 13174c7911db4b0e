import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Booking, CaseFacts, PoolFacts } from '#libs/peers';
import { PreparedQuery, todayInLondon } from '#libs/platform';

/** The start of the programme's baseline: "no CPC since 2012" counts from here (`DOMAIN.md`, take-up). */
export const BASELINE = '2012-01-01';

/** Later than any delivery date: the place of a challenge that has not been delivered yet. */
export const FUTURE = '9999-12-31';

/**
 * What the council's past says about a case: a council inherits the peer challenges of the councils it
 * replaced, so every question here is asked of the council and its predecessors (transitively).
 */
const LINEAGE = `
  WITH RECURSIVE lineage(code) AS (
    SELECT $1::varchar
    UNION
    SELECT s.predecessor_gss_code FROM council_successions s JOIN lineage l ON s.successor_gss_code = l.code
  )`;

/** Every case view asks (`firstCpc`), so it is prepared: PostgreSQL spent longer planning it than running it. */
const FIRST_CPC = new PreparedQuery<{ first: boolean }>(
  'case-first-cpc',
  `${LINEAGE}
   SELECT NOT EXISTS (
     SELECT 1 FROM cases c
      WHERE c.council_gss_code IN (SELECT code FROM lineage) AND c.type = 'corporate_peer_challenge'
        AND c.delivered_on IS NOT NULL AND c.delivered_on < $2::date
        AND ($3::uuid IS NULL OR c.id <> $3::uuid)
   ) AS first`,
);

@Injectable()
export class CaseHistoryService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * What the conflict rules ask of the case library for one case (the team's check, the peer picker's
   * pre-check): the host's challenges and the peers' other bookings, with this case left out.
   */
  factsFor(caseId: string): CaseFacts {
    return {
      isFirstCpc: (gssCode, before) => this.isFirstCpc(gssCode, before, caseId),
      challengesServed: (peerId, gssCode) => this.challengesServed(peerId, gssCode, caseId),
      bookings: (peerId) => this.bookings(peerId, caseId),
      withoutCpcSince2012: (codes) => this.withoutCpcSince2012(codes),
    };
  }

  /**
   * What the team suggestions ask of the case library about the whole pool for one case (issue #23), in three
   * queries whatever its size: who served on the host's (or its predecessors') delivered challenges, every peer's
   * other open cases with onsite dates, and how many challenges each served on that were delivered since `since`
   * (not read when null: the peer picker does not score).
   */
  poolFactsFor(caseId: string): (host: string, since: string | null) => Promise<PoolFacts> {
    return async (host, since) => {
      const [served, booked, counts] = await Promise.all([
        this.dataSource.query<Array<{ peerId: string; caseId: string; year: number }>>(
          `${LINEAGE}
           SELECT m ->> 'peerId' AS "peerId", c.id AS "caseId", extract(year FROM c.delivered_on)::int AS year
             FROM cases c, jsonb_array_elements(coalesce(c.snapshot -> 'context' -> 'team', '[]')) m
            WHERE c.council_gss_code IN (SELECT code FROM lineage) AND c.delivered_on IS NOT NULL AND c.id <> $2
            ORDER BY c.delivered_on, c.id`,
          [host.toUpperCase(), caseId],
        ),
        this.dataSource.query<Array<Booking & { peerId: string }>>(
          `SELECT m ->> 'peerId' AS "peerId", c.id AS "caseId", co.name AS "councilName",
                  c.snapshot #>> '{context,dates,onsiteStart}' AS "onsiteStart",
                  c.snapshot #>> '{context,dates,onsiteEnd}' AS "onsiteEnd"
             FROM cases c JOIN councils co ON co.gss_code = c.council_gss_code,
                  jsonb_array_elements(coalesce(c.snapshot -> 'context' -> 'team', '[]')) m
            WHERE c.stage IN ('team_assembly', 'onsite') AND c.id <> $1
              AND c.snapshot #>> '{context,dates,onsiteStart}' IS NOT NULL
            ORDER BY 4, c.id`,
          [caseId],
        ),
        since === null
          ? []
          : this.dataSource.query<Array<{ peerId: string; served: number }>>(
              `SELECT m ->> 'peerId' AS "peerId", count(*)::int AS served
             FROM cases c, jsonb_array_elements(coalesce(c.snapshot -> 'context' -> 'team', '[]')) m
            WHERE c.delivered_on >= $1::date AND c.delivered_on <= $2::date AND c.id <> $3
            GROUP BY 1`,
              [since, todayInLondon(), caseId],
            ),
      ]);
      return {
        servedOfHost: byPeer(served),
        bookings: byPeer(booked),
        servedLastYear: new Map(counts.map((row) => [row.peerId, row.served])),
      };
    };
  }

  /**
   * Whether a challenge would be the council's first CPC: no corporate peer challenge of it or its
   * predecessors was delivered before `before` (other than `exceptCaseId`). A challenge not yet delivered
   * comes after every delivered one: pass `FUTURE`.
   */
  async isFirstCpc(gssCode: string, before: string, exceptCaseId?: string, manager?: EntityManager): Promise<boolean> {
    const [row] = await FIRST_CPC.run(manager ?? this.dataSource, [
      gssCode.toUpperCase(),
      before,
      exceptCaseId ?? null,
    ]);
    return row.first;
  }

  /** Delivered challenges of this council (or its predecessors) on whose team the peer served. */
  async challengesServed(
    peerId: string,
    gssCode: string,
    exceptCaseId?: string,
  ): Promise<Array<{ caseId: string; year: number }>> {
    const rows = await this.dataSource.query<Array<{ id: string; year: number }>>(
      `${LINEAGE}
       SELECT c.id, extract(year FROM c.delivered_on)::int AS year FROM cases c
        WHERE c.council_gss_code IN (SELECT code FROM lineage) AND c.delivered_on IS NOT NULL
          AND c.snapshot -> 'context' -> 'team' @> jsonb_build_array(jsonb_build_object('peerId', $2::text))
          AND ($3::uuid IS NULL OR c.id <> $3::uuid)
        ORDER BY c.delivered_on`,
      [gssCode.toUpperCase(), peerId, exceptCaseId ?? null],
    );
    return rows.map((row) => ({ caseId: row.id, year: row.year }));
  }

  /** Which of these councils have had no corporate peer challenge delivered since 2012 (predecessors count). */
  async withoutCpcSince2012(gssCodes: string[]): Promise<Set<string>> {
    const without = new Set<string>();
    for (const code of new Set(gssCodes)) {
      const [row] = await this.dataSource.query<Array<{ none: boolean }>>(
        `${LINEAGE}
         SELECT NOT EXISTS (
           SELECT 1 FROM cases c
            WHERE c.council_gss_code IN (SELECT code FROM lineage) AND c.type = 'corporate_peer_challenge'
              AND c.delivered_on >= $2::date
         ) AS none`,
        [code, BASELINE],
      );
      if (row.none) without.add(code);
    }
    return without;
  }

  /**
   * The peer's open cases with agreed onsite dates (team assembly, before or during the visit, paused there),
   * `exceptCaseId` left out: what the double-booking rule compares.
   */
  async bookings(peerId: string, exceptCaseId: string | null): Promise<Booking[]> {
    return this.dataSource.query<Booking[]>(
      `SELECT c.id AS "caseId", co.name AS "councilName",
              c.snapshot #>> '{context,dates,onsiteStart}' AS "onsiteStart",
              c.snapshot #>> '{context,dates,onsiteEnd}' AS "onsiteEnd"
         FROM cases c JOIN councils co ON co.gss_code = c.council_gss_code
        WHERE c.stage IN ('team_assembly', 'onsite')
          AND c.snapshot -> 'context' -> 'team' @> jsonb_build_array(jsonb_build_object('peerId', $1::text))
          AND c.snapshot #>> '{context,dates,onsiteStart}' IS NOT NULL
          AND ($2::uuid IS NULL OR c.id <> $2::uuid)
        ORDER BY 3, c.id`,
      [peerId, exceptCaseId],
    );
  }
}

/** Rows of many peers by peer, each peer's in the order they came, without the peer's id. */
function byPeer<T extends { peerId: string }>(rows: T[]): Map<string, Array<Omit<T, 'peerId'>>> {
  const grouped = new Map<string, Array<Omit<T, 'peerId'>>>();
  for (const { peerId, ...rest } of rows) {
    const list = grouped.get(peerId);
    if (list) list.push(rest);
    else grouped.set(peerId, [rest]);
  }
  return grouped;
}
