import { longDate } from '#libs/cases';
import type { TakeUpStatus } from '#libs/councils';
import { isCalendarDate } from '#libs/platform';

/** What the list and report pages share: query values, paging links and status tags. */

export type Query = Record<string, unknown>;

/** A code as words: "team_assembly" → "Team assembly". */
export const humanise = (value: string) => (value.charAt(0).toUpperCase() + value.slice(1)).replace(/_/g, ' ');

/** One of the allowed values, or undefined for anything else (a filter the user cannot have chosen). */
export function oneOf<T extends string>(allowed: readonly T[], value: unknown): T | undefined {
  return allowed.find((a) => a === value);
}

/** A search box's text, trimmed and at most `max` characters. */
export function searchText(value: unknown, max = 100): string {
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

/** The page asked for, 1 or more. */
export function pageNumber(value: unknown): number {
  return Math.min(100_000, Math.max(1, Number.parseInt(String(value ?? '1'), 10) || 1));
}

/** `path` with these query parameters, leaving out the empty ones (so a link keeps just the filters chosen). */
export function linkTo(path: string, params: Record<string, string | undefined>): string {
  const kept = Object.entries(params).filter((entry): entry is [string, string] => !!entry[1]);
  return kept.length ? `${path}?${new URLSearchParams(kept)}` : path;
}

/** GOV.UK pagination for `total` items, `size` to a page, linking to `path` with the filters kept. */
export function pagination(
  path: string,
  filters: Record<string, string | undefined>,
  page: number,
  total: number,
  size: number,
) {
  const pages = Math.max(1, Math.ceil(total / size));
  const link = (n: number) => linkTo(path, { ...filters, page: String(n) });
  const shown = Array.from({ length: pages }, (_, i) => i + 1).filter(
    (n) => n === 1 || n === pages || Math.abs(n - page) <= 2,
  );
  const items: Array<{ number?: number; href?: string; current?: boolean; ellipsis?: boolean }> = [];
  for (const n of shown) {
    const last = items.at(-1)?.number;
    if (last !== undefined && n - last > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: link(n), current: n === page });
  }
  return {
    previous: page > 1 ? { href: link(page - 1) } : undefined,
    next: page < pages ? { href: link(page + 1) } : undefined,
    items: pages > 1 ? items : [],
  };
}

const TAKE_UP_TAGS: Record<TakeUpStatus, { text: string; classes: string }> = {
  never: { text: 'Never', classes: 'govuk-tag--red' },
  overdue: { text: 'Overdue', classes: 'govuk-tag--red' },
  due: { text: 'Due', classes: 'govuk-tag--yellow' },
  current: { text: 'Current', classes: 'govuk-tag--green' },
};

/** A council's take-up as a GOV.UK tag: never and overdue red, due yellow, current green. */
export function takeUpTag(status: TakeUpStatus): { text: string; classes: string } {
  return TAKE_UP_TAGS[status];
}

/** A deliverable's RAG as a GOV.UK tag. */
export function ragTag(rag: string): { text: string; classes: string } {
  const classes = rag === 'Green' ? 'govuk-tag--green' : rag === 'Amber' ? 'govuk-tag--orange' : 'govuk-tag--red';
  return { text: rag, classes };
}

/** Select items with the chosen one selected, after an "any" item. */
export function choices(any: string, values: readonly string[], chosen: string | undefined, label = (v: string) => v) {
  return [{ value: '', text: any }, ...values.map((v) => ({ value: v, text: label(v), selected: v === chosen }))];
}

/** Text made safe to put in the `html` of a GOV.UK macro. */
const MONTH_YEAR = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/**
 * A date as GOV.UK writes it: `2026-12-15` → "15 December 2026", a month `2027-02` → "February 2027"; anything
 * else as it is.
 */
export function govukDate(value: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return longDate(value);
  if (/^\d{4}-\d{2}$/.test(value)) return MONTH_YEAR.format(new Date(`${value}-01T00:00:00Z`));
  return value;
}

/**
 * A sentence with its dates written out: "The visit moved to 2026-04-18 to 2026-04-21." → "… 18 April 2026 to
 * 21 April 2026." The machine's reasons are stored in timelines as written then (so replays stay the same); the
 * pages say them the GOV.UK way. Times (`2026-04-18T10:00`) and impossible dates are left as they are.
 */
export function datesInWords(text: string): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}\b/g, (iso) => (isCalendarDate(iso) ? govukDate(iso) : iso));
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The `html` of a GOV.UK tag, for table cells and summary values. */
export function tagHtml(tag: { text: string; classes: string }): string {
  return `<strong class="govuk-tag ${tag.classes}">${escapeHtml(tag.text)}</strong>`;
}

const LONDON_DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h12',
});

/** A moment in London time, as every page shows one: "23 November 2026 at 11:50 am"; anything else as it is. */
export function londonDateTime(timestamp: string): string {
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime())) return timestamp;
  const parts = Object.fromEntries(LONDON_DATE_TIME.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute} ${parts.dayPeriod.toLowerCase()}`;
}

/** An email template's name for people: "nudge.first" → "Nudge first". */
export function templateName(template: string): string {
  return humanise(template.replace(/[-.]/g, ' '));
}
