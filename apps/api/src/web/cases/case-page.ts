import { DOCUMENT_KINDS, type CaseEventType, type CaseView, type ReminderView, type TimelineEntry } from '#libs/cases';
import { TEAM_ROLES } from '#libs/peers';
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

export const humanise = (value: string) => (value.charAt(0).toUpperCase() + value.slice(1)).replace(/_/g, ' ');

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

/** Each stage done, current or still to come (a closed case has done them all; a paused or cancelled one stopped). */
export function stageTasks(view: CaseView) {
  const stopped = view.cancellation?.stage ?? view.hold?.stage;
  const at = view.stage === 'closed' ? STAGES.length : STAGES.findIndex((s) => s.id === (stopped ?? view.stage));
  return STAGES.map((stage, index) => {
    const status =
      index < at
        ? { text: 'Completed' }
        : index === at
          ? {
              tag: {
                text: view.stage === 'cancelled' ? 'Cancelled' : view.onHold ? 'On hold' : 'In progress',
                classes:
                  view.stage === 'cancelled' ? 'govuk-tag--red' : view.onHold ? 'govuk-tag--yellow' : 'govuk-tag--blue',
              },
            }
          : { text: 'Not yet started', classes: 'govuk-task-list__status--cannot-start-yet' };
    return { title: { text: stage.title }, status };
  });
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
    })),
  };
}

/** One form for each event the case accepts now, with the fields that event needs. */
export function eventForms(view: CaseView, sources: ChoiceSources, submitted?: Submitted) {
  return Object.entries(EVENT_FORMS).flatMap(([type, form]) => {
    if (!view.allowedEvents.includes(type as CaseEventType)) return [];
    const fields = form.fields.map((field) => formField(type, field, view, sources, submitted));
    return [{ type, id: fieldId('form', type), title: form.title, button: form.button, fields }];
  });
}

/** The summary list of the case: what it is, where it stands, its dates. */
export function summaryRows(view: CaseView) {
  const rows: Array<[string, string]> = [
    ['Council', `${view.councilName} (${view.councilGssCode})`],
    ['Type', humanise(view.type)],
    ['Stage', humanise(view.stage) + (view.onHold ? ' (on hold)' : '')],
    ['State', view.state],
    ['Manager', view.manager?.name ?? 'Not assigned'],
    ['Focus areas', view.scope.focusAreas.join(', ') || 'None agreed yet'],
  ];
  for (const [key, label] of DATE_LABELS) {
    const value = view.dates[key];
    if (value) rows.push([label, value]);
  }
  if (view.hold) rows.push(['On hold because', view.hold.reason]);
  if (view.cancellation) rows.push(['Cancelled because', view.cancellation.reason]);
  rows.push(['Version', String(view.version)]);
  return rows.map(([key, value]) => ({ key: { text: key }, value: { text: value } }));
}

/** The team with each peer's conflict-check findings. */
export function teamRows(view: CaseView) {
  return view.team.map((member) => ({
    name: member.name,
    role: humanise(member.role),
    findings: view.conflictCheck.findings
      .filter((f) => f.peerId === member.peerId)
      .map((f) => ({ ...f, label: `${f.severity === 'hard' ? 'Hard' : 'Soft'}${f.overridden ? ', overridden' : ''}` })),
  }));
}

export function timelineRows(entries: TimelineEntry[]) {
  return [...entries].reverse().map((e) => ({
    at: e.at.slice(0, 16).replace('T', ' '),
    what: humanise(e.type.toLowerCase()),
    who: e.actor.label,
    move: e.fromState && e.toState && e.fromState !== e.toState ? `${e.fromState} → ${e.toState}` : '',
  }));
}

export function reminderRows(reminders: ReminderView[]) {
  return reminders.map((r) => [{ text: humanise(r.kind) }, { text: r.dueOn }, { text: humanise(r.status) }]);
}
