import fc from 'fast-check';
import type { TeamRole } from '../conflicts/conflict-rules.js';
import { bestTeam, keepsTeamRules, politicallyBalanced, type TeamOption } from './team-solver.js';

/** Every way of filling the seats with distinct peers: the best total keeping the rules, balanced first. */
function exhaustive(
  seats: readonly TeamRole[],
  candidates: ReadonlyMap<TeamRole, readonly TeamOption[]>,
): { total: number; balanced: boolean } | null {
  let bestBalanced: number | null = null;
  let bestAny: number | null = null;
  const picks: TeamOption[] = [];
  const walk = (i: number) => {
    if (i === seats.length) {
      if (!keepsTeamRules(picks)) return;
      const total = picks.reduce((sum, o) => sum + o.score, 0);
      bestAny = bestAny === null ? total : Math.max(bestAny, total);
      if (politicallyBalanced(picks)) bestBalanced = bestBalanced === null ? total : Math.max(bestBalanced, total);
      return;
    }
    for (const option of candidates.get(seats[i]) ?? []) {
      picks.push(option);
      walk(i + 1);
      picks.pop();
    }
  };
  walk(0);
  if (bestBalanced !== null) return { total: bestBalanced, balanced: true };
  return bestAny === null ? null : { total: bestAny, balanced: false };
}

const GROUPS = ['labour', 'conservative', 'liberal_democrat'];
const HOMES = ['E1', 'E2', 'E3', 'E4', 'E5'];

/** A small random pool: officers and members, some in two roles, homes and groups drawn from few values. */
const poolArb = fc
  .array(
    fc.record({
      officer: fc.boolean(),
      score: fc.integer({ min: 0, max: 12 }),
      leadScore: fc.integer({ min: 0, max: 12 }),
      home: fc.option(fc.constantFrom(...HOMES), { nil: null, freq: 5 }),
      finance: fc.boolean(),
      group: fc.option(fc.constantFrom(...GROUPS), { nil: null, freq: 6 }),
      canLead: fc.boolean(),
    }),
    { minLength: 2, maxLength: 9 },
  )
  .map((peers) => {
    const candidates = new Map<TeamRole, TeamOption[]>();
    const add = (role: TeamRole, option: TeamOption) => candidates.set(role, [...(candidates.get(role) ?? []), option]);
    peers.forEach((p, i) => {
      const base = {
        peerId: `p${i}`,
        homeGssCode: p.home,
        finance: p.finance,
        member: !p.officer,
        memberGroup: p.officer ? null : p.group,
      };
      add(p.officer ? 'officer_peer' : 'member_peer', { ...base, score: p.score });
      if (p.canLead) add(p.officer ? 'lead_officer_peer' : 'lead_member_peer', { ...base, score: p.leadScore });
    });
    return candidates;
  });

const seatsArb = fc
  .tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }))
  .map(([members, officers]): TeamRole[] => [
    'lead_officer_peer',
    'lead_member_peer',
    ...Array<TeamRole>(members).fill('member_peer'),
    ...Array<TeamRole>(officers).fill('officer_peer'),
  ]);

describe('the best team', () => {
  it('is the optimum: its total equals exhaustive search on small random pools, balanced when any team can be', () => {
    fc.assert(
      fc.property(poolArb, seatsArb, (candidates, seats) => {
        const solved = bestTeam(seats, candidates);
        const expected = exhaustive(seats, candidates);
        if (expected === null) {
          expect(solved).toBeNull();
          return;
        }
        expect(solved).not.toBeNull();
        const options = solved!.seats.map((s) => s.option);
        expect(solved!.seats.map((s) => s.role).sort()).toEqual([...seats].sort());
        for (const { role, option } of solved!.seats) expect(candidates.get(role)).toContain(option);
        expect(keepsTeamRules(options)).toBe(true);
        expect(solved!.balanced).toBe(expected.balanced);
        if (solved!.balanced) expect(politicallyBalanced(options)).toBe(true);
        expect(solved!.total).toBe(options.reduce((sum, o) => sum + o.score, 0));
        expect(solved!.total).toBe(expected.total);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps those already placed and finds the optimum around them, as exhaustive search does', () => {
    fc.assert(
      fc.property(poolArb, seatsArb, fc.nat(), (candidates, seats, pick) => {
        // The lead officer peer is already on the team: one of that role's candidates, chosen at random.
        const leads = candidates.get('lead_officer_peer') ?? [];
        if (leads.length === 0) return;
        const placed = [{ role: 'lead_officer_peer' as TeamRole, option: leads[pick % leads.length] }];
        const forced = new Map(candidates).set('lead_officer_peer', [placed[0].option]);
        const solved = bestTeam(seats.slice(1), candidates, placed);
        const expected = exhaustive(seats, forced);
        if (expected === null) {
          expect(solved).toBeNull();
          return;
        }
        expect(solved!.seats[0]).toEqual(placed[0]);
        expect(solved!.seats.map((s) => s.role).sort()).toEqual([...seats].sort());
        expect(keepsTeamRules(solved!.seats.map((s) => s.option))).toBe(true);
        expect(solved!.balanced).toBe(expected.balanced);
        expect(solved!.total).toBe(expected.total);
      }),
      { numRuns: 300 },
    );
  });

  it('answers at once when no balanced team can exist in a large pool of one group', () => {
    const candidates = new Map<TeamRole, TeamOption[]>();
    for (const role of ['lead_officer_peer', 'lead_member_peer', 'member_peer'] as TeamRole[]) {
      const member = role !== 'lead_officer_peer';
      candidates.set(
        role,
        Array.from({ length: 800 }, (_, i) => ({
          peerId: `${role}-${i}`,
          score: i % 5,
          homeGssCode: `E${i}`,
          finance: i === 799,
          member,
          memberGroup: member ? 'labour' : null,
        })),
      );
    }
    const team = bestTeam(['lead_officer_peer', 'lead_member_peer', 'member_peer', 'member_peer'], candidates)!;
    expect(team.balanced).toBe(false);
    expect(keepsTeamRules(team.seats.map((s) => s.option))).toBe(true);
  });

  it('gives up a higher score for finance expertise, a second council and balance, in that need', () => {
    const o = (peerId: string, score: number, over: Partial<TeamOption> = {}): TeamOption => ({
      peerId,
      score,
      homeGssCode: null,
      finance: false,
      member: false,
      memberGroup: null,
      ...over,
    });
    const candidates = new Map<TeamRole, TeamOption[]>([
      ['lead_officer_peer', [o('ceo', 10, { homeGssCode: 'E1' }), o('s151', 6, { finance: true, homeGssCode: 'E2' })]],
      [
        'lead_member_peer',
        [
          o('leader', 9, { member: true, memberGroup: 'labour', homeGssCode: 'E2' }),
          o('cllr', 7, { member: true, memberGroup: 'labour' }),
        ],
      ],
      [
        'member_peer',
        [
          o('m1', 8, { member: true, memberGroup: 'labour', finance: true }),
          o('m2', 3, { member: true, memberGroup: 'conservative', finance: true }),
        ],
      ],
    ]);
    const team = bestTeam(['lead_officer_peer', 'lead_member_peer', 'member_peer'], candidates)!;
    // ceo + leader + m2 keeps every rule (balance: labour and conservative), 22; with m1 it would be all labour.
    expect(team.seats.map((s) => s.option.peerId)).toEqual(['ceo', 'leader', 'm2']);
    expect(team).toMatchObject({ total: 22, balanced: true });
  });

  it('says when no team keeps the rules', () => {
    const only = new Map<TeamRole, TeamOption[]>([
      [
        'lead_officer_peer',
        [{ peerId: 'a', score: 1, homeGssCode: null, finance: false, member: false, memberGroup: null }],
      ],
      [
        'lead_member_peer',
        [{ peerId: 'b', score: 1, homeGssCode: null, finance: false, member: true, memberGroup: null }],
      ],
    ]);
    expect(bestTeam(['lead_officer_peer', 'lead_member_peer'], only)).toBeNull();
    expect(bestTeam(['lead_officer_peer', 'lead_member_peer', 'member_peer'], only)).toBeNull();
  });

  it('finds a balanced team keeping every rule in a pool of 2,000 options', () => {
    const candidates = new Map<TeamRole, TeamOption[]>();
    for (const role of ['lead_officer_peer', 'lead_member_peer', 'member_peer', 'officer_peer'] as TeamRole[]) {
      candidates.set(
        role,
        Array.from({ length: 500 }, (_, i) => ({
          peerId: `${role}-${i}`,
          score: (i * 7919) % 23,
          homeGssCode: `E${i % 300}`,
          finance: i % 11 === 0,
          member: role.includes('member'),
          memberGroup: role.includes('member') ? GROUPS[i % 3] : null,
        })),
      );
    }
    const seats: TeamRole[] = [
      'lead_officer_peer',
      'lead_member_peer',
      'member_peer',
      'member_peer',
      'officer_peer',
      'officer_peer',
    ];
    const team = bestTeam(seats, candidates)!;
    expect(team.balanced).toBe(true);
    expect(keepsTeamRules(team.seats.map((s) => s.option))).toBe(true);
  });
});
