import fc from 'fast-check';
import { CouncilGraph, type CouncilGraphData, type GraphCouncil } from '#libs/councils';
import {
  checkFingerprint,
  checkPeer,
  compareFindings,
  DEALING_KINDS,
  DEFAULT_RULES_CONFIG,
  LEAD_ROLES,
  lookBackStart,
  TEAM_ROLES,
  teamWarnings,
  type Arrangement,
  type Booking,
  type CaseType,
  type ChallengeFacts,
  type Dealing,
  type DealingKind,
  type Finding,
  type PeerCheckInput,
  type PeerKind,
  type PeerProfile,
  type PeerRole,
  type TeamRole,
} from './conflict-rules.js';

// ---------------------------------------------------------------------------------------------------------------
// Fixtures: real councils from data/councils/*.csv (codes, names, counties, combined authorities, successions and
// neighbour rows), with the reorganisations of Dorset (2019), Somerset (2019 and 2023) and Cumbria (2023).
// ---------------------------------------------------------------------------------------------------------------

const ON = '2023-06-15';
const LOOK_BACK_START = '2018-06-15';
const DAY_INSIDE = '2018-06-16';
const DAY_OUTSIDE = '2018-06-14';
const VISIT = { onsiteStart: '2023-09-11', onsiteEnd: '2023-09-14' };

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
const CHRISTCHURCH = council('E07000048', 'Christchurch Borough Council', 'district', DORSET_COUNTY.gssCode);
const BOURNEMOUTH = council('E06000028', 'Bournemouth Borough Council', 'unitary');
const DORSET_COUNCIL = council('E06000059', 'Dorset Council', 'unitary');
const BCP = council('E06000058', 'Bournemouth, Christchurch and Poole Council', 'unitary');

const SOMERSET_COUNTY = council('E10000027', 'Somerset County Council', 'county');
const MENDIP = council('E07000187', 'Mendip District Council', 'district', SOMERSET_COUNTY.gssCode);
const SOUTH_SOMERSET = council('E07000189', 'South Somerset District Council', 'district', SOMERSET_COUNTY.gssCode);
const TAUNTON_DEANE = council('E07000190', 'Taunton Deane Borough Council', 'district', SOMERSET_COUNTY.gssCode);
const SWT = council('E07000246', 'Somerset West and Taunton Council', 'district', SOMERSET_COUNTY.gssCode);
const SOMERSET_COUNCIL = council('E06000066', 'Somerset Council', 'unitary');
const WILTSHIRE = council('E06000054', 'Wiltshire Council', 'unitary');

const CUMBRIA = council('E10000006', 'Cumbria County Council', 'county');
const ALLERDALE = council('E07000026', 'Allerdale Borough Council', 'district', CUMBRIA.gssCode);
const CARLISLE = council('E07000028', 'Carlisle City Council', 'district', CUMBRIA.gssCode);
const EDEN = council('E07000030', 'Eden District Council', 'district', CUMBRIA.gssCode);
const SOUTH_LAKELAND = council('E07000031', 'South Lakeland District Council', 'district', CUMBRIA.gssCode);
const CUMBERLAND = council('E06000063', 'Cumberland Council', 'unitary');
const WESTMORLAND = council('E06000064', 'Westmorland and Furness Council', 'unitary');

const NORTH_OF_TYNE = 'E47000011';
const NORTHUMBERLAND = council('E06000057', 'Northumberland County Council', 'unitary', null, NORTH_OF_TYNE);
const NEWCASTLE = council('E08000021', 'Newcastle City Council', 'metropolitan_district', null, NORTH_OF_TYNE);
const NORTH_TYNESIDE = council('E08000022', 'North Tyneside Council', 'metropolitan_district', null, NORTH_OF_TYNE);

const LANCASHIRE = council('E10000017', 'Lancashire County Council', 'county');
const LANCASTER = council('E07000121', 'Lancaster City Council', 'district', LANCASHIRE.gssCode);
const PRESTON = council('E07000123', 'Preston City Council', 'district', LANCASHIRE.gssCode);
const WYRE = council('E07000128', 'Wyre Borough Council', 'district', LANCASHIRE.gssCode);

const COUNCILS = [
  DORSET_COUNTY,
  WEST_DORSET,
  EAST_DORSET,
  CHRISTCHURCH,
  BOURNEMOUTH,
  DORSET_COUNCIL,
  BCP,
  SOMERSET_COUNTY,
  MENDIP,
  SOUTH_SOMERSET,
  TAUNTON_DEANE,
  SWT,
  SOMERSET_COUNCIL,
  WILTSHIRE,
  CUMBRIA,
  ALLERDALE,
  CARLISLE,
  EDEN,
  SOUTH_LAKELAND,
  CUMBERLAND,
  WESTMORLAND,
  NORTHUMBERLAND,
  NEWCASTLE,
  NORTH_TYNESIDE,
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

const REGISTER: CouncilGraphData = {
  councils: COUNCILS,
  successions: [
    succession(WEST_DORSET, DORSET_COUNCIL),
    succession(EAST_DORSET, DORSET_COUNCIL),
    succession(DORSET_COUNTY, DORSET_COUNCIL),
    succession(CHRISTCHURCH, BCP),
    succession(BOURNEMOUTH, BCP),
    succession(TAUNTON_DEANE, SWT),
    succession(SWT, SOMERSET_COUNCIL),
    succession(MENDIP, SOMERSET_COUNCIL),
    succession(SOUTH_SOMERSET, SOMERSET_COUNCIL),
    succession(SOMERSET_COUNTY, SOMERSET_COUNCIL),
    succession(ALLERDALE, CUMBERLAND),
    succession(CARLISLE, CUMBERLAND),
    succession(CUMBRIA, CUMBERLAND),
    succession(EDEN, WESTMORLAND),
    succession(SOUTH_LAKELAND, WESTMORLAND),
    succession(CUMBRIA, WESTMORLAND),
  ],
  neighbours: [
    neighbour(DORSET_COUNCIL, SOUTH_SOMERSET),
    neighbour(DORSET_COUNCIL, BCP),
    neighbour(DORSET_COUNCIL, WILTSHIRE),
    neighbour(DORSET_COUNCIL, MENDIP, 'nearby'),
    neighbour(MENDIP, SOUTH_SOMERSET),
    neighbour(MENDIP, WILTSHIRE),
    neighbour(SOUTH_SOMERSET, WILTSHIRE),
    neighbour(SOUTH_SOMERSET, SWT),
    neighbour(ALLERDALE, CARLISLE),
    neighbour(ALLERDALE, EDEN),
    neighbour(ALLERDALE, NORTHUMBERLAND, 'nearby'),
    neighbour(CARLISLE, NORTHUMBERLAND),
    neighbour(EDEN, NORTHUMBERLAND),
    neighbour(EDEN, SOUTH_LAKELAND),
    neighbour(SOUTH_LAKELAND, LANCASTER),
    neighbour(LANCASTER, WYRE),
    neighbour(LANCASTER, PRESTON, 'nearby'),
    neighbour(NORTHUMBERLAND, NEWCASTLE),
    neighbour(NEWCASTLE, NORTH_TYNESIDE),
  ],
};
const GRAPH = new CouncilGraph(REGISTER);

const FACTS: ChallengeFacts = {
  graph: GRAPH,
  hostGssCode: DORSET_COUNCIL.gssCode,
  arrangements: [],
  firstCpc: true,
  caseType: 'corporate_peer_challenge',
  visit: VISIT,
  on: ON,
  config: DEFAULT_RULES_CONFIG,
};

const peer = (overrides: Partial<PeerProfile> = {}): PeerProfile => ({
  id: 'peer-1',
  name: 'Jane Smith',
  kind: 'officer',
  role: 'chief_executive',
  homeCouncilGssCode: LANCASTER.gssCode,
  expertise: [],
  trainedOn: '2022-01-10',
  dealings: [],
  previousChallengesOfHost: [],
  ...overrides,
});

const dealingWith = (
  with_: GraphCouncil,
  kind: DealingKind,
  from: string,
  to: string | null,
  extra: { id?: string; note?: string } = {},
): Dealing => ({
  id: extra.id ?? 'dealing-1',
  councilGssCode: with_.gssCode,
  councilName: with_.name,
  kind,
  from,
  to,
  ...(extra.note === undefined ? {} : { note: extra.note }),
});

const atHost = (kind: DealingKind, from: string, to: string | null, extra: { id?: string; note?: string } = {}) =>
  dealingWith(DORSET_COUNCIL, kind, from, to, extra);

const arrangementBetween = (
  a: GraphCouncil,
  b: GraphCouncil,
  kind: Arrangement['kind'],
  from: string,
  to: string | null,
  id = 'arrangement-1',
): Arrangement => ({ id, councilGssCode: a.gssCode, otherGssCode: b.gssCode, kind, from, to });

const booking = (caseId: string, onsiteStart: string, onsiteEnd: string, councilName = WILTSHIRE.name): Booking => ({
  caseId,
  councilName,
  onsiteStart,
  onsiteEnd,
});

interface CheckOptions extends Partial<Omit<PeerCheckInput, 'peer' | 'hostGssCode'>> {
  host?: GraphCouncil;
  home?: GraphCouncil | null;
  dealings?: Dealing[];
  peer?: Partial<PeerProfile>;
}

const inputFor = ({
  host = DORSET_COUNCIL,
  home = LANCASTER,
  dealings = [],
  peer: p = {},
  ...rest
}: CheckOptions = {}): PeerCheckInput => ({
  ...FACTS,
  hostGssCode: host.gssCode,
  peer: peer({ dealings, homeCouncilGssCode: home?.gssCode ?? null, ...p }),
  role: 'lead_officer_peer',
  bookings: [],
  ...rest,
});

const check = (options: CheckOptions = {}) => checkPeer(inputFor(options));

const summary = (findings: Finding[]) => findings.map(({ rule, severity }) => `${rule}:${severity}`);
const rulesOf = (findings: Finding[], rule: string) => summary(findings.filter((f) => f.rule === rule));
const notes = (information: Array<{ rule: string }>) => information.map(({ rule }) => rule);
const OTHER_ROLES = TEAM_ROLES.filter((role) => !LEAD_ROLES.includes(role));
const ruleOf = (kind: DealingKind) =>
  kind === 'shared_service' || kind === 'shared_management' ? 'shared_arrangement' : kind;

// ---------------------------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------------------------

describe('lookBackStart', () => {
  it.each([
    ['2025-06-15', 5, '2020-06-15'],
    ['2023-06-15', 5, '2018-06-15'],
    ['2025-01-01', 5, '2020-01-01'],
    ['2025-12-31', 1, '2024-12-31'],
    ['2024-02-29', 5, '2019-02-28'],
    ['2024-02-29', 4, '2020-02-29'],
    ['2024-02-29', 100, '1924-02-29'],
    ['2100-02-28', 4, '2096-02-28'],
    ['2025-06-15', 0, '2025-06-15'],
  ])('%s minus %i years is %s', (on, years, expected) => {
    expect(lookBackStart(on, years)).toBe(expected);
  });

  it.each(['15/06/2025', '2025-6-15', ''])('refuses the malformed date %p', (on) => {
    expect(() => lookBackStart(on, 5)).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Dealings with the host (and its lineage)
// ---------------------------------------------------------------------------------------------------------------

describe.each(DEALING_KINDS)('a %s dealing with the host', (kind) => {
  const rule = ruleOf(kind);
  const membership = kind === 'employment' || kind === 'elected_member';

  it.each<[string, string, string | null, TeamRole, boolean, 'hard' | 'soft']>([
    ['current, open-ended, first CPC', '2018-01-01', null, 'lead_officer_peer', true, 'hard'],
    ['current, open-ended, later CPC', '2018-01-01', null, 'lead_member_peer', false, 'hard'],
    ['current until a future date, later CPC', '2019-04-01', '2026-03-31', 'lead_member_peer', false, 'hard'],
    ['ending on the check date, later CPC', '2019-04-01', ON, 'lead_officer_peer', false, 'hard'],
    ['planned, starting after the check date, later CPC', '2023-09-01', null, 'lead_officer_peer', false, 'hard'],
    ['planned with an end date, first CPC', '2023-09-01', '2024-03-31', 'lead_member_peer', true, 'hard'],
    ['ended within the look-back, first CPC', '2015-04-01', '2021-03-31', 'lead_officer_peer', true, 'hard'],
    ['ended within the look-back, later CPC', '2015-04-01', '2021-03-31', 'lead_officer_peer', false, 'hard'],
    ['ended within the look-back, later CPC', '2015-04-01', '2021-03-31', 'lead_member_peer', false, 'hard'],
    ['ended a day inside the look-back, later CPC', '2015-04-01', DAY_INSIDE, 'lead_officer_peer', false, 'hard'],
    ['ended on the boundary day, first CPC', '2015-04-01', LOOK_BACK_START, 'lead_officer_peer', true, 'hard'],
    ['ended a day outside the look-back, first CPC', '2015-04-01', DAY_OUTSIDE, 'lead_officer_peer', true, 'soft'],
    ['ended a day outside the look-back, later CPC', '2015-04-01', DAY_OUTSIDE, 'lead_member_peer', false, 'soft'],
    ['ended long before the look-back, first CPC', '1990-01-01', '1999-12-31', 'lead_member_peer', true, 'soft'],
  ])('%s (%s to %s) as %s, first CPC %s: %s', (_label, from, to, role, firstCpc, severity) => {
    const { findings } = check({ dealings: [atHost(kind, from, to)], role, firstCpc });
    expect(summary(findings)).toEqual([`${rule}:${severity}`]);
  });

  // For a non-lead peer only current (or planned) employment or elected office is hard: it makes them part of the
  // council. The third column is the severity for employment and elected office, the fourth for any other kind.
  it.each(
    OTHER_ROLES.flatMap((role) =>
      (
        [
          ['current, open-ended', '2018-01-01', null, 'hard', 'soft'],
          ['current until a future date', '2019-04-01', '2026-03-31', 'hard', 'soft'],
          ['ending on the check date', '2019-04-01', ON, 'hard', 'soft'],
          ['planned, starting after the check date', '2023-09-01', null, 'hard', 'soft'],
          ['ended the day before the check date', '2019-04-01', '2023-06-14', 'soft', 'soft'],
          ['ended on the boundary day', '2015-04-01', LOOK_BACK_START, 'soft', 'soft'],
          ['ended before the look-back', '1990-01-01', '1999-12-31', 'soft', 'soft'],
        ] as const
      ).flatMap(([label, from, to, ifMembership, otherwise]) =>
        [true, false].map(
          (firstCpc) => [label, from, to, role, firstCpc, membership ? ifMembership : otherwise] as const,
        ),
      ),
    ),
  )('%s (%s to %s) as %s, first CPC %s: %s', (_label, from, to, role, firstCpc, severity) => {
    const { findings } = check({ dealings: [atHost(kind, from, to)], role, firstCpc });
    expect(summary(findings)).toEqual([`${rule}:${severity}`]);
  });

  it.each(TEAM_ROLES)('a dealing from decades ago still yields one soft finding for a %s', (role) => {
    for (const firstCpc of [true, false]) {
      const { findings } = check({ dealings: [atHost(kind, '1980-01-01', '1981-01-01')], role, firstCpc });
      expect(summary(findings)).toEqual([`${rule}:soft`]);
    }
  });
});

describe('29 February', () => {
  it.each<[string, 'hard' | 'soft']>([
    ['2019-03-01', 'hard'],
    ['2019-02-28', 'hard'],
    ['2019-02-27', 'soft'],
  ])('checked on 2024-02-29, employment ending %s is %s for a lead peer', (to, severity) => {
    const { findings } = check({ on: '2024-02-29', dealings: [atHost('employment', '2010-01-01', to)] });
    expect(summary(findings)).toEqual([`employment:${severity}`]);
  });

  it('keeps 29 February when the look-back lands on a leap year', () => {
    const config = { ...DEFAULT_RULES_CONFIG, lookBackYears: 4 };
    const ending = (to: string) =>
      summary(check({ on: '2024-02-29', config, dealings: [atHost('employment', '2010-01-01', to)] }).findings);
    expect(ending('2020-02-29')).toEqual(['employment:hard']);
    expect(ending('2020-02-28')).toEqual(['employment:soft']);
  });
});

describe('the look-back setting', () => {
  it('a one-year look-back makes consultancy that ended two years ago soft for a lead peer', () => {
    const config = { ...DEFAULT_RULES_CONFIG, lookBackYears: 1 };
    const dealings = [atHost('consultancy', '2020-01-01', '2021-06-15')];
    expect(summary(check({ config, dealings }).findings)).toEqual(['consultancy:soft']);
    expect(summary(check({ dealings }).findings)).toEqual(['consultancy:hard']);
  });

  it('a ten-year look-back makes employment that ended eight years ago hard for a lead peer', () => {
    const config = { ...DEFAULT_RULES_CONFIG, lookBackYears: 10 };
    const dealings = [atHost('employment', '2009-01-01', '2015-06-30')];
    expect(summary(check({ config, dealings }).findings)).toEqual(['employment:hard']);
    expect(summary(check({ dealings }).findings)).toEqual(['employment:soft']);
  });
});

describe("dealings with councils of the host's lineage", () => {
  it("a lead peer who worked at West Dorset within the look-back cannot lead Dorset Council's challenge", () => {
    const { findings } = check({ dealings: [dealingWith(WEST_DORSET, 'employment', '2012-04-01', '2019-03-31')] });
    expect(findings).toEqual([
      expect.objectContaining({
        id: 'employment:peer-1:dealing-1',
        severity: 'hard',
        rule: 'employment',
        detail:
          'Jane Smith was employed by West Dorset District Council (a predecessor or successor of Dorset Council) ' +
          'from 2012-04-01 to 2019-03-31, within the 5-year look-back, so cannot be the lead officer peer for ' +
          "Dorset Council's first corporate peer challenge.",
      }),
    ]);
  });

  it.each<[string, GraphCouncil, GraphCouncil]>([
    ['a predecessor district', DORSET_COUNCIL, WEST_DORSET],
    ['a predecessor county', DORSET_COUNCIL, DORSET_COUNTY],
    ['the successor unitary', WEST_DORSET, DORSET_COUNCIL],
    ["a predecessor's predecessor", SOMERSET_COUNCIL, TAUNTON_DEANE],
    ["a successor's successor", TAUNTON_DEANE, SOMERSET_COUNCIL],
    ['the county both unitaries succeed (Cumberland)', CUMBERLAND, CUMBRIA],
    ['the county both unitaries succeed (Westmorland and Furness)', WESTMORLAND, CUMBRIA],
    ['one of the two successors of a county', CUMBRIA, CUMBERLAND],
  ])('%s counts as the host itself would', (_label, host, dealtWith) => {
    for (const role of TEAM_ROLES) {
      for (const [from, to] of [
        ['2010-01-01', null],
        ['2010-01-01', '2019-03-31'],
        ['1990-01-01', '1995-01-01'],
      ] as const) {
        for (const kind of DEALING_KINDS) {
          const atLineage = check({ host, role, home: null, dealings: [dealingWith(dealtWith, kind, from, to)] });
          const atItself = check({ host, role, home: null, dealings: [dealingWith(host, kind, from, to)] });
          expect(summary(atLineage.findings)).toEqual(summary(atItself.findings));
          expect(atLineage.findings.map((f) => f.id)).toEqual(atItself.findings.map((f) => f.id));
        }
      }
    }
  });

  it.each<[string, GraphCouncil, GraphCouncil]>([
    ['a neighbour', DORSET_COUNCIL, WILTSHIRE],
    ["a neighbour's predecessor", DORSET_COUNCIL, SOUTH_SOMERSET],
    ['a council in the same county area', LANCASTER, PRESTON],
    ['a council sharing only a predecessor (Cumberland and Westmorland and Furness)', CUMBERLAND, WESTMORLAND],
    ["a district of the host's predecessor county, not itself in the lineage", CUMBERLAND, EDEN],
    ['another predecessor of the same successor (West and East Dorset)', WEST_DORSET, EAST_DORSET],
    ['the county of a district, which is not in its lineage', WEST_DORSET, DORSET_COUNTY],
  ])('a current dealing with %s is not a dealing finding', (_label, host, dealtWith) => {
    for (const kind of DEALING_KINDS) {
      for (const role of TEAM_ROLES) {
        const { findings } = check({
          host,
          role,
          home: null,
          dealings: [dealingWith(dealtWith, kind, '2018-01-01', null)],
        });
        expect(findings).toEqual([]);
      }
    }
  });

  it('names the successor in the sentence when the host is the older council', () => {
    const { findings } = check({
      host: WEST_DORSET,
      on: '2018-09-01',
      dealings: [dealingWith(DORSET_COUNCIL, 'employment', '2019-04-01', null)],
    });
    expect(findings.map((f) => f.detail)).toEqual([
      'Jane Smith is to be employed by Dorset Council (a predecessor or successor of West Dorset District Council) ' +
        'from 2019-04-01, so cannot be the lead officer peer for ' +
        "West Dorset District Council's first corporate peer challenge.",
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// The peer's home council
// ---------------------------------------------------------------------------------------------------------------

describe('own council', () => {
  it.each<[string, GraphCouncil, GraphCouncil]>([
    ['the host itself', DORSET_COUNCIL, DORSET_COUNCIL],
    ['a predecessor of the host (a record not updated since 2019)', DORSET_COUNCIL, WEST_DORSET],
    ["the host's predecessor county", DORSET_COUNCIL, DORSET_COUNTY],
    ["the host's successor (a Somerset peer on a 2022 challenge of Somerset West and Taunton)", SWT, SOMERSET_COUNCIL],
    ["a predecessor's predecessor (Taunton Deane, for Somerset Council)", SOMERSET_COUNCIL, TAUNTON_DEANE],
    ['a successor of the host county', CUMBRIA, WESTMORLAND],
  ])('a peer whose home council is %s cannot serve in any role', (_label, host, home) => {
    for (const role of TEAM_ROLES) {
      for (const firstCpc of [true, false]) {
        const result = check({ host, home, role, firstCpc });
        expect(result.findings).toEqual([
          expect.objectContaining({ id: `own_council:peer-1:${home.gssCode}`, rule: 'own_council', severity: 'hard' }),
        ]);
        expect(result.information).toEqual([]);
      }
    }
  });

  it('does not hold between councils that only share a predecessor (Cumberland and Westmorland and Furness)', () => {
    for (const role of TEAM_ROLES) {
      const { findings } = check({ host: CUMBERLAND, home: WESTMORLAND, role });
      expect(findings.map((f) => f.rule)).not.toContain('own_council');
      expect(findings.every((f) => f.severity === 'soft')).toBe(true);
    }
  });

  it.each<[string, GraphCouncil, GraphCouncil, string]>([
    [
      'the host itself',
      DORSET_COUNCIL,
      DORSET_COUNCIL,
      "Jane Smith's own council is Dorset Council, the host council, so Jane Smith cannot serve on its peer team in " +
        'any role.',
    ],
    [
      'a predecessor',
      DORSET_COUNCIL,
      WEST_DORSET,
      "Jane Smith's own council is West Dorset District Council (a predecessor or successor of Dorset Council), so " +
        'Jane Smith cannot serve on its peer team in any role.',
    ],
    [
      'a successor',
      SWT,
      SOMERSET_COUNCIL,
      "Jane Smith's own council is Somerset Council (a predecessor or successor of Somerset West and Taunton " +
        'Council), so Jane Smith cannot serve on its peer team in any role.',
    ],
  ])('says so in a sentence naming %s', (_label, host, home, detail) => {
    expect(check({ host, home, role: 'member_peer' }).findings.map((f) => f.detail)).toEqual([detail]);
  });

  it('replaces the neighbour, county and type relations but not the dealings or a double booking', () => {
    const { findings } = check({
      host: SOMERSET_COUNCIL,
      home: MENDIP,
      role: 'officer_peer',
      visit: VISIT,
      bookings: [booking('case-9', '2023-09-13', '2023-09-15')],
      dealings: [dealingWith(MENDIP, 'employment', '2015-01-01', null)],
    });
    expect(summary(findings)).toEqual(['own_council:hard', 'double_booked:hard', 'employment:hard']);
  });
});

describe('shared management or services between the two lineages', () => {
  const withArrangement = (kind: Arrangement['kind'], from: string, to: string | null, other = WILTSHIRE) => [
    arrangementBetween(DORSET_COUNCIL, other, kind, from, to),
  ];

  it.each<[string, Arrangement['kind'], string, string | null, TeamRole, boolean, 'hard' | 'soft']>([
    ['current', 'shared_management', '2019-04-01', null, 'lead_officer_peer', true, 'hard'],
    ['current, later CPC', 'shared_services', '2019-04-01', null, 'lead_member_peer', false, 'hard'],
    ['planned, later CPC', 'shared_services', '2024-04-01', null, 'lead_officer_peer', false, 'hard'],
    ['ended within, first CPC', 'shared_management', '2012-04-01', '2022-03-31', 'lead_officer_peer', true, 'hard'],
    ['ended within, later CPC', 'shared_management', '2012-04-01', '2022-03-31', 'lead_member_peer', false, 'hard'],
    [
      'ended on the boundary day',
      'shared_management',
      '2012-04-01',
      LOOK_BACK_START,
      'lead_officer_peer',
      true,
      'hard',
    ],
    ['ended a day outside', 'shared_management', '2012-04-01', DAY_OUTSIDE, 'lead_officer_peer', true, 'soft'],
    ['ended long ago', 'shared_services', '2001-04-01', '2009-03-31', 'lead_member_peer', true, 'soft'],
    ...OTHER_ROLES.flatMap(
      (role): Array<[string, Arrangement['kind'], string, string | null, TeamRole, boolean, 'soft']> => [
        ['current', 'shared_management', '2019-04-01', null, role, true, 'soft'],
        ['ended on the boundary day', 'shared_services', '2012-04-01', LOOK_BACK_START, role, true, 'soft'],
        ['ended long ago', 'shared_services', '2001-04-01', '2009-03-31', role, false, 'soft'],
      ],
    ),
  ])(
    'a %s %s arrangement (%s to %s) for a %s, first CPC %s: %s',
    (_label, kind, from, to, role, firstCpc, severity) => {
      const arrangements = withArrangement(kind, from, to);
      const { findings } = check({ home: WILTSHIRE, arrangements, role, firstCpc });
      expect(rulesOf(findings, 'shared_arrangement')).toEqual([`shared_arrangement:${severity}`]);
      const reversed = arrangements.map((a) => ({
        ...a,
        councilGssCode: a.otherGssCode,
        otherGssCode: a.councilGssCode,
      }));
      const other = check({ home: WILTSHIRE, arrangements: reversed, role, firstCpc });
      expect(other.findings).toEqual(findings);
    },
  );

  it("ignores arrangements with councils outside the home council's lineage", () => {
    const arrangements = withArrangement('shared_management', '2019-04-01', null, MENDIP);
    for (const home of [WILTSHIRE, SOUTH_SOMERSET, LANCASTER, null]) {
      expect(rulesOf(check({ home, arrangements }).findings, 'shared_arrangement')).toEqual([]);
    }
  });

  it.each<[string, GraphCouncil, GraphCouncil, GraphCouncil, GraphCouncil]>([
    ["the host's predecessor and the home council", DORSET_COUNCIL, WILTSHIRE, EAST_DORSET, WILTSHIRE],
    ["the host and the home council's predecessor", DORSET_COUNCIL, SOMERSET_COUNCIL, DORSET_COUNCIL, SOUTH_SOMERSET],
    ['both predecessors (East Dorset and Christchurch)', DORSET_COUNCIL, BCP, EAST_DORSET, CHRISTCHURCH],
    [
      'a predecessor of each (West Dorset and South Somerset)',
      SOMERSET_COUNCIL,
      DORSET_COUNCIL,
      WEST_DORSET,
      SOUTH_SOMERSET,
    ],
  ])('counts an arrangement between %s', (_label, host, home, a, b) => {
    const arrangements = [arrangementBetween(a, b, 'shared_management', '2011-04-01', '2019-03-31')];
    expect(rulesOf(check({ host, home, arrangements }).findings, 'shared_arrangement')).toEqual([
      'shared_arrangement:hard',
    ]);
    const member = check({ host, home, arrangements, role: 'member_peer' });
    expect(rulesOf(member.findings, 'shared_arrangement')).toEqual(['shared_arrangement:soft']);
  });

  it('gives one finding per arrangement, each with its own id', () => {
    const arrangements = [
      arrangementBetween(DORSET_COUNCIL, WILTSHIRE, 'shared_services', '2020-04-01', null, 'arrangement-b'),
      arrangementBetween(WILTSHIRE, DORSET_COUNCIL, 'shared_management', '2001-04-01', '2005-03-31', 'arrangement-a'),
      arrangementBetween(WEST_DORSET, WILTSHIRE, 'shared_services', '2016-04-01', '2019-03-31', 'arrangement-c'),
    ];
    const { findings } = check({ home: WILTSHIRE, arrangements });
    expect(findings.filter((f) => f.rule === 'shared_arrangement').map((f) => `${f.id}:${f.severity}`)).toEqual([
      'shared_arrangement:peer-1:arrangement-b:hard',
      'shared_arrangement:peer-1:arrangement-c:hard',
      'shared_arrangement:peer-1:arrangement-a:soft',
    ]);
  });
});

describe('neighbouring council, county area and information', () => {
  it.each<[string, GraphCouncil, GraphCouncil | null, string[], string[]]>([
    ['a unitary neighbour', DORSET_COUNCIL, WILTSHIRE, ['neighbouring_council:soft'], ['same_type']],
    ['a district neighbour in another county', DORSET_COUNCIL, SOUTH_SOMERSET, ['neighbouring_council:soft'], []],
    [
      'a successor unitary neighbouring through its predecessor',
      DORSET_COUNCIL,
      SOMERSET_COUNCIL,
      ['neighbouring_council:soft'],
      ['same_type'],
    ],
    [
      'a neighbour of a predecessor of the host (Carlisle, for Cumberland)',
      CUMBERLAND,
      NORTHUMBERLAND,
      ['neighbouring_council:soft'],
      ['same_type'],
    ],
    ["a neighbour of the host county's districts", CUMBRIA, NORTHUMBERLAND, ['neighbouring_council:soft'], []],
    ["a district across the host county's boundary", CUMBRIA, LANCASTER, ['neighbouring_council:soft'], []],
    [
      'a neighbour in the same county',
      LANCASTER,
      WYRE,
      ['neighbouring_council:soft', 'same_county_area:soft'],
      ['same_type'],
    ],
    [
      'the same county area, nearby but not neighbouring',
      LANCASTER,
      PRESTON,
      ['same_county_area:soft'],
      ['nearby_council', 'same_type'],
    ],
    ["the host's county council", LANCASTER, LANCASHIRE, ['same_county_area:soft'], []],
    ['a district of the host county', LANCASHIRE, PRESTON, ['same_county_area:soft'], []],
    ['the county council of the host, now abolished', MENDIP, SOMERSET_COUNTY, ['same_county_area:soft'], []],
    ['nearby only', DORSET_COUNCIL, MENDIP, [], ['nearby_council']],
    [
      'a neighbour in the same combined authority',
      NEWCASTLE,
      NORTH_TYNESIDE,
      ['neighbouring_council:soft'],
      ['same_combined_authority', 'same_type'],
    ],
    [
      'a neighbour in the same combined authority, of another type',
      NEWCASTLE,
      NORTHUMBERLAND,
      ['neighbouring_council:soft'],
      ['same_combined_authority'],
    ],
    ['an unrelated council of another type', DORSET_COUNCIL, LANCASTER, [], []],
    ['an unrelated council of the same type', DORSET_COUNCIL, NORTHUMBERLAND, [], ['same_type']],
    ['no home council (an external peer)', DORSET_COUNCIL, null, [], []],
  ])('%s', (_label, host, home, expected, information) => {
    for (const role of TEAM_ROLES) {
      for (const firstCpc of [true, false]) {
        const result = check({ host, home, role, firstCpc });
        expect(summary(result.findings)).toEqual(expected);
        expect(notes(result.information)).toEqual(information);
      }
    }
  });

  it('uses the neighbouring council as the source of its id and the county as that of the county finding', () => {
    const { findings } = check({ host: LANCASTER, home: WYRE });
    expect(findings.map((f) => f.id)).toEqual([
      `neighbouring_council:peer-1:${WYRE.gssCode}`,
      `same_county_area:peer-1:${LANCASHIRE.gssCode}`,
    ]);
  });
});

describe('double booking', () => {
  it.each<[string, string, string, boolean]>([
    ['the same dates', '2023-09-11', '2023-09-14', true],
    ["ending on this visit's first day", '2023-09-08', '2023-09-11', true],
    ["starting on this visit's last day", '2023-09-14', '2023-09-15', true],
    ['inside this visit', '2023-09-12', '2023-09-13', true],
    ['around this visit', '2023-09-04', '2023-09-22', true],
    ['a single day inside', '2023-09-12', '2023-09-12', true],
    ['ending the day before', '2023-09-07', '2023-09-10', false],
    ['starting the day after', '2023-09-15', '2023-09-18', false],
    ['a month later', '2023-10-09', '2023-10-12', false],
  ])('another visit %s (%s to %s) overlaps: %s', (_label, start, end, overlaps) => {
    for (const role of TEAM_ROLES) {
      const { findings } = check({ role, bookings: [booking('case-2', start, end)] });
      expect(summary(findings)).toEqual(overlaps ? ['double_booked:hard'] : []);
    }
  });

  it('is not checked before this visit has dates', () => {
    expect(check({ visit: null, bookings: [booking('case-2', '2023-09-11', '2023-09-14')] }).findings).toEqual([]);
  });

  it('compares dates across a month end', () => {
    const visit = { onsiteStart: '2023-09-01', onsiteEnd: '2023-09-04' };
    expect(check({ visit, bookings: [booking('case-2', '2023-08-28', '2023-08-31')] }).findings).toEqual([]);
    expect(summary(check({ visit, bookings: [booking('case-2', '2023-08-28', '2023-09-01')] }).findings)).toEqual([
      'double_booked:hard',
    ]);
  });

  it('gives one finding per overlapping booking, by case id', () => {
    const bookings = [
      booking('case-b', '2023-09-13', '2023-09-16'),
      booking('case-c', '2023-09-15', '2023-09-18'),
      booking('case-a', '2023-09-10', '2023-09-11', LANCASTER.name),
    ];
    expect(check({ bookings }).findings.map((f) => f.id)).toEqual([
      'double_booked:peer-1:case-a',
      'double_booked:peer-1:case-b',
    ]);
  });

  it('says which case and dates clash', () => {
    const { findings } = check({ role: 'member_peer', bookings: [booking('case-77', '2023-09-12', '2023-09-15')] });
    expect(findings.map((f) => f.detail)).toEqual([
      "Jane Smith is on the team of Wiltshire Council's peer challenge (case case-77), on site 2023-09-12 to " +
        '2023-09-15, which overlaps this visit (2023-09-11 to 2023-09-14), so Jane Smith cannot be the member peer ' +
        "for Dorset Council's first corporate peer challenge.",
    ]);
  });
});

describe('returning peers', () => {
  it('notes an earlier challenge as information, not a finding', () => {
    const result = check({
      firstCpc: false,
      peer: { previousChallengesOfHost: [{ caseId: 'case-2016', year: 2016 }] },
    });
    expect(result.findings).toEqual([]);
    expect(result.information).toEqual([
      {
        peerId: 'peer-1',
        rule: 'returning_peer',
        detail:
          'Jane Smith served on an earlier peer challenge of Dorset Council (2016, case case-2016): returning peers ' +
          'are welcome for a second corporate peer challenge or a follow-up, so this is not a conflict.',
      },
    ]);
  });

  it('lists several earlier challenges in one note, after the home council notes', () => {
    const previous = [{ caseId: 'a', year: 2014 }, { caseId: 'b' }];
    const result = check({ home: WILTSHIRE, role: 'member_peer', peer: { previousChallengesOfHost: previous } });
    expect(notes(result.information)).toEqual(['same_type', 'returning_peer']);
    expect(result.information[1].detail).toContain('earlier peer challenges of Dorset Council (2014, case a; case b)');
  });

  it('gives no information when the peer has not served here before', () => {
    expect(check().information).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Ids, digests, ordering and wording
// ---------------------------------------------------------------------------------------------------------------

describe('ids and digests', () => {
  const consultancy = (to: string | null, id = 'dealing-7') => atHost('consultancy', '2019-04-01', to, { id });

  it.each<[string, CheckOptions, string[]]>([
    ['a dealing', { dealings: [consultancy(null)] }, ['consultancy:peer-1:dealing-7']],
    [
      'a shared service dealing',
      { dealings: [atHost('shared_service', '2019-04-01', null, { id: 'd-9' })] },
      ['shared_arrangement:peer-1:d-9'],
    ],
    [
      'an arrangement',
      {
        home: BCP,
        arrangements: [arrangementBetween(EAST_DORSET, CHRISTCHURCH, 'shared_management', '2011-04-01', null, 'arr-3')],
      },
      ['shared_arrangement:peer-1:arr-3'],
    ],
    ['the own council', { home: WEST_DORSET }, [`own_council:peer-1:${WEST_DORSET.gssCode}`]],
    ['a neighbour', { home: WILTSHIRE }, [`neighbouring_council:peer-1:${WILTSHIRE.gssCode}`]],
    ['a county area', { host: MENDIP, home: SOMERSET_COUNTY }, [`same_county_area:peer-1:${SOMERSET_COUNTY.gssCode}`]],
    ['a booking', { bookings: [booking('case-42', '2023-09-11', '2023-09-11')] }, ['double_booked:peer-1:case-42']],
  ])('the id of a finding from %s names the rule, the peer and its source', (_label, options, ids) => {
    const { findings } = check(options);
    expect(findings.filter((f) => ids.includes(f.id)).map((f) => f.id)).toEqual(ids);
    expect(findings.every((f) => f.peerId === 'peer-1' && f.id.startsWith(`${f.rule}:peer-1:`))).toBe(true);
  });

  it('gives the same id and digest to the same finding each time', () => {
    const [first] = check({ dealings: [consultancy('2021-03-31')] }).findings;
    const [again] = check({ dealings: [consultancy('2021-03-31')] }).findings;
    expect(again).toEqual(first);
    expect(first.digest).toMatch(/^[0-9a-f]{12}$/);
  });

  it('keeps the id but changes the digest when the severity changes', () => {
    const [lead] = check({ dealings: [consultancy('2021-03-31')], role: 'lead_officer_peer' }).findings;
    const [officer] = check({ dealings: [consultancy('2021-03-31')], role: 'officer_peer' }).findings;
    expect([lead.severity, officer.severity]).toEqual(['hard', 'soft']);
    expect(officer.id).toBe(lead.id);
    expect(officer.digest).not.toBe(lead.digest);
  });

  it.each<[string, CheckOptions, CheckOptions]>([
    ['the end date', { dealings: [consultancy('2021-03-31')] }, { dealings: [consultancy('2021-04-30')] }],
    ['the role (both soft)', { role: 'officer_peer', home: WILTSHIRE }, { role: 'member_peer', home: WILTSHIRE }],
    [
      'the note',
      { dealings: [consultancy(null)] },
      { dealings: [atHost('consultancy', '2019-04-01', null, { id: 'dealing-7', note: 'interim' })] },
    ],
    [
      'first CPC or not (both hard)',
      { dealings: [consultancy(null)] },
      { dealings: [consultancy(null)], firstCpc: false },
    ],
    [
      'the case type',
      { dealings: [consultancy(null)] },
      { dealings: [consultancy(null)], caseType: 'finance_peer_review' },
    ],
    [
      'the dates of the clashing visit',
      { bookings: [booking('case-2', '2023-09-12', '2023-09-15')] },
      { bookings: [booking('case-2', '2023-09-13', '2023-09-15')] },
    ],
    [
      'the look-back, for a dealing that ended before it',
      { dealings: [atHost('consultancy', '2005-04-01', '2012-03-31', { id: 'dealing-7' })] },
      {
        dealings: [atHost('consultancy', '2005-04-01', '2012-03-31', { id: 'dealing-7' })],
        config: { ...DEFAULT_RULES_CONFIG, lookBackYears: 6 },
      },
    ],
  ])('keeps the id but changes the digest when %s changes', (_label, before, after) => {
    const [a] = check(before).findings;
    const [b] = check(after).findings;
    expect(b.id).toBe(a.id);
    expect(b.severity).toBe(a.severity);
    expect(b.detail).not.toBe(a.detail);
    expect(b.digest).not.toBe(a.digest);
  });

  it('keeps the digest when nothing the finding says changes', () => {
    const [before] = check({ dealings: [consultancy(null)] }).findings;
    const later = check({ on: '2023-07-01', dealings: [consultancy(null), atHost('mentoring', '2020-01-01', null)] });
    expect(later.findings.find((f) => f.id === before.id)).toEqual(before);
  });
});

describe('ordering', () => {
  const mixed = () =>
    check({
      home: WILTSHIRE,
      arrangements: [
        arrangementBetween(DORSET_COUNCIL, WILTSHIRE, 'shared_services', '2020-04-01', null, 'arrangement-1'),
      ],
      bookings: [booking('case-5', '2023-09-14', '2023-09-16')],
      dealings: [
        atHost('mentoring', '2021-01-01', null, { id: 'dealing-a' }),
        atHost('employment', '1990-01-01', '1995-01-01', { id: 'dealing-b' }),
        atHost('consultancy', '2022-01-01', '2023-01-01', { id: 'dealing-c' }),
        atHost('declared_interest', '2010-01-01', null, { id: 'dealing-d' }),
        atHost('shared_service', '2001-01-01', '2004-01-01', { id: 'dealing-e' }),
        atHost('employment', '1980-01-01', '1985-01-01', { id: 'dealing-0' }),
      ],
    });

  it('lists hard findings first, then by rule, then by id', () => {
    expect(mixed().findings.map((f) => `${f.severity}:${f.id}`)).toEqual([
      'hard:double_booked:peer-1:case-5',
      'hard:shared_arrangement:peer-1:arrangement-1',
      'hard:consultancy:peer-1:dealing-c',
      'hard:mentoring:peer-1:dealing-a',
      'hard:declared_interest:peer-1:dealing-d',
      'soft:shared_arrangement:peer-1:dealing-e',
      'soft:employment:peer-1:dealing-0',
      'soft:employment:peer-1:dealing-b',
      `soft:neighbouring_council:peer-1:${WILTSHIRE.gssCode}`,
    ]);
  });

  it('puts own council first, then double booking', () => {
    const { findings } = check({
      home: DORSET_COUNCIL,
      bookings: [booking('case-5', '2023-09-14', '2023-09-16')],
      dealings: [atHost('employment', '2015-01-01', null)],
    });
    expect(summary(findings)).toEqual(['own_council:hard', 'double_booked:hard', 'employment:hard']);
  });

  it('does not depend on the order the dealings come in', () => {
    const forward = check({
      dealings: [
        atHost('consultancy', '2022-01-01', null, { id: 'x' }),
        atHost('consultancy', '2022-01-01', null, { id: 'y' }),
        atHost('employment', '1990-01-01', '1991-01-01', { id: 'z' }),
      ],
    });
    const backward = check({
      dealings: [
        atHost('employment', '1990-01-01', '1991-01-01', { id: 'z' }),
        atHost('consultancy', '2022-01-01', null, { id: 'y' }),
        atHost('consultancy', '2022-01-01', null, { id: 'x' }),
      ],
    });
    expect(backward.findings).toEqual(forward.findings);
  });

  it('compareFindings sorts by severity, then rule, then id', () => {
    const f = (severity: 'hard' | 'soft', rule: string, id: string): Finding => ({
      id,
      peerId: 'p',
      severity,
      rule,
      detail: '',
      digest: '',
    });
    const list = [
      f('soft', 'own_council', 'b'),
      f('soft', 'employment', 'b'),
      f('hard', 'same_county_area', 'z'),
      f('soft', 'employment', 'a'),
      f('hard', 'own_council', 'a'),
      f('hard', 'double_booked', 'a'),
    ];
    expect([...list].sort(compareFindings).map((x) => `${x.severity}:${x.rule}:${x.id}`)).toEqual([
      'hard:own_council:a',
      'hard:double_booked:a',
      'hard:same_county_area:z',
      'soft:own_council:b',
      'soft:employment:a',
      'soft:employment:b',
    ]);
    expect(compareFindings(list[0], list[0])).toBe(0);
  });
});

describe('details', () => {
  const detailOf = (options: CheckOptions) => check(options).findings.map((f) => f.detail);

  it.each<[string, CheckOptions, string]>([
    [
      'employment within the look-back on a first CPC',
      { dealings: [atHost('employment', '2015-04-01', '2021-03-31')] },
      'Jane Smith was employed by Dorset Council from 2015-04-01 to 2021-03-31, within the 5-year look-back, so ' +
        "cannot be the lead officer peer for Dorset Council's first corporate peer challenge.",
    ],
    [
      'employment within the look-back on a later CPC',
      { dealings: [atHost('employment', '2015-04-01', '2021-03-31')], firstCpc: false },
      'Jane Smith was employed by Dorset Council from 2015-04-01 to 2021-03-31, within the 5-year look-back, so ' +
        "cannot be the lead officer peer for Dorset Council's corporate peer challenge.",
    ],
    [
      'current elected office on a later CPC',
      { dealings: [atHost('elected_member', '2019-05-02', null)], role: 'lead_member_peer', firstCpc: false },
      'Jane Smith has been an elected member of Dorset Council since 2019-05-02, so cannot be the lead member peer ' +
        "for Dorset Council's corporate peer challenge.",
    ],
    [
      'current elected office for a member peer',
      { dealings: [atHost('elected_member', '2019-05-02', '2027-05-06')], role: 'member_peer' },
      'Jane Smith has been an elected member of Dorset Council since 2019-05-02 (due to end 2027-05-06), so cannot ' +
        "be the member peer for Dorset Council's first corporate peer challenge.",
    ],
    [
      'consultancy within the look-back, for an officer peer',
      {
        dealings: [atHost('consultancy', '2021-01-01', '2021-06-30', { note: 'interim section 151 officer' })],
        role: 'officer_peer',
      },
      'Jane Smith did consultancy or interim work for Dorset Council (interim section 151 officer) from 2021-01-01 ' +
        'to 2021-06-30, within the 5-year look-back, so record a justification to keep Jane Smith as officer peer.',
    ],
    [
      'employment before the look-back',
      { dealings: [atHost('employment', '2001-09-01', '2008-08-31')] },
      'Jane Smith was employed by Dorset Council from 2001-09-01 to 2008-08-31, before the 5-year look-back that ' +
        'starts on 2018-06-15, so record a justification to keep Jane Smith as lead officer peer.',
    ],
    [
      'employment that has not started yet, on a finance peer review',
      { dealings: [atHost('employment', '2023-09-01', null)], caseType: 'finance_peer_review' satisfies CaseType },
      'Jane Smith is to be employed by Dorset Council from 2023-09-01, so cannot be the lead officer peer for Dorset ' +
        "Council's finance peer review, as it has had no corporate peer challenge before.",
    ],
    [
      'planned mentoring with an end date, on a later fire and rescue challenge',
      {
        dealings: [atHost('mentoring', '2023-07-01', '2023-12-31')],
        caseType: 'fire_and_rescue',
        firstCpc: false,
        role: 'lead_member_peer',
      },
      'Jane Smith is to mentor the leader or chief executive of Dorset Council from 2023-07-01 to 2023-12-31, so ' +
        "cannot be the lead member peer for Dorset Council's fire and rescue peer challenge.",
    ],
    [
      'a current declared interest with an end date, on another kind of case',
      {
        dealings: [atHost('declared_interest', '2022-01-01', '2024-01-01')],
        role: 'shadow_peer',
        caseType: 'other',
        firstCpc: false,
      },
      'Jane Smith has had a declared interest in Dorset Council since 2022-01-01 (due to end 2024-01-01), so record ' +
        'a justification to keep Jane Smith as shadow peer.',
    ],
    [
      'a shared service the peer worked in',
      { dealings: [atHost('shared_service', '2016-01-01', '2019-12-31')], role: 'external_peer' },
      'Jane Smith worked in a service shared with Dorset Council from 2016-01-01 to 2019-12-31, within the 5-year ' +
        'look-back, so record a justification to keep Jane Smith as external peer.',
    ],
    [
      'shared management the peer is in',
      { dealings: [atHost('shared_management', '2020-01-01', null)] },
      'Jane Smith has been in management shared with Dorset Council since 2020-01-01, so cannot be the lead officer ' +
        "peer for Dorset Council's first corporate peer challenge.",
    ],
    [
      'a neighbouring home council',
      { home: WILTSHIRE, role: 'member_peer' },
      "Jane Smith's home council, Wiltshire Council, shares a boundary with Dorset Council, so record a " +
        'justification to keep Jane Smith as member peer.',
    ],
    [
      "the host's county council as home",
      { host: LANCASTER, home: LANCASHIRE, role: 'external_peer' },
      "Jane Smith's home council, Lancashire County Council, is the county council for Lancaster City Council, so " +
        'record a justification to keep Jane Smith as external peer.',
    ],
    [
      'the host as county council of the home council',
      { host: LANCASHIRE, home: PRESTON, role: 'shadow_peer' },
      "Lancashire County Council is the county council for Jane Smith's home council, Preston City Council, so " +
        'record a justification to keep Jane Smith as shadow peer.',
    ],
    [
      'the same county area',
      { host: LANCASTER, home: PRESTON, role: 'officer_peer' },
      "Jane Smith's home council, Preston City Council, is in the same county area (Lancashire County Council) as " +
        'Lancaster City Council, so record a justification to keep Jane Smith as officer peer.',
    ],
    [
      'shared services with the home council itself, current, for a member peer',
      {
        home: NORTHUMBERLAND,
        role: 'member_peer',
        arrangements: [arrangementBetween(NORTHUMBERLAND, DORSET_COUNCIL, 'shared_services', '2020-04-01', null)],
      },
      "Jane Smith's home council, Northumberland County Council, has shared services with Dorset Council since 2020-04-01, so " +
        'record a justification to keep Jane Smith as member peer.',
    ],
    [
      'shared services before the look-back',
      {
        home: NORTHUMBERLAND,
        arrangements: [
          arrangementBetween(DORSET_COUNCIL, NORTHUMBERLAND, 'shared_services', '2009-04-01', '2012-03-31'),
        ],
      },
      "Jane Smith's home council, Northumberland County Council, shared services with Dorset Council from 2009-04-01 to " +
        '2012-03-31, before the 5-year look-back that starts on 2018-06-15, so record a justification to keep Jane ' +
        'Smith as lead officer peer.',
    ],
    [
      'shared management to come',
      {
        home: NORTHUMBERLAND,
        arrangements: [arrangementBetween(DORSET_COUNCIL, NORTHUMBERLAND, 'shared_management', '2024-04-01', null)],
      },
      "Jane Smith's home council, Northumberland County Council, is to share management with Dorset Council from 2024-04-01, so " +
        "Jane Smith cannot be the lead officer peer for Dorset Council's first corporate peer challenge.",
    ],
  ])('%s', (_label, options, expected) => {
    expect(detailOf(options)).toEqual([expected]);
  });

  it('names the predecessors an arrangement was between', () => {
    const arrangements = [
      arrangementBetween(EAST_DORSET, CHRISTCHURCH, 'shared_management', '2011-04-01', '2019-03-31'),
    ];
    const { findings } = check({ home: BCP, arrangements });
    expect(findings.filter((f) => f.rule === 'shared_arrangement').map((f) => f.detail)).toEqual([
      "Jane Smith's home council, Bournemouth, Christchurch and Poole Council (as Christchurch Borough Council), " +
        'shared management with East Dorset District Council (a predecessor or successor of Dorset Council) from ' +
        '2011-04-01 to 2019-03-31, within the 5-year look-back, so Jane Smith cannot be the lead officer peer for ' +
        "Dorset Council's first corporate peer challenge.",
    ]);
  });

  it.each<[string, GraphCouncil, GraphCouncil, string[]]>([
    [
      'a nearby council',
      DORSET_COUNCIL,
      MENDIP,
      [
        "Jane Smith's home council, Mendip District Council, lies near Dorset Council but does not share a boundary " +
          'with it: no action needed.',
      ],
    ],
    [
      'the same combined authority',
      NEWCASTLE,
      NORTHUMBERLAND,
      [
        "Jane Smith's home council, Northumberland County Council, is in the same combined authority (E47000011) as " +
          'Newcastle City Council: no action needed.',
      ],
    ],
    [
      'the same type of council',
      NEWCASTLE,
      NORTH_TYNESIDE,
      [
        "Jane Smith's home council, North Tyneside Council, is in the same combined authority (E47000011) as " +
          'Newcastle City Council: no action needed.',
        "Jane Smith's home council, North Tyneside Council, is a metropolitan district council like Newcastle City " +
          'Council: useful experience.',
      ],
    ],
  ])('explains %s as information', (_label, host, home, details) => {
    expect(check({ host, home }).information.map((note) => note.detail)).toEqual(details);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Team warnings
// ---------------------------------------------------------------------------------------------------------------

describe('team warnings', () => {
  const context = {
    on: ON,
    config: DEFAULT_RULES_CONFIG,
    councilsWithoutCpcSince2012: new Set([WYRE.gssCode]),
    councilName: (gssCode: string) => GRAPH.name(gssCode),
  };
  const financeOfficer = peer({
    id: 'finance',
    name: 'Sam Patel',
    expertise: ['finance'],
    role: 'section_151_officer',
  });
  const member = (overrides: Partial<PeerProfile> = {}) =>
    peer({
      id: 'member',
      name: 'Cllr Alex Jones',
      kind: 'member',
      role: 'councillor',
      trainedOn: '2022-01-10',
      ...overrides,
    });
  const warningsOf = (team: PeerProfile[], extra: Partial<Parameters<typeof teamWarnings>[1]> = {}) =>
    teamWarnings(
      team.map((p, index) => ({ peer: p, role: index === 0 ? 'lead_officer_peer' : 'member_peer' })),
      { ...context, ...extra },
    ).map((warning) => (warning.peerId ? `${warning.rule}@${warning.peerId}` : warning.rule));

  it.each<[string, PeerProfile[], Partial<Parameters<typeof teamWarnings>[1]>, string[]]>([
    ['a trained member peer and finance expertise', [financeOfficer, member()], {}, []],
    ['no team at all', [], {}, ['no_member_peer', 'no_finance_expertise']],
    ['no member peer', [financeOfficer], {}, ['no_member_peer']],
    ['no finance expertise', [member()], {}, ['no_finance_expertise']],
    ['finance expertise held by the member peer', [member({ expertise: ['housing', ' Finance '] })], {}, []],
    ['no finance expertise, waived', [member()], { financeWaiverReason: 'Scope excludes finances' }, []],
    ['no finance expertise, blank waiver', [member()], { financeWaiverReason: '  ' }, ['no_finance_expertise']],
    ['no finance expertise, null waiver', [member()], { financeWaiverReason: null }, ['no_finance_expertise']],
    ['an untrained member peer', [financeOfficer, member({ trainedOn: null })], {}, ['member_peer_untrained@member']],
    ['training a day inside the refresher', [financeOfficer, member({ trainedOn: '2020-06-16' })], {}, []],
    ['training on the refresher boundary', [financeOfficer, member({ trainedOn: '2020-06-15' })], {}, []],
    [
      'training a day before the refresher boundary',
      [financeOfficer, member({ trainedOn: '2020-06-14' })],
      {},
      ['member_peer_training_lapsed@member'],
    ],
    [
      'a longer refresher period',
      [financeOfficer, member({ trainedOn: '2020-06-14' })],
      { config: { ...DEFAULT_RULES_CONFIG, trainingRefresherYears: 4 } },
      [],
    ],
    ['an untrained officer peer', [financeOfficer, member(), peer({ id: 'o', trainedOn: null })], {}, []],
    [
      'a leader from a council with no CPC since 2012',
      [financeOfficer, member({ role: 'leader', homeCouncilGssCode: WYRE.gssCode })],
      {},
      ['member_peer_from_never_engaged_council@member'],
    ],
    [
      'a cabinet member from a council with no CPC since 2012',
      [financeOfficer, member({ role: 'cabinet_member', homeCouncilGssCode: WYRE.gssCode })],
      {},
      ['member_peer_from_never_engaged_council@member'],
    ],
    [
      'a backbench councillor from a council with no CPC since 2012',
      [financeOfficer, member({ role: 'councillor', homeCouncilGssCode: WYRE.gssCode })],
      {},
      [],
    ],
    [
      'an officer who is not a member peer, from a council with no CPC since 2012',
      [financeOfficer, member(), peer({ id: 'o', role: 'leader', homeCouncilGssCode: WYRE.gssCode })],
      {},
      [],
    ],
    ['a leader from a council that has had a CPC', [financeOfficer, member({ role: 'leader' })], {}, []],
    ['a leader with no home council', [financeOfficer, member({ role: 'leader', homeCouncilGssCode: null })], {}, []],
    [
      'an untrained leader from a council with no CPC since 2012',
      [financeOfficer, member({ role: 'leader', homeCouncilGssCode: WYRE.gssCode, trainedOn: null })],
      {},
      ['member_peer_untrained@member', 'member_peer_from_never_engaged_council@member'],
    ],
  ])('%s', (_label, team, extra, expected) => {
    expect(warningsOf(team, extra)).toEqual(expected);
  });

  it('warns once per peer listed twice', () => {
    const untrained = member({ trainedOn: null });
    expect(warningsOf([financeOfficer, untrained, untrained])).toEqual(['member_peer_untrained@member']);
  });

  it.each<[string, PeerProfile, string]>([
    [
      'an untrained member peer',
      member({ trainedOn: null }),
      'Cllr Alex Jones has no recorded member peer training: arrange training before the challenge.',
    ],
    [
      'a lapsed member peer',
      member({ trainedOn: '2019-11-30' }),
      'Cllr Alex Jones was last trained on 2019-11-30, more than 3 years before 2023-06-15: offer refresher ' +
        'training before the challenge.',
    ],
  ])('explains the training warning for %s', (_label, memberPeer, detail) => {
    const [warning] = teamWarnings(
      [
        { peer: financeOfficer, role: 'lead_officer_peer' },
        { peer: memberPeer, role: 'member_peer' },
      ],
      context,
    );
    expect(warning.detail).toBe(detail);
  });

  it.each<[PeerRole, string]>([
    ['leader', 'the leader'],
    ['cabinet_member', 'a cabinet member'],
  ])('names the council, from the register, in the never-engaged warning for a %s', (role, position) => {
    const [warning] = teamWarnings(
      [
        { peer: financeOfficer, role: 'lead_officer_peer' },
        { peer: member({ role, homeCouncilGssCode: WYRE.gssCode }), role: 'lead_member_peer' },
      ],
      context,
    );
    expect(warning.detail).toBe(
      `Cllr Alex Jones is ${position} of Wyre Borough Council, which has had no corporate peer challenge since ` +
        '2012: discuss with Cllr Alex Jones why, and whether Wyre Borough Council will have one.',
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------------------

const date = fc
  .date({ min: new Date('2005-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const period = fc
  .tuple(date, fc.option(date, { nil: null }))
  .map(([from, to]) => (to !== null && to < from ? { from: to, to: from } : { from, to }));
const onsite = fc
  .tuple(date, date)
  .map(([a, b]) => (a <= b ? { onsiteStart: a, onsiteEnd: b } : { onsiteStart: b, onsiteEnd: a }));
const role = fc.constantFrom(...TEAM_ROLES);
const caseType = fc.constantFrom<CaseType>(
  'corporate_peer_challenge',
  'finance_peer_review',
  'fire_and_rescue',
  'other',
);
const lookBackYears = fc.integer({ min: 1, max: 10 });

const dealingOn = (codes: string[], name: (code: string) => string) =>
  fc
    .record({
      id: fc.nat(99).map((n) => `dealing-${n}`),
      code: fc.constantFrom(...codes),
      kind: fc.constantFrom(...DEALING_KINDS),
      period,
      note: fc.option(fc.constantFrom('interim', 'acting chief executive'), { nil: undefined }),
    })
    .map(({ id, code, kind, period: p, note }): Dealing => ({
      id,
      councilGssCode: code,
      councilName: name(code),
      kind,
      ...p,
      ...(note === undefined ? {} : { note }),
    }));
const arrangementOn = (codes: string[]) =>
  fc
    .record({
      id: fc.nat(99).map((n) => `arrangement-${n}`),
      a: fc.constantFrom(...codes),
      b: fc.constantFrom(...codes),
      kind: fc.constantFrom<Arrangement['kind']>('shared_management', 'shared_services'),
      period,
    })
    .map(({ id, a, b, kind, period: p }): Arrangement => ({ id, councilGssCode: a, otherGssCode: b, kind, ...p }));
const bookingArb = fc
  .record({ caseId: fc.nat(99).map((n) => `case-${n}`), onsite })
  .map(({ caseId, onsite: o }): Booking => ({ caseId, councilName: `Council of ${caseId}`, ...o }));

/** A permutation of a list (fast-check shrinks it towards the original order). */
const permutation = <T>(items: T[]) => fc.shuffledSubarray(items, { minLength: items.length, maxLength: items.length });

describe('adding a dealing never removes a finding nor lowers its severity', () => {
  const codes = COUNCILS.map((c) => c.gssCode);
  const input = fc.record({
    host: fc.constantFrom(DORSET_COUNCIL, SOMERSET_COUNCIL, CUMBERLAND, CUMBRIA, LANCASTER, WEST_DORSET),
    home: fc.option(fc.constantFrom(...COUNCILS), { nil: null }),
    dealings: fc.uniqueArray(
      dealingOn(codes, (code) => GRAPH.name(code)),
      { maxLength: 6, selector: (d) => d.id },
    ),
    arrangements: fc.uniqueArray(arrangementOn(codes), { maxLength: 3, selector: (a) => a.id }),
    bookings: fc.uniqueArray(bookingArb, { maxLength: 3, selector: (b) => b.caseId }),
    visit: fc.option(onsite, { nil: null }),
    role,
    firstCpc: fc.boolean(),
    on: date,
    lookBackYears,
  });
  const addedDealing = fc.record({ d: dealingOn(codes, (code) => GRAPH.name(code)), n: fc.nat() });

  it('keeps every earlier finding, at the same or a higher severity', () => {
    fc.assert(
      fc.property(input, addedDealing, fc.nat(), fc.boolean(), (generated, { d, n }, position, inLineage) => {
        // Half the time the added dealing is with a council of the host's lineage, so it does give a finding.
        const lineage = [...GRAPH.lineage(generated.host.gssCode)];
        const code = inLineage ? lineage[n % lineage.length] : d.councilGssCode;
        const added: Dealing = { ...d, id: 'added', councilGssCode: code, councilName: GRAPH.name(code) };
        const base = inputFor({
          host: generated.host,
          home: generated.home,
          dealings: generated.dealings,
          arrangements: generated.arrangements,
          bookings: generated.bookings,
          visit: generated.visit,
          role: generated.role,
          firstCpc: generated.firstCpc,
          on: generated.on,
          config: { ...DEFAULT_RULES_CONFIG, lookBackYears: generated.lookBackYears },
        });
        const at = position % (generated.dealings.length + 1);
        const dealings = [...generated.dealings.slice(0, at), added, ...generated.dealings.slice(at)];
        const before = checkPeer(base).findings;
        const after = checkPeer({ ...base, peer: { ...base.peer, dealings } }).findings;
        for (const finding of before) {
          const later = after.find((f) => f.id === finding.id);
          expect(later).toBeDefined();
          if (finding.severity === 'hard') expect(later?.severity).toBe('hard');
        }
        expect(after.length).toBe(before.length + (GRAPH.inLineage(generated.host.gssCode, code) ? 1 : 0));
      }),
      { numRuns: 500 },
    );
  });
});

// Generated registers: random councils of random types, districts in random counties, successions that only run
// from a lower index to a higher one (so they form a DAG, with merges and splits), and random neighbour rows.
const COUNCIL_TYPES = ['county', 'district', 'unitary', 'metropolitan_district'] as const;
const codeOf = (index: number) => `E0${String(index).padStart(7, '0')}`;
const nameOf = (code: string) => `Council ${code}`;

const register: fc.Arbitrary<CouncilGraphData> = fc.integer({ min: 2, max: 9 }).chain((n) => {
  const index = fc.nat(n - 1);
  const perCouncil = <T>(arb: fc.Arbitrary<T>) => fc.array(arb, { minLength: n, maxLength: n });
  return fc
    .record({
      types: perCouncil(fc.constantFrom(...COUNCIL_TYPES)),
      counties: perCouncil(fc.option(index, { nil: null })),
      combined: perCouncil(fc.option(fc.constantFrom('E47000001', 'E47000002'), { nil: null })),
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
    .map(({ types, counties, combined, successions, neighbours }) => ({
      councils: types.map((type, i): GraphCouncil => {
        const county = counties[i];
        const inCounty = type === 'district' && county !== null && county !== i && types[county] === 'county';
        return {
          gssCode: codeOf(i),
          name: nameOf(codeOf(i)),
          type,
          countyGssCode: inCounty ? codeOf(county) : null,
          combinedAuthorityGssCode: combined[i],
        };
      }),
      successions: successions.map(([a, b]) => ({ predecessorGssCode: codeOf(a), successorGssCode: codeOf(b) })),
      neighbours: neighbours.map(([a, b, relation]) => ({
        gssCode: codeOf(a),
        neighbourGssCode: codeOf(b),
        relation,
      })),
    }));
});
const codesOf = (data: CouncilGraphData) => data.councils.map((c) => c.gssCode);

const factsOn = (graph: CouncilGraph, hostGssCode: string, on: string, years: number): ChallengeFacts => ({
  ...FACTS,
  graph,
  hostGssCode,
  visit: null,
  on,
  config: { ...DEFAULT_RULES_CONFIG, lookBackYears: years },
});

describe('lineage properties over generated registers', () => {
  const scenario = register.chain((data) =>
    fc.record({
      data: fc.constant(data),
      dealing: dealingOn(codesOf(data), nameOf),
      arrangement: arrangementOn(codesOf(data)),
      home: fc.constantFrom(...codesOf(data)),
      role,
      on: date,
      years: lookBackYears,
    }),
  );
  const key = (findings: Finding[]) => findings.map(({ id, rule, severity }) => ({ id, rule, severity }));

  it("being in each other's lineage is symmetric", () => {
    fc.assert(
      fc.property(register, (data) => {
        const graph = new CouncilGraph(data);
        for (const a of codesOf(data)) {
          expect(graph.inLineage(a, a)).toBe(true);
          for (const b of codesOf(data)) expect(graph.inLineage(a, b)).toBe(graph.inLineage(b, a));
        }
      }),
    );
  });

  it('a dealing with a council gives the same rule and severity for a host anywhere in its lineage, and none elsewhere', () => {
    fc.assert(
      fc.property(scenario, ({ data, dealing, role: r, on, years }) => {
        const graph = new CouncilGraph(data);
        const run = (host: string) =>
          key(
            checkPeer({
              ...factsOn(graph, host, on, years),
              peer: peer({ homeCouncilGssCode: null, dealings: [dealing] }),
              role: r,
              bookings: [],
            }).findings,
          );
        const atItself = run(dealing.councilGssCode);
        expect(atItself).toHaveLength(1);
        for (const host of codesOf(data)) {
          expect(run(host)).toEqual(graph.inLineage(host, dealing.councilGssCode) ? atItself : []);
        }
      }),
    );
  });

  it("a dealing with any member of the host's lineage gives the same rule and severity as one with the host", () => {
    fc.assert(
      fc.property(scenario, ({ data, dealing, role: r, on, years }) => {
        const graph = new CouncilGraph(data);
        for (const host of codesOf(data)) {
          const run = (code: string) =>
            key(
              checkPeer({
                ...factsOn(graph, host, on, years),
                peer: peer({ homeCouncilGssCode: null, dealings: [{ ...dealing, councilGssCode: code }] }),
                role: r,
                bookings: [],
              }).findings,
            );
          const withHost = run(host);
          for (const member of graph.lineage(host)) expect(run(member)).toEqual(withHost);
        }
      }),
    );
  });

  it("own council holds for a host anywhere in the home council's lineage, alone, and nowhere else", () => {
    fc.assert(
      fc.property(scenario, ({ data, home, arrangement, role: r, on, years }) => {
        const graph = new CouncilGraph(data);
        for (const host of codesOf(data)) {
          const result = checkPeer({
            ...factsOn(graph, host, on, years),
            arrangements: [arrangement],
            peer: peer({ homeCouncilGssCode: home }),
            role: r,
            bookings: [],
          });
          if (graph.inLineage(home, host)) {
            expect(key(result.findings)).toEqual([
              { id: `own_council:peer-1:${home}`, rule: 'own_council', severity: 'hard' },
            ]);
            expect(result.information).toEqual([]);
          } else {
            expect(result.findings.map((f) => f.rule)).not.toContain('own_council');
          }
        }
      }),
    );
  });

  it('an arrangement between any members of the two lineages counts as one between the host and the home council', () => {
    fc.assert(
      fc.property(scenario, ({ data, home, arrangement, role: r, on, years }) => {
        const graph = new CouncilGraph(data);
        for (const host of codesOf(data)) {
          if (graph.inLineage(host, home)) continue;
          const run = (a: Arrangement) =>
            key(
              checkPeer({
                ...factsOn(graph, host, on, years),
                arrangements: [a],
                peer: peer({ homeCouncilGssCode: home }),
                role: r,
                bookings: [],
              }).findings.filter((f) => f.rule === 'shared_arrangement'),
            );
          const { councilGssCode: a, otherGssCode: b } = arrangement;
          const between =
            (graph.inLineage(host, a) && graph.inLineage(home, b)) ||
            (graph.inLineage(host, b) && graph.inLineage(home, a));
          const direct = run({ ...arrangement, councilGssCode: host, otherGssCode: home });
          expect(direct).toHaveLength(1);
          expect(run(arrangement)).toEqual(between ? direct : []);
          expect(run({ ...arrangement, councilGssCode: b, otherGssCode: a })).toEqual(between ? direct : []);
        }
      }),
    );
  });
});

describe('the result does not depend on the order of the lists it is given', () => {
  const scenario = register.chain((data) =>
    fc.record({
      data: fc.constant(data),
      host: fc.constantFrom(...codesOf(data)),
      home: fc.option(fc.constantFrom(...codesOf(data)), { nil: null }),
      dealings: fc.uniqueArray(dealingOn(codesOf(data), nameOf), { maxLength: 8, selector: (d) => d.id }),
      arrangements: fc.uniqueArray(arrangementOn(codesOf(data)), { maxLength: 4, selector: (a) => a.id }),
      bookings: fc.uniqueArray(bookingArb, { maxLength: 4, selector: (b) => b.caseId }),
      visit: fc.option(onsite, { nil: null }),
      role,
      firstCpc: fc.boolean(),
      caseType,
      on: date,
      years: lookBackYears,
    }),
  );
  const shuffled = scenario.chain((s) =>
    fc.record({
      s: fc.constant(s),
      dealings: permutation(s.dealings),
      arrangements: permutation(s.arrangements),
      bookings: permutation(s.bookings),
    }),
  );

  it('shuffling the dealings, arrangements and bookings gives an identical result', () => {
    fc.assert(
      fc.property(shuffled, ({ s, dealings, arrangements, bookings }) => {
        const graph = new CouncilGraph(s.data);
        const facts: ChallengeFacts = {
          ...factsOn(graph, s.host, s.on, s.years),
          firstCpc: s.firstCpc,
          caseType: s.caseType,
          visit: s.visit,
        };
        const run = (d: Dealing[], a: Arrangement[], b: Booking[]) =>
          checkPeer({
            ...facts,
            arrangements: a,
            peer: peer({ homeCouncilGssCode: s.home, dealings: d }),
            role: s.role,
            bookings: b,
          });
        expect(run(dealings, arrangements, bookings)).toEqual(run(s.dealings, s.arrangements, s.bookings));
      }),
      { numRuns: 300 },
    );
  });
});

describe('checkFingerprint', () => {
  interface World {
    data: CouncilGraphData;
    host: string;
    arrangements: Arrangement[];
    firstCpc: boolean;
    caseType: CaseType;
    visit: { onsiteStart: string; onsiteEnd: string } | null;
    on: string;
    config: { lookBackYears: number; trainingRefresherYears: number };
    team: Array<{ peer: PeerProfile; role: TeamRole; bookings: Booking[] }>;
    extra: unknown;
  }

  const PEER_KINDS: PeerKind[] = ['officer', 'member', 'external'];
  const PEER_ROLES: Array<PeerRole | null> = [
    'chief_executive',
    'director',
    'section_151_officer',
    'leader',
    'cabinet_member',
    'councillor',
    'other',
    null,
  ];
  const EXPERTISE = ['finance', 'housing', 'planning', 'children', 'adult social care'];

  const world: fc.Arbitrary<World> = register.chain((data) => {
    const codes = codesOf(data);
    const member = (i: number) =>
      fc.record({
        peer: fc.record({
          id: fc.constant(`peer-${i}`),
          name: fc.constantFrom('Jane Smith', 'Sam Patel', 'Cllr Alex Jones'),
          kind: fc.constantFrom(...PEER_KINDS),
          role: fc.constantFrom(...PEER_ROLES),
          homeCouncilGssCode: fc.option(fc.constantFrom(...codes), { nil: null }),
          expertise: fc.uniqueArray(fc.constantFrom(...EXPERTISE), { maxLength: 3 }),
          trainedOn: fc.option(date, { nil: null }),
          dealings: fc.uniqueArray(dealingOn(codes, nameOf), { minLength: 1, maxLength: 5, selector: (d) => d.id }),
          previousChallengesOfHost: fc.array(
            fc.record({ caseId: fc.nat(99).map((n) => `case-${n}`), year: fc.integer({ min: 2012, max: 2023 }) }),
            { maxLength: 2 },
          ),
        }),
        role,
        bookings: fc.uniqueArray(bookingArb, { maxLength: 3, selector: (b) => b.caseId }),
      });
    return fc.record({
      data: fc.constant(data),
      host: fc.constantFrom(...codes),
      arrangements: fc.uniqueArray(arrangementOn(codes), { maxLength: 4, selector: (a) => a.id }),
      firstCpc: fc.boolean(),
      caseType,
      visit: fc.option(onsite, { nil: null }),
      on: date,
      config: fc.record({ lookBackYears, trainingRefresherYears: fc.integer({ min: 1, max: 6 }) }),
      team: fc
        .integer({ min: 1, max: 3 })
        .chain((size) => fc.tuple(...Array.from({ length: size }, (_, i) => member(i)))),
      extra: fc.option(fc.record({ financeWaiverReason: fc.constantFrom('Scope excludes finances', 'None needed') }), {
        nil: null,
      }),
    });
  });

  const fingerprint = (w: World) =>
    checkFingerprint(
      {
        graph: new CouncilGraph(w.data),
        hostGssCode: w.host,
        arrangements: w.arrangements,
        firstCpc: w.firstCpc,
        caseType: w.caseType,
        visit: w.visit,
        on: w.on,
        config: w.config,
      },
      w.team,
      w.extra,
    );

  const addDays = (iso: string, days: number) => {
    const d = new Date(`${iso}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
  };
  const next = <T>(list: readonly T[], value: T) => list[(list.indexOf(value) + 1) % list.length];
  const pick = <T>(list: T[], k: number) => list[k % list.length];
  const someDealing = (w: World, k: number) => pick(pick(w.team, k).peer.dealings, k);
  const someArrangement = (w: World, k: number) => {
    if (w.arrangements.length === 0) w.arrangements.push(arrangementAt(w, 'arrangement-new'));
    return pick(w.arrangements, k);
  };
  const arrangementAt = (w: World, id: string): Arrangement => ({
    id,
    councilGssCode: w.host,
    otherGssCode: codesOf(w.data)[0],
    kind: 'shared_services',
    from: '2019-04-01',
    to: null,
  });
  const someBooking = (w: World, k: number) => {
    const { bookings } = pick(w.team, k);
    if (bookings.length === 0) bookings.push(booking('case-new', '2023-09-11', '2023-09-14'));
    return pick(bookings, k);
  };
  const newSuccession = (data: CouncilGraphData) => {
    const codes = codesOf(data);
    const present = new Set(data.successions.map((s) => `${s.predecessorGssCode}>${s.successorGssCode}`));
    for (const a of codes) {
      for (const b of codes) {
        if (a !== b && !present.has(`${a}>${b}`)) return { predecessorGssCode: a, successorGssCode: b };
      }
    }
    throw new Error('unreachable: a register of two or more councils always lacks some succession');
  };

  /** Each changes exactly one thing a check reads. */
  const MUTATIONS: Record<string, (w: World, k: number) => void> = {
    "a dealing's start": (w, k) => void (someDealing(w, k).from = addDays(someDealing(w, k).from, -1)),
    "a dealing's end": (w, k) => {
      const d = someDealing(w, k);
      d.to = d.to === null ? d.from : null;
    },
    "a dealing's end, by a day": (w, k) => {
      const d = someDealing(w, k);
      d.to = addDays(d.to ?? d.from, 1);
    },
    "a dealing's kind": (w, k) => void (someDealing(w, k).kind = next(DEALING_KINDS, someDealing(w, k).kind)),
    "a dealing's council": (w, k) => {
      const d = someDealing(w, k);
      d.councilGssCode = next(codesOf(w.data), d.councilGssCode);
    },
    "a dealing's council name": (w, k) => void (someDealing(w, k).councilName += ' (renamed)'),
    "a dealing's note": (w, k) => void (someDealing(w, k).note = `${someDealing(w, k).note ?? ''} (updated)`),
    'a dealing added': (w, k) => void pick(w.team, k).peer.dealings.push({ ...someDealing(w, k), id: 'dealing-new' }),
    'a dealing removed': (w, k) =>
      void pick(w.team, k).peer.dealings.splice(k % pick(w.team, k).peer.dealings.length, 1),
    "the peer's kind": (w, k) => void (pick(w.team, k).peer.kind = next(PEER_KINDS, pick(w.team, k).peer.kind)),
    "the peer's role": (w, k) => void (pick(w.team, k).peer.role = next(PEER_ROLES, pick(w.team, k).peer.role)),
    "the peer's home council": (w, k) => {
      const p = pick(w.team, k).peer;
      p.homeCouncilGssCode = next([null, ...codesOf(w.data)], p.homeCouncilGssCode);
    },
    "the peer's name": (w, k) => void (pick(w.team, k).peer.name += ' Jr'),
    "the peer's expertise": (w, k) => void pick(w.team, k).peer.expertise.push('audit'),
    "the peer's training date": (w, k) => {
      const p = pick(w.team, k).peer;
      p.trainedOn = p.trainedOn === null ? '2022-01-10' : addDays(p.trainedOn, 1);
    },
    "the peer's earlier challenges of the host": (w, k) =>
      void pick(w.team, k).peer.previousChallengesOfHost.push({ caseId: 'case-old', year: 2015 }),
    "the peer's team role": (w, k) => void (pick(w.team, k).role = next(TEAM_ROLES, pick(w.team, k).role)),
    'a team member added': (w) =>
      void w.team.push({ peer: peer({ id: 'peer-new', dealings: [] }), role: 'member_peer', bookings: [] }),
    'a team member removed': (w, k) => void w.team.splice(k % w.team.length, 1),
    "an arrangement's start": (w, k) => void (someArrangement(w, k).from = addDays(someArrangement(w, k).from, -1)),
    "an arrangement's end": (w, k) => {
      const a = someArrangement(w, k);
      a.to = a.to === null ? a.from : null;
    },
    "an arrangement's kind": (w, k) => {
      const a = someArrangement(w, k);
      a.kind = a.kind === 'shared_services' ? 'shared_management' : 'shared_services';
    },
    "an arrangement's council": (w, k) => {
      const a = someArrangement(w, k);
      a.otherGssCode = next(codesOf(w.data), a.otherGssCode);
    },
    'an arrangement added': (w) => void w.arrangements.push(arrangementAt(w, 'arrangement-added')),
    "the visit's start": (w) => {
      w.visit = w.visit === null ? VISIT : { ...w.visit, onsiteStart: addDays(w.visit.onsiteStart, -1) };
    },
    "the visit's end": (w) => {
      w.visit = w.visit === null ? VISIT : { ...w.visit, onsiteEnd: addDays(w.visit.onsiteEnd, 1) };
    },
    'the visit cleared or set': (w) => void (w.visit = w.visit === null ? VISIT : null),
    'the check date': (w) => void (w.on = addDays(w.on, 1)),
    'the look-back': (w) => void (w.config.lookBackYears += 1),
    'the training refresher period': (w) => void (w.config.trainingRefresherYears += 1),
    'first CPC or not': (w) => void (w.firstCpc = !w.firstCpc),
    'the case type': (w) =>
      void (w.caseType = next(
        ['corporate_peer_challenge', 'finance_peer_review', 'fire_and_rescue', 'other'],
        w.caseType,
      )),
    'the host': (w) => void (w.host = next(codesOf(w.data), w.host)),
    "a booking's dates": (w, k) => void (someBooking(w, k).onsiteEnd = addDays(someBooking(w, k).onsiteEnd, 1)),
    "a booking's council": (w, k) => void (someBooking(w, k).councilName += ' (renamed)'),
    'a booking added': (w, k) => void pick(w.team, k).bookings.push(booking('case-added', '2023-01-01', '2023-01-02')),
    'the register: a new succession': (w) => void w.data.successions.push(newSuccession(w.data)),
    'the register: a new neighbour row': (w, k) =>
      void w.data.neighbours.push({
        gssCode: pick(codesOf(w.data), k),
        neighbourGssCode: pick(codesOf(w.data), k + 1),
        relation: 'nearby',
      }),
    'the register: a council renamed': (w, k) => void (pick(w.data.councils, k).name += ' (renamed)'),
    "the register: a council's type": (w, k) => {
      const c = pick(w.data.councils, k);
      c.type = next(COUNCIL_TYPES, c.type as (typeof COUNCIL_TYPES)[number]);
    },
    "the register: a council's county": (w, k) => {
      const c = pick(w.data.councils, k);
      c.countyGssCode = c.countyGssCode === null ? codesOf(w.data)[0] : null;
    },
    "the register: a council's combined authority": (w, k) => {
      const c = pick(w.data.councils, k);
      c.combinedAuthorityGssCode = c.combinedAuthorityGssCode === 'E47000009' ? null : 'E47000009';
    },
    'the register: a council added': (w) =>
      void w.data.councils.push({
        gssCode: 'E06999999',
        name: 'New Council',
        type: 'unitary',
        countyGssCode: null,
        combinedAuthorityGssCode: null,
      }),
    'the extra inputs': (w) => void (w.extra = { changed: w.extra }),
  };

  it.each(Object.keys(MUTATIONS))('changes with one change to its inputs: %s', (mutation) => {
    fc.assert(
      fc.property(world, fc.nat(), (w, k) => {
        const changed = structuredClone(w);
        MUTATIONS[mutation](changed, k);
        expect(fingerprint(changed)).not.toBe(fingerprint(w));
      }),
      { numRuns: 60 },
    );
  });

  const shuffledWorld = world.chain((w) =>
    fc.record({
      w: fc.constant(w),
      team: permutation(w.team).chain((team) =>
        fc.tuple(
          ...team.map((member) =>
            fc
              .record({
                dealings: permutation(member.peer.dealings),
                expertise: permutation(member.peer.expertise),
                bookings: permutation(member.bookings),
              })
              .map(({ dealings, expertise, bookings }) => ({
                ...member,
                peer: { ...member.peer, dealings, expertise },
                bookings,
              })),
          ),
        ),
      ),
      arrangements: permutation(w.arrangements),
      councils: permutation(w.data.councils),
      successions: permutation(w.data.successions),
      neighbours: permutation(w.data.neighbours),
    }),
  );

  it('does not change when any list arrives in another order', () => {
    fc.assert(
      fc.property(shuffledWorld, ({ w, team, arrangements, councils, successions, neighbours }) => {
        const shuffled: World = { ...w, team, arrangements, data: { councils, successions, neighbours } };
        expect(fingerprint(shuffled)).toBe(fingerprint(w));
      }),
      { numRuns: 300 },
    );
  });

  it('is the same for the same inputs', () => {
    fc.assert(
      fc.property(world, (w) => {
        expect(fingerprint(structuredClone(w))).toBe(fingerprint(w));
        expect(fingerprint(w)).toMatch(/^[0-9a-f]{24}$/);
      }),
      { numRuns: 50 },
    );
  });
});
