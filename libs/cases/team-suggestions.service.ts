import { Injectable } from '@nestjs/common';
import {
  bestTeam,
  LEAD_ROLES,
  PeerConflictsService,
  TEAM_ROLE_NAMES,
  type Candidate,
  type Finding,
  type PlacedCandidate,
  type Seat,
  type TeamOption,
  type TeamRole,
} from '#libs/peers';
import { Refused } from '#libs/platform';
import { CaseHistoryService } from './case-history.service.js';
import type { CaseView } from './case-view.js';
import { CasesService } from './cases.service.js';
import type { SuggestTeamDto } from './dto/team-suggestions.dto.js';

/** A suggested peer as the contract answers it. */
export interface SuggestedPeer {
  peerId: string;
  name: string;
  score: number;
  reasons: string[];
  findings: Finding[];
}

export interface RoleSuggestions {
  role: TeamRole;
  candidates: SuggestedPeer[];
  /** How many active peers a hard limit left out (not the right kind, a hard finding, training, the yearly maximum). */
  excluded: number;
}

export interface SuggestedTeamView {
  size: number;
  /** The sum of the members' scores: the most any team keeping the rules could reach. */
  total: number;
  /** False when no politically balanced team could be made from the pool: the best unbalanced one is given. */
  balanced: boolean;
  members: Array<SuggestedPeer & { role: TeamRole; onTeam: boolean; kept: boolean }>;
  notes: string[];
}

const answer = (c: Candidate): SuggestedPeer => ({
  peerId: c.peerId,
  name: c.name,
  score: c.score,
  reasons: c.reasons,
  findings: c.findings,
});

/**
 * The team suggestions of a case in team assembly (issue #23): each role's best candidates, and the best whole
 * team, with the case's own members (and any the manager keeps) in their seats. The rules are the conflict
 * check's (`PeerConflictsService.suggest`); the team rules and the search are `bestTeam`'s.
 */
@Injectable()
export class TeamSuggestionsService {
  constructor(
    private readonly cases: CasesService,
    private readonly history: CaseHistoryService,
    private readonly conflicts: PeerConflictsService,
  ) {}

  async candidates(caseId: string, role: TeamRole, limit: number): Promise<RoleSuggestions> {
    const view = await this.assembling(caseId);
    const { rankings, explain } = await this.rank(view, [role], new Set(), new Map());
    const [ranking] = rankings;
    const candidates = ranking.candidates.slice(0, limit).map((c) => answer(explain(c)));
    return { role, candidates, excluded: ranking.excluded };
  }

  async team(caseId: string, dto: SuggestTeamDto): Promise<SuggestedTeamView> {
    const view = await this.assembling(caseId);
    const onTeam = new Map(view.team.map((m) => [m.peerId, m.role as TeamRole]));
    const kept = new Map<string, TeamRole>();
    for (const { peerId, role } of dto.keep ?? []) {
      if (onTeam.has(peerId)) continue;
      if (kept.has(peerId)) throw new Refused([`keep names the same peer twice (${peerId}).`]);
      kept.set(peerId, role);
    }
    const placedRoles = new Map([...onTeam, ...kept]);
    const seats = this.seats(dto, [...placedRoles.values()]);
    const without = new Set(dto.without ?? []);
    const { rankings, placed, explain } = await this.rank(
      view,
      [...new Set(seats.open)],
      new Set([...without, ...placedRoles.keys()]),
      placedRoles,
    );

    const placedSeats: Seat[] = [];
    const placedBy = new Map(placed.map((p) => [p.peerId, p]));
    for (const member of view.team) {
      const found = placedBy.get(member.peerId) ?? this.inactive(member);
      placedSeats.push({ role: member.role as TeamRole, option: found.option });
      placedBy.set(member.peerId, found);
    }
    for (const [peerId, role] of kept) {
      const found = placedBy.get(peerId);
      if (!found) throw new Refused([`No active peer has the id ${peerId}, so they cannot be kept on the team.`]);
      if (found.excluded)
        throw new Refused([`${found.name} cannot be kept as ${TEAM_ROLE_NAMES[role]}: ${found.excluded}`]);
      placedSeats.push({ role, option: found.option });
    }

    const candidates = new Map(rankings.map((r) => [r.role, r.candidates.map((c) => c.option)]));
    const solved = bestTeam(seats.open, candidates, placedSeats);
    if (!solved) throw new Refused(this.whyNoTeam(seats.open, rankings, dto.size));
    const byId = new Map<string, Candidate>(
      rankings.flatMap((r) => r.candidates.map((c) => [`${r.role}:${c.peerId}`, c])),
    );
    const members = solved.seats.map(({ role, option }) => {
      const known = placedBy.get(option.peerId);
      const candidate = known ?? explain(byId.get(`${role}:${option.peerId}`)!);
      return { ...answer(candidate), role, onTeam: onTeam.has(option.peerId), kept: kept.has(option.peerId) };
    });
    const notes: string[] = [];
    if (!solved.balanced) {
      notes.push(
        'No politically balanced team can be made from the member peers available: this is the best team without it.',
      );
    }
    const blocked = members.filter((m) => m.onTeam && placedBy.get(m.peerId)?.excluded);
    for (const m of blocked) notes.push(`${placedBy.get(m.peerId)!.excluded} The check will say so.`);
    return { size: dto.size, total: solved.total, balanced: solved.balanced, members, notes };
  }

  /** The case, when a team can be proposed for it now. */
  private async assembling(caseId: string): Promise<CaseView> {
    const view = await this.cases.get(caseId);
    if (view.stage !== 'team_assembly') {
      throw new Refused([
        `Team suggestions are for a case in team assembly; this case is in ${view.stage.replace(/_/g, ' ')}.`,
      ]);
    }
    if (!view.allowedEvents.includes('PROPOSE_PEER')) {
      throw new Refused(['Peers cannot be proposed for this case now (it is on hold): no team can be suggested.']);
    }
    return view;
  }

  private rank(view: CaseView, roles: TeamRole[], leaveOut: Set<string>, placed: Map<string, TeamRole>) {
    const { onsiteStart, onsiteEnd } = view.dates;
    return this.conflicts.suggest(
      {
        councilGssCode: view.councilGssCode,
        caseType: view.type,
        firstCpc: view.firstCpc,
        visit: onsiteStart && onsiteEnd ? { onsiteStart, onsiteEnd } : null,
        focusAreas: view.scope.focusAreas,
        roles,
        leaveOut: new Set([...leaveOut, ...view.team.map((m) => m.peerId)]),
        placed,
      },
      this.history.poolFactsFor(view.id),
    );
  }

  /**
   * The team's seats: `roles` when given (every seat, `size` of them), else one lead officer peer, one lead member
   * peer and then member and officer peers in turn; the seats the placed peers take are not open.
   */
  private seats(dto: SuggestTeamDto, placedRoles: TeamRole[]): { open: TeamRole[] } {
    let all: TeamRole[];
    if (dto.roles) {
      if (dto.roles.length !== dto.size) {
        throw new Refused([`roles lists ${dto.roles.length} seats, but the team asked for has ${dto.size}.`]);
      }
      all = [...dto.roles];
    } else {
      all = [...placedRoles];
      for (const lead of LEAD_ROLES) if (!all.includes(lead)) all.push(lead);
      if (all.length > dto.size) {
        throw new Refused([
          `The team already has ${placedRoles.length} peers and needs both leads: ask for a team of at least ${all.length}.`,
        ]);
      }
      while (all.length < dto.size) {
        const members = all.filter((r) => r === 'member_peer').length;
        const officers = all.filter((r) => r === 'officer_peer').length;
        all.push(members <= officers ? 'member_peer' : 'officer_peer');
      }
    }
    for (const lead of LEAD_ROLES) {
      const n = all.filter((r) => r === lead).length;
      if (n !== 1) {
        throw new Refused([`A team has exactly one ${TEAM_ROLE_NAMES[lead]}; the seats asked for have ${n}.`]);
      }
    }
    const open = [...all];
    for (const role of placedRoles) {
      const i = open.indexOf(role);
      if (i < 0) {
        throw new Refused([
          `The team already has a ${TEAM_ROLE_NAMES[role]}, and the seats asked for have no place for them.`,
        ]);
      }
      open.splice(i, 1);
    }
    return { open };
  }

  /** A member of the team no longer in the active pool: kept in their seat, with nothing to bring. */
  private inactive(member: CaseView['team'][number]): PlacedCandidate {
    const option: TeamOption = {
      peerId: member.peerId,
      score: 0,
      homeGssCode: null,
      finance: member.financeExpertise,
      member: member.kind === 'member',
      memberGroup: null,
    };
    const excluded = `${member.name} is no longer active in the peer pool.`;
    return {
      ...option,
      name: member.name,
      reasons: [excluded],
      findings: [],
      role: member.role as TeamRole,
      excluded,
      option,
    };
  }

  private whyNoTeam(open: TeamRole[], rankings: Array<{ role: TeamRole; candidates: Candidate[] }>, size: number) {
    const reasons = [`No team of ${size} keeps every rule with the peers available.`];
    for (const role of new Set(open)) {
      const need = open.filter((r) => r === role).length;
      const have = rankings.find((r) => r.role === role)?.candidates.length ?? 0;
      if (have < need) {
        const can = have === 0 ? 'No peer can' : have === 1 ? 'Only one peer can' : `Only ${have} peers can`;
        reasons.push(`${can} serve as ${TEAM_ROLE_NAMES[role]}; ${need} ${need === 1 ? 'is' : 'are'} needed.`);
      }
    }
    if (reasons.length === 1) {
      reasons.push(
        'Between them, the peers who can serve bring no finance expertise, or too many share a home council.',
      );
    }
    return reasons;
  }
}
