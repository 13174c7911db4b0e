import { DOCUMENT_KINDS, type CaseEventType, type CaseView, type ReminderView, type TimelineEntry } from '#libs/cases';
import { TEAM_ROLES, type PeerView, type PoolVerdict } from '#libs/peers';
import { datesInWords, escapeHtml, govukDate, humanise, londonDateTime } from '../lists.js';

export { humanise };
import { EVENT_FORMS, fieldId, type Choices, type FormField } from './event-forms.js';

/** The stages a challenge goes through, in order, as the task list shows them. */
const STAGES = [
  { id: 'scoping', title: 'Scoping' },
  { id: 'team_assembly', title: 'Team assembly' },
  { id: 'onsite', title: 'Onsite' },
  { id: 'report', title: 'Report' },
  { id: 'follow_up', title: 'Follow-up' },
];

const DATE_LABELS: Array<[keyof CaseView['dates'], string]> = [
  ['scopingMeeting', 'Scoping meeting'],
  ['indicativeMonth', 'Indicative month of the visit'],
  ['onsiteStart', 'Onsite start'],
  ['onsiteEnd', 'Onsite end'],
  ['positionStatementReceived', 'Position statement received'],
  ['feedbackPresented', 'Feedback presented'],
  ['draftSubmitted', 'Draft report submitted'],
  ['reportPublished', 'Report published'],
  ['actionPlanReceived', 'Action plan received'],
  ['followUp', 'Follow-up'],
  ['followUpCompleted', 'Follow-up completed'],
];

export interface Choice {
  value: string;
  text: string;
}

/** What the event forms offer to choose from (the caller loads peers and managers). */
export interface ChoiceSources {
  peers: Choice[];
  managers: Choice[];
}

/** What a form shows after a refused submission: the values sent and the problems per field. */
export interface Submitted {
  type: string;
  body: Record<string, unknown>;
  fieldErrors: Record<string, string>;
}

/**
 * Each stage done, current or still to come, as GOV.UK's task list says it: "Completed", "In progress" (with
 * what the current stage waits for, if anything) or "Cannot start yet" (with the stage it follows). A closed
 * case has done them all; a paused or cancelled one stopped where it was.
 */
export function stageTasks(view: CaseView) {
  const stopped = view.cancellation?.stage ?? view.hold?.stage;
  const at = view.stage === 'closed' ? STAGES.length : STAGES.findIndex((s) => s.id === (stopped ?? view.stage));
  const waiting = view.waitingFor.flatMap((held) => (held.reasons[0] ? [datesInWords(held.reasons[0])] : []));
  return STAGES.map((stage, index) => {
    if (index < at) return { title: { text: stage.title }, status: { text: 'Completed' } };
    if (index > at) {
      return {
        title: { text: stage.title },
        hint: { text: `After ${STAGES[index - 1]!.title.toLowerCase()}` },
        status: { text: 'Cannot start yet', classes: 'govuk-task-list__status--cannot-start-yet' },
      };
    }
    const tag =
      view.stage === 'cancelled'
        ? { text: 'Cancelled', classes: 'govuk-tag--red' }
        : view.onHold
          ? { text: 'On hold', classes: 'govuk-tag--yellow' }
          : { text: 'In progress', classes: 'govuk-tag--blue' };
    const hint =
      !view.onHold && view.stage !== 'cancelled' && waiting.length ? { text: `Waiting: ${waiting[0]}` } : undefined;
    return { title: { text: stage.title }, ...(hint && { hint }), status: { tag } };
  });
}

/**
 * A peer as the picker offers them: name, kind, home council and expertise, so a manager can tell peers apart
 * and see who brings what before proposing ("Olive Officer: officer, Bath and North East Somerset; finance").
 */
export function peerChoice(
  peer: Pick<PeerView, 'id' | 'name' | 'kind' | 'homeCouncil' | 'expertise'>,
  verdict?: PoolVerdict,
): Choice {
  const home = peer.homeCouncil ? `, ${peer.homeCouncil.name}` : '';
  const expertise = peer.expertise.length ? `; ${peer.expertise.join(', ')}` : '';
  const checked = verdict ? `. Pre-check: ${verdictInWords(verdict)}` : '';
  return { value: peer.id, text: `${peer.name}: ${peer.kind}${home}${expertise}${checked}` };
}

/**
 * A peer's pre-check for this case in words: "can serve" only when nothing needs action in any role; otherwise
 * what is needed, and whether it differs for a lead peer (some dealings bar only the leads).
 */
export function verdictInWords({ asLead, asMember }: PoolVerdict): string {
  if (asMember === 'hard') return 'cannot serve';
  const member = asMember === 'clear' ? 'can serve' : 'needs a justification';
  if (asLead === asMember) return member;
  return asLead === 'hard' ? `${member}, but not as a lead peer` : `${member}; as a lead peer, needs a justification`;
}

function choicesFor(source: Choices, view: CaseView, sources: ChoiceSources): Choice[] {
  switch (source) {
    case 'team':
      return view.team.map((m) => ({ value: m.peerId, text: `${m.name} (${humanise(m.role)})` }));
    case 'peers':
      return sources.peers;
    case 'managers':
      return sources.managers;
    case 'roles':
      return TEAM_ROLES.map((role) => ({ value: role, text: humanise(role) }));
    case 'documentKinds':
      return DOCUMENT_KINDS.map((kind) => ({ value: kind, text: humanise(kind) }));
    case 'softFindings':
      return view.conflictCheck.findings
        .filter((f) => f.severity === 'soft' && !f.overridden)
        .map((f) => ({ value: f.id, text: `${memberName(view, f.peerId)}: ${humanise(f.rule)}` }));
    case 'awaitingApproval':
      return view.conflictCheck.findings
        .filter((f) => f.override && !f.overridden)
        .map((f) => ({
          value: f.id,
          text: `${memberName(view, f.peerId)}: ${humanise(f.rule)}, asked by ${f.override!.requestedBy.name}: ${f.override!.justification}`,
        }));
    case 'severities':
      return [
        { value: 'hard', text: 'Hard: the peer cannot serve' },
        { value: 'soft', text: 'Soft: may be overridden with a justification' },
      ];
  }
}

function formField(type: string, field: FormField, view: CaseView, sources: ChoiceSources, submitted?: Submitted) {
  const mine = submitted?.type === type ? submitted : undefined;
  const value = (name: string) => {
    const sent = mine?.body[name];
    return typeof sent === 'string' ? sent : '';
  };
  return {
    ...field,
    id: fieldId(type, field.name),
    error: mine?.fieldErrors[field.name],
    value: value(field.name),
    dateParts: {
      day: value(`${field.name}-day`),
      month: value(`${field.name}-month`),
      year: value(`${field.name}-year`),
    },
    items: field.choices
      ? [{ value: '', text: 'Choose…' }, ...choicesFor(field.choices, view, sources)].map((c) => ({
          ...c,
          selected: c.value !== '' && c.value === value(field.name),
        }))
      : undefined,
    recommendations: view.recommendations.map((r, index) => ({
      index,
      text: r.text,
      status: value(`progress-${index}`),
      error: mine?.fieldErrors[`progress-${index}`],
    })),
  };
}

/** Steps that stop the work, each on a page of its own behind a link, never a button among the others. */
const STOPPING: readonly CaseEventType[] = ['PAUSE', 'CANCEL'];

/** Steps about one peer of the team: linked from that peer's row, with the peer chosen. */
const PEER_STEPS: Partial<Record<CaseEventType, { field: string; text: string }>> = {
  REPLACE_PEER: { field: 'outPeerId', text: 'Replace' },
  REMOVE_PEER: { field: 'peerId', text: 'Remove' },
  DECLARE_CONFLICT: { field: 'peerId', text: 'Declare a conflict' },
};

/** Steps about one finding: linked from the finding, so nobody picks it from a list. */
const FINDING_STEPS: readonly CaseEventType[] = ['OVERRIDE_CONFLICT', 'APPROVE_OVERRIDE'];

/**
 * The forms on the case page itself: the steps that move the case on which it can take now and has not
 * recorded yet (proposing a peer stays while the team is assembled). Every other step has a page of its own
 * (`/cases/:id/steps/:type`), linked from the case page, the peer or the finding it is about.
 */
export function casePageSteps(view: CaseView): CaseEventType[] {
  const done = recordedSteps(view);
  return NEXT_STEPS.filter((type) => view.allowedEvents.includes(type) && (type === 'PROPOSE_PEER' || !done[type]));
}

/** The steps of the path already recorded once: taking one again changes what was recorded. */
function recordedSteps(view: CaseView): Partial<Record<CaseEventType, boolean>> {
  return {
    SCHEDULE_SCOPING_MEETING: !!view.dates.scopingMeeting,
    PROPOSE_PEER: view.team.length > 0,
    RECEIVE_POSITION_STATEMENT: !!view.dates.positionStatementReceived,
    RECEIVE_ACTION_PLAN: !!view.dates.actionPlanReceived,
    SCHEDULE_FOLLOW_UP: !!view.dates.followUp,
  };
}

/** A step already recorded, taken again, changes what was recorded: its link and page say so. */
const CHANGE_TITLES: Partial<Record<CaseEventType, string>> = {
  SCHEDULE_SCOPING_MEETING: 'Change the scoping meeting date',
  RECEIVE_POSITION_STATEMENT: 'Change the date the position statement was received',
  RECEIVE_ACTION_PLAN: 'Change the date the action plan was received',
  SCHEDULE_FOLLOW_UP: 'Change the follow-up date',
};

/** A step's title as its link and its own page say it: "Change …" for one already recorded. */
export function stepTitle(view: CaseView, type: CaseEventType): string {
  return (recordedSteps(view)[type] && CHANGE_TITLES[type]) || EVENT_FORMS[type]!.title;
}

/**
 * The links to the steps on pages of their own that the case allows now, in two groups: the others ("Reschedule
 * the onsite visit", "Add a note"…) and those that stop the work. Steps about one peer or one finding are linked
 * from it instead (teamRows).
 */
export function stepLinks(view: CaseView) {
  const inline = casePageSteps(view);
  const link = (type: CaseEventType) => ({ href: `/cases/${view.id}/steps/${type}`, text: stepTitle(view, type) });
  const allowed = (Object.keys(EVENT_FORMS) as CaseEventType[]).filter((type) => view.allowedEvents.includes(type));
  return {
    others: allowed
      .filter((t) => !inline.includes(t) && !STOPPING.includes(t) && !PEER_STEPS[t] && !FINDING_STEPS.includes(t))
      .map(link),
    stopping: allowed.filter((type) => STOPPING.includes(type)).map(link),
  };
}

/**
 * What a step's own page starts with: what is recorded (the dates it changes, the manager), so a correction
 * begins from the current value.
 */
export function recordedValues(view: CaseView, type: CaseEventType): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, field] of DATE_SETTERS[type] ?? []) {
    const value = view.dates[key];
    if (!value) continue;
    if (EVENT_FORMS[type]?.fields.find((f) => f.name === field)?.kind !== 'date') {
      values[field] = value;
      continue;
    }
    const [year, month, day] = value.split('-');
    Object.assign(values, { [`${field}-day`]: day, [`${field}-month`]: month, [`${field}-year`]: year });
  }
  if (type === 'ASSIGN_MANAGER' && view.manager) values.managerId = view.manager.id;
  return values;
}

/**
 * The forms of the steps on the case page (casePageSteps), with the fields each needs; or, with `only`, that one
 * step's form, for its own page.
 */
export function eventForms(view: CaseView, sources: ChoiceSources, submitted?: Submitted, only?: CaseEventType) {
  const shown: string[] = only !== undefined ? [only] : casePageSteps(view);
  return Object.entries(EVENT_FORMS).flatMap(([type, form]) => {
    if (!view.allowedEvents.includes(type as CaseEventType) || !shown.includes(type)) return [];
    // A team with finance expertise is not asked why it needs none.
    const financed = view.team.some((m) => m.financeExpertise);
    const fields = form.fields
      .filter((field) => !(field.name === 'financeWaiverReason' && financed))
      .map((field) => formField(type, field, view, sources, submitted));
    return [{ type, id: fieldId('form', type), title: form.title, button: form.button, fields }];
  });
}

/** The steps that move a case on, in the order a challenge takes them. */
const NEXT_STEPS: readonly CaseEventType[] = [
  'SCHEDULE_SCOPING_MEETING',
  'AGREE_SCOPE',
  'PROPOSE_PEER',
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

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * The banner after a step: what was done and what comes next, so the manager never has to work it out. The next
 * step is the first of those that move a case on that it can take now (one already recorded, such as the scoping
 * meeting or the position statement, is not offered again) or is waiting to take, with why; nothing for a
 * finished case.
 */
export function doneBanner(done: string, title: string, view: CaseView): string {
  const recorded = recordedSteps(view);
  let then = '';
  for (const type of NEXT_STEPS) {
    if (type === done || recorded[type]) continue;
    const title = lowerFirst(EVENT_FORMS[type]!.title);
    if (view.allowedEvents.includes(type)) {
      then = ` Next: ${title}.`;
      break;
    }
    const waiting = view.waitingFor.find((held) => held.type === type);
    if (waiting) {
      then = ` Next: ${title}. It cannot be done yet: ${datesInWords(waiting.reasons[0]!)}`;
      break;
    }
  }
  return `Done: ${lowerFirst(title)}.${then}`;
}

/** What the case waits for before it can move on: each held-back step by its form's title, with every reason. */
export function waitingItems(view: CaseView) {
  return view.waitingFor.map((held) => ({
    id: fieldId('waiting', held.type),
    title: EVENT_FORMS[held.type]?.title ?? humanise(held.type.toLowerCase()),
    reasons: held.reasons,
  }));
}

/** The summary list of the case: what it is and where it stands (its dates are in `dateRows`). */
export function summaryRows(view: CaseView) {
  const rows: Array<[string, { text: string } | { html: string }]> = [
    [
      'Council',
      {
        html: `<a class="govuk-link" href="/councils/${escapeHtml(view.councilGssCode)}">${escapeHtml(view.councilName)}</a>`,
      },
    ],
    ['Type', { text: humanise(view.type) }],
    ['Stage', { text: view.onHold ? `${stateInWords(view.stage)} (on hold)` : stateInWords(view.state) }],
    ['Manager', { text: view.manager?.name ?? 'Not assigned' }],
    ['Focus areas', { text: view.scope.focusAreas.join(', ') || 'None agreed yet' }],
  ];
  if (view.recommendations.length > 0) {
    const items = view.recommendations.map(
      (r) => `<li>${escapeHtml(r.text)}${r.progress ? ` (${escapeHtml(humanise(r.progress))})` : ''}</li>`,
    );
    rows.push(['Recommendations', { html: `<ol class="govuk-list govuk-list--number">${items.join('')}</ol>` }]);
  }
  if (view.hold) rows.push(['On hold because', { text: view.hold.reason }]);
  if (view.cancellation) rows.push(['Cancelled because', { text: view.cancellation.reason }]);
  return rows.map(([key, value]) => ({ key: { text: key }, value }));
}

const memberName = (view: CaseView, peerId: string) => view.team.find((m) => m.peerId === peerId)?.name ?? peerId;

function findingLabel(f: CaseView['conflictCheck']['findings'][number]): string {
  if (f.severity === 'hard') return 'Hard: cannot serve';
  if (f.overridden) return f.override?.selfApproved ? 'Soft: overridden by an admin' : 'Soft: overridden, approved';
  if (f.override) return 'Soft: override waiting for approval';
  return 'Soft: needs a justification';
}

/**
 * The team with each peer's conflict-check findings. While a check runs (or runs again because an input changed)
 * nothing is said to be clear: `checking` is true and the page says so.
 */
export function teamRows(view: CaseView, viewerId?: string) {
  const checking = view.conflictCheck.status === 'pending' || view.conflictCheck.status === 'stale';
  const allows = (type: CaseEventType) => view.allowedEvents.includes(type);
  const step = (type: CaseEventType, field: string, id: string) =>
    `/cases/${view.id}/steps/${type}?${field}=${encodeURIComponent(id)}`;
  return view.team.map((member) => ({
    name: member.name,
    role: humanise(member.role),
    checking,
    // What can be done about this peer, each on its own page with the peer chosen.
    actions: (Object.keys(PEER_STEPS) as CaseEventType[])
      .filter(allows)
      .map((type) => ({ href: step(type, PEER_STEPS[type]!.field, member.peerId), text: PEER_STEPS[type]!.text })),
    findings: view.conflictCheck.findings
      .filter((f) => f.peerId === member.peerId)
      .map((f) => ({
        ...f,
        label: findingLabel(f),
        approvedBy: f.override?.approvedBy?.name ?? null,
        requestedBy: f.override?.requestedBy.name ?? null,
        // A soft finding nobody has asked to override yet: its own link to the override's page.
        overrideHref:
          allows('OVERRIDE_CONFLICT') && f.severity === 'soft' && !f.overridden && !f.override
            ? step('OVERRIDE_CONFLICT', 'findingId', f.id)
            : null,
        // An override waiting for a second person: a link to approve it, for anyone but the one who asked.
        approveHref:
          allows('APPROVE_OVERRIDE') && f.override && !f.overridden && f.override.requestedBy.id !== viewerId
            ? step('APPROVE_OVERRIDE', 'findingId', f.id)
            : null,
      })),
  }));
}

/** Who did something, as the pages name them: a person by name, the worker as "The system". */
export type PersonName = (actor: TimelineEntry['actor']) => string;
const byLabel: PersonName = (actor) => actor.label;

/** Names people by the users' names (their email only when the user is unknown), the worker as "The system". */
export function personName(names: Map<string, string>): PersonName {
  return (actor) => (actor.id ? (names.get(actor.id) ?? actor.label) : 'The system');
}

/** Which case dates each event sets, and from which field of its payload (as `workflow/case-updates.ts` does). */
export const DATE_SETTERS: Partial<Record<CaseEventType, Array<[keyof CaseView['dates'], string]>>> = {
  SCHEDULE_SCOPING_MEETING: [['scopingMeeting', 'date']],
  SET_INDICATIVE_MONTH: [['indicativeMonth', 'month']],
  AGREE_SCOPE: [
    ['onsiteStart', 'onsiteStart'],
    ['onsiteEnd', 'onsiteEnd'],
  ],
  RESCHEDULE_ONSITE: [
    ['onsiteStart', 'onsiteStart'],
    ['onsiteEnd', 'onsiteEnd'],
  ],
  RECEIVE_POSITION_STATEMENT: [['positionStatementReceived', 'receivedOn']],
  PRESENT_FEEDBACK: [['feedbackPresented', 'date']],
  SUBMIT_DRAFT_REPORT: [['draftSubmitted', 'submittedOn']],
  PUBLISH_REPORT: [['reportPublished', 'publishedOn']],
  RECEIVE_ACTION_PLAN: [['actionPlanReceived', 'receivedOn']],
  SCHEDULE_FOLLOW_UP: [['followUp', 'date']],
  COMPLETE_FOLLOW_UP: [['followUpCompleted', 'date']],
};

/**
 * Each date of the case with its current value and, when it was changed, every earlier value with who changed
 * it, when and why — read from the timeline, so it is exactly what happened.
 */
export function dateRows(view: CaseView, entries: TimelineEntry[], who: PersonName = byLabel) {
  const changes = new Map<string, Array<{ value: string; at: string; who: string; reason?: string }>>();
  for (const entry of entries) {
    for (const [key, field] of DATE_SETTERS[entry.type as CaseEventType] ?? []) {
      const value = entry.payload[field];
      if (typeof value !== 'string') continue;
      const list = changes.get(key) ?? [];
      if (list.at(-1)?.value === value) continue;
      const reason = typeof entry.payload.reason === 'string' ? entry.payload.reason : undefined;
      list.push({ value, at: londonDateTime(entry.at), who: who(entry.actor), reason });
      changes.set(key, list);
    }
  }
  return DATE_LABELS.flatMap(([key, label]) => {
    const value = view.dates[key];
    if (!value) return [];
    const history = changes.get(key) ?? [];
    const set = history.at(-1);
    const earlier = history.slice(0, -1).reverse();
    const lines = [
      set ? `Set ${set.at} by ${set.who}${set.reason ? `: ${set.reason}` : ''}` : 'Recorded on import',
      ...earlier.map((h) => `Was ${govukDate(h.value)}, set ${h.at} by ${h.who}`),
    ];
    return [[{ text: label }, { text: govukDate(value) }, { html: lines.map(escapeHtml).join('<br>') }]];
  });
}

const DESCRIBED: Array<[string, string]> = [
  ['date', 'Date'],
  ['receivedOn', 'Received'],
  ['submittedOn', 'Submitted'],
  ['publishedOn', 'Published'],
  ['dueOn', 'Due'],
  ['role', 'Role'],
  ['severity', 'Severity'],
  ['reason', 'Reason'],
  ['justification', 'Justification'],
  ['financeWaiverReason', 'Finance waiver'],
  ['detail', 'Detail'],
  ['text', 'Note'],
  ['title', 'Document'],
];

const DATE_FIELDS = new Set(['date', 'receivedOn', 'submittedOn', 'publishedOn', 'dueOn']);

/** What an entry's payload says, as short lines ("Reason: …"); ids and machine detail are left out. */
function described(entry: TimelineEntry): string[] {
  const p = entry.payload;
  const named = (v: unknown) => (v && typeof v === 'object' && 'name' in v ? String(v.name) : undefined);
  const lines: string[] = [];
  if (named(p.peer)) lines.push(`Peer: ${named(p.peer)}`);
  if (named(p.manager)) lines.push(`Manager: ${named(p.manager)}`);
  if (named(p.from) && named(p.to) && typeof p.vestingDate === 'string') {
    lines.push(`Council: ${named(p.to)} from ${govukDate(p.vestingDate)}, replacing ${named(p.from)}`);
  }
  if (typeof p.onsiteStart === 'string') {
    lines.push(`Onsite: ${govukDate(p.onsiteStart)} to ${govukDate(String(p.onsiteEnd))}`);
  }
  if (Array.isArray(p.focusAreas) && p.focusAreas.length) lines.push(`Focus areas: ${p.focusAreas.join(', ')}`);
  if (Array.isArray(p.recommendations)) lines.push(`Recommendations: ${p.recommendations.length}`);
  for (const [field, label] of DESCRIBED) {
    const value = p[field];
    if (typeof value === 'string' && value) {
      const said = field === 'role' ? humanise(value) : DATE_FIELDS.has(field) ? govukDate(value) : datesInWords(value);
      lines.push(`${label}: ${said}`);
    }
  }
  return lines;
}

/** A machine state in words: `report.draft_submitted` → "Report: draft submitted", `on_hold` → "On hold". */
export function stateInWords(state: string): string {
  const [stage, step] = state.split('.');
  const title = STAGES.find((s) => s.id === stage)?.title ?? humanise(stage!);
  return step ? `${title}: ${step.replace(/_/g, ' ')}` : title;
}

/** The timeline for the MoJ timeline component, newest first. */
export function timelineItems(entries: TimelineEntry[], who: PersonName = byLabel) {
  return [...entries].reverse().map((e) => {
    const move = e.fromState && e.toState && e.fromState !== e.toState ? `Now: ${stateInWords(e.toState)}` : '';
    const lines = [...described(e), ...(move ? [move] : [])];
    return {
      label: { text: humanise(e.type.toLowerCase()) },
      byline: { text: who(e.actor) },
      datetime: { timestamp: e.at, type: 'datetime' },
      html: lines.map((line) => `<p class="govuk-body-s govuk-!-margin-bottom-1">${escapeHtml(line)}</p>`).join(''),
    };
  });
}

export function reminderRows(reminders: ReminderView[]) {
  return reminders.map((r) => [{ text: humanise(r.kind) }, { text: govukDate(r.dueOn) }, { text: humanise(r.status) }]);
}
