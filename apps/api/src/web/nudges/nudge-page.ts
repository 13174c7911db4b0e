import type { EmailStatus } from '#libs/notifications';
import type { NudgePreview, SentNudge } from '#libs/nudges';
import { humanise } from '../cases/case-page.js';
import { councilLink } from '../councils/council-page.js';
import { escapeHtml, londonDateTime, tagHtml, templateName } from '../lists.js';

/** What the nudge pages show, shaped for the GOV.UK macros. */

/**
 * The list's own filters (day, region, which list, page), carried to a council's email and back, so "Back to
 * nudges" returns to the list as it was (issue #24). Only these four, each as the list parsed it.
 */
export function listQuery(filters: { asOf: string; region?: string; list: string; page: number }): string {
  const query = new URLSearchParams({ asOf: filters.asOf });
  if (filters.region) query.set('region', filters.region);
  if (filters.list !== 'nudged') query.set('list', filters.list);
  if (filters.page > 1) query.set('page', String(filters.page));
  return query.toString();
}

const emailLink = (c: { gssCode: string; name: string }, query: string) =>
  `<a class="govuk-link" href="/nudges/councils/${escapeHtml(c.gssCode)}?${escapeHtml(query)}">Email` +
  `<span class="govuk-visually-hidden"> to ${escapeHtml(c.name)}</span></a>`;

/** The councils that would be nudged: council, region, why, to and copied to, and a link to the email. */
export function nudgedRows(councils: NudgePreview['councils'], regionOf: Map<string, string>, query: string) {
  return councils.map((c) => [
    { html: councilLink(c) },
    { text: regionOf.get(c.gssCode) ?? '' },
    { text: humanise(c.reason) },
    { text: [c.to, c.cc].filter(Boolean).join(', ') },
    { html: emailLink(c, query) },
  ]);
}

/** Where an admin adds a council's missing address, coming back to this list as it was afterwards. */
const addContactLink = (c: { gssCode: string; name: string }, query: string) =>
  `<br><a class="govuk-link" href="/councils/${escapeHtml(c.gssCode)}/edit?returnTo=${escapeHtml(
    encodeURIComponent(`/nudges?${query}`),
  )}">Add the chief executive’s email<span class="govuk-visually-hidden"> of ${escapeHtml(c.name)}</span></a>`;

/**
 * The candidates left out: council, region, why not (with, for an admin, a link to add the address when it is the
 * missing one), and a link to the email they would get.
 */
export function leftOutRows(
  councils: NudgePreview['notNudged'],
  regionOf: Map<string, string>,
  query: string,
  canAddContacts = false,
) {
  return councils.map((c) => [
    { html: councilLink(c) },
    { text: regionOf.get(c.gssCode) ?? '' },
    {
      html:
        escapeHtml(humanise(c.reason)) +
        (canAddContacts && /no usable chief executive email/.test(c.reason) ? addContactLink(c, query) : ''),
    },
    { html: emailLink(c, query) },
  ]);
}

/** A `returnTo` the council form may send the admin back to: the nudge list only (no open redirect). */
export function nudgeReturn(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/nudges(\?[A-Za-z0-9=&%+._-]*)?$/.test(value) ? value : undefined;
}

const STATUS_TAGS: Record<EmailStatus, string> = {
  queued: 'govuk-tag--grey',
  sending: 'govuk-tag--blue',
  sent: 'govuk-tag--green',
  failed: 'govuk-tag--red',
  bounced: 'govuk-tag--red',
};

/** The nudges sent: when, council, region, recipients, which email, and its delivery status. */
export function sentRows(nudges: SentNudge[]) {
  return nudges.map((n) => [
    { text: londonDateTime(n.sentAt ?? n.queuedAt) },
    { html: councilLink(n.council) },
    { text: n.council.region },
    { text: n.to.join(', ') + (n.cc.length ? ` (copied to ${n.cc.join(', ')})` : '') },
    { text: templateName(n.template) },
    { html: tagHtml({ text: humanise(n.status), classes: STATUS_TAGS[n.status] }) },
  ]);
}
