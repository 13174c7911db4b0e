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

export interface CouncilRef {
  gssCode: string;
  name: string;
  countyGssCode: string | null;
  combinedAuthorityGssCode: string | null;
}

export interface HostCouncil extends CouncilRef {
  neighbours: string[];
  arrangements: Array<{
    otherGssCode: string;
    otherName: string;
    kind: 'shared_management' | 'shared_services';
    from: string;
    to: string | null;
  }>;
}

export interface Dealing {
  councilGssCode: string;
  councilName: string;
  kind: DealingKind;
  from: string;
  to: string | null;
  note?: string | null;
}

export interface PeerProfile {
  id: string;
  name: string;
  kind: PeerKind;
  role: PeerRole | null;
  homeCouncil: CouncilRef | null;
  expertise: string[];
  trainedOn: string | null;
  dealings: Dealing[];
  previousChallengesOfHost: Array<{ caseId: string; year?: number }>;
}

export interface RulesConfig {
  lookBackYears: number;
  trainingRefresherYears: number;
}
export const DEFAULT_RULES_CONFIG: RulesConfig = { lookBackYears: 5, trainingRefresherYears: 3 };

export type CaseType = 'corporate_peer_challenge' | 'finance_peer_review' | 'fire_and_rescue' | 'other';

export interface PeerCheckInput {
  host: HostCouncil;
  peer: PeerProfile;
  role: TeamRole;
  firstCpc: boolean;
  caseType: CaseType;
  on: string;
  config: RulesConfig;
}

export interface Finding {
  peerId: string;
  severity: 'hard' | 'soft';
  rule: string;
  detail: string;
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

const ROLE_LABELS: Record<TeamRole, string> = {
  lead_officer_peer: 'lead officer peer',
  lead_member_peer: 'lead member peer',
  member_peer: 'member peer',
  officer_peer: 'officer peer',
  external_peer: 'external peer',
  shadow_peer: 'shadow peer',
};

const CASE_LABELS: Record<CaseType, string> = {
  corporate_peer_challenge: 'corporate peer challenge',
  finance_peer_review: 'finance peer review',
  fire_and_rescue: 'fire and rescue peer challenge',
  other: 'peer challenge',
};

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

const ARRANGEMENT_TENSES: Record<HostCouncil['arrangements'][number]['kind'], Tenses> = {
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

const PERSONAL_DEALINGS: ReadonlySet<DealingKind> = new Set([
  'employment',
  'elected_member',
  'consultancy',
  'declared_interest',
]);
const SHARED_DEALINGS: ReadonlySet<DealingKind> = new Set(['shared_service', 'shared_management']);

const isLeadRole = (role: TeamRole): boolean => LEAD_ROLES.includes(role);

function challengeName({ host, caseType, firstCpc }: PeerCheckInput): string {
  if (!firstCpc) return `${host.name}'s ${CASE_LABELS[caseType]}`;
  if (caseType === 'corporate_peer_challenge') return `${host.name}'s first corporate peer challenge`;
  return `${host.name}'s ${CASE_LABELS[caseType]}, as it has had no corporate peer challenge before`;
}

function hardEnding(input: PeerCheckInput, subject = ''): string {
  return `, so ${subject ? `${subject} ` : ''}cannot be the ${ROLE_LABELS[input.role]} for ${challengeName(input)}.`;
}

function softEnding(input: PeerCheckInput, reason = ', so'): string {
  return `${reason} record a justification to keep ${input.peer.name} as ${ROLE_LABELS[input.role]}.`;
}

const ending = (severity: Severity, input: PeerCheckInput, subject?: string): string =>
  severity === 'hard' ? hardEnding(input, subject) : softEnding(input);

function dealingFinding(dealing: Dealing, input: PeerCheckInput): Finding | null {
  const { host, peer, role, firstCpc, on, config } = input;
  const within = isWithinLookBack(dealing, on, config.lookBackYears);
  const sentence = `${peer.name} ${describePeriod(DEALING_TENSES[dealing.kind], dealing.councilName, dealing, on)}`;
  const when = lookBackClause(dealing, on, config.lookBackYears);
  const found = (severity: Severity, rule: string, close = ending(severity, input)): Finding => ({
    peerId: peer.id,
    severity,
    rule,
    detail: `${sentence}${when}${close}`,
  });

  if (PERSONAL_DEALINGS.has(dealing.kind)) {
    if (!within || !isLeadRole(role)) return found('soft', dealing.kind);
    if (firstCpc || timingOf(dealing, on) !== 'ended') return found('hard', dealing.kind);
    const laterChallenge = `; as ${host.name} has had a corporate peer challenge before,`;
    return found('soft', dealing.kind, softEnding(input, laterChallenge));
  }
  if (!within) return null;
  if (SHARED_DEALINGS.has(dealing.kind)) return found(isLeadRole(role) ? 'hard' : 'soft', 'shared_arrangement');
  return found('soft', 'mentoring');
}

function countyRelation(home: CouncilRef, host: HostCouncil, homeOfPeer: string): string | null {
  if (home.gssCode === host.countyGssCode) return `${homeOfPeer}, is the county council for ${host.name}`;
  if (host.gssCode === home.countyGssCode) return `${host.name} is the county council for ${homeOfPeer}`;
  if (home.countyGssCode !== null && home.countyGssCode === host.countyGssCode) {
    return `${homeOfPeer}, is in the same county area (${home.countyGssCode}) as ${host.name}`;
  }
  return null;
}

function homeCouncilFindings(input: PeerCheckInput): Finding[] {
  const { host, peer, role, on, config } = input;
  const home = peer.homeCouncil;
  if (!home) return [];
  const found = (severity: Severity, rule: string, fact: string): Finding => ({
    peerId: peer.id,
    severity,
    rule,
    detail: `${fact}${ending(severity, input, peer.name)}`,
  });
  if (home.gssCode === host.gssCode) {
    const detail =
      `${peer.name}'s own council is ${host.name}, the host council, ` +
      `so ${peer.name} cannot serve on its peer team in any role.`;
    return [{ peerId: peer.id, severity: 'hard', rule: 'own_council', detail }];
  }

  const homeOfPeer = `${peer.name}'s home council, ${home.name}`;
  const findings = host.arrangements
    .filter((arrangement) => arrangement.otherGssCode === home.gssCode)
    .filter((arrangement) => isWithinLookBack(arrangement, on, config.lookBackYears))
    .map((arrangement) => {
      const shared = describePeriod(ARRANGEMENT_TENSES[arrangement.kind], host.name, arrangement, on);
      const fact = `${homeOfPeer}, ${shared}${lookBackClause(arrangement, on, config.lookBackYears)}`;
      return found(isLeadRole(role) ? 'hard' : 'soft', 'shared_arrangement', fact);
    });

  if (host.neighbours.includes(home.gssCode)) {
    findings.push(found('soft', 'neighbouring_council', `${homeOfPeer}, neighbours ${host.name}`));
  }
  const county = countyRelation(home, host, homeOfPeer);
  if (county) findings.push(found('soft', 'same_county_area', county));
  const combinedAuthority = home.combinedAuthorityGssCode;
  if (combinedAuthority !== null && combinedAuthority === host.combinedAuthorityGssCode) {
    const fact = `${homeOfPeer}, is in the same combined authority (${combinedAuthority}) as ${host.name}`;
    findings.push(found('soft', 'same_combined_authority', fact));
  }
  return findings;
}

function returningPeerNotes({ host, peer }: PeerCheckInput): InformationNote[] {
  const earlier = peer.previousChallengesOfHost;
  if (earlier.length === 0) return [];
  const list = earlier.map(({ caseId, year }) => (year ? `${year}, case ${caseId}` : `case ${caseId}`)).join('; ');
  const challenges = earlier.length === 1 ? 'an earlier peer challenge' : 'earlier peer challenges';
  const detail =
    `${peer.name} served on ${challenges} of ${host.name} (${list}): returning peers are welcome ` +
    'for a second corporate peer challenge or a follow-up, so this is not a conflict.';
  return [{ peerId: peer.id, rule: 'returning_peer', detail }];
}

export function checkPeer(input: PeerCheckInput): { findings: Finding[]; information: InformationNote[] } {
  const dealingFindings = input.peer.dealings
    .filter((dealing) => dealing.councilGssCode === input.host.gssCode)
    .map((dealing) => dealingFinding(dealing, input))
    .filter((finding): finding is Finding => finding !== null);
  const all = [...homeCouncilFindings(input), ...dealingFindings];
  return {
    findings: [...all.filter((f) => f.severity === 'hard'), ...all.filter((f) => f.severity === 'soft')],
    information: returningPeerNotes(input),
  };
}

export function teamWarnings(
  team: Array<{ peer: PeerProfile; role: TeamRole }>,
  context: {
    on: string;
    config: RulesConfig;
    councilsWithoutCpcSince2012: ReadonlySet<string>;
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
    const home = peer.homeCouncil;
    const leads = peer.role === 'leader' || peer.role === 'cabinet_member';
    if (leads && home && context.councilsWithoutCpcSince2012.has(home.gssCode)) {
      const position = peer.role === 'leader' ? 'the leader' : 'a cabinet member';
      const detail =
        `${peer.name} is ${position} of ${home.name}, which has had no corporate peer challenge since 2012: ` +
        `discuss with ${peer.name} why, and whether ${home.name} will have one.`;
      warnings.push({ rule: 'member_peer_from_never_engaged_council', peerId: peer.id, detail });
    }
  }
  return warnings;
}
