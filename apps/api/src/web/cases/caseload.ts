import { CASE_ORDERS, STAGES, type CaseOrder, type CaseSummary, type Stage } from '#libs/cases';
import { REGIONS, type Region } from '#libs/councils';
import { CASE_TYPES, type CaseType } from '#libs/peers';
import type { Page } from '#libs/platform';
import { escapeHtml, govukDate, linkTo, oneOf, tagHtml, type Query } from '../lists.js';
import { humanise } from './case-page.js';

/** What the caseload (`/cases`, as a table or as a board) and the start page show, shaped for the views. */

export interface CaseFilters {
  stage?: Stage;
  managerId?: string;
  region?: Region;
  type?: CaseType;
  sort: CaseOrder;
}

/** The caseload's orders, the default first: what needs doing soonest leads. */
export const ORDERS: Array<{ value: CaseOrder; text: string }> = [
  { value: 'visit', text: 'Open cases first, earliest visit first' },
  { value: 'changed', text: 'Most recently changed first' },
  { value: 'council', text: 'By council, A to Z' },
  { value: 'type', text: 'By type, A to Z' },
  { value: 'stage', text: 'By stage, scoping first' },
];

/** The table's columns: those with an order sort the list by it when their heading is chosen. */
const COLUMNS: Array<{ text: string; sort?: CaseOrder }> = [
  { text: 'Council', sort: 'council' },
  { text: 'Type', sort: 'type' },
  { text: 'Stage', sort: 'stage' },
  { text: 'Manager' },
  { text: 'Onsite from', sort: 'visit' },
];

/**
 * The caseload's column headings, sortable the way the MoJ sortable table marks them (`aria-sort` on the sorted
 * column), but sorted by the server: the list is paged, so sorting one page in the browser would mislead. Each
 * heading with an order links to the same filters in that order, from the first page.
 */
export function sortableHead(filters: CaseFilters) {
  return COLUMNS.map(({ text, sort }) => {
    if (!sort) return { text };
    const sorted = filters.sort === sort;
    const href = linkTo('/cases', linkFilters({ ...filters, sort }));
    const hint = sorted ? ' (sorted by this)' : ', sort by this';
    return {
      html: `<a class="govuk-link govuk-link--no-visited-state" href="${escapeHtml(href)}">${text}<span class="govuk-visually-hidden">${hint}</span></a>`,
      attributes: { 'aria-sort': sorted ? 'ascending' : 'none' },
    };
  });
}

/** The managers' names by user id, and the active peer challenge managers (by name) to filter by. */
export interface Managers {
  names: Map<string, string>;
  active: string[];
}

const ON_HOLD = { text: 'On hold', classes: 'govuk-tag--yellow' };

/**
 * The filters chosen, read leniently: a value that is not one of the choices is no filter. `managerId=me` is
 * the signed-in user (the start page links with it).
 */
export function caseFilters(query: Query, managers: Managers, me: string): CaseFilters {
  return {
    stage: oneOf(STAGES, query.stage),
    managerId: query.managerId === 'me' ? me : oneOf(managers.active, query.managerId),
    region: oneOf(REGIONS, query.region),
    type: oneOf(CASE_TYPES, query.type),
    sort: oneOf(CASE_ORDERS, query.sort) ?? 'visit',
  };
}

/** The filters as a link writes them: the default order is left out, so addresses stay as short as they were. */
export function linkFilters(filters: CaseFilters): Omit<CaseFilters, 'sort'> & { sort?: CaseOrder } {
  return { ...filters, sort: filters.sort === ORDERS[0].value ? undefined : filters.sort };
}

/** The manager select: the active managers, and the one chosen if it is not one of them (`managerId=me`). */
export function managerChoices(managers: Managers, chosen: string | undefined) {
  const ids = chosen && !managers.active.includes(chosen) ? [...managers.active, chosen] : managers.active;
  return [
    { value: '', text: 'Any manager' },
    ...ids.map((id) => ({ value: id, text: managerName(managers, id), selected: id === chosen })),
  ];
}

export function managerName(managers: Managers, id: string | null): string {
  return id ? (managers.names.get(id) ?? 'Unknown user') : 'Not assigned';
}

/** Cases as table rows: council (linked), type, stage (on hold tagged), manager, onsite start. */
export function caseRows(cases: CaseSummary[], managers: Managers) {
  return cases.map((c) => [
    { html: `<a class="govuk-link" href="/cases/${c.id}">${escapeHtml(c.councilName)}</a>` },
    { text: humanise(c.type) },
    { html: `${escapeHtml(humanise(c.stage))}${c.onHold ? ` ${tagHtml(ON_HOLD)}` : ''}` },
    { text: managerName(managers, c.managerId) },
    { text: c.onsiteStart ? govukDate(c.onsiteStart) : '' },
  ]);
}

/** One column of the board: a stage's cases as cards, and a link to the rest when there are more than shown. */
export function boardColumn(stage: Stage, found: Page<CaseSummary>, managers: Managers, filters: CaseFilters) {
  return {
    id: `stage-${stage.replace(/_/g, '-')}`,
    title: humanise(stage),
    total: found.total,
    cards: found.items.map((c) => ({
      href: `/cases/${c.id}`,
      councilName: c.councilName,
      type: humanise(c.type),
      manager: managerName(managers, c.managerId),
      onsite: c.onsiteStart ?? 'Not set',
      onHold: c.onHold,
    })),
    more:
      found.total > found.items.length
        ? {
            href: linkTo('/cases', { ...linkFilters(filters), stage }),
            text: `See all ${found.total} ${humanise(stage).toLowerCase()} cases in the table`,
          }
        : undefined,
  };
}
