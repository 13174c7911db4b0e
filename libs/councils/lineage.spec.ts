import fc from 'fast-check';
import { CouncilGraph, type CouncilGraphData, type GraphCouncil } from './lineage.js';

// ---------------------------------------------------------------------------------------------------------------
// Fixtures: real councils, successions and neighbour rows from data/councils/*.csv (english_councils_extended,
// councils_created_2019_2023, reorganisations, lad21_neighbours_england).
// ---------------------------------------------------------------------------------------------------------------

const council = (
  gssCode: string,
  name: string,
  type: GraphCouncil['type'],
  countyGssCode: string | null = null,
  combinedAuthorityGssCode: string | null = null,
): GraphCouncil => ({ gssCode, name, type, countyGssCode, combinedAuthorityGssCode });

const DORSET_COUNTY = council('E10000009', 'Dorset County Council', 'county');
const WEST_DORSET = council('E07000052', 'West Dorset District Council', 'district', DORSET_COUNTY.gssCode);
const EAST_DORSET = council('E07000049', 'East Dorset District Council', 'district', DORSET_COUNTY.gssCode);
const DORSET_COUNCIL = council('E06000059', 'Dorset Council', 'unitary');

const SOMERSET_COUNTY = council('E10000027', 'Somerset County Council', 'county');
const MENDIP = council('E07000187', 'Mendip District Council', 'district', SOMERSET_COUNTY.gssCode);
const SOUTH_SOMERSET = council('E07000189', 'South Somerset District Council', 'district', SOMERSET_COUNTY.gssCode);
const TAUNTON_DEANE = council('E07000190', 'Taunton Deane Borough Council', 'district', SOMERSET_COUNTY.gssCode);
const WEST_SOMERSET = council('E07000191', 'West Somerset District Council', 'district', SOMERSET_COUNTY.gssCode);
const SWT = council('E07000246', 'Somerset West and Taunton Council', 'district', SOMERSET_COUNTY.gssCode);
const SOMERSET_COUNCIL = council('E06000066', 'Somerset Council', 'unitary');
const WILTSHIRE = council('E06000054', 'Wiltshire Council', 'unitary');

const CUMBRIA = council('E10000006', 'Cumbria County Council', 'county');
const ALLERDALE = council('E07000026', 'Allerdale Borough Council', 'district', CUMBRIA.gssCode);
const BARROW = council('E07000027', 'Barrow-in-Furness Borough Council', 'district', CUMBRIA.gssCode);
const CARLISLE = council('E07000028', 'Carlisle City Council', 'district', CUMBRIA.gssCode);
const COPELAND = council('E07000029', 'Copeland Borough Council', 'district', CUMBRIA.gssCode);
const EDEN = council('E07000030', 'Eden District Council', 'district', CUMBRIA.gssCode);
const SOUTH_LAKELAND = council('E07000031', 'South Lakeland District Council', 'district', CUMBRIA.gssCode);
const CUMBERLAND = council('E06000063', 'Cumberland Council', 'unitary');
const WESTMORLAND = council('E06000064', 'Westmorland and Furness Council', 'unitary');
const NORTHUMBERLAND = council('E06000057', 'Northumberland County Council', 'unitary', null, 'E47000011');
const DURHAM = council('E06000047', 'Durham County Council', 'unitary', null, 'E47000010');

const LANCASHIRE = council('E10000017', 'Lancashire County Council', 'county');
const LANCASTER = council('E07000121', 'Lancaster City Council', 'district', LANCASHIRE.gssCode);
const PRESTON = council('E07000123', 'Preston City Council', 'district', LANCASHIRE.gssCode);
const WYRE = council('E07000128', 'Wyre Borough Council', 'district', LANCASHIRE.gssCode);

const COUNCILS = [
  DORSET_COUNTY,
  WEST_DORSET,
  EAST_DORSET,
  DORSET_COUNCIL,
  SOMERSET_COUNTY,
  MENDIP,
  SOUTH_SOMERSET,
  TAUNTON_DEANE,
  WEST_SOMERSET,
  SWT,
  SOMERSET_COUNCIL,
  WILTSHIRE,
  CUMBRIA,
  ALLERDALE,
  BARROW,
  CARLISLE,
  COPELAND,
  EDEN,
  SOUTH_LAKELAND,
  CUMBERLAND,
  WESTMORLAND,
  NORTHUMBERLAND,
  DURHAM,
  LANCASHIRE,
  LANCASTER,
  PRESTON,
  WYRE,
];

const succession = (predecessor: GraphCouncil, successor: GraphCouncil) => ({
  predecessorGssCode: predecessor.gssCode,
  successorGssCode: successor.gssCode,
});
const neighbour = (a: GraphCouncil, b: GraphCouncil, relation: 'shares_boundary' | 'nearby' = 'shares_boundary') => ({
  gssCode: a.gssCode,
  neighbourGssCode: b.gssCode,
  relation,
});

const DATA: CouncilGraphData = {
  councils: COUNCILS,
  successions: [
    succession(WEST_DORSET, DORSET_COUNCIL),
    succession(EAST_DORSET, DORSET_COUNCIL),
    succession(DORSET_COUNTY, DORSET_COUNCIL),
    succession(TAUNTON_DEANE, SWT),
    succession(WEST_SOMERSET, SWT),
    succession(SWT, SOMERSET_COUNCIL),
    succession(MENDIP, SOMERSET_COUNCIL),
    succession(SOUTH_SOMERSET, SOMERSET_COUNCIL),
    succession(SOMERSET_COUNTY, SOMERSET_COUNCIL),
    succession(ALLERDALE, CUMBERLAND),
    succession(CARLISLE, CUMBERLAND),
    succession(COPELAND, CUMBERLAND),
    succession(CUMBRIA, CUMBERLAND),
    succession(BARROW, WESTMORLAND),
    succession(EDEN, WESTMORLAND),
    succession(SOUTH_LAKELAND, WESTMORLAND),
    succession(CUMBRIA, WESTMORLAND),
  ],
  neighbours: [
    neighbour(DORSET_COUNCIL, SOUTH_SOMERSET),
    neighbour(DORSET_COUNCIL, WILTSHIRE),
    neighbour(DORSET_COUNCIL, MENDIP, 'nearby'),
    neighbour(MENDIP, WILTSHIRE),
    neighbour(SOUTH_SOMERSET, WILTSHIRE),
    neighbour(ALLERDALE, NORTHUMBERLAND, 'nearby'),
    neighbour(ALLERDALE, DURHAM, 'nearby'),
    neighbour(CARLISLE, NORTHUMBERLAND),
    neighbour(EDEN, NORTHUMBERLAND),
    neighbour(EDEN, DURHAM),
    neighbour(SOUTH_LAKELAND, LANCASTER),
    neighbour(BARROW, WYRE, 'nearby'),
    neighbour(LANCASTER, WYRE),
    neighbour(LANCASTER, PRESTON, 'nearby'),
    neighbour(NORTHUMBERLAND, DURHAM),
    neighbour(CARLISLE, EDEN),
    neighbour(COPELAND, SOUTH_LAKELAND),
    neighbour(MENDIP, SOUTH_SOMERSET),
  ],
};
const GRAPH = new CouncilGraph(DATA);

const codes = (...councils: GraphCouncil[]) => councils.map((c) => c.gssCode).sort();
const sorted = (set: ReadonlySet<string>) => [...set].sort();

describe('council and name', () => {
  it('finds a council by its code', () => {
    expect(GRAPH.council(CUMBERLAND.gssCode)).toEqual(CUMBERLAND);
    expect(GRAPH.name(WESTMORLAND.gssCode)).toBe('Westmorland and Furness Council');
  });

  it('falls back to the code for a council not in the register', () => {
    expect(GRAPH.council('E06999999')).toBeUndefined();
    expect(GRAPH.name('E06999999')).toBe('E06999999');
  });
});

describe('lineage', () => {
  it.each<[string, GraphCouncil, GraphCouncil[]]>([
    [
      'Dorset Council: its districts and its county',
      DORSET_COUNCIL,
      [DORSET_COUNCIL, WEST_DORSET, EAST_DORSET, DORSET_COUNTY],
    ],
    ['West Dorset: itself and its successor', WEST_DORSET, [WEST_DORSET, DORSET_COUNCIL]],
    ['Dorset County: itself and its successor', DORSET_COUNTY, [DORSET_COUNTY, DORSET_COUNCIL]],
    [
      'Somerset Council: predecessors of its predecessors too',
      SOMERSET_COUNCIL,
      [SOMERSET_COUNCIL, SWT, TAUNTON_DEANE, WEST_SOMERSET, MENDIP, SOUTH_SOMERSET, SOMERSET_COUNTY],
    ],
    ['Taunton Deane: successors of its successors too', TAUNTON_DEANE, [TAUNTON_DEANE, SWT, SOMERSET_COUNCIL]],
    ['Somerset West and Taunton: both ways', SWT, [SWT, TAUNTON_DEANE, WEST_SOMERSET, SOMERSET_COUNCIL]],
    ['Cumberland, without Westmorland and Furness', CUMBERLAND, [CUMBERLAND, ALLERDALE, CARLISLE, COPELAND, CUMBRIA]],
    ['Westmorland and Furness, without Cumberland', WESTMORLAND, [WESTMORLAND, BARROW, EDEN, SOUTH_LAKELAND, CUMBRIA]],
    ['Cumbria: both its successors', CUMBRIA, [CUMBRIA, CUMBERLAND, WESTMORLAND]],
    ['Carlisle: its successor only', CARLISLE, [CARLISLE, CUMBERLAND]],
    ['a council with no reorganisation', WILTSHIRE, [WILTSHIRE]],
    ['a district with no reorganisation, not its county', LANCASTER, [LANCASTER]],
  ])('%s', (_label, of, expected) => {
    expect(sorted(GRAPH.lineage(of.gssCode))).toEqual(codes(...expected));
  });

  it('is the code alone for a council not in the register', () => {
    expect(sorted(GRAPH.lineage('E06999999'))).toEqual(['E06999999']);
  });

  it("is symmetric: B is in A's lineage exactly when A is in B's", () => {
    for (const a of COUNCILS) {
      for (const b of COUNCILS)
        expect(GRAPH.inLineage(a.gssCode, b.gssCode)).toBe(GRAPH.inLineage(b.gssCode, a.gssCode));
    }
  });

  it.each(
    (
      [
        [WEST_DORSET, DORSET_COUNCIL, true],
        [DORSET_COUNCIL, WEST_DORSET, true],
        [TAUNTON_DEANE, SOMERSET_COUNCIL, true],
        [SOMERSET_COUNCIL, TAUNTON_DEANE, true],
        [CUMBRIA, WESTMORLAND, true],
        [CUMBERLAND, WESTMORLAND, false],
        [CARLISLE, EDEN, false],
        [CARLISLE, CUMBRIA, false],
        [WEST_DORSET, EAST_DORSET, false],
        [WEST_DORSET, DORSET_COUNTY, false],
        [LANCASTER, LANCASHIRE, false],
        [DORSET_COUNCIL, WILTSHIRE, false],
      ] as Array<[GraphCouncil, GraphCouncil, boolean]>
    ).map(([a, b, expected]) => [a.name, b.name, expected, a, b] as const),
  )('%s in the lineage of %s: %s', (_a, _b, expected, a, b) => {
    expect(GRAPH.inLineage(a.gssCode, b.gssCode)).toBe(expected);
  });

  it('does not loop on a cycle of successions', () => {
    const a = council('E06000901', 'A', 'unitary');
    const b = council('E06000902', 'B', 'unitary');
    const graph = new CouncilGraph({
      councils: [a, b],
      successions: [succession(a, b), succession(b, a)],
      neighbours: [],
    });
    expect(sorted(graph.lineage(a.gssCode))).toEqual(codes(a, b));
  });
});

describe('area', () => {
  it.each<[string, GraphCouncil, GraphCouncil[]]>([
    [
      'a county: its lineage and all its districts',
      CUMBRIA,
      [CUMBRIA, CUMBERLAND, WESTMORLAND, ALLERDALE, BARROW, CARLISLE, COPELAND, EDEN, SOUTH_LAKELAND],
    ],
    [
      "a unitary: its lineage and its predecessor county's districts",
      DORSET_COUNCIL,
      [DORSET_COUNCIL, WEST_DORSET, EAST_DORSET, DORSET_COUNTY],
    ],
    ['a district: its lineage only', LANCASTER, [LANCASTER]],
    ['a county with no reorganisation', LANCASHIRE, [LANCASHIRE, LANCASTER, PRESTON, WYRE]],
  ])('%s', (_label, of, expected) => {
    expect(sorted(GRAPH.area(of.gssCode))).toEqual(codes(...expected));
  });
});

describe('areaRelation', () => {
  it.each<[string, GraphCouncil, GraphCouncil, 'shares_boundary' | 'nearby' | null]>([
    ['a direct boundary row', DORSET_COUNCIL, WILTSHIRE, 'shares_boundary'],
    ['a direct nearby row', DORSET_COUNCIL, MENDIP, 'nearby'],
    ['no row', DORSET_COUNCIL, LANCASTER, null],
    // A county's boundary neighbours are its districts' neighbours outside it.
    [
      "a county and its districts' neighbour (Carlisle, Eden and Northumberland)",
      CUMBRIA,
      NORTHUMBERLAND,
      'shares_boundary',
    ],
    [
      'a county and a district across its boundary (South Lakeland and Lancaster)',
      CUMBRIA,
      LANCASTER,
      'shares_boundary',
    ],
    ['two counties whose districts share a boundary', CUMBRIA, LANCASHIRE, 'shares_boundary'],
    ['a county and its own district', CUMBRIA, CARLISLE, null],
    ['a county and its own district, the other way round', LANCASHIRE, WYRE, null],
    // A unitary made by reorganisation has its predecessors' neighbours.
    ['Cumberland and Northumberland, through Carlisle', CUMBERLAND, NORTHUMBERLAND, 'shares_boundary'],
    ['Westmorland and Furness and Lancaster, through South Lakeland', WESTMORLAND, LANCASTER, 'shares_boundary'],
    [
      'Somerset Council and Wiltshire, through Mendip and South Somerset',
      SOMERSET_COUNCIL,
      WILTSHIRE,
      'shares_boundary',
    ],
    [
      'Somerset Council and Dorset Council, through South Somerset',
      SOMERSET_COUNCIL,
      DORSET_COUNCIL,
      'shares_boundary',
    ],
    ['a predecessor, nearby only (Allerdale and Northumberland)', ALLERDALE, NORTHUMBERLAND, 'nearby'],
    ['nearby through a predecessor (Westmorland and Furness and Wyre, through Barrow)', WESTMORLAND, WYRE, 'nearby'],
    ['a council and its predecessor', CUMBERLAND, CARLISLE, null],
    ['a council and its successor', WEST_DORSET, DORSET_COUNCIL, null],
    // Ground both cover (a shared predecessor county's districts) is left out; what remains still touches.
    [
      'Cumberland and Westmorland and Furness, both covering Cumbria (Carlisle and Eden, Copeland and South Lakeland)',
      CUMBERLAND,
      WESTMORLAND,
      'shares_boundary',
    ],
    ["Mendip and South Somerset, both in Somerset Council's area", MENDIP, SOUTH_SOMERSET, 'shares_boundary'],
  ])('%s', (_label, a, b, expected) => {
    expect(GRAPH.areaRelation(a.gssCode, b.gssCode)).toBe(expected);
    expect(GRAPH.areaRelation(b.gssCode, a.gssCode)).toBe(expected);
  });

  it('lets a boundary win over a nearby row for the same pair, in either order', () => {
    const rows = [neighbour(LANCASTER, WYRE, 'nearby'), neighbour(WYRE, LANCASTER, 'shares_boundary')];
    for (const neighbours of [rows, [...rows].reverse()]) {
      const graph = new CouncilGraph({ councils: [LANCASTER, WYRE], successions: [], neighbours });
      expect(graph.areaRelation(LANCASTER.gssCode, WYRE.gssCode)).toBe('shares_boundary');
    }
  });

  it('lets a boundary anywhere in the areas win over a nearby row elsewhere', () => {
    // Allerdale is only nearby Durham; Cumbria's area holds Eden, which shares a boundary with it.
    expect(GRAPH.areaRelation(ALLERDALE.gssCode, DURHAM.gssCode)).toBe('nearby');
    expect(GRAPH.areaRelation(CUMBRIA.gssCode, DURHAM.gssCode)).toBe('shares_boundary');
  });

  it('ignores a row from a council to itself', () => {
    const graph = new CouncilGraph({
      councils: [WILTSHIRE],
      successions: [],
      neighbours: [neighbour(WILTSHIRE, WILTSHIRE)],
    });
    expect(graph.areaRelation(WILTSHIRE.gssCode, WILTSHIRE.gssCode)).toBeNull();
  });
});

describe('countyArea and sharedCounty', () => {
  it.each<[string, GraphCouncil, GraphCouncil[]]>([
    ['a district: its county', LANCASTER, [LANCASHIRE]],
    ['a county: itself', LANCASHIRE, [LANCASHIRE]],
    ["a predecessor district: its county and that county's lineage", WEST_DORSET, [DORSET_COUNTY, DORSET_COUNCIL]],
    ['a unitary that succeeded a county: that county and its lineage', CUMBERLAND, [CUMBRIA, CUMBERLAND, WESTMORLAND]],
    ['a unitary with no county in its lineage', WILTSHIRE, []],
  ])('%s', (_label, of, expected) => {
    expect(sorted(GRAPH.countyArea(of.gssCode))).toEqual(codes(...expected));
  });

  it.each<[string, GraphCouncil, GraphCouncil, GraphCouncil | null]>([
    ['two districts of one county', LANCASTER, PRESTON, LANCASHIRE],
    ['a district and its county', LANCASTER, LANCASHIRE, LANCASHIRE],
    ['a district and its abolished county', MENDIP, SOMERSET_COUNTY, SOMERSET_COUNTY],
    ['two districts of an abolished county', MENDIP, SOUTH_SOMERSET, SOMERSET_COUNTY],
    ['two unitaries that succeeded one county', CUMBERLAND, WESTMORLAND, CUMBRIA],
    ['a council and its successor (the same lineage)', MENDIP, SOMERSET_COUNCIL, null],
    ['two districts of different counties', LANCASTER, SOUTH_LAKELAND, null],
    ['two unitaries with no county', WILTSHIRE, NORTHUMBERLAND, null],
  ])('%s', (_label, a, b, expected) => {
    expect(GRAPH.sharedCounty(a.gssCode, b.gssCode)).toBe(expected?.gssCode ?? null);
    expect(GRAPH.sharedCounty(b.gssCode, a.gssCode)).toBe(expected?.gssCode ?? null);
  });
});

describe('sharedCounty does not depend on the order of the rows', () => {
  it('gives the lowest code of the counties shared', () => {
    const c1 = council('E10000001', 'County One', 'county');
    const c2 = council('E10000002', 'County Two', 'county');
    const u = council('E06000901', 'Unitary U', 'unitary');
    const v = council('E06000902', 'Unitary V', 'unitary');
    const rows = [
      { predecessorGssCode: c1.gssCode, successorGssCode: u.gssCode },
      { predecessorGssCode: c2.gssCode, successorGssCode: u.gssCode },
      { predecessorGssCode: c1.gssCode, successorGssCode: v.gssCode },
      { predecessorGssCode: c2.gssCode, successorGssCode: v.gssCode },
    ];
    for (const successions of [rows, [...rows].reverse()]) {
      const graph = new CouncilGraph({ councils: [c1, c2, u, v], successions, neighbours: [] });
      expect(graph.sharedCounty(u.gssCode, v.gssCode)).toBe(c1.gssCode);
    }
  });
});

describe('version', () => {
  const shuffledData: CouncilGraphData = {
    councils: [...DATA.councils].reverse(),
    successions: [...DATA.successions].reverse(),
    neighbours: [...DATA.neighbours].reverse(),
  };

  it('is the same for the same rows in any order', () => {
    expect(new CouncilGraph(DATA).version).toBe(GRAPH.version);
    expect(new CouncilGraph(shuffledData).version).toBe(GRAPH.version);
    expect(GRAPH.version).toMatch(/^[0-9a-f]{16}$/);
  });

  const withCouncil = (code: string, change: Partial<GraphCouncil>): CouncilGraphData => ({
    ...DATA,
    councils: DATA.councils.map((c) => (c.gssCode === code ? { ...c, ...change } : c)),
  });

  it.each<[string, CouncilGraphData]>([
    ['a council renamed', withCouncil(CUMBERLAND.gssCode, { name: 'Cumberland' })],
    ['a council of another type', withCouncil(SWT.gssCode, { type: 'unitary' })],
    ['a district moved to another county', withCouncil(LANCASTER.gssCode, { countyGssCode: CUMBRIA.gssCode })],
    ['a combined authority joined', withCouncil(DURHAM.gssCode, { combinedAuthorityGssCode: 'E47000011' })],
    [
      'a council added',
      { ...DATA, councils: [...DATA.councils, council('E06000065', 'North Yorkshire Council', 'unitary')] },
    ],
    ['a council removed', { ...DATA, councils: DATA.councils.filter((c) => c !== WYRE) }],
    ['a succession added', { ...DATA, successions: [...DATA.successions, succession(LANCASTER, LANCASHIRE)] }],
    ['a succession removed', { ...DATA, successions: DATA.successions.slice(1) }],
    [
      'a succession reversed',
      {
        ...DATA,
        successions: DATA.successions.map((s, i) =>
          i === 0 ? { predecessorGssCode: s.successorGssCode, successorGssCode: s.predecessorGssCode } : s,
        ),
      },
    ],
    ['a neighbour row added', { ...DATA, neighbours: [...DATA.neighbours, neighbour(WILTSHIRE, MENDIP, 'nearby')] }],
    [
      'a neighbour row changed from boundary to nearby',
      {
        ...DATA,
        neighbours: DATA.neighbours.map((n, i) => (i === 0 ? { ...n, relation: 'nearby' as const } : n)),
      },
    ],
  ])('changes with %s', (_label, changed) => {
    expect(new CouncilGraph(changed).version).not.toBe(GRAPH.version);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties over generated registers: random councils and types, districts in random counties, successions from a
// lower index to a higher one (a DAG, with merges and splits), random neighbour rows.
// ---------------------------------------------------------------------------------------------------------------

const TYPES = ['county', 'district', 'unitary', 'metropolitan_district'] as const;
const codeOf = (index: number) => `E0${String(index).padStart(7, '0')}`;

const register: fc.Arbitrary<CouncilGraphData> = fc.integer({ min: 2, max: 10 }).chain((n) => {
  const index = fc.nat(n - 1);
  const perCouncil = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: n, maxLength: n });
  return fc
    .record({
      types: perCouncil(fc.constantFrom(...TYPES)),
      counties: perCouncil(fc.option(index, { nil: null })),
      successions: fc.uniqueArray(
        fc
          .tuple(index, index)
          .filter(([a, b]) => a !== b)
          .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const),
        { selector: ([a, b]) => `${a}>${b}`, maxLength: 2 * n },
      ),
      neighbours: fc.array(
        fc.tuple(index, index, fc.constantFrom<'shares_boundary' | 'nearby'>('shares_boundary', 'nearby')),
        { maxLength: 3 * n },
      ),
    })
    .map(({ types, counties, successions, neighbours }) => ({
      councils: types.map((type, i): GraphCouncil => {
        const county = counties[i];
        const inCounty = type === 'district' && county !== null && county !== i && types[county] === 'county';
        return council(codeOf(i), `Council ${i}`, type, inCounty ? codeOf(county) : null);
      }),
      successions: successions.map(([a, b]) => ({ predecessorGssCode: codeOf(a), successorGssCode: codeOf(b) })),
      neighbours: neighbours.map(([a, b, relation]) => ({ gssCode: codeOf(a), neighbourGssCode: codeOf(b), relation })),
    }));
});
const codesOf = (data: CouncilGraphData) => data.councils.map((c) => c.gssCode);

/** Reachability by repeated relaxation: an independent oracle for the lineage. */
function reachable(data: CouncilGraphData): Map<string, Set<string>> {
  const forward = new Map(codesOf(data).map((code) => [code, new Set<string>()]));
  for (const { predecessorGssCode, successorGssCode } of data.successions)
    forward.get(predecessorGssCode)!.add(successorGssCode);
  let changed = true;
  while (changed) {
    changed = false;
    for (const [, targets] of forward) {
      for (const target of [...targets]) {
        for (const further of forward.get(target) ?? []) {
          if (!targets.has(further)) {
            targets.add(further);
            changed = true;
          }
        }
      }
    }
  }
  return forward;
}

describe('properties over generated registers', () => {
  it('a lineage is the council, everything it came from and everything it became', () => {
    fc.assert(
      fc.property(register, (data) => {
        const graph = new CouncilGraph(data);
        const forward = reachable(data);
        for (const a of codesOf(data)) {
          const expected = codesOf(data).filter((b) => b === a || forward.get(a)!.has(b) || forward.get(b)!.has(a));
          expect(sorted(graph.lineage(a))).toEqual(expected.sort());
        }
      }),
    );
  });

  it('lineage, area relation and shared county are symmetric', () => {
    fc.assert(
      fc.property(register, (data) => {
        const graph = new CouncilGraph(data);
        for (const a of codesOf(data)) {
          for (const b of codesOf(data)) {
            expect(graph.inLineage(a, b)).toBe(graph.inLineage(b, a));
            expect(graph.areaRelation(a, b)).toBe(graph.areaRelation(b, a));
            expect(graph.sharedCounty(a, b) === null).toBe(graph.sharedCounty(b, a) === null);
          }
        }
      }),
    );
  });

  it("a succession chain puts each end in the other's lineage", () => {
    fc.assert(
      fc.property(register, (data) => {
        const graph = new CouncilGraph(data);
        const successors = new Map<string, string[]>();
        for (const s of data.successions)
          successors.set(s.predecessorGssCode, [...(successors.get(s.predecessorGssCode) ?? []), s.successorGssCode]);
        for (const a of codesOf(data)) {
          for (const b of successors.get(a) ?? []) {
            for (const c of successors.get(b) ?? []) {
              expect(graph.inLineage(a, c)).toBe(true);
              expect(graph.inLineage(c, a)).toBe(true);
            }
          }
        }
      }),
    );
  });

  it('an area holds the lineage; councils of one lineage, or one covering the other, have no area relation', () => {
    fc.assert(
      fc.property(register, (data) => {
        const graph = new CouncilGraph(data);
        for (const a of codesOf(data)) {
          for (const code of graph.lineage(a)) expect(graph.area(a).has(code)).toBe(true);
          for (const b of codesOf(data)) {
            const covers = [...graph.area(b)].every((code) => graph.area(a).has(code));
            if (graph.inLineage(a, b) || covers) expect(graph.areaRelation(a, b)).toBeNull();
            if (graph.inLineage(a, b)) expect(graph.sharedCounty(a, b)).toBeNull();
          }
        }
      }),
    );
  });

  it('a boundary row between two councils makes boundary neighbours of any councils of their two lineages', () => {
    fc.assert(
      fc.property(register, (data) => {
        const graph = new CouncilGraph(data);
        for (const { gssCode: a, neighbourGssCode: b, relation } of data.neighbours) {
          if (relation !== 'shares_boundary' || a === b) continue;
          for (const laterA of graph.lineage(a)) {
            for (const laterB of graph.lineage(b)) {
              const overlap = [...graph.area(laterA)].some((code) => graph.area(laterB).has(code));
              if (!overlap && !graph.inLineage(laterA, laterB)) {
                expect(graph.areaRelation(laterA, laterB)).toBe('shares_boundary');
              }
            }
          }
        }
      }),
    );
  });

  it('a shared county is a county in the county area of both', () => {
    fc.assert(
      fc.property(register, (data) => {
        const graph = new CouncilGraph(data);
        for (const a of codesOf(data)) {
          for (const b of codesOf(data)) {
            const county = graph.sharedCounty(a, b);
            if (county === null) continue;
            expect(graph.council(county)?.type).toBe('county');
            expect(graph.countyArea(a).has(county)).toBe(true);
            expect(graph.countyArea(b).has(county)).toBe(true);
          }
        }
      }),
    );
  });

  it('the version does not depend on the order of the rows, and changes with any added row', () => {
    const shuffled = register.chain((data) =>
      fc.record({
        data: fc.constant(data),
        councils: fc.shuffledSubarray(data.councils, { minLength: data.councils.length }),
        successions: fc.shuffledSubarray(data.successions, { minLength: data.successions.length }),
        neighbours: fc.shuffledSubarray(data.neighbours, { minLength: data.neighbours.length }),
        row: fc.constantFrom('council', 'succession', 'neighbour'),
      }),
    );
    fc.assert(
      fc.property(shuffled, ({ data, councils, successions, neighbours, row }) => {
        const version = new CouncilGraph(data).version;
        expect(new CouncilGraph({ councils, successions, neighbours }).version).toBe(version);
        const [first] = codesOf(data);
        const added: CouncilGraphData =
          row === 'council'
            ? { ...data, councils: [...data.councils, council('E06999999', 'New', 'unitary')] }
            : row === 'succession'
              ? {
                  ...data,
                  successions: [...data.successions, { predecessorGssCode: 'E06999999', successorGssCode: first }],
                }
              : {
                  ...data,
                  neighbours: [...data.neighbours, { gssCode: first, neighbourGssCode: first, relation: 'nearby' }],
                };
        expect(new CouncilGraph(added).version).not.toBe(version);
      }),
    );
  });
});
