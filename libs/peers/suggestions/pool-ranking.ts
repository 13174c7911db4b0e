import {
  checkPeer,
  ROLE_KINDS,
  type Booking,
  type ChallengeFacts,
  type PeerProfile,
  type TeamRole,
} from '../conflicts/conflict-rules.js';
import type { PoolPeer } from '../peers.service.js';
import { hasFinance, judgeCandidate, typicalServed, type Suggestion, type SuggestionWeights } from './scoring.js';
import type { TeamOption } from './team-solver.js';

/** What the case library knows of the whole pool for one case, each read in one query (issue #23). */
export interface PoolFacts {
  /** Each peer's delivered challenges of the host or the councils it replaced (returning peers). */
  servedOfHost: ReadonlyMap<string, Array<{ caseId: string; year: number }>>;
  /** Each peer's other open cases with onsite dates (this case left out). */
  bookings: ReadonlyMap<string, Booking[]>;
  /** How many challenges each peer served on that were delivered in the 12 months before the day. */
  servedLastYear: ReadonlyMap<string, number>;
}

/** A suggested peer in a role, with what the team solver needs to know of them. */
export interface Candidate extends Suggestion {
  role: TeamRole;
  option: TeamOption;
}

/** A peer on the team already (or kept by the manager), judged in their role; `excluded` when a hard limit says so. */
export interface PlacedCandidate extends Candidate {
  excluded: string | null;
}

/** One role's candidates, best first, and how many of the pool a hard limit left out. */
export interface Ranking {
  role: TeamRole;
  candidates: Candidate[];
  excluded: number;
}

export interface RankingInput {
  facts: ChallengeFacts;
  pool: readonly PoolPeer[];
  poolFacts: PoolFacts;
  roles: readonly TeamRole[];
  focusAreas: readonly string[];
  /** Never suggested: those already on the team, those the manager set aside. */
  leaveOut: ReadonlySet<string>;
  /** Judged in this role only, and answered apart: the team's members, those the manager kept. */
  placed: ReadonlyMap<string, TeamRole>;
  /** The window the availability score looks at, and its words. */
  window: { from: string; to: string; words: string };
  limits: { maxChallengesPerYear: number; weights: SuggestionWeights };
}

const overlaps = (a: { from: string; to: string }, b: { from: string; to: string }) => a.from <= b.to && b.from <= a.to;

/**
 * Every active peer judged for each role: the conflict rules first (the same `checkPeer` as the team's check, so
 * a suggestion's findings are the ones the check will record), then the hard limits and the score. Pure: the
 * caller reads the pool and the case library's facts in a handful of batched queries. The words are left out
 * while the whole pool is ranked (a request answers ten of thousands): `explain` gives a candidate its reasons.
 */
export function rankPool(input: RankingInput): {
  rankings: Ranking[];
  placed: PlacedCandidate[];
  explain: (candidate: Candidate) => Candidate;
} {
  const { facts, poolFacts, window } = input;
  const host = facts.graph.council(facts.hostGssCode)!;
  const typical = typicalServed(input.pool.map(({ peer }) => poolFacts.servedLastYear.get(peer.id) ?? 0));
  const prepared = (entry: PoolPeer) => {
    const { peer } = entry;
    const bookings = poolFacts.bookings.get(peer.id) ?? [];
    const profile = profileOf(entry, poolFacts.servedOfHost.get(peer.id) ?? []);
    const busy = [
      ...bookings.map((b) => ({ from: b.onsiteStart, to: b.onsiteEnd })),
      ...entry.unavailability.map((u) => ({ from: u.from, to: u.to })),
    ];
    const judgedPeer = {
      id: peer.id,
      name: peer.name,
      kind: peer.kind,
      role: peer.role,
      active: peer.active,
      expertise: peer.expertise,
      trainedOn: peer.trainedOn,
      homeType: peer.homeCouncilGssCode ? (facts.graph.council(peer.homeCouncilGssCode)?.type ?? null) : null,
      servedLast12Months: poolFacts.servedLastYear.get(peer.id) ?? 0,
      returning: profile.previousChallengesOfHost.length > 0,
      available: !busy.some((period) => overlaps(period, window)),
    };
    const option = {
      peerId: peer.id,
      homeGssCode: peer.homeCouncilGssCode,
      finance: hasFinance(peer),
      member: peer.kind === 'member',
      memberGroup: peer.kind === 'member' ? peer.politicalGroup : null,
    };
    const judge = (role: TeamRole, explain: boolean) => {
      // Not the kind the role needs: left out before the rules run (judgeCandidate says so first of all).
      const kind = ROLE_KINDS[role];
      const findings =
        kind && kind !== peer.kind ? [] : checkPeer({ ...facts, peer: profile, role, bookings }).findings;
      const judged = judgeCandidate(
        judgedPeer,
        findings,
        {
          role,
          on: facts.on,
          focusAreas: input.focusAreas,
          host: { name: host.name, type: host.type },
          trainingRefresherYears: facts.config.trainingRefresherYears,
          maxChallengesPerYear: input.limits.maxChallengesPerYear,
          typicalServed: typical,
          weights: input.limits.weights,
          availabilityWindow: window.words,
        },
        explain,
      );
      return { judged, findings };
    };
    return { option, judge };
  };

  const rankings = new Map<TeamRole, Ranking>();
  for (const role of input.roles) rankings.set(role, { role, candidates: [], excluded: 0 });
  const placed: PlacedCandidate[] = [];
  const byId = new Map<string, PoolPeer>();
  for (const entry of input.pool) {
    const { peer } = entry;
    byId.set(peer.id, entry);
    const placedRole = input.placed.get(peer.id);
    if (input.leaveOut.has(peer.id) && !placedRole) continue;
    const { option, judge } = prepared(entry);
    if (placedRole) {
      const { judged, findings } = judge(placedRole, true);
      const suggested =
        'suggested' in judged
          ? judged.suggested
          : { peerId: peer.id, name: peer.name, score: 0, reasons: [judged.excluded], findings };
      placed.push({
        ...suggested,
        role: placedRole,
        excluded: 'excluded' in judged ? judged.excluded : null,
        option: { ...option, score: suggested.score },
      });
      continue;
    }
    for (const ranking of rankings.values()) {
      const { judged } = judge(ranking.role, false);
      if ('excluded' in judged) ranking.excluded++;
      else {
        const { score } = judged.suggested;
        ranking.candidates.push({ ...judged.suggested, role: ranking.role, option: { ...option, score } });
      }
    }
  }
  const served = (c: Candidate) => poolFacts.servedLastYear.get(c.peerId) ?? 0;
  for (const ranking of rankings.values()) {
    // Best first; between equals, the one who served less, then by name, so the order never wobbles.
    ranking.candidates.sort(
      (a, b) =>
        b.score - a.score || served(a) - served(b) || a.name.localeCompare(b.name) || (a.peerId < b.peerId ? -1 : 1),
    );
  }
  const explain = (candidate: Candidate): Candidate => {
    const entry = byId.get(candidate.peerId);
    if (!entry || candidate.reasons.length > 0) return candidate;
    const { judged } = prepared(entry).judge(candidate.role, true);
    return 'suggested' in judged ? { ...candidate, reasons: judged.suggested.reasons } : candidate;
  };
  return { rankings: [...rankings.values()], placed, explain };
}

/** The conflict rules' view of a pooled peer. */
export function profileOf(entry: PoolPeer, servedOfHost: PeerProfile['previousChallengesOfHost']): PeerProfile {
  const { peer } = entry;
  return {
    id: peer.id,
    name: peer.name,
    kind: peer.kind,
    role: peer.role,
    homeCouncilGssCode: peer.homeCouncilGssCode,
    expertise: peer.expertise,
    trainedOn: peer.trainedOn,
    dealings: entry.dealings.map(({ id, councilGssCode, councilName, kind, from, to, note }) => ({
      id,
      councilGssCode,
      councilName,
      kind,
      from,
      to,
      note,
    })),
    previousChallengesOfHost: servedOfHost,
    unavailable: entry.unavailability.map(({ id, from, to }) => ({ id, from, to })),
  };
}
