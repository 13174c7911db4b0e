import type { CouncilHistory } from '#libs/cases';
import type { Contact, CouncilDetail, CouncilSummary } from '#libs/councils';
import type { PlannedCouncil } from '#libs/planning';
import { todayInLondon } from '#libs/platform';
import { humanise } from '../cases/case-page.js';
import { escapeHtml, govukDate, tagHtml, takeUpTag, templateName } from '../lists.js';
import { formText, type Wording } from '../forms.js';

/** What the council pages show, shaped for the GOV.UK macros. */

export const link = (href: string, text: string) =>
  `<a class="govuk-link" href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;
export const councilLink = (c: { gssCode: string; name: string }) => link(`/councils/${c.gssCode}`, c.name);
const or = (text: string | null | undefined, none = 'Not recorded') => text || none;

function contactText(contact: Contact | null): string {
  if (!contact) return 'Not recorded';
  return [contact.name, contact.email].filter(Boolean).join(', ');
}

/** The register's councils as table rows: name (linked), code, type, region, take-up tag, last challenge. */
export function councilRows(councils: CouncilSummary[], today = todayInLondon()) {
  const abolition = (on: string) =>
    on <= today
      ? tagHtml({ text: `Abolished ${on}`, classes: 'govuk-tag--grey' })
      : tagHtml({ text: `Replaced from ${on}`, classes: 'govuk-tag--yellow' });
  return councils.map((c) => [
    { html: c.abolishedOn ? `${councilLink(c)} ${abolition(c.abolishedOn)}` : councilLink(c) },
    { text: c.gssCode },
    { text: humanise(c.type) },
    { text: c.region },
    { html: tagHtml(takeUpTag(c.takeUp.status)) },
    { text: c.takeUp.lastCpcDate ?? '' },
  ]);
}

/** The council's summary list. */
export function councilSummary(history: CouncilHistory) {
  const c = history.council;
  const takeUp = `${tagHtml(takeUpTag(history.takeUp.status))}${
    history.takeUp.lastCpcDate ? ` last challenge delivered ${escapeHtml(history.takeUp.lastCpcDate)}` : ''
  }`;
  const corporate = c.noCpcSince2012
    ? tagHtml({ text: 'No CPC since 2012', classes: 'govuk-tag--red' })
    : tagHtml({ text: 'CPC since 2012', classes: 'govuk-tag--green' });
  const related = (list: Array<{ gssCode: string; name: string }>, when: (i: number) => string | null) =>
    list.length
      ? list.map((p, i) => `${councilLink(p)}${when(i) ? ` (${escapeHtml(when(i)!)})` : ''}`).join('<br>')
      : 'None';
  const row = (key: string, value: { text: string } | { html: string }) => ({ key: { text: key }, value });
  return [
    row('GSS code', { text: c.gssCode }),
    row('Type', { text: humanise(c.type) }),
    row('Region', { text: c.region }),
    row('Chief executive', { text: contactText(c.chiefExecutive) }),
    row('Leader', { text: contactText(c.leader) }),
    row('Principal adviser', { text: c.principalAdviser ? c.principalAdviser.name : 'None assigned' }),
    row('Five-year take-up', { html: takeUp }),
    row('Corporate peer challenge', { html: corporate }),
    row('Predecessors', {
      html: related(c.predecessors, (i) => (c.predecessors[i].endDate ? `until ${c.predecessors[i].endDate}` : null)),
    }),
    row('Successors', { html: related(c.successors, (i) => `from ${c.successors[i].startDate}`) }),
  ];
}

const PROGRESS: Record<string, { text: string; classes: string }> = {
  achieved: { text: 'Achieved', classes: 'govuk-tag--green' },
  in_progress: { text: 'In progress', classes: 'govuk-tag--blue' },
  not_started: { text: 'Not started', classes: 'govuk-tag--grey' },
};

/** Each challenge of the council and of the councils it replaced, with its recommendations' progress. */
export function historyCases(history: CouncilHistory) {
  return history.cases.map((k) => ({
    id: k.id,
    title: `${humanise(k.type)}${k.viaPredecessor ? ` of ${k.councilName}` : ''}${
      k.deliveredOn ? `, delivered ${k.deliveredOn}` : k.onsiteStart ? `, onsite ${k.onsiteStart}` : ''
    }`,
    viaPredecessor: k.viaPredecessor,
    rows: [
      { key: { text: 'Stage' }, value: { text: `${humanise(k.stage)}${k.state === 'on_hold' ? ' (on hold)' : ''}` } },
      { key: { text: 'Onsite' }, value: { text: or(k.onsiteStart, 'Not set') } },
      { key: { text: 'Delivered' }, value: { text: or(k.deliveredOn, 'Not yet') } },
      { key: { text: 'Report published' }, value: { text: or(k.reportPublished, 'Not yet') } },
    ],
    recommendations: k.recommendations.map((r) => ({
      text: r.text,
      progress: PROGRESS[r.progress ?? 'not_started'] ?? {
        text: humanise(r.progress ?? ''),
        classes: 'govuk-tag--grey',
      },
    })),
    imported: k.imported,
  }));
}

/** The nudges sent to the council and the peers it lent, as table rows. */
export function nudgeRows(history: CouncilHistory) {
  return history.nudges.map((n) => [
    { text: n.sentAt.slice(0, 10) },
    { text: templateName(n.template) },
    { text: n.to.join(', ') },
    { text: humanise(n.status) },
  ]);
}

export function peersProvidedRows(history: CouncilHistory) {
  return history.peersProvided.map((p) => [
    { html: link(`/peers/${p.peerId}`, p.name) },
    { text: humanise(p.role) },
    { html: link(`/cases/${p.caseId}`, `Challenge at ${p.hostGssCode}`) },
  ]);
}

/** The council edit form's fields, as typed (or as the record holds them). */
/** The council form's fields in words (issue #24): what each error message says, in the form's order. */
export const COUNCIL_WORDING: Record<string, Wording> = {
  chiefExecutiveName: { label: 'The chief executive’s name', enter: 'Enter the chief executive’s name' },
  chiefExecutiveEmail: {
    label: 'The chief executive’s email address',
    enter: 'Enter the chief executive’s email address, like name@council.gov.uk',
  },
  leaderName: { label: 'The leader’s name', enter: 'Enter the leader’s name' },
  leaderEmail: {
    label: 'The leader’s email address',
    enter: 'Enter the leader’s email address, like name@council.gov.uk',
  },
  principalAdviserId: { label: 'The principal adviser', choose: 'Choose a principal adviser from the list' },
  nudgesSuppressed: { label: 'Nudges', choose: 'Choose whether the council gets nudges' },
};

/** The council facts form's fields in words. */
export const FACT_WORDING: Record<string, Wording> = {
  kind: { label: 'The kind of fact', choose: 'Choose what the fact is about: political control or membership' },
  value: { label: 'The value', choose: 'Choose the value' },
  from: {
    label: 'The day it took effect',
    enter: 'Enter the day it took effect',
    date: 'Enter the day it took effect as year-month-day, for example 2019-05-02',
  },
};

export interface CouncilForm {
  chiefExecutiveName: string;
  chiefExecutiveEmail: string;
  leaderName: string;
  leaderEmail: string;
  principalAdviserId: string;
  nudgesSuppressed: 'true' | 'false';
  /** Where to go once saved (the nudge list the admin came from), carried through the form. */
  returnTo?: string;
}

/** The form as the council's record fills it. */
export function formFromCouncil(c: CouncilDetail): CouncilForm {
  return {
    chiefExecutiveName: c.chiefExecutive?.name ?? '',
    chiefExecutiveEmail: c.chiefExecutive?.email ?? '',
    leaderName: c.leader?.name ?? '',
    leaderEmail: c.leader?.email ?? '',
    principalAdviserId: c.principalAdviser?.id ?? '',
    nudgesSuppressed: c.nudgesSuppressed ? 'true' : 'false',
  };
}

/** The form as it was submitted. */
export function formFromBody(body: Record<string, unknown>): CouncilForm {
  return {
    chiefExecutiveName: formText(body.chiefExecutiveName),
    chiefExecutiveEmail: formText(body.chiefExecutiveEmail),
    leaderName: formText(body.leaderName),
    leaderEmail: formText(body.leaderEmail),
    principalAdviserId: formText(body.principalAdviserId),
    nudgesSuppressed: body.nudgesSuppressed === 'true' ? 'true' : 'false',
  };
}

/**
 * The API's `PATCH /councils/:gssCode` body the form stands for: a contact left wholly blank is cleared; the
 * principal adviser is sent only when changed (one since deactivated stays until someone chooses another).
 */
export function updateFromForm(form: CouncilForm, currentAdviserId: string | null) {
  const contact = (name: string, email: string) => (name.trim() || email.trim() ? { name, email } : null);
  const adviserChanged = form.principalAdviserId !== (currentAdviserId ?? '');
  return {
    chiefExecutive: contact(form.chiefExecutiveName, form.chiefExecutiveEmail),
    leader: contact(form.leaderName, form.leaderEmail),
    ...(adviserChanged && { principalAdviserId: form.principalAdviserId || null }),
    nudgesSuppressed: form.nudgesSuppressed === 'true',
  };
}

const QUARTER_MONTHS = ['January to March', 'April to June', 'July to September', 'October to December'];

/** A calendar quarter in words: `2028-Q3` → "July to September 2028". */
export function quarterInWords(quarter: string): string {
  const [year, q] = quarter.split('-Q');
  return `${QUARTER_MONTHS[Number(q) - 1]} ${year}`;
}

/**
 * The council's place in the latest five-year plan and a principal adviser's dates for it, as summary rows:
 * "Five-year due by …, planned for …" (docs/PLANNING.md, Pages).
 */
export function planRows(
  latest: { planId: string; createdAt: string; council: PlannedCouncil } | null,
  constraint: { notBefore: string | null; notAfter: string | null; reason: string } | undefined,
) {
  const row = (key: string, text: string) => ({ key: { text: key }, value: { text } });
  const rows = [];
  if (!latest)
    rows.push(
      row('Five-year plan', 'Not in the latest plan (none computed yet, or the council is not live in its horizon)'),
    );
  else {
    const c = latest.council;
    const due = `Five-year due by ${quarterInWords(c.dueQuarter)}`;
    let text: string;
    if (c.replacedBy)
      text = `${due}; abolished before then: ${c.replacedBy.join(' and ')} ${c.replacedBy.length > 1 ? 'are' : 'is'} planned instead`;
    else if (c.plannedQuarter === null) text = `${due}; no quarter in the plan’s horizon: ${c.reason ?? 'no capacity'}`;
    else {
      const late = c.lateBy > 0 ? `, ${c.lateBy} quarter${c.lateBy > 1 ? 's' : ''} late` : '';
      text = `${due}, planned for ${quarterInWords(c.plannedQuarter)}${late}${c.reason ? ` (${c.reason})` : ''}`;
    }
    rows.push(row('Five-year plan', `${text}. Plan ${latest.planId} of ${govukDate(latest.createdAt.slice(0, 10))}.`));
  }
  if (constraint) {
    const dates = [
      constraint.notBefore && `not before ${govukDate(constraint.notBefore)}`,
      constraint.notAfter && `not after ${govukDate(constraint.notAfter)}`,
    ].filter(Boolean);
    rows.push(row('Dates for planning', `${dates.join(', ')}: ${constraint.reason}`));
  }
  return rows;
}

/**
 * The council's life in one sentence when it is not simply live: abolished ("existed until …"), to be replaced by
 * a reorganisation already applied ("is to be replaced on …"), or not yet vested ("comes into being on …").
 */
export function lifeNote(c: CouncilDetail, today: string): string | null {
  const names = (list: Array<{ name: string }>) => list.map((x) => x.name).join(' and ');
  if (c.startDate && c.startDate > today) {
    return `${c.name} comes into being on ${govukDate(c.startDate)}, replacing ${names(c.predecessors)}. Until then their cases stay theirs; on that day their open cases move here.`;
  }
  if (c.endDate && c.endDate < today) {
    return `This council existed until ${govukDate(c.endDate)}; ${names(c.successors) || 'its successors'} took over the next day.`;
  }
  if (c.endDate) {
    return `This council is to be replaced by ${names(c.successors)} from ${govukDate(c.successors[0]?.startDate ?? c.endDate)}: it stays live until then, and its open cases move to its successor on that day.`;
  }
  return null;
}
