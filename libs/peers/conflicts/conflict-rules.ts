import { createHash } from 'node:crypto';
import type { CouncilGraph } from '#libs/councils';
import { describePeriod, isWithinLookBack, lookBackClause, lookBackStart, timingOf, type Tenses } from './dates.js';

export { lookBackStart } from './dates.js';

export const TEAM_ROLES = [
  'lead_officer_peer',
  'lead_member_peer',
  'member_peer',
  'officer_peer',
  'external_peer',
  'shadow_peer',
] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];
export const LEAD_ROLES: readonly TeamRole[] = ['lead_officer_peer', 'lead_member_peer'];

export const DEALING_KINDS = [
  'employment',
  'elected_member',
  'consultancy',
  'shared_service',
  'shared_management',
  'mentoring',
  'declared_interest',
] as const;
export type DealingKind = (typeof DEALING_KINDS)[number];

export type PeerKind = 'officer' | 'member' | 'external';
export type PeerRole =
  'chief_executive' | 'director' | 'section_151_officer' | 'leader' | 'cabinet_member' | 'councillor' | 'other';

export interface Dealing {
  /** The recorded dealing's id: part of the id of the finding it gives. */
  id: string;
  councilGssCode: string;
  councilName: string;
  kind: DealingKind;
  from: string;
  to: string | null;
  note?: string | null;
}

/** A shared management or services arrangement recorded between two councils (either way round). */
export interface Arrangement {
  id: string;
  councilGssCode: string;
  otherGssCode: string;
  kind: 'shared_management' | 'shared_services';
  from: string;
  to: string | null;
}

export interface PeerProfile {
  id: string;
  name: string;
  kind: PeerKind;
  role: PeerRole | null;
  homeCouncilGssCode: string | null;
  expertise: string[];
  trainedOn: string | null;
  dealings: Dealing[];
  previousChallengesOfHost: Array<{ caseId: string; year?: number }>;
  /** The periods the peer has said they cannot serve (both days included): double-booking reads them. */
  unavailable?: Unavailable[];
}

/** A period a peer has said they cannot serve. Its reason is theirs: findings never repeat it. */
export interface Unavailable {
  id: string;
  from: string;
  to: string;
}

/** Another open case the peer is on, with its visit's dates. */
export interface Booking {
  caseId: string;
  councilName: string;
  onsiteStart: string;
  onsiteEnd: string;
}

export interface RulesConfig {
  lookBackYears: number;
  trainingRefresherYears: number;
}
export const DEFAULT_RULES_CONFIG: RulesConfig = { lookBackYears: 5, trainingRefresherYears: 3 };

export type CaseType = 'corporate_peer_challenge' | 'finance_peer_review' | 'fire_and_rescue' | 'other';

/** Each team role as a sentence says it: the one wording of the rules, the case's refusals and the emails. */
export const TEAM_ROLE_NAMES: Record<TeamRole, string> = {
  lead_officer_peer: 'lead officer peer',
  lead_member_peer: 'lead member peer',
  member_peer: 'member peer',
  officer_peer: 'officer peer',
  external_peer: 'external peer',
  shadow_peer: 'shadow peer',
};

/** The kind of peer each role needs; a shadow peer may be of any kind. */
export const ROLE_KINDS: Partial<Record<TeamRole, PeerKind>> = {
  lead_officer_peer: 'officer',
  officer_peer: 'officer',
  lead_member_peer: 'member',
  member_peer: 'member',
  external_peer: 'external',
};

/** Each type of case as a sentence says it ("Wiltshire's corporate peer challenge"). */
export const CASE_TYPE_NAMES: Record<CaseType, string> = {
  corporate_peer_challenge: 'corporate peer challenge',
  finance_peer_review: 'finance peer review',
  fire_and_rescue: 'fire and rescue peer challenge',
  other: 'peer challenge',
};

/** What the rules read about the challenge, whoever the peer. */
export interface ChallengeFacts {
  graph: CouncilGraph;
  hostGssCode: string;
  /** Every arrangement recorded with a council in the host's lineage. */
  arrangements: Arrangement[];
  firstCpc: boolean;
  caseType: CaseType;
  /** This challenge's visit, when its dates are known: for double-booking. */
  visit: { onsiteStart: string; onsiteEnd: string } | null;
  on: string;
  config: RulesConfig;
}

export interface PeerCheckInput extends ChallengeFacts {
  peer: PeerProfile;
  role: TeamRole;
  /** The peer's other open cases (this one left out). */
  bookings: Booking[];
}

export interface Finding {
  /** Stable: the rule, the peer and the dealing, arrangement, council or case it came from. */
  id: string;
  peerId: string;
  severity: 'hard' | 'soft';
  rule: string;
  detail: string;
  /** Changes when anything the finding says changes (severity, dates, role): an override lapses with it. */
  digest: string;
}

export interface InformationNote {
  peerId: string;
  rule: string;
  detail: string;
}

export interface TeamWarning {
  rule: string;
  detail: string;
  peerId?: string;
}

type Severity = Finding['severity'];

const DEALING_TENSES: Record<DealingKind, Tenses> = {
  employment: { ended: 'was employed by', current: 'has been employed by', planned: 'is to be employed by' },
  elected_member: {
    ended: 'was an elected member of',
    current: 'has been an elected member of',
    planned: 'is to become an elected member of',
  },
  consultancy: {
    ended: 'did consultancy or interim work for',
    current: 'has done consultancy or interim work for',
    planned: 'is to do consultancy or interim work for',
  },
  shared_service: {
    ended: 'worked in a service shared with',
    current: 'has worked in a service shared with',
    planned: 'is to work in a service shared with',
  },
  shared_management: {
    ended: 'was in management shared with',
    current: 'has been in management shared with',
    planned: 'is to be in management shared with',
  },
  mentoring: {
    ended: 'mentored the leader or chief executive of',
    current: 'has mentored the leader or chief executive of',
    planned: 'is to mentor the leader or chief executive of',
  },
  declared_interest: {
    ended: 'had a declared interest in',
    current: 'has had a declared interest in',
    planned: 'is to have a declared interest in',
  },
};

const ARRANGEMENT_TENSES: Record<Arrangement['kind'], Tenses> = {
  shared_management: {
    ended: 'shared management with',
    current: 'has shared management with',
    planned: 'is to share management with',
  },
  shared_services: {
    ended: 'shared services with',
    current: 'has shared services with',
    planned: 'is to share services with',
  },
};

/** Dealings that make a peer part of the council: current ones are hard in any role. */
const MEMBERSHIP_DEALINGS: ReadonlySet<DealingKind> = new Set(['employment', 'elected_member']);

const isLeadRole = (role: TeamRole): boolean => LEAD_ROLES.includes(role);

const hostName = (input: ChallengeFacts): string => input.graph.name(input.hostGssCode);

function challengeName(input: ChallengeFacts): string {
  const { caseType, firstCpc } = input;
  const host = hostName(input);
  if (!firstCpc) return `${host}'s ${CASE_TYPE_NAMES[caseType]}`;
  if (caseType === 'corporate_peer_challenge') return `${host}'s first corporate peer challenge`;
  return `${host}'s ${CASE_TYPE_NAMES[caseType]}, as it has had no corporate peer challenge before`;
}

function hardEnding(input: PeerCheckInput, subject = ''): string {
  return `, so ${subject ? `${subject} ` : ''}cannot be the ${TEAM_ROLE_NAMES[input.role]} for ${challengeName(input)}.`;
}

function softEnding(input: PeerCheckInput): string {
  return `, so record a justification to keep ${input.peer.name} as ${TEAM_ROLE_NAMES[input.role]}.`;
}

const ending = (severity: Severity, input: PeerCheckInput, subject?: string): string =>
  severity === 'hard' ? hardEnding(input, subject) : softEnding(input);

/** "(a predecessor or successor of Dorset Council)" when the council named is in the host's lineage but not the host. */
function lineageNote(input: ChallengeFacts, gssCode: string): string {
  return gssCode === input.hostGssCode ? '' : ` (a predecessor or successor of ${hostName(input)})`;
}

function finding(input: PeerCheckInput, severity: Severity, rule: string, source: string, detail: string): Finding {
  const digest = createHash('sha256').update(`${severity}\n${detail}`).digest('hex').slice(0, 12);
  return { id: `${rule}:${input.peer.id}:${source}`, peerId: input.peer.id, severity, rule, detail, digest };
}

/**
 * A dealing with a council of the host's lineage. Current employment or elected office is hard in any role; any
 * dealing within the look-back is hard for a lead peer (first CPC or later); everything else is soft.
 */
function dealingFinding(dealing: Dealing, input: PeerCheckInput): Finding {
  const { peer, role, on, config } = input;
  const within = isWithinLookBack(dealing, on, config.lookBackYears);
  const current = timingOf(dealing, on) !== 'ended';
  const council = `${dealing.councilName}${lineageNote(input, dealing.councilGssCode)}`;
  const sentence = `${peer.name} ${describePeriod(DEALING_TENSES[dealing.kind], council, dealing, on)}`;
  const when = lookBackClause(dealing, on, config.lookBackYears);
  const hard = (MEMBERSHIP_DEALINGS.has(dealing.kind) && current) || (within && isLeadRole(role));
  const severity: Severity = hard ? 'hard' : 'soft';
  const rule =
    dealing.kind === 'shared_service' || dealing.kind === 'shared_management' ? 'shared_arrangement' : dealing.kind;
  return finding(input, severity, rule, dealing.id, `${sentence}${when}${ending(severity, input)}`);
}

function countyRelation(input: PeerCheckInput, home: string, county: string, homeOfPeer: string): string {
  const host = hostName(input);
  if (county === home) return `${homeOfPeer}, is the county council for ${host}`;
  if (county === input.hostGssCode) return `${host} is the county council for ${homeOfPeer}`;
  return `${homeOfPeer}, is in the same county area (${input.graph.name(county)}) as ${host}`;
}

function homeCouncilFindings(input: PeerCheckInput): { findings: Finding[]; information: InformationNote[] } {
  const { graph, hostGssCode, peer, role, on, config } = input;
  const home = peer.homeCouncilGssCode;
  const information: InformationNote[] = [];
  if (!home) return { findings: [], information };
  const host = hostName(input);
  if (graph.inLineage(hostGssCode, home)) {
    const detail =
      `${peer.name}'s own council is ${graph.name(home)}${home === hostGssCode ? ', the host council' : lineageNote(input, home)}, ` +
      `so ${peer.name} cannot serve on its peer team in any role.`;
    return { findings: [finding(input, 'hard', 'own_council', home, detail)], information };
  }

  const homeOfPeer = `${peer.name}'s home council, ${graph.name(home)}`;
  const hostLineage = graph.lineage(hostGssCode);
  const homeLineage = graph.lineage(home);
  const findings = input.arrangements
    .filter(
      (a) =>
        (hostLineage.has(a.councilGssCode) && homeLineage.has(a.otherGssCode)) ||
        (hostLineage.has(a.otherGssCode) && homeLineage.has(a.councilGssCode)),
    )
    .map((arrangement) => {
      const within = isWithinLookBack(arrangement, on, config.lookBackYears);
      const severity: Severity = within && isLeadRole(role) ? 'hard' : 'soft';
      const [ours, theirs] = hostLineage.has(arrangement.councilGssCode)
        ? [arrangement.councilGssCode, arrangement.otherGssCode]
        : [arrangement.otherGssCode, arrangement.councilGssCode];
      const between = theirs === home ? '' : ` (as ${graph.name(theirs)})`;
      const shared = describePeriod(
        ARRANGEMENT_TENSES[arrangement.kind],
        `${graph.name(ours)}${lineageNote(input, ours)}`,
        arrangement,
        on,
      );
      const fact = `${homeOfPeer}${between}, ${shared}${lookBackClause(arrangement, on, config.lookBackYears)}`;
      return finding(
        input,
        severity,
        'shared_arrangement',
        arrangement.id,
        `${fact}${ending(severity, input, peer.name)}`,
      );
    });

  const relation = graph.areaRelation(hostGssCode, home);
  if (relation === 'shares_boundary') {
    const fact = `${homeOfPeer}, shares a boundary with ${host}`;
    findings.push(finding(input, 'soft', 'neighbouring_council', home, `${fact}${softEnding(input)}`));
  } else if (relation === 'nearby') {
    const detail = `${homeOfPeer}, lies near ${host} but does not share a boundary with it: no action needed.`;
    information.push({ peerId: peer.id, rule: 'nearby_council', detail });
  }
  const county = graph.sharedCounty(hostGssCode, home);
  if (county) {
    const fact = countyRelation(input, home, county, homeOfPeer);
    findings.push(finding(input, 'soft', 'same_county_area', county, `${fact}${softEnding(input)}`));
  }
  const homeCouncil = graph.council(home);
  const hostCouncil = graph.council(hostGssCode);
  const combined = homeCouncil?.combinedAuthorityGssCode;
  if (combined && combined === hostCouncil?.combinedAuthorityGssCode) {
    const detail = `${homeOfPeer}, is in the same combined authority (${combined}) as ${host}: no action needed.`;
    information.push({ peerId: peer.id, rule: 'same_combined_authority', detail });
  }
  if (homeCouncil && homeCouncil.type === hostCouncil?.type) {
    const type = homeCouncil.type.replace(/_/g, ' ');
    const detail = `${homeOfPeer}, is a ${type} council like ${host}: useful experience.`;
    information.push({ peerId: peer.id, rule: 'same_type', detail });
  }
  return { findings, information };
}

const overlaps = (a: { onsiteStart: string; onsiteEnd: string }, b: { onsiteStart: string; onsiteEnd: string }) =>
  a.onsiteStart <= b.onsiteEnd && b.onsiteStart <= a.onsiteEnd;

function doubleBookings(input: PeerCheckInput): Finding[] {
  const { visit, peer } = input;
  if (!visit) return [];
  const booked = input.bookings
    .filter((booking) => overlaps(booking, visit))
    .map((booking) => {
      const detail =
        `${peer.name} is on the team of ${booking.councilName}'s peer challenge (case ${booking.caseId}), on site ` +
        `${booking.onsiteStart} to ${booking.onsiteEnd}, which overlaps this visit (${visit.onsiteStart} to ` +
        `${visit.onsiteEnd})${hardEnding(input, peer.name)}`;
      return finding(input, 'hard', 'double_booked', booking.caseId, detail);
    });
  const away = (peer.unavailable ?? [])
    .filter((period) => overlaps({ onsiteStart: period.from, onsiteEnd: period.to }, visit))
    .map((period) => {
      const detail =
        `${peer.name} has said they are unavailable from ${period.from} to ${period.to}, which overlaps this visit ` +
        `(${visit.onsiteStart} to ${visit.onsiteEnd})${hardEnding(input, peer.name)}`;
      return finding(input, 'hard', 'double_booked', `unavailable:${period.id}`, detail);
    });
  return [...booked, ...away];
}

function returningPeerNotes(input: PeerCheckInput): InformationNote[] {
  const { peer } = input;
  const earlier = peer.previousChallengesOfHost;
  if (earlier.length === 0) return [];
  const list = earlier.map(({ caseId, year }) => (year ? `${year}, case ${caseId}` : `case ${caseId}`)).join('; ');
  const challenges = earlier.length === 1 ? 'an earlier peer challenge' : 'earlier peer challenges';
  const detail =
    `${peer.name} served on ${challenges} of ${hostName(input)} (${list}): returning peers are welcome ` +
    'for a second corporate peer challenge or a follow-up, so this is not a conflict.';
  return [{ peerId: peer.id, rule: 'returning_peer', detail }];
}

/** Every rule that gives a finding, in the order findings are listed within a severity (`docs/CONFLICT-RULES.md`). */
export const FINDING_RULES = [
  'own_council',
  'double_booked',
  'shared_arrangement',
  'employment',
  'elected_member',
  'consultancy',
  'mentoring',
  'declared_interest',
  'neighbouring_council',
  'same_county_area',
];

/** Rules that only inform: shown, never blocking, never needing a justification. */
export const INFORMATION_RULES = ['nearby_council', 'same_combined_authority', 'same_type', 'returning_peer'];

/** Hard first, then soft; within each, by rule, then by the id: never by the order the dealings came in. */
export function compareFindings(a: Finding, b: Finding): number {
  if (a.severity !== b.severity) return a.severity === 'hard' ? -1 : 1;
  const rule = FINDING_RULES.indexOf(a.rule) - FINDING_RULES.indexOf(b.rule);
  if (rule !== 0) return rule;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function checkPeer(input: PeerCheckInput): { findings: Finding[]; information: InformationNote[] } {
  const hostLineage = input.graph.lineage(input.hostGssCode);
  const dealingFindings = input.peer.dealings
    .filter((dealing) => hostLineage.has(dealing.councilGssCode))
    .map((dealing) => dealingFinding(dealing, input));
  const home = homeCouncilFindings(input);
  const findings = [...home.findings, ...doubleBookings(input), ...dealingFindings].sort(compareFindings);
  return { findings, information: [...home.information, ...returningPeerNotes(input)] };
}

/**
 * Identifies everything a check of these peers read: the team, each member's kind, role, home council and dealings,
 * their other bookings, the host's arrangements, the register (its version), the dates, the look-back and the
 * refresher period. Any change to any of them changes it; the order lists arrive in does not.
 */
export function checkFingerprint(
  facts: ChallengeFacts,
  team: Array<Omit<PeerCheckInput, keyof ChallengeFacts>>,
  extra: unknown = null,
): string {
  const byId = <T extends { id: string }>(list: T[]) =>
    [...list].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const canonical = {
    register: facts.graph.version,
    host: facts.hostGssCode,
    arrangements: byId(facts.arrangements),
    firstCpc: facts.firstCpc,
    caseType: facts.caseType,
    visit: facts.visit,
    on: facts.on,
    config: { lookBackYears: facts.config.lookBackYears, trainingRefresherYears: facts.config.trainingRefresherYears },
    team: [...team]
      .map(({ peer: { unavailable, ...peer }, role, bookings }) => ({
        role,
        peer: {
          ...peer,
          dealings: byId(peer.dealings),
          expertise: [...peer.expertise].sort(),
          // Only when there are any, so a check made before periods were recorded keeps its fingerprint.
          ...(unavailable?.length ? { unavailable: byId(unavailable) } : {}),
        },
        bookings: [...bookings].sort((a, b) => (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0)),
      }))
      .sort((a, b) => (a.peer.id < b.peer.id ? -1 : a.peer.id > b.peer.id ? 1 : a.role < b.role ? -1 : 1)),
    extra,
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 24);
}

export function teamWarnings(
  team: Array<{ peer: PeerProfile; role: TeamRole }>,
  context: {
    on: string;
    config: RulesConfig;
    councilsWithoutCpcSince2012: ReadonlySet<string>;
    councilName: (gssCode: string) => string;
    financeWaiverReason?: string | null;
  },
): TeamWarning[] {
  const peers = [...new Map(team.map(({ peer }) => [peer.id, peer])).values()];
  const memberPeers = peers.filter((peer) => peer.kind === 'member');
  const warnings: TeamWarning[] = [];

  if (memberPeers.length === 0) {
    const detail =
      'The team has no member peer: add an elected member, as having a politician on the team is crucial ' +
      'for an effective peer challenge.';
    warnings.push({ rule: 'no_member_peer', detail });
  }
  const hasFinance = peers.some((peer) => peer.expertise.some((area) => area.trim().toLowerCase() === 'finance'));
  if (!hasFinance && !context.financeWaiverReason?.trim()) {
    const detail =
      'No one on the team has finance expertise: add a qualified accountant or someone with a finance role ' +
      '(such as a section 151 officer or a cabinet member for finance), or record why the team can do without.';
    warnings.push({ rule: 'no_finance_expertise', detail });
  }

  const refresherYears = context.config.trainingRefresherYears;
  const refresherStart = lookBackStart(context.on, refresherYears);
  for (const peer of memberPeers) {
    if (peer.trainedOn === null) {
      const detail = `${peer.name} has no recorded member peer training: arrange training before the challenge.`;
      warnings.push({ rule: 'member_peer_untrained', peerId: peer.id, detail });
    } else if (peer.trainedOn < refresherStart) {
      const detail =
        `${peer.name} was last trained on ${peer.trainedOn}, more than ${refresherYears} years before ` +
        `${context.on}: offer refresher training before the challenge.`;
      warnings.push({ rule: 'member_peer_training_lapsed', peerId: peer.id, detail });
    }
    const home = peer.homeCouncilGssCode;
    const leads = peer.role === 'leader' || peer.role === 'cabinet_member';
    if (leads && home && context.councilsWithoutCpcSince2012.has(home)) {
      const position = peer.role === 'leader' ? 'the leader' : 'a cabinet member';
      const name = context.councilName(home);
      const detail =
        `${peer.name} is ${position} of ${name}, which has had no corporate peer challenge since 2012: ` +
        `discuss with ${peer.name} why, and whether ${name} will have one.`;
      warnings.push({ rule: 'member_peer_from_never_engaged_council', peerId: peer.id, detail });
    }
  }
  return warnings;
}
