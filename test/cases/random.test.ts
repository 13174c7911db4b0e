import fc from 'fast-check';
import { CaseReplayService, type CheckFinding } from '#libs/cases';
import {
  ROLES,
  t,
  manager,
  secondManager,
  managerUser,
  viewerUser,
  as,
  UNKNOWN_ID,
  type Role,
  type PoolPeer,
  pool,
  type CaseBody,
  eventRows,
  openCase,
  getCase,
  timeline,
  completeCheck,
  useCaseApi,
} from '../support/case-api.js';

/** Random sequences of events: the case API against the real application and PostgreSQL, without the worker. */
useCaseApi();

const VOCABULARY = [
  'SCHEDULE_SCOPING_MEETING',
  'AGREE_SCOPE',
  'PROPOSE_PEER',
  'REMOVE_PEER',
  'REPLACE_PEER',
  'OVERRIDE_CONFLICT',
  'APPROVE_OVERRIDE',
  'DECLARE_CONFLICT',
  'CONFLICT_CHECK_COMPLETED',
  'CONFLICT_INPUTS_CHANGED',
  'CONFIRM_TEAM',
  'RESCHEDULE_ONSITE',
  'ASSIGN_MANAGER',
  'RECEIVE_POSITION_STATEMENT',
  'START_ONSITE',
  'PRESENT_FEEDBACK',
  'SUBMIT_DRAFT_REPORT',
  'PUBLISH_REPORT',
  'RECEIVE_ACTION_PLAN',
  'SCHEDULE_FOLLOW_UP',
  'COMPLETE_FOLLOW_UP',
  'PAUSE',
  'RESUME',
  'CANCEL',
  'ADD_NOTE',
  'ADD_DOCUMENT',
] as const;
/** Events that move a case towards closure (or build its team): preferred, so later stages are reached. */
const ADVANCING: readonly string[] = [
  'SCHEDULE_SCOPING_MEETING',
  'AGREE_SCOPE',
  'PROPOSE_PEER',
  'OVERRIDE_CONFLICT',
  'APPROVE_OVERRIDE',
  'CONFIRM_TEAM',
  'RECEIVE_POSITION_STATEMENT',
  'START_ONSITE',
  'PRESENT_FEEDBACK',
  'SUBMIT_DRAFT_REPORT',
  'PUBLISH_REPORT',
  'RECEIVE_ACTION_PLAN',
  'SCHEDULE_FOLLOW_UP',
  'COMPLETE_FOLLOW_UP',
  'RESUME',
];
const DATES = [
  '2025-01-10',
  '2025-02-20',
  '2025-03-01',
  '2025-03-03',
  '2025-03-05',
  '2025-04-15',
  '2025-06-01',
  '2025-11-01',
];
const TEXTS = ['Budget pressures at the council', '  Needs a fresh look at finance  ', 'Too short', 'x', ' ', ''];
const ROLE_KIND: Partial<Record<Role, PoolPeer['kind']>> = {
  lead_officer_peer: 'officer',
  officer_peer: 'officer',
  lead_member_peer: 'member',
  member_peer: 'member',
  external_peer: 'external',
};

const paramsArb = fc.record({
  date: fc.constantFrom(...DATES),
  start: fc.constantFrom(...DATES),
  /** onsiteEnd = onsiteStart + days: 5 makes a six-day visit, -1 one that ends before it starts. */
  days: fc.integer({ min: -1, max: 5 }),
  /** An index into the pool; the one past its end is an id no peer has. */
  peer: fc.nat({ max: 7 }),
  /** Pick a sensible peer: the missing lead, a peer of the role's kind, a member of the team. */
  smart: fc.boolean(),
  role: fc.constantFrom(...ROLES),
  text: fc.constantFrom(...TEXTS),
  severity: fc.constantFrom('hard', 'soft'),
  waiver: fc.boolean(),
  manager: fc.nat({ max: 2 }),
  focusAreas: fc.array(fc.constantFrom('housing', 'finance', ' ', 'climate'), { maxLength: 3 }),
  recommendations: fc.array(fc.constantFrom('Refresh the plan', 'Invest in skills', ' '), { maxLength: 3 }),
  progress: fc.constantFrom('all', 'all', 'all', 'missing', 'extra', 'duplicate'),
  status: fc.constantFrom('achieved', 'in_progress', 'not_started'),
  kind: fc.constantFrom('position_statement', 'final_report', 'other', 'memo'),
  url: fc.constantFrom('https://sharepoint.example.org/cpc/doc.docx', 'http://intranet/cpc', 'not a url'),
});
type Params = typeof paramsArb extends fc.Arbitrary<infer P> ? P : never;

const garbageArb = fc.oneof(
  fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({
    op: fc.constant('extra' as const),
    key: fc.constantFrom('peer', 'fromStage', 'by', 'manager', 'result', 'note'),
    value: fc.jsonValue({ maxDepth: 2 }),
  }),
  fc.record({
    op: fc.constant('type' as const),
    value: fc.oneof(fc.string({ maxLength: 30 }), fc.constant('CONFLICT_CHECK_COMPLETED'), fc.constant(null)),
  }),
  fc.record({
    op: fc.constant('version' as const),
    value: fc.constantFrom<unknown>(null, 'abc', 0, -3, 1.5, '', [], {}),
  }),
  fc.record({ op: fc.constant('body' as const), value: fc.jsonValue({ maxDepth: 2 }) }),
);
type Garbage = typeof garbageArb extends fc.Arbitrary<infer G> ? G : never;

interface EventStep {
  kind: 'event';
  /**
   * next: the allowed event that moves the case furthest on, with a sensible payload; advance: any allowed event
   * that moves the case on; allowed: any allowed event; any: the whole vocabulary.
   */
  pick: 'next' | 'advance' | 'allowed' | 'any';
  index: number;
  version: 'current' | 'stale' | 'ahead';
  garbage: Garbage | null;
  params: Params;
}
/** The worker's turn: a result for the current team, with no finding or a soft one. */
interface CheckStep {
  kind: 'check';
  soft: boolean;
}
type Step = EventStep | CheckStep;

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('check' as const), soft: fc.boolean() }) },
  {
    weight: 9,
    arbitrary: fc.record({
      kind: fc.constant('event' as const),
      pick: fc.constantFrom('next', 'next', 'next', 'next', 'advance', 'advance', 'allowed', 'allowed', 'any', 'any'),
      index: fc.nat(),
      version: fc.constantFrom(
        'current',
        'current',
        'current',
        'current',
        'current',
        'current',
        'current',
        'current',
        'stale',
        'ahead',
      ),
      garbage: fc.oneof({ weight: 7, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: garbageArb }),
      params: paramsArb,
    }),
  },
);

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The allowed event that takes the case furthest towards closure, if there is one. */
function nextType(current: CaseBody): string | undefined {
  const roles = current.team.map((m) => m.role);
  const leadMissing = !roles.includes('lead_officer_peer') || !roles.includes('lead_member_peer');
  const softLeft = current.conflictCheck.findings.some((f) => f.severity === 'soft' && !f.override);
  const approvalLeft = current.conflictCheck.findings.some((f) => f.override && !f.overridden);
  const order = [
    'RESUME',
    'AGREE_SCOPE',
    leadMissing && 'PROPOSE_PEER',
    softLeft && 'OVERRIDE_CONFLICT',
    approvalLeft && 'APPROVE_OVERRIDE',
    'CONFIRM_TEAM',
    'START_ONSITE',
    'PRESENT_FEEDBACK',
    'RECEIVE_POSITION_STATEMENT',
    'SUBMIT_DRAFT_REPORT',
    'PUBLISH_REPORT',
    'COMPLETE_FOLLOW_UP',
    'SCHEDULE_FOLLOW_UP',
  ];
  return order.find((type): type is string => !!type && current.allowedEvents.includes(type));
}

function chooseType(step: EventStep, current: CaseBody): string {
  if (step.pick === 'any') return VOCABULARY[step.index % VOCABULARY.length];
  const next = step.pick === 'next' ? nextType(current) : undefined;
  if (next) return next;
  const allowed = current.allowedEvents;
  const advancing = allowed.filter((type) => ADVANCING.includes(type));
  const from = step.pick === 'advance' && advancing.length > 0 ? advancing : allowed;
  return from[step.index % from.length];
}

const poolId = (index: number) => pool[index]?.id ?? UNKNOWN_ID;

function proposal(p: Params, current: CaseBody): Record<string, unknown> {
  if (!p.smart) return { peerId: poolId(p.peer), role: p.role };
  const has = (role: Role) => current.team.some((m) => m.role === role);
  const role: Role = !has('lead_officer_peer')
    ? 'lead_officer_peer'
    : !has('lead_member_peer')
      ? 'lead_member_peer'
      : p.role;
  const kind = ROLE_KIND[role];
  const candidates = pool.filter(
    (peer) => peer.active && (!kind || peer.kind === kind) && !current.team.some((m) => m.peerId === peer.id),
  );
  return { peerId: candidates[p.peer % Math.max(candidates.length, 1)]?.id ?? poolId(p.peer), role };
}

/** The parameters, made acceptable where a random pick would likely be refused (for the 'next' pick). */
function sensible(p: Params, current: CaseBody): Params {
  const dates = Object.values(current.dates as Record<string, string>);
  const latest = dates.reduce((a, b) => (a > b ? a : b), p.date);
  return {
    ...p,
    smart: true,
    date: latest,
    text: p.text.trim().length >= 20 ? p.text : 'Budget pressures at the council',
    days: Math.min(Math.max(p.days, 0), 4),
    waiver: p.waiver || !current.team.some((m) => (m as { financeExpertise?: boolean }).financeExpertise),
    recommendations: p.recommendations.some((r) => r.trim()) ? p.recommendations : ['Refresh the plan'],
    progress: 'all',
  };
}

function progress(p: Params, recommendations: number) {
  const all = Array.from({ length: recommendations }, (_, index) => ({ index, status: p.status }));
  if (p.progress === 'missing') return all.slice(1);
  if (p.progress === 'extra') return [...all, { index: recommendations, status: p.status }];
  if (p.progress === 'duplicate') return [...all, { index: 0, status: p.status }];
  return all;
}

function payloadFor(type: string, p: Params, current: CaseBody): Record<string, unknown> {
  const member = () =>
    p.smart && current.team.length > 0 ? current.team[p.peer % current.team.length].peerId : poolId(p.peer);
  const onsite = { onsiteStart: p.start, onsiteEnd: addDays(p.start, p.days) };
  switch (type) {
    case 'SCHEDULE_SCOPING_MEETING':
    case 'PRESENT_FEEDBACK':
    case 'SCHEDULE_FOLLOW_UP':
      return { date: p.date };
    case 'AGREE_SCOPE':
      return { focusAreas: p.focusAreas, ...onsite };
    case 'PROPOSE_PEER':
      return proposal(p, current);
    case 'REMOVE_PEER':
      return { peerId: member() };
    case 'REPLACE_PEER': {
      const out = member();
      const role: Role = current.team.find((m) => m.peerId === out)?.role ?? p.role;
      return { outPeerId: out, ...proposal({ ...p, role }, current), role, reason: p.text };
    }
    case 'OVERRIDE_CONFLICT':
    case 'APPROVE_OVERRIDE': {
      const open = current.conflictCheck.findings.find((f) =>
        type === 'OVERRIDE_CONFLICT' ? f.severity === 'soft' && !f.override : f.override && !f.overridden,
      );
      const findingId = p.smart && open ? open.id : `neighbouring_council:${member()}:E06000058`;
      return type === 'OVERRIDE_CONFLICT' ? { findingId, justification: p.text } : { findingId };
    }
    case 'DECLARE_CONFLICT':
      return { peerId: member(), severity: p.severity, detail: p.text };
    case 'CONFIRM_TEAM':
      return p.waiver ? { financeWaiverReason: p.text } : {};
    case 'RESCHEDULE_ONSITE':
      return { ...onsite, reason: p.text };
    case 'ASSIGN_MANAGER':
      return { managerId: [managerUser.id, viewerUser.id, UNKNOWN_ID][p.manager] };
    case 'RECEIVE_POSITION_STATEMENT':
    case 'RECEIVE_ACTION_PLAN':
      return { receivedOn: p.date };
    case 'PUBLISH_REPORT':
      return { publishedOn: p.date, recommendations: p.recommendations };
    case 'COMPLETE_FOLLOW_UP':
      return { date: p.date, progress: progress(p, current.recommendations.length) };
    case 'PAUSE':
    case 'CANCEL':
      return { reason: p.text };
    case 'ADD_NOTE':
      return { text: p.text };
    case 'ADD_DOCUMENT':
      return { kind: p.kind, title: p.text, url: p.url };
    case 'CONFLICT_CHECK_COMPLETED':
      // Only the worker may send it: a user who does is refused, whatever the result.
      return {
        result: {
          run: current.conflictCheck.run,
          fingerprint: 'x',
          checkedOn: p.date,
          findings: [],
          information: [],
          warnings: [],
        },
      };
    default:
      return {};
  }
}

function spoil(body: Record<string, unknown>, garbage: Garbage): unknown {
  const keys = Object.keys(body);
  switch (garbage.op) {
    case 'drop': {
      const copy = { ...body };
      delete copy[keys[garbage.at % keys.length]];
      return copy;
    }
    case 'set':
      return { ...body, [keys[garbage.at % keys.length]]: garbage.value };
    case 'extra':
      return { ...body, [garbage.key]: garbage.value };
    case 'type':
      return { ...body, type: garbage.value };
    case 'version':
      return { ...body, expectedVersion: garbage.value };
    case 'body':
      return garbage.value;
  }
}

function fail(message: string): never {
  throw new Error(message);
}

/** Runs the steps on a fresh case through HTTP, checking every answer; returns the case and what was accepted. */
async function runSteps(steps: Step[]) {
  const opened = await openCase({ councilGssCode: 'E06000059' });
  let current = opened;
  const accepted: string[] = [];
  const log: string[] = [];
  // Whether the latest version came from the worker's check: the version before it is then not stale.
  let lastBySystem = false;
  for (const step of steps) {
    if (step.kind === 'check') {
      if (current.conflictCheck.status !== 'pending' && current.conflictCheck.status !== 'stale') continue;
      const findings: CheckFinding[] =
        step.soft && current.team.length > 0
          ? [
              {
                id: `neighbouring_council:${current.team[0].peerId}:E06000058`,
                digest: 'borders',
                peerId: current.team[0].peerId,
                severity: 'soft',
                rule: 'neighbouring_council',
                detail: 'Their home council borders the host',
              },
            ]
          : [];
      const next = await completeCheck(current, findings);
      if (next.version !== current.version + 1) fail(`the check result did not move the version on`);
      current = next;
      lastBySystem = true;
      accepted.push('CONFLICT_CHECK_COMPLETED');
      log.push(`check(${findings.length}) → ${current.conflictCheck.status}`);
      continue;
    }
    const type = chooseType(step, current);
    const expectedVersion =
      step.version === 'current'
        ? current.version
        : step.version === 'ahead'
          ? current.version + 1
          : current.version > 1
            ? current.version - 1
            : current.version + 2;
    const params = step.pick === 'next' ? sensible(step.params, current) : step.params;
    const intended = { type, expectedVersion, ...payloadFor(type, params, current) };
    const body = step.garbage ? spoil(intended, step.garbage) : intended;
    // An override is approved by a second person: another manager.
    const sender = type === 'APPROVE_OVERRIDE' ? secondManager : manager;
    const response = await t.http
      .post(`/api/v1/cases/${current.id}/events`)
      .set(as(sender))
      .set('Content-Type', 'application/json')
      .send(JSON.stringify(body) ?? '');
    const status = response.status;
    log.push(
      `${current.state} v${current.version}: ${JSON.stringify(body)} → ${status} ${response.text.slice(0, 300)}`,
    );
    const context = () => `\n${log.join('\n')}`;
    const upToDate = step.version === 'current' || (step.version === 'stale' && current.version > 1 && lastBySystem);
    if (![200, 400, 409, 422].includes(status)) fail(`unexpected status ${status}${context()}`);
    if (!step.garbage && upToDate && status === 409) fail(`409 at the current version${context()}`);
    if (!step.garbage && !upToDate && status !== 409 && status !== 400) {
      fail(`a stale expectedVersion answered ${status}${context()}`);
    }
    if (status === 200) {
      const sent = (body as { type: string }).type;
      if (!current.allowedEvents.includes(sent)) fail(`${sent} was accepted but not in allowedEvents${context()}`);
      if (response.body.version !== current.version + 1) fail(`the version did not go up by one${context()}`);
      current = response.body as CaseBody;
      lastBySystem = false;
      accepted.push(sent);
    } else if (status === 409) {
      if (response.body.version !== current.version || response.body.details?.currentVersion !== current.version) {
        fail(`the 409 did not carry the current version${context()}`);
      }
    } else if (status === 422) {
      const reasons = response.body.details?.reasons;
      if (!Array.isArray(reasons) || reasons.length === 0 || !reasons.every((r) => typeof r === 'string')) {
        fail(`a 422 without reasons${context()}`);
      }
    } else if (response.body.statusCode !== 400) {
      fail(`a 400 not in the error shape${context()}`);
    }
  }
  return { opened, current, accepted, log };
}

async function checkStored(run: Awaited<ReturnType<typeof runSteps>>) {
  const { opened, current, accepted, log } = run;
  const context = `\n${log.join('\n')}`;
  const after = await getCase(opened.id);
  expect({ version: after.version, context }).toEqual({ version: 1 + accepted.length, context });
  expect(after).toEqual(current);
  const entries = await timeline(opened.id);
  expect(entries).toHaveLength(after.version);
  expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
  expect(entries.map((e) => e.type)).toEqual(['OPEN_CASE', ...accepted]);
  expect(await eventRows(opened.id)).toBe(after.version);
  expect({ replay: await t.app.get(CaseReplayService).verify(opened.id), context }).toEqual({
    replay: null,
    context,
  });
}

const P: Params = {
  date: '2025-01-10',
  start: '2025-03-01',
  days: 3,
  peer: 0,
  smart: true,
  role: 'member_peer',
  text: 'Budget pressures at the council',
  severity: 'soft',
  waiver: false,
  manager: 0,
  focusAreas: ['housing'],
  recommendations: ['Refresh the plan', 'Invest in skills'],
  progress: 'all',
  status: 'achieved',
  kind: 'final_report',
  url: 'https://sharepoint.example.org/cpc/doc.docx',
};
const ev = (type: (typeof VOCABULARY)[number], params: Partial<Params> = {}): Step => ({
  kind: 'event',
  pick: 'any',
  index: VOCABULARY.indexOf(type),
  version: 'current',
  garbage: null,
  params: { ...P, ...params },
});
/** A sequence that runs a case from scoping to closed, so every run covers the whole lifecycle at least once. */
const WHOLE_LIFECYCLE: Step[] = [
  ev('SCHEDULE_SCOPING_MEETING'),
  ev('AGREE_SCOPE'),
  ev('PROPOSE_PEER'), // the lead officer peer
  ev('PROPOSE_PEER'), // the lead member peer
  ev('PROPOSE_PEER', { role: 'external_peer' }),
  ev('PROPOSE_PEER', { role: 'shadow_peer' }),
  { kind: 'check', soft: true }, // a soft finding on the lead officer peer
  ev('OVERRIDE_CONFLICT', { peer: 0 }),
  ev('APPROVE_OVERRIDE', { peer: 0 }), // by a second manager
  ev('DECLARE_CONFLICT', { peer: 2 }), // a soft conflict declared on the external peer
  ev('OVERRIDE_CONFLICT', { peer: 2 }),
  ev('APPROVE_OVERRIDE', { peer: 2 }),
  ev('REMOVE_PEER', { peer: 3 }), // the shadow peer
  { kind: 'check', soft: false },
  ev('CONFIRM_TEAM'),
  ev('RESCHEDULE_ONSITE', { start: '2025-03-03', days: 2 }),
  { kind: 'check', soft: false }, // the new dates are checked for double-booking
  ev('RECEIVE_POSITION_STATEMENT', { date: '2025-02-20' }),
  ev('PAUSE'),
  ev('RESUME'),
  ev('START_ONSITE'),
  ev('PRESENT_FEEDBACK', { date: '2025-03-05' }),
  ev('SUBMIT_DRAFT_REPORT'),
  ev('PUBLISH_REPORT', { date: '2025-04-15' }),
  ev('RECEIVE_ACTION_PLAN', { date: '2025-06-01' }),
  ev('SCHEDULE_FOLLOW_UP', { date: '2025-11-01' }),
  ev('COMPLETE_FOLLOW_UP', { date: '2025-11-01' }),
  ev('ADD_NOTE'),
  ev('ADD_DOCUMENT'),
];

describe('random sequences of events', () => {
  it('the whole-lifecycle example reaches closed, and the stored case is the replay of its timeline', async () => {
    const run = await runSteps(WHOLE_LIFECYCLE);
    expect({ state: run.current.state, log: run.log }).toMatchObject({ state: 'closed' });
    expect(run.current.recommendations).toEqual([
      { text: 'Refresh the plan', progress: 'achieved' },
      { text: 'Invest in skills', progress: 'achieved' },
    ]);
    await checkStored(run);
  });

  it('never answer 500, move the version by one per accepted event, and replay to the stored state', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 8, maxLength: 25, size: 'max' }), async (steps) => {
        await checkStored(await runSteps(steps));
      }),
      { numRuns: 40 },
    );
  }, 180_000);
});
