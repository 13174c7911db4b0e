import type { CouncilType } from '#libs/councils';
import {
  ROLE_KINDS,
  TEAM_ROLE_NAMES,
  type Finding,
  type PeerKind,
  type PeerRole,
  type TeamRole,
} from '../conflicts/conflict-rules.js';
import { lookBackStart } from '../conflicts/dates.js';

/**
 * How a peer is scored for a role on a challenge (issue #23; weights in docs/TEAM-SUGGESTIONS.md), and why, in the
 * manager's words. Pure: the caller gathers the peer, the case and the conflict rules' findings for that role.
 *
 * Hard limits (the peer is not suggested, with the reason): not active; not the kind of peer the role needs; any
 * hard finding of the conflict rules (the same rules and ids as the team's check, double-booking included); a member
 * peer not trained within the refresher period; the maximum of challenges a year reached.
 */
export interface SuggestionWeights {
  /** For each of the challenge's focus areas the peer knows (up to three). */
  focusArea: number;
  /** Finance expertise (the team needs it: `001` rec 8). */
  finance: number;
  /** A home council of the same type as the host. */
  sameType: number;
  /** No soft finding either: nothing to justify. */
  noSoftFindings: number;
  /** For each challenge fewer than the pool's typical number in the last 12 months (spreading the load). */
  lighterLoad: number;
  /** Served on this council's earlier challenge: returning peers are welcome at a follow-up (`001` rec 9). */
  returning: number;
  /** Nothing else recorded around the visit (or, before its dates are known, in the months ahead). */
  available: number;
}

export const DEFAULT_SUGGESTION_WEIGHTS: SuggestionWeights = {
  focusArea: 3,
  finance: 4,
  sameType: 2,
  noSoftFindings: 3,
  lighterLoad: 1,
  returning: 2,
  available: 1,
};

export interface SuggestionPeer {
  id: string;
  name: string;
  kind: PeerKind;
  role: PeerRole | null;
  active: boolean;
  expertise: string[];
  trainedOn: string | null;
  homeType: CouncilType | null;
  /** Challenges delivered in the 12 months before the day. */
  servedLast12Months: number;
  /** Served on an earlier challenge of this council (or of the councils it replaced). */
  returning: boolean;
  /**
   * Nothing else recorded in the window around the visit (another visit, a period they said they are away): the
   * window's words come with the facts. An overlap with the visit itself is a hard finding, not this.
   */
  available: boolean;
}

export interface SuggestionFacts {
  role: TeamRole;
  on: string;
  focusAreas: readonly string[];
  host: { name: string; type: CouncilType };
  trainingRefresherYears: number;
  maxChallengesPerYear: number;
  /** The pool's typical number of challenges in the last 12 months (its median). */
  typicalServed: number;
  weights: SuggestionWeights;
  /** The window `available` looked at, as the reason says it ("within two weeks of the visit"). */
  availabilityWindow: string;
}

export interface Suggestion {
  peerId: string;
  name: string;
  score: number;
  reasons: string[];
  /** The soft findings the peer would bring (each needs a justification and a second person's approval). */
  findings: Finding[];
}

export type Judged = { suggested: Suggestion } | { excluded: string };

const lower = (s: string) => s.trim().toLowerCase();
const TYPE_WORDS: Record<CouncilType, string> = {
  county: 'a county council',
  district: 'a district council',
  unitary: 'a unitary council',
  metropolitan_district: 'a metropolitan district council',
  london_borough: 'a London borough',
  sui_generis: 'a council of its own kind',
};
const COUNT_WORDS = ['no', 'one', 'two', 'three'];
const count = (n: number, one: string, many = `${one}s`) =>
  `${n < COUNT_WORDS.length ? COUNT_WORDS[n] : n} ${n === 1 ? one : many}`;

export function hasFinance(peer: Pick<SuggestionPeer, 'expertise' | 'role'>): boolean {
  return peer.role === 'section_151_officer' || peer.expertise.some((e) => lower(e) === 'finance');
}

/**
 * Whether the peer may be suggested for the role, and if so with what score and why. With `explain` false only the
 * verdict and the score are worked out, no words (`excluded` and `reasons` empty): ranking a whole pool, most of it
 * is never shown.
 */
export function judgeCandidate(
  peer: SuggestionPeer,
  findings: readonly Finding[],
  facts: SuggestionFacts,
  explain = true,
): Judged {
  const out = (text: () => string): Judged => ({ excluded: explain ? text() : '' });
  const roleName = TEAM_ROLE_NAMES[facts.role];
  if (!peer.active) return out(() => `${peer.name} is no longer active in the peer pool.`);
  const kind = ROLE_KINDS[facts.role];
  if (kind && kind !== peer.kind)
    return out(() => `${peer.name} is not ${kind === 'officer' ? 'an' : 'a'} ${kind} peer.`);
  const hard = findings.find((f) => f.severity === 'hard');
  if (hard) return out(() => `${peer.name} cannot serve as the ${roleName}: ${hard.detail}`);
  if (peer.kind === 'member') {
    const since = lookBackStart(facts.on, facts.trainingRefresherYears);
    if (peer.trainedOn === null) return out(() => `${peer.name} has no recorded member peer training.`);
    if (peer.trainedOn < since) return out(() => `${peer.name} was last trained on ${peer.trainedOn}: refresher due.`);
  }
  if (peer.servedLast12Months >= facts.maxChallengesPerYear) {
    return out(
      () =>
        `${peer.name} has served on ${count(peer.servedLast12Months, 'challenge')} in the last 12 months, the most a year allows.`,
    );
  }

  const w = facts.weights;
  const reasons: string[] = [];
  const reason = (text: () => string) => {
    if (explain) reasons.push(text());
  };
  let score = 0;
  const areas = facts.focusAreas.filter((area) => peer.expertise.some((e) => lower(e) === lower(area))).slice(0, 3);
  if (areas.length > 0) {
    score += w.focusArea * areas.length;
    reason(
      () =>
        `Knows ${areas.join(' and ')}: ${count(areas.length, 'focus area')} of the challenge (+${w.focusArea * areas.length})`,
    );
  }
  if (hasFinance(peer)) {
    score += w.finance;
    const why = peer.role === 'section_151_officer' ? 'Section 151 officer' : 'Finance expertise';
    reason(() => `${why}: brings the finance expertise the team needs (+${w.finance})`);
  }
  if (peer.homeType === facts.host.type) {
    score += w.sameType;
    reason(() => `Works for ${TYPE_WORDS[facts.host.type]}, like ${facts.host.name} (+${w.sameType})`);
  }
  const soft = findings.filter((f) => f.severity === 'soft');
  if (soft.length === 0) {
    score += w.noSoftFindings;
    reason(() => `No conflict of interest found (+${w.noSoftFindings})`);
  } else {
    const findingsSaid = count(soft.length, 'finding');
    reason(
      () => `${findingsSaid[0].toUpperCase()}${findingsSaid.slice(1)} to justify, with a second person’s approval`,
    );
  }
  const fewer = Math.max(0, facts.typicalServed - peer.servedLast12Months);
  const served =
    peer.servedLast12Months === 0
      ? 'Has not served on a challenge in the last 12 months'
      : `Has served on ${count(peer.servedLast12Months, 'challenge')} in the last 12 months`;
  if (fewer > 0) {
    score += w.lighterLoad * fewer;
    reason(() => `${served}: ${fewer} fewer than most (+${w.lighterLoad * fewer})`);
  } else if (peer.servedLast12Months === 0) reason(() => `${served}, like most of the pool`);
  else reason(() => `${served}: as many as most or more`);
  if (peer.available) {
    score += w.available;
    reason(() => `Nothing else recorded ${facts.availabilityWindow} (+${w.available})`);
  } else reason(() => `Has another commitment recorded ${facts.availabilityWindow}`);
  if (peer.returning) {
    score += w.returning;
    reason(() => `Served on an earlier challenge of ${facts.host.name}: returning peers are welcome (+${w.returning})`);
  }
  return { suggested: { peerId: peer.id, name: peer.name, score, reasons, findings: soft } };
}

/** The pool's typical challenges in the last 12 months: the median, rounded down. */
export function typicalServed(counts: readonly number[]): number {
  if (counts.length === 0) return 0;
  const sorted = [...counts].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}
