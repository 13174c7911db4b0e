import fc from 'fast-check';
import {
  checkPeer,
  DEALING_KINDS,
  DEFAULT_RULES_CONFIG,
  LEAD_ROLES,
  lookBackStart,
  TEAM_ROLES,
  teamWarnings,
  type CaseType,
  type CouncilRef,
  type Dealing,
  type DealingKind,
  type Finding,
  type HostCouncil,
  type PeerCheckInput,
  type PeerProfile,
  type TeamRole,
} from './conflict-rules.js';

const ON = '2025-06-15';
const LOOK_BACK_START = '2020-06-15';
const DAY_INSIDE = '2020-06-16';
const DAY_OUTSIDE = '2020-06-14';

const council = (gssCode: string, name: string, countyGssCode: string | null = null, ca: string | null = null) => ({
  gssCode,
  name,
  countyGssCode,
  combinedAuthorityGssCode: ca,
});

const NORFOLK = council('E10000020', 'Norfolk County Council');
const BROADLAND = council('E07000144', 'Broadland District Council', NORFOLK.gssCode);
const BRECKLAND = council('E07000143', 'Breckland District Council', NORFOLK.gssCode);
const CORNWALL = council('E06000052', 'Cornwall Council');
const WIGAN = council('E08000010', 'Wigan Council', null, 'E47000001');
const BOLTON = council('E08000001', 'Bolton Council', null, 'E47000001');

const HOST: HostCouncil = {
  ...council('E07000147', 'North Norfolk District Council', NORFOLK.gssCode),
  neighbours: [BROADLAND.gssCode],
  arrangements: [],
};
const NORFOLK_AS_HOST: HostCouncil = { ...NORFOLK, neighbours: [], arrangements: [] };
const BOLTON_AS_HOST: HostCouncil = { ...BOLTON, neighbours: [], arrangements: [] };

const peer = (overrides: Partial<PeerProfile> = {}): PeerProfile => ({
  id: 'peer-1',
  name: 'Jane Smith',
  kind: 'officer',
  role: 'chief_executive',
  homeCouncil: CORNWALL,
  expertise: [],
  trainedOn: '2024-01-10',
  dealings: [],
  previousChallengesOfHost: [],
  ...overrides,
});

const atHost = (kind: DealingKind, from: string, to: string | null, note?: string): Dealing => ({
  councilGssCode: HOST.gssCode,
  councilName: HOST.name,
  kind,
  from,
  to,
  note,
});

const check = (overrides: Partial<PeerCheckInput> & { dealings?: Dealing[]; home?: CouncilRef | null } = {}) => {
  const { dealings = [], home = CORNWALL, ...input } = overrides;
  return checkPeer({
    host: HOST,
    peer: peer({ dealings, homeCouncil: home }),
    role: 'lead_officer_peer',
    firstCpc: true,
    caseType: 'corporate_peer_challenge',
    on: ON,
    config: DEFAULT_RULES_CONFIG,
    ...input,
  });
};

const summary = (findings: Finding[]) => findings.map(({ rule, severity }) => `${rule}:${severity}`);
const OTHER_ROLES = TEAM_ROLES.filter((role) => !LEAD_ROLES.includes(role));

describe('lookBackStart', () => {
  it.each([
    ['2025-06-15', 5, '2020-06-15'],
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

describe.each(['employment', 'elected_member', 'consultancy', 'declared_interest'] as const)(
  'a %s dealing with the host',
  (kind) => {
    it.each<[string, string, string | null, TeamRole, boolean, 'hard' | 'soft']>([
      ['current, open-ended', '2018-01-01', null, 'lead_officer_peer', true, 'hard'],
      ['current, open-ended, later CPC', '2018-01-01', null, 'lead_officer_peer', false, 'hard'],
      ['current until a future date, later CPC', '2018-01-01', '2026-03-31', 'lead_member_peer', false, 'hard'],
      ['ending on the check date, later CPC', '2018-01-01', ON, 'lead_officer_peer', false, 'hard'],
      ['planned, starting after the check date, later CPC', '2025-09-01', null, 'lead_officer_peer', false, 'hard'],
      ['ended within the look-back, first CPC', '2015-04-01', '2021-03-31', 'lead_officer_peer', true, 'hard'],
      ['ended within the look-back, first CPC', '2015-04-01', '2021-03-31', 'lead_member_peer', true, 'hard'],
      ['ended within the look-back, later CPC', '2015-04-01', '2021-03-31', 'lead_officer_peer', false, 'soft'],
      ['ended within the look-back, later CPC', '2015-04-01', '2021-03-31', 'lead_member_peer', false, 'soft'],
      ['ended a day inside the look-back, first CPC', '2015-04-01', DAY_INSIDE, 'lead_officer_peer', true, 'hard'],
      ['ended on the boundary day, first CPC', '2015-04-01', LOOK_BACK_START, 'lead_officer_peer', true, 'hard'],
      ['ended a day outside the look-back, first CPC', '2015-04-01', DAY_OUTSIDE, 'lead_officer_peer', true, 'soft'],
      ['ended long before the look-back, first CPC', '1990-01-01', '1999-12-31', 'lead_member_peer', true, 'soft'],
      ...OTHER_ROLES.flatMap((role): Array<[string, string, string | null, TeamRole, boolean, 'hard' | 'soft']> => [
        ['current, first CPC', '2018-01-01', null, role, true, 'soft'],
        ['ended on the boundary day, first CPC', '2015-04-01', LOOK_BACK_START, role, true, 'soft'],
        ['ended before the look-back, first CPC', '1990-01-01', '1999-12-31', role, true, 'soft'],
      ]),
    ])('%s (%s to %s) as %s, first CPC %s: %s', (_label, from, to, role, firstCpc, severity) => {
      const { findings } = check({ dealings: [atHost(kind, from, to)], role, firstCpc });
      expect(summary(findings)).toEqual([`${kind}:${severity}`]);
    });
  },
);

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

describe('declared interests are pinned', () => {
  it.each(TEAM_ROLES)('a declared interest from decades ago still yields a finding for a %s', (role) => {
    for (const firstCpc of [true, false]) {
      const { findings } = check({
        dealings: [atHost('declared_interest', '1980-01-01', '1981-01-01')],
        role,
        firstCpc,
      });
      expect(summary(findings)).toEqual(['declared_interest:soft']);
    }
  });

  it('a one-year look-back does not drop a declared interest that ended two years ago', () => {
    const config = { ...DEFAULT_RULES_CONFIG, lookBackYears: 1 };
    const { findings } = check({ config, dealings: [atHost('declared_interest', '2020-01-01', '2023-06-15')] });
    expect(summary(findings)).toEqual(['declared_interest:soft']);
  });
});

describe('dealings with other councils', () => {
  it.each(DEALING_KINDS)('a current %s dealing with another council is not a conflict', (kind) => {
    const elsewhere: Dealing = { ...atHost(kind, '2018-01-01', null), councilGssCode: BRECKLAND.gssCode };
    expect(check({ dealings: [{ ...elsewhere, councilName: BRECKLAND.name }] }).findings).toEqual([]);
  });
});

describe('own council', () => {
  it.each(TEAM_ROLES)('a peer whose own council is the host cannot serve as %s', (role) => {
    for (const firstCpc of [true, false]) {
      const { findings } = check({ home: HOST, role, firstCpc });
      expect(summary(findings)).toEqual(['own_council:hard']);
    }
  });

  it('says so in a sentence naming the council', () => {
    const [finding] = check({ home: HOST, role: 'member_peer' }).findings;
    expect(finding).toEqual({
      peerId: 'peer-1',
      severity: 'hard',
      rule: 'own_council',
      detail:
        "Jane Smith's own council is North Norfolk District Council, the host council, " +
        'so Jane Smith cannot serve on its peer team in any role.',
    });
  });
});

describe('shared management or services', () => {
  const withArrangement = (kind: 'shared_management' | 'shared_services', from: string, to: string | null) => ({
    ...HOST,
    neighbours: [],
    arrangements: [{ otherGssCode: CORNWALL.gssCode, otherName: CORNWALL.name, kind, from, to }],
  });

  it.each<[string, 'shared_management' | 'shared_services', string, string | null, TeamRole, boolean, string[]]>([
    ['current', 'shared_management', '2019-04-01', null, 'lead_officer_peer', true, ['shared_arrangement:hard']],
    [
      'current, later CPC',
      'shared_services',
      '2019-04-01',
      null,
      'lead_member_peer',
      false,
      ['shared_arrangement:hard'],
    ],
    ['planned', 'shared_services', '2026-04-01', null, 'lead_officer_peer', false, ['shared_arrangement:hard']],
    [
      'ended within',
      'shared_management',
      '2012-04-01',
      '2022-03-31',
      'lead_officer_peer',
      false,
      ['shared_arrangement:hard'],
    ],
    [
      'ended on the boundary day',
      'shared_management',
      '2012-04-01',
      LOOK_BACK_START,
      'lead_officer_peer',
      true,
      ['shared_arrangement:hard'],
    ],
    ['ended a day outside', 'shared_management', '2012-04-01', DAY_OUTSIDE, 'lead_officer_peer', true, []],
    ['ended long ago', 'shared_services', '2001-04-01', '2009-03-31', 'lead_officer_peer', true, []],
    ['current', 'shared_management', '2019-04-01', null, 'member_peer', true, ['shared_arrangement:soft']],
    [
      'ended on the boundary day',
      'shared_services',
      '2012-04-01',
      LOOK_BACK_START,
      'officer_peer',
      true,
      ['shared_arrangement:soft'],
    ],
    ['ended a day outside', 'shared_services', '2012-04-01', DAY_OUTSIDE, 'shadow_peer', true, []],
  ])('a %s %s arrangement (%s to %s) for a %s, first CPC %s', (_label, kind, from, to, role, firstCpc, expected) => {
    const { findings } = check({ host: withArrangement(kind, from, to), role, firstCpc });
    expect(summary(findings)).toEqual(expected);
  });

  it("ignores the host's arrangements with councils other than the peer's home council", () => {
    const host = withArrangement('shared_management', '2019-04-01', null);
    expect(check({ host, home: BRECKLAND }).findings.map((f) => f.rule)).not.toContain('shared_arrangement');
  });

  it.each<[DealingKind, string, string | null, TeamRole, string[]]>([
    ['shared_service', '2019-01-01', null, 'lead_officer_peer', ['shared_arrangement:hard']],
    ['shared_management', '2015-01-01', LOOK_BACK_START, 'lead_member_peer', ['shared_arrangement:hard']],
    ['shared_management', '2015-01-01', DAY_INSIDE, 'officer_peer', ['shared_arrangement:soft']],
    ['shared_service', '2015-01-01', DAY_OUTSIDE, 'lead_officer_peer', []],
  ])("a peer's own %s dealing with the host (%s to %s) as %s", (kind, from, to, role, expected) => {
    const { findings } = check({ dealings: [atHost(kind, from, to)], role, firstCpc: false });
    expect(summary(findings)).toEqual(expected);
  });
});

describe('neighbouring council, county area and combined authority', () => {
  it.each<[string, HostCouncil, CouncilRef | null, string[]]>([
    ['a neighbour in the same county', HOST, BROADLAND, ['neighbouring_council:soft', 'same_county_area:soft']],
    ['the same county area, not neighbouring', HOST, BRECKLAND, ['same_county_area:soft']],
    ["the host's county council", HOST, NORFOLK, ['same_county_area:soft']],
    ["a district in the host county's area", NORFOLK_AS_HOST, BRECKLAND, ['same_county_area:soft']],
    ['the same combined authority', BOLTON_AS_HOST, WIGAN, ['same_combined_authority:soft']],
    ['two unitary councils with no county', BOLTON_AS_HOST, CORNWALL, []],
    ['no home council (an external peer)', HOST, null, []],
  ])('%s', (_label, host, home, expected) => {
    for (const role of TEAM_ROLES) {
      expect(summary(check({ host, home, role }).findings)).toEqual(expected);
    }
  });

  it('gives one finding per relation when all three hold', () => {
    const host = { ...HOST, combinedAuthorityGssCode: 'E47000099' };
    const home = { ...BROADLAND, combinedAuthorityGssCode: 'E47000099' };
    expect(summary(check({ host, home }).findings)).toEqual([
      'neighbouring_council:soft',
      'same_county_area:soft',
      'same_combined_authority:soft',
    ]);
  });

  it('does not match councils whose county and combined authority are both unknown', () => {
    expect(check({ host: { ...HOST, countyGssCode: null }, home: CORNWALL }).findings).toEqual([]);
  });
});

describe('mentoring', () => {
  it.each<[string, string | null, TeamRole, string[]]>([
    ['2019-01-01', null, 'lead_officer_peer', ['mentoring:soft']],
    ['2026-01-01', null, 'lead_officer_peer', ['mentoring:soft']],
    ['2018-01-01', DAY_INSIDE, 'lead_member_peer', ['mentoring:soft']],
    ['2018-01-01', LOOK_BACK_START, 'lead_officer_peer', ['mentoring:soft']],
    ['2018-01-01', DAY_OUTSIDE, 'lead_officer_peer', []],
    ['2018-01-01', LOOK_BACK_START, 'member_peer', ['mentoring:soft']],
    ['2001-01-01', '2002-01-01', 'officer_peer', []],
  ])('mentoring from %s to %s, as %s', (from, to, role, expected) => {
    expect(summary(check({ dealings: [atHost('mentoring', from, to)], role }).findings)).toEqual(expected);
  });
});

describe('returning peers', () => {
  it('notes an earlier challenge as information, not a finding', () => {
    const result = checkPeer({
      host: HOST,
      peer: peer({ previousChallengesOfHost: [{ caseId: 'case-2016', year: 2016 }] }),
      role: 'lead_officer_peer',
      firstCpc: false,
      caseType: 'corporate_peer_challenge',
      on: ON,
      config: DEFAULT_RULES_CONFIG,
    });
    expect(result.findings).toEqual([]);
    expect(result.information).toEqual([
      {
        peerId: 'peer-1',
        rule: 'returning_peer',
        detail:
          'Jane Smith served on an earlier peer challenge of North Norfolk District Council (2016, case case-2016): ' +
          'returning peers are welcome for a second corporate peer challenge or a follow-up, ' +
          'so this is not a conflict.',
      },
    ]);
  });

  it('lists several earlier challenges in one note', () => {
    const previous = [{ caseId: 'a', year: 2014 }, { caseId: 'b' }];
    const result = checkPeer({
      host: HOST,
      peer: peer({ previousChallengesOfHost: previous }),
      role: 'member_peer',
      firstCpc: false,
      caseType: 'corporate_peer_challenge',
      on: ON,
      config: DEFAULT_RULES_CONFIG,
    });
    expect(result.information).toHaveLength(1);
    expect(result.information[0].detail).toContain(
      'earlier peer challenges of North Norfolk District Council (2014, case a; case b)',
    );
  });

  it('gives no information when the peer has not served here before', () => {
    expect(check().information).toEqual([]);
  });
});

describe('ordering', () => {
  it('lists hard findings first and keeps the order within each severity', () => {
    const { findings } = check({
      home: BROADLAND,
      dealings: [
        atHost('mentoring', '2021-01-01', null),
        atHost('employment', '1990-01-01', '1995-01-01'),
        atHost('consultancy', '2022-01-01', '2023-01-01'),
        atHost('declared_interest', '2010-01-01', null),
      ],
    });
    expect(summary(findings)).toEqual([
      'consultancy:hard',
      'declared_interest:hard',
      'neighbouring_council:soft',
      'same_county_area:soft',
      'mentoring:soft',
      'employment:soft',
    ]);
  });
});

describe('details', () => {
  const detailOf = (overrides: Parameters<typeof check>[0]) => check(overrides).findings.map((f) => f.detail);

  it.each<[string, Parameters<typeof check>[0], string]>([
    [
      'employment within the look-back on a first CPC',
      { dealings: [atHost('employment', '2015-04-01', '2021-03-31')] },
      'Jane Smith was employed by North Norfolk District Council from 2015-04-01 to 2021-03-31, within the 5-year ' +
        'look-back, so cannot be the lead officer peer for ' +
        "North Norfolk District Council's first corporate peer challenge.",
    ],
    [
      'current elected office on a later CPC',
      { dealings: [atHost('elected_member', '2019-05-02', null)], role: 'lead_member_peer', firstCpc: false },
      'Jane Smith has been an elected member of North Norfolk District Council since 2019-05-02, so cannot be the ' +
        "lead member peer for North Norfolk District Council's corporate peer challenge.",
    ],
    [
      'consultancy that ended within the look-back, on a later CPC',
      { dealings: [atHost('consultancy', '2021-01-01', '2021-06-30', 'interim section 151 officer')], firstCpc: false },
      'Jane Smith did consultancy or interim work for North Norfolk District Council (interim section 151 officer) ' +
        'from 2021-01-01 to 2021-06-30, within the 5-year look-back; as North Norfolk District Council has had a ' +
        'corporate peer challenge before, record a justification to keep Jane Smith as lead officer peer.',
    ],
    [
      'employment before the look-back',
      { dealings: [atHost('employment', '2001-09-01', '2008-08-31')], role: 'officer_peer' },
      'Jane Smith was employed by North Norfolk District Council from 2001-09-01 to 2008-08-31, before the 5-year ' +
        'look-back that starts on 2020-06-15, so record a justification to keep Jane Smith as officer peer.',
    ],
    [
      'employment that has not started yet, on a finance peer review',
      {
        dealings: [atHost('employment', '2025-09-01', null)],
        caseType: 'finance_peer_review' satisfies CaseType,
      },
      'Jane Smith is to be employed by North Norfolk District Council from 2025-09-01, so cannot be the lead officer ' +
        "peer for North Norfolk District Council's finance peer review, " +
        'as it has had no corporate peer challenge before.',
    ],
    [
      'a current declared interest with an end date',
      { dealings: [atHost('declared_interest', '2024-01-01', '2026-01-01')], role: 'member_peer' },
      'Jane Smith has had a declared interest in North Norfolk District Council since 2024-01-01 (due to end ' +
        '2026-01-01), so record a justification to keep Jane Smith as member peer.',
    ],
    [
      'a neighbouring home council',
      { host: { ...HOST, countyGssCode: null }, home: { ...BROADLAND, countyGssCode: null }, role: 'member_peer' },
      "Jane Smith's home council, Broadland District Council, neighbours North Norfolk District Council, so record " +
        'a justification to keep Jane Smith as member peer.',
    ],
    [
      "the host's county council as home",
      { home: NORFOLK, role: 'external_peer' },
      "Jane Smith's home council, Norfolk County Council, is the county council for North Norfolk District Council, " +
        'so record a justification to keep Jane Smith as external peer.',
    ],
    [
      'the host as county council of the home council',
      { host: NORFOLK_AS_HOST, home: BRECKLAND, role: 'shadow_peer' },
      "Norfolk County Council is the county council for Jane Smith's home council, Breckland District Council, so " +
        'record a justification to keep Jane Smith as shadow peer.',
    ],
    [
      'the same combined authority',
      { host: BOLTON_AS_HOST, home: WIGAN, role: 'member_peer' },
      "Jane Smith's home council, Wigan Council, is in the same combined authority (E47000001) as Bolton Council, so " +
        'record a justification to keep Jane Smith as member peer.',
    ],
    [
      'shared management that ended within the look-back',
      {
        host: {
          ...HOST,
          arrangements: [
            {
              otherGssCode: BRECKLAND.gssCode,
              otherName: BRECKLAND.name,
              kind: 'shared_management',
              from: '2011-04-01',
              to: '2023-03-31',
            },
          ],
        },
        home: { ...BRECKLAND, countyGssCode: null },
      },
      "Jane Smith's home council, Breckland District Council, shared management with North Norfolk District Council " +
        'from 2011-04-01 to 2023-03-31, within the 5-year look-back, so Jane Smith cannot be the lead officer peer ' +
        "for North Norfolk District Council's first corporate peer challenge.",
    ],
    [
      'mentoring',
      { dealings: [atHost('mentoring', '2023-09-01', null)] },
      'Jane Smith has mentored the leader or chief executive of North Norfolk District Council since 2023-09-01, so ' +
        'record a justification to keep Jane Smith as lead officer peer.',
    ],
  ])('%s', (_label, overrides, expected) => {
    expect(detailOf(overrides)).toEqual([expected]);
  });

  it('carries the peer id on every finding', () => {
    const { findings } = check({ home: BROADLAND, dealings: [atHost('employment', '2010-01-01', null)] });
    expect(findings.every((f) => f.peerId === 'peer-1')).toBe(true);
  });
});

describe('team warnings', () => {
  const context = { on: ON, config: DEFAULT_RULES_CONFIG, councilsWithoutCpcSince2012: new Set([BROADLAND.gssCode]) };
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
      trainedOn: '2024-01-10',
      ...overrides,
    });
  const rulesOf = (team: PeerProfile[], extra: Partial<Parameters<typeof teamWarnings>[1]> = {}) =>
    teamWarnings(
      team.map((p, index) => ({ peer: p, role: index === 0 ? 'lead_officer_peer' : 'member_peer' })),
      { ...context, ...extra },
    ).map((warning) => (warning.peerId ? `${warning.rule}@${warning.peerId}` : warning.rule));

  it.each<[string, PeerProfile[], Partial<Parameters<typeof teamWarnings>[1]>, string[]]>([
    ['a trained member peer and finance expertise', [financeOfficer, member()], {}, []],
    ['no team at all', [], {}, ['no_member_peer', 'no_finance_expertise']],
    ['no member peer', [financeOfficer], {}, ['no_member_peer']],
    ['no finance expertise', [member()], {}, ['no_finance_expertise']],
    ['finance expertise held by the member peer', [member({ expertise: ['housing', 'Finance'] })], {}, []],
    ['no finance expertise, waived', [member()], { financeWaiverReason: 'Scope excludes finances' }, []],
    ['no finance expertise, blank waiver', [member()], { financeWaiverReason: '  ' }, ['no_finance_expertise']],
    ['no finance expertise, null waiver', [member()], { financeWaiverReason: null }, ['no_finance_expertise']],
    ['an untrained member peer', [financeOfficer, member({ trainedOn: null })], {}, ['member_peer_untrained@member']],
    ['training a day inside the refresher', [financeOfficer, member({ trainedOn: '2022-06-16' })], {}, []],
    ['training on the refresher boundary', [financeOfficer, member({ trainedOn: '2022-06-15' })], {}, []],
    [
      'training a day before the refresher boundary',
      [financeOfficer, member({ trainedOn: '2022-06-14' })],
      {},
      ['member_peer_training_lapsed@member'],
    ],
    ['an untrained officer peer', [financeOfficer, member(), peer({ id: 'o', trainedOn: null })], {}, []],
    [
      'a leader from a council with no CPC since 2012',
      [financeOfficer, member({ role: 'leader', homeCouncil: BROADLAND })],
      {},
      ['member_peer_from_never_engaged_council@member'],
    ],
    [
      'a cabinet member from a council with no CPC since 2012',
      [financeOfficer, member({ role: 'cabinet_member', homeCouncil: BROADLAND })],
      {},
      ['member_peer_from_never_engaged_council@member'],
    ],
    [
      'a backbench councillor from a council with no CPC since 2012',
      [financeOfficer, member({ role: 'councillor', homeCouncil: BROADLAND })],
      {},
      [],
    ],
    ['a leader from a council that has had a CPC', [financeOfficer, member({ role: 'leader' })], {}, []],
    [
      'an untrained leader from a council with no CPC since 2012',
      [financeOfficer, member({ role: 'leader', homeCouncil: BROADLAND, trainedOn: null })],
      {},
      ['member_peer_untrained@member', 'member_peer_from_never_engaged_council@member'],
    ],
  ])('%s', (_label, team, extra, expected) => {
    expect(rulesOf(team, extra)).toEqual(expected);
  });

  it('warns once per peer listed twice', () => {
    const untrained = member({ trainedOn: null });
    expect(rulesOf([financeOfficer, untrained, untrained])).toEqual(['member_peer_untrained@member']);
  });

  it.each<[string, PeerProfile, string]>([
    [
      'an untrained member peer',
      member({ trainedOn: null }),
      'Cllr Alex Jones has no recorded member peer training: arrange training before the challenge.',
    ],
    [
      'a lapsed member peer',
      member({ trainedOn: '2021-11-30' }),
      'Cllr Alex Jones was last trained on 2021-11-30, more than 3 years before 2025-06-15: offer refresher ' +
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

  it('names the council in the never-engaged warning', () => {
    const leader = member({ role: 'leader', homeCouncil: BROADLAND });
    const [warning] = teamWarnings(
      [
        { peer: financeOfficer, role: 'lead_officer_peer' },
        { peer: leader, role: 'lead_member_peer' },
      ],
      context,
    );
    expect(warning.detail).toBe(
      'Cllr Alex Jones is the leader of Broadland District Council, which has had no corporate peer challenge since ' +
        '2012: discuss with Cllr Alex Jones why, and whether Broadland District Council will have one.',
    );
  });
});

describe('adding a dealing never removes a finding', () => {
  const date = fc
    .date({ min: new Date('2005-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const period = fc
    .tuple(date, fc.option(date, { nil: null }))
    .map(([from, to]) => (to !== null && to < from ? { from: to, to: from } : { from, to }));
  const councils = [HOST, BROADLAND, BRECKLAND, NORFOLK, CORNWALL];
  const dealtWith = fc.oneof({ arbitrary: fc.constant(HOST), weight: 4 }, fc.constantFrom(...councils));
  const dealing = fc
    .record({ council: dealtWith, kind: fc.constantFrom(...DEALING_KINDS), period })
    .map(({ council: c, kind, period: p }): Dealing => ({
      councilGssCode: c.gssCode,
      councilName: c.name,
      kind,
      ...p,
    }));
  const arrangement = fc
    .record({
      council: fc.constantFrom(BROADLAND, BRECKLAND, CORNWALL),
      kind: fc.constantFrom('shared_management' as const, 'shared_services' as const),
      period,
    })
    .map(({ council: c, kind, period: p }) => ({ otherGssCode: c.gssCode, otherName: c.name, kind, ...p }));
  const input = fc.record({
    dealings: fc.array(dealing, { maxLength: 6 }),
    arrangements: fc.array(arrangement, { maxLength: 3 }),
    home: fc.option(fc.constantFrom(...councils), { nil: null }),
    role: fc.constantFrom(...TEAM_ROLES),
    firstCpc: fc.boolean(),
    on: date,
    lookBackYears: fc.integer({ min: 1, max: 10 }),
  });

  const tally = (findings: Finding[]) => {
    const counts = new Map<string, { hard: number; all: number }>();
    for (const { rule, severity } of findings) {
      const count = counts.get(rule) ?? { hard: 0, all: 0 };
      counts.set(rule, { hard: count.hard + (severity === 'hard' ? 1 : 0), all: count.all + 1 });
    }
    return counts;
  };

  it('keeps every earlier finding, at the same or a higher severity', () => {
    fc.assert(
      fc.property(input, dealing, fc.nat(), (generated, added, position) => {
        const base: PeerCheckInput = {
          host: { ...HOST, arrangements: generated.arrangements },
          peer: peer({ homeCouncil: generated.home, dealings: generated.dealings }),
          role: generated.role,
          firstCpc: generated.firstCpc,
          caseType: 'corporate_peer_challenge',
          on: generated.on,
          config: { ...DEFAULT_RULES_CONFIG, lookBackYears: generated.lookBackYears },
        };
        const at = position % (generated.dealings.length + 1);
        const dealings = [...generated.dealings.slice(0, at), added, ...generated.dealings.slice(at)];
        const before = tally(checkPeer(base).findings);
        const after = tally(checkPeer({ ...base, peer: { ...base.peer, dealings } }).findings);
        for (const [rule, count] of before) {
          const later = after.get(rule) ?? { hard: 0, all: 0 };
          expect(later.all).toBeGreaterThanOrEqual(count.all);
          expect(later.hard).toBeGreaterThanOrEqual(count.hard);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
