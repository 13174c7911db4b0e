import type { TakeUpStatus } from '#libs/councils';
import type { ReportsService } from '#libs/reporting';
import { escapeHtml, ragTag, tagHtml, takeUpTag } from '../lists.js';

/** What the report pages show: the take-up chart's geometry and table, and the deliverables' rows. */

const ORDER: TakeUpStatus[] = ['never', 'overdue', 'due', 'current'];
const COLOURS: Record<TakeUpStatus, string> = {
  never: '#d4351c',
  overdue: '#942514',
  due: '#ffdd00',
  current: '#00703c',
};
const CHART = { width: 640, labelWidth: 110, valueWidth: 60, rowHeight: 44, barHeight: 28, top: 10 };

/** A horizontal bar per take-up status, scaled to the largest count, for a server-rendered SVG. */
export function takeUpChart(counts: Record<TakeUpStatus, number>) {
  const max = Math.max(1, ...ORDER.map((s) => counts[s]));
  const room = CHART.width - CHART.labelWidth - CHART.valueWidth;
  const bars = ORDER.map((status, i) => {
    const y = CHART.top + i * CHART.rowHeight;
    const width = Math.round((counts[status] / max) * room);
    return {
      label: takeUpTag(status).text,
      count: counts[status],
      colour: COLOURS[status],
      x: CHART.labelWidth,
      y,
      width,
      height: CHART.barHeight,
      textY: y + CHART.barHeight / 2 + 6,
      valueX: CHART.labelWidth + width + 8,
    };
  });
  return {
    width: CHART.width,
    height: CHART.top * 2 + ORDER.length * CHART.rowHeight,
    labelX: CHART.labelWidth - 10,
    bars,
  };
}

const TREND = { width: 640, height: 260, left: 10, bottom: 30, top: 24, gap: 6 };

type TrendPoint = { date: string; councils: number; noCpcSince2012: number };

/**
 * A column per point of `GET /reports/never-over-time` (each 1 April, then today): the councils with no corporate
 * peer challenge since 2012 (measure 1.2), scaled to the largest count, for a server-rendered SVG; labels are the
 * year, or "Today".
 */
export function neverChart(points: TrendPoint[], today: string) {
  const max = Math.max(1, ...points.map((p) => p.noCpcSince2012));
  const room = TREND.height - TREND.top - TREND.bottom;
  const step = (TREND.width - TREND.left * 2) / Math.max(1, points.length);
  const columns = points.map((p, i) => {
    const height = Math.round((p.noCpcSince2012 / max) * room);
    const x = Math.round(TREND.left + i * step + TREND.gap / 2);
    const width = Math.max(1, Math.round(step - TREND.gap));
    const y = TREND.height - TREND.bottom - height;
    return {
      label: p.date === today ? 'Today' : p.date.slice(0, 4),
      never: p.noCpcSince2012,
      x,
      y,
      width,
      height,
      middle: x + width / 2,
      valueY: y - 6,
      labelY: TREND.height - TREND.bottom + 18,
    };
  });
  return { width: TREND.width, height: TREND.height, columns };
}

/** The trend as table rows: the date, how many councils then had had no CPC since 2012, and the councils then. */
export function neverRows(points: TrendPoint[]) {
  return points.map((p) => [
    { text: p.date },
    { text: String(p.noCpcSince2012), format: 'numeric' },
    { text: String(p.councils), format: 'numeric' },
  ]);
}

/**
 * The same figures as the chart, with each status's share of the councils; each count links to those councils in
 * the register (the same councils: those existing today, in the region shown).
 */
export function takeUpRows(counts: Record<TakeUpStatus, number>, total: number, region?: string) {
  return ORDER.map((status) => [
    { html: tagHtml(takeUpTag(status)) },
    {
      html:
        `<a class="govuk-link" href="/councils?${escapeHtml(new URLSearchParams({ takeUp: status, ...(region && { region }) }).toString())}">` +
        `${counts[status]}<span class="govuk-visually-hidden"> councils: ${escapeHtml(takeUpTag(status).text)}</span></a>`,
      format: 'numeric',
    },
    { text: total ? `${Math.round((counts[status] / total) * 100)}%` : '–', format: 'numeric' },
  ]);
}

type Programme = Awaited<ReturnType<ReportsService['programme']>>;

const numeric = (n: number) => ({ text: String(n), format: 'numeric' });

/**
 * Deliverables 1.1 (challenges delivered) and 1.2 (fewer councils with no CPC since 2012): the target, then where
 * the year stands (delivered, confirmed, in discussion), with RAG tags. 1.1 has a row per figure.
 */
export function deliverableRows(report: Programme) {
  const [d11, d12] = report.deliverables;
  const tag = (rag: string) => ({ html: tagHtml(ragTag(rag as never)) });
  const pair = (label: string, key: 'total' | 'corporateOrFinance') => [
    { text: label },
    numeric(d11.target[key]),
    numeric(d11.delivered[key]),
    numeric(d11.confirmed[key]),
    numeric(d11.inDiscussion[key]),
    tag(d11.rag),
  ];
  return [
    pair('1.1 Peer challenges delivered, all types', 'total'),
    pair('1.1 of which corporate or finance', 'corporateOrFinance'),
    [
      {
        text: `1.2 Councils with no CPC since 2012: ${d12.target} or fewer by the year end (from ${d12.baseline}; ${d12.actual} now)`,
      },
      numeric(d12.target),
      numeric(d12.delivered),
      numeric(d12.confirmed),
      numeric(d12.inDiscussion),
      tag(d12.rag),
    ],
  ];
}

/** The financial year a date falls in: 2025 for 1 April 2025 to 31 March 2026. */
export function financialYearOf(date: string): number {
  const [year, month] = date.split('-').map(Number);
  return month >= 4 ? year : year - 1;
}

const STACK = { width: 640, labelWidth: 200, rowHeight: 34, barHeight: 22, top: 6 };

/**
 * A take-up breakdown (`byType`, `byPoliticalControl`, …) as stacked horizontal bars, one per group, each split by
 * status in the take-up chart's colours and scaled to the largest group, for a server-rendered SVG.
 */
export function breakdownChart(by: Record<string, Record<TakeUpStatus, number>>, label: (group: string) => string) {
  const groups = Object.keys(by).sort();
  const total = (g: string) => ORDER.reduce((n, s) => n + by[g][s], 0);
  const max = Math.max(1, ...groups.map(total));
  const room = STACK.width - STACK.labelWidth - 50;
  const bars = groups.map((group, i) => {
    const y = STACK.top + i * STACK.rowHeight;
    let x = STACK.labelWidth;
    const parts = ORDER.map((status) => {
      const width = Math.round((by[group][status] / max) * room);
      const part = { status, x, width, colour: COLOURS[status] };
      x += width;
      return part;
    }).filter((p) => p.width > 0);
    return {
      label: label(group),
      total: total(group),
      y,
      height: STACK.barHeight,
      textY: y + STACK.barHeight / 2 + 5,
      valueX: x + 6,
      parts,
      summary: ORDER.map((s) => `${takeUpTag(s).text} ${by[group][s]}`).join(', '),
    };
  });
  return {
    width: STACK.width,
    height: STACK.top * 2 + groups.length * STACK.rowHeight,
    labelX: STACK.labelWidth - 8,
    bars,
  };
}

/** The same breakdown as table rows: the group, its councils by status, and its total. */
export function breakdownRows(by: Record<string, Record<TakeUpStatus, number>>, label: (group: string) => string) {
  return Object.keys(by)
    .sort()
    .map((group) => [
      { text: label(group) },
      ...ORDER.map((status) => ({ text: String(by[group][status]), format: 'numeric' })),
      { text: String(ORDER.reduce((n, s) => n + by[group][s], 0)), format: 'numeric' },
    ]);
}
