import type { CaseEventType } from '#libs/cases';
import { formText } from '../forms.js';

/** Where a select's choices come from: the case's team, the peer pool, managers, or a fixed list. */
export type Choices =
  'team' | 'peers' | 'roles' | 'managers' | 'documentKinds' | 'severities' | 'softFindings' | 'awaitingApproval';

export interface FormField {
  name: string;
  label: string;
  kind: 'date' | 'text' | 'textarea' | 'lines' | 'select' | 'progress';
  hint?: string;
  optional?: boolean;
  choices?: Choices;
}

export interface EventForm {
  title: string;
  button: string;
  fields: FormField[];
}

const date = (name: string, label: string): FormField => ({
  name,
  label,
  kind: 'date',
  hint: 'For example, 27 3 2027',
});
const reason = (label = 'Reason'): FormField => ({ name: 'reason', label, kind: 'textarea' });
const onsite = [date('onsiteStart', 'First day on site'), date('onsiteEnd', 'Last day on site')];

/**
 * The form for each event a user may send: the fields its body needs (docs/API.md, events table). The page shows
 * them in this order: the stage's own work first, then what any stage allows.
 */
export const EVENT_FORMS: Partial<Record<CaseEventType, EventForm>> = {
  SCHEDULE_SCOPING_MEETING: {
    title: 'Schedule the scoping meeting',
    button: 'Schedule meeting',
    fields: [date('date', 'Date of the scoping meeting')],
  },
  SET_INDICATIVE_MONTH: {
    title: 'Set the indicative month of the visit',
    button: 'Set month',
    fields: [{ name: 'month', label: 'Month of the visit', kind: 'text', hint: 'For example, 2027-02' }],
  },
  AGREE_SCOPE: {
    title: 'Agree the scope',
    button: 'Agree scope',
    fields: [{ name: 'focusAreas', label: 'Focus areas', kind: 'lines', hint: 'One a line' }, ...onsite],
  },
  PROPOSE_PEER: {
    title: 'Propose a peer',
    button: 'Propose peer',
    fields: [
      { name: 'peerId', label: 'Peer', kind: 'select', choices: 'peers' },
      { name: 'role', label: 'Role on the team', kind: 'select', choices: 'roles' },
    ],
  },
  REMOVE_PEER: {
    title: 'Remove a peer',
    button: 'Remove peer',
    fields: [{ name: 'peerId', label: 'Peer', kind: 'select', choices: 'team' }],
  },
  REPLACE_PEER: {
    title: 'Replace a peer',
    button: 'Replace peer',
    fields: [
      { name: 'outPeerId', label: 'Peer leaving the team', kind: 'select', choices: 'team' },
      { name: 'inPeerId', label: 'Peer joining the team', kind: 'select', choices: 'peers' },
      { name: 'role', label: 'Role on the team', kind: 'select', choices: 'roles' },
      reason('Why the peer is replaced'),
    ],
  },
  OVERRIDE_CONFLICT: {
    title: 'Override a soft finding with a justification',
    button: 'Ask for the override',
    fields: [
      { name: 'findingId', label: 'Finding', kind: 'select', choices: 'softFindings' },
      {
        name: 'justification',
        label: 'Justification',
        kind: 'textarea',
        hint: 'At least 20 characters. Another manager or an admin approves it before it takes effect.',
      },
    ],
  },
  APPROVE_OVERRIDE: {
    title: 'Approve an override',
    button: 'Approve override',
    fields: [
      { name: 'findingId', label: 'Override waiting for approval', kind: 'select', choices: 'awaitingApproval' },
    ],
  },
  DECLARE_CONFLICT: {
    title: 'Declare a conflict',
    button: 'Declare conflict',
    fields: [
      { name: 'peerId', label: 'Peer', kind: 'select', choices: 'team' },
      { name: 'severity', label: 'Severity', kind: 'select', choices: 'severities' },
      { name: 'detail', label: 'What the conflict is', kind: 'textarea' },
    ],
  },
  CONFIRM_TEAM: {
    title: 'Confirm the team',
    button: 'Confirm team',
    fields: [
      {
        name: 'financeWaiverReason',
        label: 'Why the team needs no finance expertise (optional)',
        kind: 'textarea',
        optional: true,
      },
    ],
  },
  RESCHEDULE_ONSITE: { title: 'Reschedule the onsite visit', button: 'Reschedule', fields: [...onsite, reason()] },
  RECEIVE_POSITION_STATEMENT: {
    title: 'Record the position statement',
    button: 'Record position statement',
    fields: [date('receivedOn', 'Date received')],
  },
  START_ONSITE: { title: 'Start the onsite visit', button: 'Start onsite visit', fields: [] },
  PRESENT_FEEDBACK: {
    title: 'Record the feedback presentation',
    button: 'Record feedback',
    fields: [date('date', 'Date presented')],
  },
  SUBMIT_DRAFT_REPORT: { title: 'Submit the draft report', button: 'Submit draft report', fields: [] },
  PUBLISH_REPORT: {
    title: 'Publish the report',
    button: 'Publish report',
    fields: [
      date('publishedOn', 'Date published'),
      { name: 'recommendations', label: 'Recommendations', kind: 'lines', hint: 'One a line' },
    ],
  },
  RECEIVE_ACTION_PLAN: {
    title: 'Record the action plan',
    button: 'Record action plan',
    fields: [date('receivedOn', 'Date received')],
  },
  SCHEDULE_FOLLOW_UP: {
    title: 'Schedule the follow-up',
    button: 'Schedule follow-up',
    fields: [date('date', 'Date of the follow-up')],
  },
  COMPLETE_FOLLOW_UP: {
    title: 'Complete the follow-up',
    button: 'Complete follow-up',
    fields: [date('date', 'Date of the follow-up'), { name: 'progress', label: 'Progress', kind: 'progress' }],
  },
  RESUME: { title: 'Resume the case', button: 'Resume', fields: [] },
  ADD_NOTE: { title: 'Add a note', button: 'Add note', fields: [{ name: 'text', label: 'Note', kind: 'textarea' }] },
  ADD_DOCUMENT: {
    title: 'Add a document link',
    button: 'Add document',
    fields: [
      { name: 'kind', label: 'Kind of document', kind: 'select', choices: 'documentKinds' },
      { name: 'title', label: 'Title', kind: 'text' },
      { name: 'url', label: 'Web address', kind: 'text', hint: 'https://…' },
      { ...date('receivedOn', 'Date received (optional)'), optional: true, hint: 'Leave blank for today' },
    ],
  },
  ASSIGN_MANAGER: {
    title: 'Assign a manager',
    button: 'Assign manager',
    fields: [{ name: 'managerId', label: 'Peer challenge manager', kind: 'select', choices: 'managers' }],
  },
  PAUSE: { title: 'Put the case on hold', button: 'Put on hold', fields: [reason()] },
  CANCEL: { title: 'Cancel the case', button: 'Cancel case', fields: [reason()] },
};

/** The element id of a field of an event's form (the error summary links to it). */
export function fieldId(type: string, field: string): string {
  return `${type}-${field}`.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

/** The link from the error summary to a field: a date's first box, a progress row's select. */
export function errorHref(type: string, field: string): string {
  const kind = EVENT_FORMS[type as CaseEventType]?.fields.find((f) => f.name === field)?.kind;
  return `#${fieldId(type, field)}${kind === 'date' ? '-day' : ''}`;
}

type FormBody = Record<string, unknown>;

/**
 * The API's problem with one of a form's fields, said for the person at the form (issue #24): what to enter or
 * choose, by the field's label, never the API's field name.
 */
export function problemInWords(type: string, field: string, message: string, body: FormBody): string {
  const recommendation = /^progress-(\d+)$/.exec(field)?.[1];
  if (recommendation !== undefined) return `Choose the progress made on recommendation ${Number(recommendation) + 1}`;
  const definition = EVENT_FORMS[type as CaseEventType]?.fields.find((f) => f.name === field);
  if (!definition) return message;
  const label = definition.label.replace(/ \(optional\)$/, '');
  const lower = label.charAt(0).toLowerCase() + label.slice(1);
  if (definition.kind === 'date') {
    return dateFrom(body, field) === undefined
      ? `Enter the ${lower}`
      : `Enter a real date for the ${lower}, such as 27 3 2027`;
  }
  if (definition.kind === 'select') return `Choose the ${lower}`;
  if (!formText(body[field]).trim()) {
    return definition.kind === 'lines' ? `Enter at least one of the ${lower}, one a line` : `Enter the ${lower}`;
  }
  if (field === 'url') return 'Enter a web address starting with https://';
  if (field === 'month') return 'Enter the month of the visit as its year and month, such as 2027-02';
  return message.startsWith(`${field} `) ? `${label} ${message.slice(field.length + 1)}` : message;
}

/** `YYYY-MM-DD` from the day, month and year boxes, or undefined when all three are empty. */
export function dateFrom(body: FormBody, name: string): string | undefined {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => formText(body[`${name}-${part}`]).trim());
  if (!day && !month && !year) return undefined;
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** The event body a submitted form stands for, in the API's shape; the API's validation then checks it. */
export function eventFromForm(body: FormBody, recommendations: number): Record<string, unknown> {
  const type = formText(body.type);
  const version = formText(body.expectedVersion);
  const event: Record<string, unknown> = { type, expectedVersion: /^\d+$/.test(version) ? Number(version) : version };
  for (const field of EVENT_FORMS[type as CaseEventType]?.fields ?? []) {
    const raw = formText(body[field.name]);
    if (field.kind === 'date') event[field.name] = dateFrom(body, field.name);
    else if (field.kind === 'lines')
      event[field.name] = raw
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean);
    else if (field.kind === 'progress') {
      event.progress = Array.from({ length: recommendations }, (_, index) => ({
        index,
        status: formText(body[`progress-${index}`]),
      }));
    } else event[field.name] = field.optional && !raw.trim() ? undefined : raw || undefined;
  }
  return event;
}
