import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { takeUpJoin, takeUpSql } from '#libs/councils';
import { firstThursdayOfMay } from '#libs/nudges';
import type { PlanningCouncil, PlanningInput } from './planner.js';
import type { PlanSettings } from './plan-settings.service.js';
import { nextQuarter, quarterEnd, quarterIndex, quarterName, quarterOfDate, quarterStart } from './quarters.js';

/** What a plan was computed from: the planner's input, the settings it came from, and the day it was read. */
export interface PlanInputs {
  asOf: string;
  preElectionWeeks: number;
  adminQuietPeriods: PlanSettings['quietPeriods'];
  planning: PlanningInput;
}

interface CouncilRow {
  gssCode: string;
  name: string;
  region: string;
  lastChallenge: string | null;
  liveFrom: string | null;
  liveUntil: string | null;
  notBefore: string | null;
  notAfter: string | null;
  constraintReason: string | null;
  openCaseDate: string | null;
  successors: string[];
}

function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The weeks before each first Thursday in May of the horizon's years, up to polling day. */
export function preElectionPeriods(startQuarter: string, horizonQuarters: number, weeks: number) {
  if (weeks <= 0) return [];
  const first = Math.floor(quarterIndex(startQuarter) / 4);
  const last = Math.floor((quarterIndex(startQuarter) + horizonQuarters - 1) / 4);
  return Array.from({ length: last - first + 1 }, (_, i) => {
    const polling = firstThursdayOfMay(first + i);
    return { from: shiftDays(polling, -7 * weeks), to: polling };
  });
}

/**
 * Builds the planner's input from the database (docs/PLANNING.md, Where the inputs come from): the settings, the
 * councils that exist at some time in the horizon with their last CPC or FPR (lineage included, as take-up reads
 * it), their open case's quarter and their principal adviser's dates.
 */
@Injectable()
export class PlanInputsService {
  async read(manager: EntityManager, settings: PlanSettings, asOf: string): Promise<PlanInputs> {
    const startQuarter = nextQuarter(asOf);
    const start = quarterIndex(startQuarter);
    const rows = await manager.query<CouncilRow[]>(
      `${takeUpSql('$1')}
       SELECT c.gss_code AS "gssCode", c.name, c.region, t.last_cpc AS "lastChallenge",
              to_char(c.start_date, 'YYYY-MM-DD') AS "liveFrom", to_char(c.end_date, 'YYYY-MM-DD') AS "liveUntil",
              to_char(pc.not_before, 'YYYY-MM-DD') AS "notBefore", to_char(pc.not_after, 'YYYY-MM-DD') AS "notAfter",
              pc.reason AS "constraintReason",
              ARRAY(SELECT n.name FROM council_successions s JOIN councils n ON n.gss_code = s.successor_gss_code
                     WHERE s.predecessor_gss_code = c.gss_code ORDER BY n.name) AS successors,
              (SELECT coalesce(to_char(k.onsite_start, 'YYYY-MM-DD'),
                               (k.snapshot -> 'context' -> 'dates' ->> 'indicativeMonth') || '-01', '')
                 FROM cases k
                WHERE k.council_gss_code = c.gss_code AND NOT k.imported AND k.delivered_on IS NULL
                  AND k.stage NOT IN ('closed', 'cancelled')
                  AND k.type IN ('corporate_peer_challenge', 'finance_peer_review')
                ORDER BY k.created_at LIMIT 1) AS "openCaseDate"
         FROM councils c ${takeUpJoin('$1')}
         LEFT JOIN council_plan_constraints pc ON pc.gss_code = c.gss_code
        WHERE (c.end_date IS NULL OR c.end_date >= $2::date) AND (c.start_date IS NULL OR c.start_date <= $3::date)
        ORDER BY c.gss_code`,
      [asOf, quarterStart(start), quarterEnd(start + settings.horizonQuarters - 1)],
    );
    const councils = rows.map((r): PlanningCouncil => {
      const council: PlanningCouncil = {
        gssCode: r.gssCode,
        name: r.name,
        region: r.region,
        lastChallenge: r.lastChallenge,
      };
      // An open case with no date yet is under way: it takes the horizon's first quarter.
      if (r.openCaseDate !== null)
        council.openCaseQuarter = r.openCaseDate === '' ? startQuarter : quarterName(quarterOfDate(r.openCaseDate));
      if (r.notBefore) council.notBefore = r.notBefore;
      if (r.notAfter) council.notAfter = r.notAfter;
      if (r.constraintReason) council.constraintReason = r.constraintReason;
      if (r.liveFrom) council.liveFrom = r.liveFrom;
      if (r.liveUntil) council.liveUntil = r.liveUntil;
      if (r.successors.length > 0) council.successors = r.successors;
      return council;
    });
    return {
      asOf,
      preElectionWeeks: settings.preElectionWeeks,
      adminQuietPeriods: settings.quietPeriods,
      planning: {
        startQuarter,
        horizonQuarters: settings.horizonQuarters,
        capacityPerQuarter: settings.capacityPerQuarter,
        capacityByRegion: settings.capacityByRegion,
        quietPeriods: [
          ...preElectionPeriods(startQuarter, settings.horizonQuarters, settings.preElectionWeeks),
          ...settings.quietPeriods.map((p) => ({ from: p.from, to: p.to })),
        ],
        councils,
      },
    };
  }
}

/** A fingerprint of what the planner reads (not the day it was read): equal inputs give the same plan. */
export function inputsHash(planning: PlanningInput): string {
  return createHash('sha256').update(JSON.stringify(planning)).digest('hex');
}
