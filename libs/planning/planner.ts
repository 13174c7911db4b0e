import { MinCostFlow, UNLIMITED } from './min-cost-flow.js';
import { quarterDays, quarterIndex, quarterName, quarterOfDate, quietDaysIn } from './quarters.js';

/**
 * The five-year schedule planner, pure and exact (docs/PLANNING.md): every council gets one target quarter in the
 * horizon, within the capacity (in total and per region), the quiet periods and its own constraints, minimising
 * lexicographically (0) councils left unplaceable, (1) councils planned after their due quarter, (2) the total
 * lateness in quarters, (3) the quarters of never-challenged councils, (4) the quarters weighted by how long each
 * council has waited; solved as a min-cost flow with those five criteria as a cost vector.
 */

/** The day challenges count from (the programme's baseline): a council never challenged has waited since then. */
export const PLANNING_BASELINE = '2012-01-01';

export interface PlanningCouncil {
  gssCode: string;
  name: string;
  region: string;
  /** The council's last delivered CPC or FPR since the baseline, its lineage's included; null: never. */
  lastChallenge: string | null;
  /** The quarter (`YYYY-Qn`) of an open case: the council's quarter is that one. */
  openCaseQuarter?: string | null;
  notBefore?: string | null;
  notAfter?: string | null;
  constraintReason?: string | null;
  /** The council exists from / until (its vesting day, its abolition: the register's start and end dates). */
  liveFrom?: string | null;
  liveUntil?: string | null;
  /** The councils that replace it from the day after `liveUntil` (names). */
  successors?: readonly string[];
}

export interface PlanningInput {
  /** The first quarter of the horizon, `YYYY-Qn`. */
  startQuarter: string;
  horizonQuarters: number;
  capacityPerQuarter: number;
  /** Per-quarter capacity of a region; a region not named has no limit of its own. */
  capacityByRegion?: Record<string, number> | null;
  /** Inclusive date ranges with no challenges. */
  quietPeriods: ReadonlyArray<{ from: string; to: string }>;
  councils: readonly PlanningCouncil[];
}

export interface PlannedCouncil {
  gssCode: string;
  name: string;
  region: string;
  dueQuarter: string;
  plannedQuarter: string | null;
  /** Quarters after the due quarter (0 when on time); for an unplaceable council, past the horizon's end. */
  lateBy: number;
  reason?: string;
  /**
   * Set for a council abolished before it is due: it is not planned (plannedQuarter null, lateBy 0), as the
   * successors named here take over its area and its history and are planned instead.
   */
  replacedBy?: string[];
}

export interface PlanResult {
  councils: PlannedCouncil[];
  byQuarter: Array<{ quarter: string; planned: number; capacity: number }>;
  byRegion: Array<{ region: string; quarter: string; planned: number; capacity: number | null }>;
  /** The objective vector: [unplaceable, late, lateness, never-challenged quarters, waiting-weighted quarters]. */
  objective: number[];
}

/** The horizon's quarters' capacities after quiet periods: capacity × non-quiet days ÷ days, rounded down. */
export function quietCapacity(capacity: number, quarter: number, quiet: PlanningInput['quietPeriods']): number {
  const days = quarterDays(quarter);
  return Math.floor((capacity * (days - quietDaysIn(quarter, quiet))) / days);
}

interface Prepared {
  council: PlanningCouncil;
  due: number;
  never: boolean;
  waited: number;
  lo: number;
  hi: number;
  emptyWhy: string | null;
}

/** The objective's cost vector of planning a council (due, never, waited) in quarter offset `t` (H: unplaced). */
export function costVector(t: number, horizon: number, dueOffset: number, never: boolean, waited: number): number[] {
  return [t === horizon ? 1 : 0, t > dueOffset ? 1 : 0, Math.max(0, t - dueOffset), never ? t : 0, waited * t];
}

function dueQuarterOf(last: string | null, start: number): { due: number; never: boolean; waited: number } {
  if (!last || last < PLANNING_BASELINE) {
    return { due: start, never: true, waited: start - quarterOfDate(PLANNING_BASELINE) };
  }
  const year = Number(last.slice(0, 4)) + 5;
  return {
    due: quarterOfDate(`${year}${last.slice(4)}`),
    never: false,
    waited: Math.max(0, start - quarterOfDate(last)),
  };
}

function windowOf(c: PlanningCouncil, start: number, end: number): { lo: number; hi: number; why: string | null } {
  let lo = start;
  let hi = end;
  const bounds: string[] = [];
  if (c.notBefore) {
    const q = quarterOfDate(c.notBefore);
    if (q > lo) {
      lo = q;
      bounds.push(`not before ${c.notBefore}`);
    }
  }
  if (c.liveFrom) {
    const q = quarterOfDate(c.liveFrom);
    if (q > lo) {
      lo = q;
      bounds.push(`it exists from ${c.liveFrom}`);
    }
  }
  if (c.notAfter) {
    const q = quarterOfDate(c.notAfter);
    if (q < hi) {
      hi = q;
      bounds.push(`not after ${c.notAfter}`);
    }
  }
  if (c.liveUntil) {
    const q = quarterOfDate(c.liveUntil);
    if (q < hi) {
      hi = q;
      bounds.push(`abolished on ${c.liveUntil}`);
    }
  }
  if (lo <= hi) return { lo, hi, why: null };
  const reason = c.constraintReason ? ` (${c.constraintReason})` : '';
  return {
    lo,
    hi,
    why: `its constraints leave no quarter in the horizon ${quarterName(start)}–${quarterName(end)}: ${bounds.join(', ')}${reason}`,
  };
}

export function plan(input: PlanningInput): PlanResult {
  const H = input.horizonQuarters;
  const start = quarterIndex(input.startQuarter);
  const end = start + H - 1;
  const regions = [...new Set(input.councils.map((c) => c.region))].sort();
  const regionIx = new Map(regions.map((r, i) => [r, i]));
  const total = Array.from({ length: H }, (_, t) =>
    quietCapacity(input.capacityPerQuarter, start + t, input.quietPeriods),
  );
  const regional = regions.map((r) => {
    const cap = input.capacityByRegion?.[r];
    return Array.from({ length: H }, (_, t) =>
      cap === undefined || cap === null ? UNLIMITED : quietCapacity(cap, start + t, input.quietPeriods),
    );
  });
  const usedTotal = new Array<number>(H).fill(0);
  const usedRegion = regions.map(() => new Array<number>(H).fill(0));

  const out = new Map<string, PlannedCouncil>();
  const free: Prepared[] = [];
  for (const c of input.councils) {
    const { due, never, waited } = dueQuarterOf(c.lastChallenge, start);
    const base = { gssCode: c.gssCode, name: c.name, region: c.region, dueQuarter: quarterName(due) };
    if (c.openCaseQuarter) {
      const q = quarterIndex(c.openCaseQuarter);
      const t = q - start;
      if (t >= 0 && t < H) {
        usedTotal[t]++;
        usedRegion[regionIx.get(c.region)!][t]++;
      }
      out.set(c.gssCode, {
        ...base,
        plannedQuarter: c.openCaseQuarter,
        lateBy: Math.max(0, q - due),
        reason: 'an open case fixes its quarter',
      });
      continue;
    }
    if (c.liveUntil && c.successors?.length && quarterOfDate(c.liveUntil) < due) {
      const names = c.successors.join(' and ');
      out.set(c.gssCode, {
        ...base,
        plannedQuarter: null,
        lateBy: 0,
        replacedBy: [...c.successors],
        reason: `abolished on ${c.liveUntil}, before its challenge is due: ${names} ${c.successors.length > 1 ? 'are' : 'is'} planned instead`,
      });
      continue;
    }
    const w = windowOf(c, start, end);
    free.push({ council: c, due, never, waited, lo: w.lo, hi: w.hi, emptyWhy: w.why });
  }

  // Councils alike in everything the objective and the limits read are one node of the network, with a supply.
  const classes = new Map<string, Prepared[]>();
  for (const p of free) {
    const key = `${p.council.region}|${p.due}|${p.never}|${p.waited}|${p.lo}|${p.hi}|${p.emptyWhy === null}`;
    const list = classes.get(key);
    if (list) list.push(p);
    else classes.set(key, [p]);
  }
  const groups = [...classes.values()];
  const SOURCE = 0;
  const SINK = 1;
  const quarterNode = (t: number): number => 2 + t;
  const regionQuarterNode = (r: number, t: number): number => 2 + H + r * H + t;
  const firstClass = 2 + H + regions.length * H;
  const flow = new MinCostFlow(firstClass + groups.length, 5);
  for (let t = 0; t < H; t++) flow.addArc(quarterNode(t), SINK, Math.max(0, total[t] - usedTotal[t]), [0, 0, 0, 0, 0]);
  const regionArcs = regions.map((_, r) =>
    Array.from({ length: H }, (_, t) =>
      flow.addArc(
        regionQuarterNode(r, t),
        quarterNode(t),
        regional[r][t] === UNLIMITED ? UNLIMITED : Math.max(0, regional[r][t] - usedRegion[r][t]),
        [0, 0, 0, 0, 0],
      ),
    ),
  );
  const placedArcs: Array<Array<{ t: number; arc: number }>> = [];
  groups.forEach((members, g) => {
    const p = members[0];
    const node = firstClass + g;
    const r = regionIx.get(p.council.region)!;
    flow.addArc(SOURCE, node, members.length, [0, 0, 0, 0, 0]);
    const arcs: Array<{ t: number; arc: number }> = [];
    if (p.emptyWhy === null) {
      for (let q = p.lo; q <= p.hi; q++) {
        const t = q - start;
        if (regional[r][t] === 0 || total[t] === 0) continue;
        arcs.push({
          t,
          arc: flow.addArc(
            node,
            regionQuarterNode(r, t),
            UNLIMITED,
            costVector(t, H, p.due - start, p.never, p.waited),
          ),
        });
      }
    }
    flow.addArc(node, SINK, UNLIMITED, costVector(H, H, p.due - start, p.never, p.waited));
    placedArcs.push(arcs);
  });
  const solved = flow.solve(SOURCE, SINK, free.length);
  if (solved.sent !== free.length) throw new Error('planner: the network did not carry every council');

  groups.forEach((members, g) => {
    const ordered = [...members].sort((a, b) => (a.council.gssCode < b.council.gssCode ? -1 : 1));
    let i = 0;
    for (const { t, arc } of placedArcs[g]) {
      for (let n = flow.flowOf(arc); n > 0; n--, i++) {
        const p = ordered[i];
        const late = Math.max(0, start + t - p.due);
        const council: PlannedCouncil = {
          gssCode: p.council.gssCode,
          name: p.council.name,
          region: p.council.region,
          dueQuarter: quarterName(p.due),
          plannedQuarter: quarterName(start + t),
          lateBy: late,
        };
        if (late > 0) council.reason = lateReason(p, start, placedArcs[g], flow, regionArcs, regionIx);
        out.set(p.council.gssCode, council);
        usedTotal[t]++;
        usedRegion[regionIx.get(p.council.region)!][t]++;
      }
    }
    for (; i < ordered.length; i++) {
      const p = ordered[i];
      out.set(p.council.gssCode, {
        gssCode: p.council.gssCode,
        name: p.council.name,
        region: p.council.region,
        dueQuarter: quarterName(p.due),
        plannedQuarter: null,
        lateBy: Math.max(0, end + 1 - p.due),
        reason: p.emptyWhy ?? capacityReason(p, start, total, regional, regionArcs, flow, regionIx),
      });
    }
  });

  return {
    councils: input.councils.map((c) => out.get(c.gssCode)!),
    byQuarter: total.map((capacity, t) => ({ quarter: quarterName(start + t), planned: usedTotal[t], capacity })),
    byRegion: regions.flatMap((region, r) =>
      regional[r].map((cap, t) => ({
        region,
        quarter: quarterName(start + t),
        planned: usedRegion[r][t],
        capacity: cap === UNLIMITED ? null : cap,
      })),
    ),
    objective: solved.cost,
  };
}

function span(lo: number, hi: number): string {
  return lo === hi ? quarterName(lo) : `${quarterName(lo)}–${quarterName(hi)}`;
}

function capacityReason(
  p: Prepared,
  start: number,
  total: number[],
  regional: number[][],
  regionArcs: number[][],
  flow: MinCostFlow,
  regionIx: Map<string, number>,
): string {
  const r = regionIx.get(p.council.region)!;
  let regionFull = 0;
  let quiet = 0;
  for (let q = p.lo; q <= p.hi; q++) {
    const t = q - start;
    if (total[t] === 0 || regional[r][t] === 0) quiet++;
    else if (flow.residual(regionArcs[r][t]) === 0) regionFull++;
  }
  const parts = [`no capacity left in its window ${span(p.lo, p.hi)}`];
  if (regionFull > 0) parts.push(`${p.council.region}'s capacity is full in ${regionFull} of its quarters`);
  if (quiet > 0) parts.push(`${quiet} quarter(s) have no capacity (quiet periods or none set)`);
  const constrained = p.lo > start || p.hi < start + total.length - 1;
  if (constrained && p.council.constraintReason) parts.push(`its constraints: ${p.council.constraintReason}`);
  return parts.join('; ');
}

function lateReason(
  p: Prepared,
  start: number,
  _arcs: Array<{ t: number; arc: number }>,
  flow: MinCostFlow,
  regionArcs: number[][],
  regionIx: Map<string, number>,
): string {
  if (p.due < start) return `already due in ${quarterName(p.due)}, before the horizon starts`;
  if (p.lo > p.due) {
    const why = p.council.constraintReason ? ` (${p.council.constraintReason})` : '';
    return `its constraints allow nothing before ${quarterName(p.lo)}${why}`;
  }
  const r = regionIx.get(p.council.region)!;
  const regionFull = Array.from({ length: p.due - p.lo + 1 }, (_, i) => p.lo + i - start).some(
    (t) => flow.residual(regionArcs[r][t]) === 0,
  );
  return `capacity up to its due quarter is full${regionFull ? ` (${p.council.region}'s in some quarters)` : ''}`;
}
