import { createHash } from 'node:crypto';
import type { CouncilType } from './council.entity.js';

/**
 * The register as a graph, for every rule that compares councils (`docs/CONFLICT-RULES.md`, "Lineage"). Pure: built
 * from rows, no database.
 *
 * - A council's **lineage** is itself, its predecessors and its successors, transitively (West Dorset, Dorset
 *   County and Dorset Council are one lineage; Cumberland's holds Allerdale, Carlisle, Copeland and Cumbria, but
 *   not Westmorland and Furness, which only shares a predecessor with it). Being in each other's lineage is
 *   symmetric: B is in A's lineage exactly when A is in B's.
 * - A council's **area** is its lineage plus the districts of every county in it (unless the lineage already holds
 *   some of them, which then say which part of the county is this council's): the ground it covers or covered.
 * - Two councils are **boundary neighbours** when some part of one that the other does not cover shares a
 *   boundary with some part of the other that the first does not cover (so a county's neighbours are the
 *   neighbours of its districts outside it, a district is not its county's neighbour, and a unitary made by
 *   reorganisation has its predecessors' neighbours); **nearby** in the same way for the ONS "nearby" rows.
 * - Two councils are in the **same county area** when a county in one's lineage (or the county of a district in
 *   it) is in the lineage of such a county of the other.
 */
export interface GraphCouncil {
  gssCode: string;
  name: string;
  type: CouncilType;
  countyGssCode: string | null;
  combinedAuthorityGssCode: string | null;
}

export interface CouncilGraphData {
  councils: GraphCouncil[];
  successions: Array<{ predecessorGssCode: string; successorGssCode: string }>;
  neighbours: Array<{ gssCode: string; neighbourGssCode: string; relation: 'shares_boundary' | 'nearby' }>;
}

export type AreaRelation = 'shares_boundary' | 'nearby';

function closure(start: string, next: Map<string, string[]>): Set<string> {
  const seen = new Set<string>();
  const queue = [...(next.get(start) ?? [])];
  while (queue.length > 0) {
    const code = queue.pop()!;
    if (seen.has(code) || code === start) continue;
    seen.add(code);
    queue.push(...(next.get(code) ?? []));
  }
  return seen;
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export class CouncilGraph {
  /** Changes whenever anything the graph holds changes: part of every conflict check's fingerprint. */
  readonly version: string;
  private readonly councils = new Map<string, GraphCouncil>();
  private readonly successors = new Map<string, string[]>();
  private readonly predecessors = new Map<string, string[]>();
  private readonly districts = new Map<string, string[]>();
  private readonly adjacent = new Map<string, Map<string, AreaRelation>>();
  private readonly lineages = new Map<string, ReadonlySet<string>>();
  private readonly areas = new Map<string, ReadonlySet<string>>();

  constructor(data: CouncilGraphData) {
    for (const council of data.councils) {
      this.councils.set(council.gssCode, council);
      if (council.countyGssCode) push(this.districts, council.countyGssCode, council.gssCode);
    }
    for (const { predecessorGssCode, successorGssCode } of data.successions) {
      push(this.successors, predecessorGssCode, successorGssCode);
      push(this.predecessors, successorGssCode, predecessorGssCode);
    }
    for (const { gssCode, neighbourGssCode, relation } of data.neighbours) {
      if (gssCode === neighbourGssCode) continue;
      for (const [a, b] of [
        [gssCode, neighbourGssCode],
        [neighbourGssCode, gssCode],
      ]) {
        const row = this.adjacent.get(a) ?? new Map<string, AreaRelation>();
        // A boundary is the stronger fact: it wins over a "nearby" row for the same pair.
        if (row.get(b) !== 'shares_boundary') row.set(b, relation);
        this.adjacent.set(a, row);
      }
    }
    const canonical = JSON.stringify([
      [...data.councils]
        .map((c) => [c.gssCode, c.name, c.type, c.countyGssCode, c.combinedAuthorityGssCode])
        .sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      data.successions.map((s) => `${s.predecessorGssCode}>${s.successorGssCode}`).sort(),
      data.neighbours.map((n) => `${n.gssCode}|${n.neighbourGssCode}|${n.relation}`).sort(),
    ]);
    this.version = createHash('sha256').update(canonical).digest('hex').slice(0, 16);
  }

  council(gssCode: string): GraphCouncil | undefined {
    return this.councils.get(gssCode);
  }

  name(gssCode: string): string {
    return this.councils.get(gssCode)?.name ?? gssCode;
  }

  /** The council, its predecessors and its successors, transitively. */
  lineage(gssCode: string): ReadonlySet<string> {
    let lineage = this.lineages.get(gssCode);
    if (!lineage) {
      lineage = new Set([gssCode, ...closure(gssCode, this.predecessors), ...closure(gssCode, this.successors)]);
      this.lineages.set(gssCode, lineage);
    }
    return lineage;
  }

  inLineage(of: string, other: string): boolean {
    return this.lineage(of).has(other);
  }

  /** The lineage, and the districts of every county in it of which the lineage holds none. */
  area(gssCode: string): ReadonlySet<string> {
    let area = this.areas.get(gssCode);
    if (!area) {
      const lineage = this.lineage(gssCode);
      const codes = new Set(lineage);
      for (const code of lineage) {
        // A county's districts, unless some of them are in the lineage already: then the lineage says which part
        // of the county is this council's (Cumberland took Allerdale, Carlisle and Copeland, not all of Cumbria).
        const districts = this.districts.get(code) ?? [];
        if (!districts.some((district) => lineage.has(district))) for (const district of districts) codes.add(district);
      }
      area = codes;
      this.areas.set(gssCode, area);
    }
    return area;
  }

  /**
   * How the areas of two councils of different lineages lie: sharing a boundary, nearby, or neither. Ground both
   * cover (a district in its county's area; Somerset Council in both Mendip's and South Somerset's) is left out: a
   * district is not its county's neighbour, but two councils whose remaining parts touch are.
   */
  areaRelation(a: string, b: string): AreaRelation | null {
    if (this.inLineage(a, b)) return null;
    const areaB = this.area(b);
    const onlyA = [...this.area(a)].filter((code) => !areaB.has(code));
    const onlyB = new Set([...areaB].filter((code) => !this.area(a).has(code)));
    let nearby = false;
    for (const code of onlyA) {
      const row = this.adjacent.get(code);
      if (!row) continue;
      for (const [other, relation] of row) {
        if (!onlyB.has(other)) continue;
        if (relation === 'shares_boundary') return relation;
        nearby = true;
      }
    }
    return nearby ? 'nearby' : null;
  }

  /** The counties a council is, was, or lies in, each with its lineage. */
  countyArea(gssCode: string): ReadonlySet<string> {
    const counties = new Set<string>();
    for (const code of this.lineage(gssCode)) {
      const council = this.councils.get(code);
      const county = council?.type === 'county' ? code : council?.countyGssCode;
      if (county) for (const member of this.lineage(county)) counties.add(member);
    }
    return counties;
  }

  /** A county the two councils share, for councils of different lineages; null when none. */
  sharedCounty(a: string, b: string): string | null {
    if (this.inLineage(a, b)) return null;
    const other = this.countyArea(b);
    // The lowest code of the counties shared, so the answer (and the finding's id) never depends on row order.
    const shared = [...this.countyArea(a)]
      .filter((county) => other.has(county) && this.councils.get(county)?.type === 'county')
      .sort();
    return shared[0] ?? null;
  }
}
