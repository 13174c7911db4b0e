import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource, type EntityManager } from 'typeorm';
import { CouncilRelationshipsService, type CouncilGraph } from '#libs/councils';
import { addCalendarDays, checksConfig, fieldError, suggestionsConfig, todayInLondon } from '#libs/platform';
import {
  checkFingerprint,
  checkPeer,
  lookBackStart,
  teamWarnings,
  type Booking,
  type CaseType,
  type ChallengeFacts,
  type Finding,
  type InformationNote,
  type PeerProfile,
  type RulesConfig,
  type TeamRole,
  type TeamWarning,
} from './conflicts/conflict-rules.js';
import type { ConflictQuery } from './dto/conflict.query.js';
import { PeersService } from './peers.service.js';
import { profileOf, rankPool, type PoolFacts } from './suggestions/pool-ranking.js';
import { DEFAULT_SUGGESTION_WEIGHTS } from './suggestions/scoring.js';

/** What the council's peer challenges say, as the case library answers it. */
export interface CaseFacts {
  isFirstCpc(gssCode: string, before: string): Promise<boolean>;
  challengesServed(peerId: string, gssCode: string): Promise<Array<{ caseId: string; year: number }>>;
  /** The peer's other open cases with onsite dates (`exceptCaseId` left out). */
  bookings(peerId: string, exceptCaseId: string | null): Promise<Booking[]>;
  withoutCpcSince2012(gssCodes: string[]): Promise<Set<string>>;
}

export interface PreCheck {
  peerId: string;
  councilGssCode: string;
  role: ConflictQuery['role'];
  caseType: ConflictQuery['caseType'];
  firstCpc: boolean;
  on: string;
  canServe: boolean;
  /** True when nothing needs action: no finding at all (soft ones need a justification). */
  clear: boolean;
  findings: Finding[];
  information: InformationNote[];
  config: RulesConfig;
}

/** A whole team's check: what the case records as CONFLICT_CHECK_COMPLETED. */
export interface TeamCheck {
  fingerprint: string;
  config: RulesConfig;
  checkedOn: string;
  findings: Finding[];
  information: InformationNote[];
  warnings: TeamWarning[];
}

export interface TeamCheckRequest {
  caseId: string;
  councilGssCode: string;
  caseType: CaseType;
  firstCpc: boolean;
  visit: { onsiteStart: string; onsiteEnd: string } | null;
  team: Array<{ peerId: string; role: TeamRole }>;
  financeWaiverReason: string | null;
  /** The case's own conflict declarations: part of what the result was judged with. */
  declared: unknown;
}

/** A case's peer picker asks of every peer it offers: what the rules would say of them on this team. */
export interface PoolCheckRequest {
  councilGssCode: string;
  caseType: CaseType;
  firstCpc: boolean;
  visit: { onsiteStart: string; onsiteEnd: string } | null;
  peerIds: string[];
}

/** The worst a peer's findings are: none, soft ones (a justification needed), or a hard one (cannot serve). */
export type Verdict = 'clear' | 'soft' | 'hard';

/** A peer's pre-check for a case, in a lead role and in any other (some dealings bar only the leads). */
export interface PoolVerdict {
  asLead: Verdict;
  asMember: Verdict;
}

/** A case's question to the team suggestions: who could fill these roles, best first (issue #23). */
export interface SuggestionRequest {
  councilGssCode: string;
  caseType: CaseType;
  firstCpc: boolean;
  visit: { onsiteStart: string; onsiteEnd: string } | null;
  focusAreas: readonly string[];
  roles: readonly TeamRole[];
  /** Never suggested: those already on the team, those the manager set aside. */
  leaveOut: ReadonlySet<string>;
  /** Judged in this role only, and answered apart: the team's members, those the manager kept. */
  placed: ReadonlyMap<string, TeamRole>;
}

/** The case library's reader of what it knows of the pool (`CaseHistoryService.poolFactsFor`). */
export type PoolFactsReader = (host: string, servedSince: string | null) => Promise<PoolFacts>;

/** How far either side of the visit the availability score looks, and, before the dates are known, how far ahead. */
const AROUND_VISIT_DAYS = 14;
const AHEAD_MONTHS_DAYS = 183;

const verdictOf = (findings: Finding[]): Verdict =>
  findings.some((f) => f.severity === 'hard') ? 'hard' : findings.length ? 'soft' : 'clear';

/** Gathers what the conflict rules need from the database and runs them: the pre-check and the case's check. */
@Injectable()
export class PeerConflictsService {
  constructor(
    private readonly peers: PeersService,
    private readonly relationships: CouncilRelationshipsService,
    private readonly dataSource: DataSource,
    @Inject(checksConfig.KEY) private readonly config: ConfigType<typeof checksConfig>,
    @Inject(suggestionsConfig.KEY) private readonly suggestions: ConfigType<typeof suggestionsConfig>,
  ) {}

  /**
   * Every active peer judged for each role asked, best first: the pool read in three queries and the case
   * library's facts of it in `poolFacts` (`facts(since)` is asked with the first day of the last 12 months), then
   * the same rules as the team's check, the hard limits and the documented score (`docs/TEAM-SUGGESTIONS.md`).
   */
  async suggest(request: SuggestionRequest, poolFacts: PoolFactsReader): Promise<ReturnType<typeof rankPool>> {
    const graph = await this.relationships.graph();
    const host = this.hostCode(graph, request.councilGssCode);
    const { on, facts, pool, known } = await this.readPool(graph, host, request, poolFacts, true);
    const window = request.visit
      ? {
          from: addCalendarDays(request.visit.onsiteStart, -AROUND_VISIT_DAYS),
          to: addCalendarDays(request.visit.onsiteEnd, AROUND_VISIT_DAYS),
          words: 'within two weeks of the visit',
        }
      : { from: on, to: addCalendarDays(on, AHEAD_MONTHS_DAYS), words: 'in the next six months' };
    return rankPool({
      facts,
      pool,
      poolFacts: known,
      roles: request.roles,
      focusAreas: request.focusAreas,
      leaveOut: request.leaveOut,
      placed: request.placed,
      window,
      limits: {
        maxChallengesPerYear: this.suggestions.maxChallengesPerYear,
        weights: { ...DEFAULT_SUGGESTION_WEIGHTS, ...this.suggestions.weights },
      },
    });
  }

  /**
   * What the rules read of the whole pool for one challenge: the challenge's facts, every active peer (three
   * queries) and the case library's facts of them (`poolFacts`; challenges served in the last 12 months only when
   * `scored`).
   */
  private async readPool(
    graph: CouncilGraph,
    host: string,
    challenge: Pick<ChallengeFacts, 'caseType' | 'firstCpc' | 'visit'>,
    poolFacts: PoolFactsReader,
    scored: boolean,
  ) {
    const on = todayInLondon();
    const [facts, pool, known] = await Promise.all([
      this.facts(graph, host, { ...challenge, on }),
      this.peers.activePool(),
      poolFacts(host, scored ? addCalendarDays(lookBackStart(on, 1), 1) : null),
    ]);
    return { on, facts, pool, known };
  }

  /**
   * "Can this peer serve council X as Y?", asked before the peer is approached: the same rules, ids and words as
   * the case's check, with double-booking for the dates given. What the council's cases say comes from the
   * caller, as the case library reads it; `query.firstCpc` overrides whether it would be the first CPC.
   */
  async preCheck(peerId: string, query: ConflictQuery, history: CaseFacts): Promise<PreCheck> {
    if (query.onsiteStart && query.onsiteEnd && query.onsiteEnd < query.onsiteStart) {
      throw fieldError('onsiteEnd', 'The last day on site must be the same as or after the first day');
    }
    if (!query.onsiteStart !== !query.onsiteEnd) {
      const missing = query.onsiteStart ? 'onsiteEnd' : 'onsiteStart';
      throw fieldError(missing, 'Give both the first and the last day on site, or neither');
    }
    const profile = await this.profile(peerId);
    const graph = await this.relationships.graph();
    const host = this.hostCode(graph, query.councilGssCode);
    const on = query.on ?? todayInLondon();
    const firstCpc = query.firstCpc === undefined ? await history.isFirstCpc(host, on) : query.firstCpc === 'true';
    profile.previousChallengesOfHost = await history.challengesServed(profile.id, host);
    const visit =
      query.onsiteStart && query.onsiteEnd ? { onsiteStart: query.onsiteStart, onsiteEnd: query.onsiteEnd } : null;
    const facts = await this.facts(graph, host, { caseType: query.caseType, firstCpc, visit, on });
    const { findings, information } = checkPeer({
      ...facts,
      peer: profile,
      role: query.role,
      bookings: visit ? await history.bookings(profile.id, null) : [],
    });
    return {
      peerId: profile.id,
      councilGssCode: host,
      role: query.role,
      caseType: query.caseType,
      firstCpc,
      on,
      canServe: !findings.some((f) => f.severity === 'hard'),
      clear: findings.length === 0,
      findings,
      information,
      config: this.config,
    };
  }

  /**
   * The pre-check of many peers for one case at once (the case page's peer picker): the pool and the case library's
   * facts of it read in batches, as the team suggestions read them (`poolFacts`), then the same rules as the case's
   * check, so a peer shown as clear is one the check would find nothing against today.
   */
  async checkPool(request: PoolCheckRequest, poolFacts: PoolFactsReader): Promise<Map<string, PoolVerdict>> {
    if (request.peerIds.length === 0) return new Map();
    const graph = await this.relationships.graph();
    const { facts, pool, known } = await this.readPool(graph, request.councilGssCode, request, poolFacts, false);
    const wanted = new Set(request.peerIds);
    const verdicts = new Map<string, PoolVerdict>();
    for (const entry of pool) {
      if (!wanted.has(entry.peer.id)) continue;
      const peer = profileOf(entry, known.servedOfHost.get(entry.peer.id) ?? []);
      const bookings = known.bookings.get(entry.peer.id) ?? [];
      const judge = (role: TeamRole) => verdictOf(checkPeer({ ...facts, peer, role, bookings }).findings);
      verdicts.set(entry.peer.id, { asLead: judge('lead_officer_peer'), asMember: judge('member_peer') });
    }
    return verdicts;
  }

  /** Runs the rules on a case's team, and fingerprints everything it read. */
  async checkTeam(request: TeamCheckRequest, history: CaseFacts): Promise<TeamCheck> {
    const graph = await this.relationships.graph();
    const on = todayInLondon();
    const facts = await this.facts(graph, request.councilGssCode, { ...request, on });
    const team = await Promise.all(
      request.team.map(async ({ peerId, role }) => {
        const peer = await this.profile(peerId);
        peer.previousChallengesOfHost = await history.challengesServed(peerId, request.councilGssCode);
        const bookings = await history.bookings(peerId, request.caseId);
        return { peer, role, bookings };
      }),
    );
    const findings: Finding[] = [];
    const information: InformationNote[] = [];
    for (const member of team) {
      const found = checkPeer({ ...facts, ...member });
      findings.push(...found.findings);
      information.push(...found.information);
    }
    const homes = team.flatMap(({ peer }) => (peer.homeCouncilGssCode ? [peer.homeCouncilGssCode] : []));
    const warnings = teamWarnings(team, {
      on,
      config: this.config,
      councilsWithoutCpcSince2012: await history.withoutCpcSince2012(homes),
      councilName: (code) => graph.name(code),
      financeWaiverReason: request.financeWaiverReason,
    });
    const fingerprint = checkFingerprint(facts, team, {
      declared: request.declared,
      financeWaiverReason: request.financeWaiverReason,
    });
    const { lookBackYears, trainingRefresherYears } = this.config;
    return {
      fingerprint,
      config: { lookBackYears, trainingRefresherYears },
      checkedOn: on,
      findings,
      information,
      warnings,
    };
  }

  async profile(peerId: string, manager: EntityManager = this.dataSource.manager): Promise<PeerProfile> {
    const peer = await this.peers.find(manager, peerId);
    const [dealings, unavailability] = await Promise.all([
      this.peers.dealingsOf(peer.id),
      this.peers.unavailabilityOf(peer.id),
    ]);
    return profileOf({ peer, dealings, unavailability }, []);
  }

  private hostCode(graph: CouncilGraph, gssCode: string): string {
    const code = gssCode.toUpperCase();
    if (!graph.council(code)) throw fieldError('councilGssCode', `No council has the GSS code ${gssCode}`);
    return code;
  }

  private async facts(
    graph: CouncilGraph,
    host: string,
    rest: Pick<ChallengeFacts, 'caseType' | 'firstCpc' | 'visit' | 'on'>,
  ): Promise<ChallengeFacts> {
    const arrangements = await this.relationships.arrangementsTouching([...graph.lineage(host)]);
    return { graph, hostGssCode: host, arrangements, config: this.config, ...rest };
  }
}
