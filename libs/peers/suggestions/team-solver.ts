import type { TeamRole } from '../conflicts/conflict-rules.js';

/**
 * The best whole team for a challenge (issue #23), exactly: the seats to fill (one role each), every candidate's
 * score in each role it may take, and the team rules as hard limits. Pure: no database.
 *
 * The team rules: each peer sits once; no two peers from the same council; someone on the team has finance
 * expertise; and, when the pool allows it, political balance among the member peers (no one group holds more than
 * half of their seats, rounded up). The answer maximises the sum of the members' scores under those limits.
 *
 * Solved by depth-first branch and bound: the seats in order, each seat's candidates best first, a branch cut only
 * when even the best scores left for its remaining seats (ignoring every rule, so never below what a real team
 * could reach) cannot beat the best team found. Nothing is cut off on any other ground, so the answer is the
 * optimum; `team-solver.spec.ts` compares it with exhaustive search on random small pools.
 */

export interface TeamOption {
  peerId: string;
  score: number;
  /** The peer's home council; null: none recorded (never clashes). */
  homeGssCode: string | null;
  finance: boolean;
  /** A member peer's political group (null for other kinds, or not recorded: not counted for balance). */
  memberGroup: string | null;
  member: boolean;
}

export interface SolvedTeam {
  seats: Array<{ role: TeamRole; option: TeamOption }>;
  total: number;
  /** False when no team of this pool could be politically balanced, so the best unbalanced one is given. */
  balanced: boolean;
}

/** Whether the member peers' groups are balanced: no group holds more than half their seats, rounded up. */
export function politicallyBalanced(options: readonly TeamOption[]): boolean {
  const members = options.filter((o) => o.member);
  const limit = Math.ceil(members.length / 2);
  const counts = new Map<string, number>();
  for (const o of members) {
    if (o.memberGroup === null) continue;
    const n = (counts.get(o.memberGroup) ?? 0) + 1;
    if (members.length > 1 && n > limit) return false;
    counts.set(o.memberGroup, n);
  }
  return true;
}

/** Every team rule but balance, for a whole team. */
export function keepsTeamRules(options: readonly TeamOption[]): boolean {
  const ids = new Set(options.map((o) => o.peerId));
  if (ids.size !== options.length) return false;
  const homes = options.flatMap((o) => (o.homeGssCode ? [o.homeGssCode] : []));
  if (new Set(homes).size !== homes.length) return false;
  return options.some((o) => o.finance);
}

export type Seat = SolvedTeam['seats'][number];

/**
 * The best team for `seats` from each role's candidates, or null when no team keeps the rules. `placed` are
 * already on the team (the case's own members, or those a manager kept while swapping another): they count for
 * every rule and their scores for the total, and fill no seat of `seats`. Balance is sought first; only when no
 * balanced team exists is the best unbalanced one returned (`balanced: false`).
 */
export function bestTeam(
  seats: readonly TeamRole[],
  candidates: ReadonlyMap<TeamRole, readonly TeamOption[]>,
  placed: readonly Seat[] = [],
): SolvedTeam | null {
  const balanced = mayBalance(seats, candidates, placed) ? search(seats, candidates, placed, true) : null;
  if (balanced) return { ...balanced, balanced: true };
  const any = search(seats, candidates, placed, false);
  return any ? { ...any, balanced: false } : null;
}

/**
 * Whether the member peers' groups could be balanced at all, counting heads only (each group can give at most its
 * share of the member seats; peers of no recorded group fill any): when not, the balanced search is skipped, as
 * it would have to meet every team to learn that none is balanced.
 */
function mayBalance(
  seats: readonly TeamRole[],
  candidates: ReadonlyMap<TeamRole, readonly TeamOption[]>,
  placed: readonly Seat[],
): boolean {
  const kinds = seats.map((role) => new Set((candidates.get(role) ?? []).map((o) => o.member)));
  // A seat either kind may take (a shadow peer) leaves the number of member peers open: no conclusion then.
  if (kinds.some((k) => k.size > 1)) return true;
  const memberSeats = seats.filter((_, i) => kinds[i].has(true));
  const total = memberSeats.length + placed.filter((p) => p.option.member).length;
  if (total <= 1) return true;
  const limit = Math.ceil(total / 2);
  const groups = new Map<string, Set<string>>();
  const free = new Set<string>();
  for (const role of new Set(memberSeats)) {
    for (const o of candidates.get(role) ?? []) {
      if (!o.member) continue;
      if (o.memberGroup === null) free.add(o.peerId);
      else groups.set(o.memberGroup, (groups.get(o.memberGroup) ?? new Set()).add(o.peerId));
    }
  }
  const placedCounts = new Map<string, number>();
  for (const { option } of placed) {
    if (option.member && option.memberGroup !== null)
      placedCounts.set(option.memberGroup, (placedCounts.get(option.memberGroup) ?? 0) + 1);
  }
  if ([...placedCounts.values()].some((n) => n > limit)) return false;
  let fillable = free.size;
  for (const [group, ids] of groups) fillable += Math.min(ids.size, limit - (placedCounts.get(group) ?? 0));
  return fillable >= memberSeats.length;
}

function search(
  seats: readonly TeamRole[],
  candidates: ReadonlyMap<TeamRole, readonly TeamOption[]>,
  placed: readonly Seat[],
  balance: boolean,
): { seats: SolvedTeam['seats']; total: number } | null {
  // The seats of one role together, each seat's candidates best first.
  const order = [...seats].sort((a, b) => seats.indexOf(a) - seats.indexOf(b));
  const lists = order.map((role) => [...(candidates.get(role) ?? [])].sort((a, b) => b.score - a.score));
  // The best each remaining seat could add, rules aside: the k-th best score of its role for its k-th seat.
  const seatOfRole = order.map((role, i) => order.slice(0, i).filter((r) => r === role).length);
  const optimistic = order.map((_, i) => lists[i][seatOfRole[i]]?.score ?? -Infinity);
  const boundFrom = new Array<number>(order.length + 1).fill(0);
  for (let i = order.length - 1; i >= 0; i--) boundFrom[i] = boundFrom[i + 1] + optimistic[i];
  // Whether a seat from i on can still bring finance expertise.
  const financeFrom = new Array<boolean>(order.length + 1).fill(false);
  for (let i = order.length - 1; i >= 0; i--) financeFrom[i] = financeFrom[i + 1] || lists[i].some((o) => o.finance);

  let best: { picks: TeamOption[]; total: number } | null = null;
  const picks: TeamOption[] = placed.map((seat) => seat.option);
  const used = new Set(picks.map((o) => o.peerId));
  const homes = new Set(picks.flatMap((o) => (o.homeGssCode ? [o.homeGssCode] : [])));
  const placedTotal = picks.reduce((sum, o) => sum + o.score, 0);
  const placedFinance = picks.some((o) => o.finance);

  const visit = (i: number, total: number, finance: boolean, from: number): void => {
    if (best && total + boundFrom[i] <= best.total) return;
    if (!finance && !financeFrom[i]) return;
    if (i === order.length) {
      if (!finance || (balance && !politicallyBalanced(picks))) return;
      best = { picks: [...picks], total };
      return;
    }
    // Seats of the same role take their candidates in list order, so a team is met once, not in every order.
    const start = i > 0 && order[i - 1] === order[i] ? from : 0;
    const list = lists[i];
    for (let k = start; k < list.length; k++) {
      const option = list[k];
      if (best && total + option.score + boundFrom[i + 1] <= best.total) break;
      if (used.has(option.peerId) || (option.homeGssCode && homes.has(option.homeGssCode))) continue;
      picks.push(option);
      used.add(option.peerId);
      if (option.homeGssCode) homes.add(option.homeGssCode);
      visit(i + 1, total + option.score, finance || option.finance, k + 1);
      picks.pop();
      used.delete(option.peerId);
      if (option.homeGssCode) homes.delete(option.homeGssCode);
    }
  };
  visit(0, placedTotal, placedFinance, 0);
  if (!best) return null;
  const found = best as { picks: TeamOption[]; total: number };
  const solved = found.picks.slice(placed.length).map((option, i) => ({ role: order[i], option }));
  return { seats: [...placed, ...solved], total: found.total };
}
