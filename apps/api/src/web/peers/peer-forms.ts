import { DEALING_KINDS, PEER_KINDS, PEER_ROLES, POLITICAL_GROUPS, type PeerView } from '#libs/peers';
import { humanise } from '../cases/case-page.js';
import { dateFrom } from '../cases/event-forms.js';
import type { Query as FormBody } from '../lists.js';
import { formBoolean, formText, problemsInWords, type Wording } from '../forms.js';

export { problemsInWords };

/** What the peer forms read and show: the add/edit form and "Record a dealing", in the API's shapes. */

type Choice = { value: string; text: string };
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

function partsOf(body: FormBody, name: string): DateParts {
  const [day, month, year] = ['day', 'month', 'year'].map((part) => formText(body[`${name}-${part}`]));
  return { day, month, year };
}

/** A YYYY-MM-DD date as the boxes show it (27 3 2024); empty boxes for none. */
function partsFromDate(date: string | null): DateParts {
  const [year = '', month = '', day = ''] = (date ?? '').split('-');
  const bare = (part: string) => part.replace(/^0+(?=\d)/, '');
  return { day: bare(day), month: bare(month), year };
}

/** What was typed or chosen on the add or edit form; `active` is on the edit form only. */
export interface PeerForm {
  name: string;
  email: string;
  kind: string;
  homeCouncilGssCode: string;
  politicalGroup: string;
  role: string;
  expertise: string;
  trainedOn: DateParts;
  active: string;
}

export const EMPTY_PEER_FORM: PeerForm = {
  name: '',
  email: '',
  kind: '',
  homeCouncilGssCode: '',
  politicalGroup: '',
  role: '',
  expertise: '',
  trainedOn: { day: '', month: '', year: '' },
  active: 'true',
};

export function peerFormOf(body: FormBody): PeerForm {
  return {
    name: formText(body.name),
    email: formText(body.email),
    kind: formText(body.kind),
    homeCouncilGssCode: formText(body.homeCouncilGssCode),
    politicalGroup: formText(body.politicalGroup),
    role: formText(body.role),
    expertise: formText(body.expertise),
    trainedOn: partsOf(body, 'trainedOn'),
    active: formText(body.active),
  };
}

export function peerFormFrom(peer: PeerView): PeerForm {
  return {
    name: peer.name,
    email: peer.email,
    kind: peer.kind,
    homeCouncilGssCode: peer.homeCouncil?.gssCode ?? '',
    politicalGroup: peer.politicalGroup ?? '',
    role: peer.role ?? '',
    expertise: peer.expertise.join(', '),
    trainedOn: partsFromDate(peer.trainedOn),
    active: String(peer.active),
  };
}

/**
 * The form as the API's body: `CreatePeerDto`'s, or with `change` `UpdatePeerDto`'s, where an emptied optional
 * field is null (cleared). Expertise is comma-separated tags. A political group for a peer who is not a member
 * goes to the API as chosen, which refuses it.
 */
export function peerBody(form: PeerForm, body: FormBody, change: boolean): Record<string, unknown> {
  const none = change ? null : undefined;
  const optional = (value: string) => value || none;
  const active = formBoolean(form.active);
  return {
    name: form.name,
    email: form.email,
    kind: form.kind || undefined,
    homeCouncilGssCode: optional(form.homeCouncilGssCode),
    politicalGroup: optional(form.politicalGroup),
    role: optional(form.role),
    expertise: form.expertise
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
    trainedOn: dateFrom(body, 'trainedOn') ?? none,
    ...(change ? { active } : {}),
  };
}

/** What was typed or chosen on "Record a dealing with a council". */
export interface DealingForm {
  councilGssCode: string;
  kind: string;
  from: DateParts;
  to: DateParts;
  note: string;
}

export const EMPTY_DEALING_FORM: DealingForm = {
  councilGssCode: '',
  kind: '',
  from: { day: '', month: '', year: '' },
  to: { day: '', month: '', year: '' },
  note: '',
};

export function dealingFormOf(body: FormBody): DealingForm {
  return {
    councilGssCode: formText(body.councilGssCode),
    kind: formText(body.kind),
    from: partsOf(body, 'from'),
    to: partsOf(body, 'to'),
    note: formText(body.note),
  };
}

/** The dealing form as `CreateDealingDto`'s body; a blank `to` is an ongoing dealing, a blank note none. */
export function dealingBody(form: DealingForm, body: FormBody): Record<string, unknown> {
  return {
    councilGssCode: form.councilGssCode || undefined,
    kind: form.kind || undefined,
    from: dateFrom(body, 'from'),
    to: dateFrom(body, 'to'),
    note: form.note.trim() || undefined,
  };
}

/** What was typed on "Record a time the peer is unavailable". */
export interface AwayForm {
  from: DateParts;
  to: DateParts;
  reason: string;
}

export const EMPTY_AWAY_FORM: AwayForm = {
  from: { day: '', month: '', year: '' },
  to: { day: '', month: '', year: '' },
  reason: '',
};

export function awayFormOf(body: FormBody): AwayForm {
  return { from: partsOf(body, 'from'), to: partsOf(body, 'to'), reason: formText(body.reason) };
}

/** The unavailability form as `CreateUnavailabilityDto`'s body; a blank reason is none. */
export function awayBody(form: AwayForm, body: FormBody): Record<string, unknown> {
  return { from: dateFrom(body, 'from'), to: dateFrom(body, 'to'), reason: form.reason.trim() || undefined };
}

export const AWAY_WORDING: Record<string, Wording> = {
  from: { label: 'First day' },
  to: { label: 'Last day' },
  reason: { label: 'Reason' },
};

export const PEER_WORDING: Record<string, Wording> = {
  name: { label: 'Name', enter: 'Enter the peer’s name' },
  email: { label: 'Email address', enter: 'Enter an email address in the correct format, like name@example.org' },
  kind: { label: 'Kind', choose: 'Choose whether the peer is an officer, a member or external' },
  politicalGroup: { label: 'Political group', choose: 'Choose a political group from the list, or none' },
  homeCouncilGssCode: { label: 'Home council', choose: 'Choose a home council from the list, or none' },
  role: { label: 'Role', choose: 'Choose a role from the list, or none' },
  expertise: { label: 'Expertise' },
  trainedOn: { label: 'Trained on' },
  active: { label: 'In the pool', choose: 'Choose whether the peer is in the pool' },
};

export const DEALING_WORDING: Record<string, Wording> = {
  councilGssCode: { label: 'Council', choose: 'Choose a council from the list' },
  kind: { label: 'Kind of dealing', choose: 'Choose the kind of dealing' },
  from: { label: 'From' },
  to: { label: 'To' },
  note: { label: 'Note' },
};

/** Where the error summary links for a field: its element (a radio group's first radio), a date's day box. */
export function problemHref(prefix: string, dates: readonly string[]) {
  return (field: string) => `#${prefix}${field}${dates.includes(field) ? '-day' : ''}`;
}

const select = (none: string, options: Choice[], chosen: string) => [
  { value: '', text: none },
  ...options.map((o) => ({ ...o, selected: o.value === chosen })),
];
const named = (values: readonly string[]): Choice[] => values.map((value) => ({ value, text: humanise(value) }));

/** The items of the peer form's radios and selects, with what was chosen. */
export function peerFormItems(form: PeerForm, councils: Choice[]) {
  return {
    kinds: PEER_KINDS.map((kind) => ({ value: kind, text: humanise(kind), checked: kind === form.kind })),
    councils: select('None', councils, form.homeCouncilGssCode),
    groups: select('None recorded', named(POLITICAL_GROUPS), form.politicalGroup),
    roles: select('Not recorded', named(PEER_ROLES), form.role),
  };
}

/** The items of the dealing form's selects, with what was chosen. */
export function dealingFormItems(form: DealingForm, councils: Choice[]) {
  return {
    councils: select('Choose a council', councils, form.councilGssCode),
    kinds: select('Choose the kind', named(DEALING_KINDS), form.kind),
  };
}
