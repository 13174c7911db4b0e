import { whyProposed, type StoredPlan } from '#libs/planning';

/** What the plan page shows: the heat map of load against capacity, its table, and the councils' rows. */

const MAP = { labelWidth: 210, cell: 44, rowHeight: 30, top: 28 };
const SHADES = ['#f3f2f1', '#d2e2f1', '#9cc0e3', '#5694ca', '#1d70b8', '#003078'];

export type PlanFilter = 'late' | 'unplaceable' | 'on-time' | 'replaced';
export const PLAN_FILTERS: readonly PlanFilter[] = ['late', 'unplaceable', 'on-time', 'replaced'];

/** A cell's load: planned ÷ capacity (a region without a limit of its own: against the quarter's total). */
function load(planned: number, capacity: number): number {
  if (capacity <= 0) return planned > 0 ? 1 : 0;
  return Math.min(1, planned / capacity);
}

/** Regions down, quarters across, each cell shaded by its load against capacity, with the number planned. */
export function heatMap(plan: StoredPlan) {
  const quarters = plan.summary.byQuarter;
  const regions = [...new Set(plan.byRegion.map((r) => r.region))];
  const total = new Map(quarters.map((q) => [q.quarter, q.capacity]));
  const rows = [
    ...regions.map((region) => ({
      label: region,
      cells: quarters.map((q) => {
        const cell = plan.byRegion.find((r) => r.region === region && r.quarter === q.quarter)!;
        return { planned: cell.planned, capacity: cell.capacity, of: cell.capacity ?? total.get(q.quarter)! };
      }),
    })),
    {
      label: 'All regions',
      cells: quarters.map((q) => ({ planned: q.planned, capacity: q.capacity as number | null, of: q.capacity })),
    },
  ];
  return {
    width: MAP.labelWidth + quarters.length * MAP.cell + 10,
    height: MAP.top + rows.length * MAP.rowHeight + 10,
    columns: quarters.map((q, i) => ({
      label: q.quarter.replace('-', ' '),
      x: MAP.labelWidth + i * MAP.cell + MAP.cell / 2,
    })),
    headY: MAP.top - 10,
    rows: rows.map((row, r) => {
      const y = MAP.top + r * MAP.rowHeight;
      return {
        label: row.label,
        labelX: MAP.labelWidth - 8,
        textY: y + MAP.rowHeight / 2 + 5,
        cells: row.cells.map((c, i) => {
          const shade = Math.round(load(c.planned, c.of) * (SHADES.length - 1));
          return {
            x: MAP.labelWidth + i * MAP.cell,
            y,
            width: MAP.cell - 2,
            height: MAP.rowHeight - 2,
            fill: SHADES[shade],
            text: shade >= 3 ? '#ffffff' : '#0b0c0c',
            middle: MAP.labelWidth + i * MAP.cell + (MAP.cell - 2) / 2,
            planned: c.planned,
            full: c.of > 0 && c.planned >= c.of,
          };
        }),
      };
    }),
    table: {
      head: [{ text: 'Region' }, ...quarters.map((q) => ({ text: q.quarter, format: 'numeric' }))],
      rows: rows.map((row) => [
        { text: row.label },
        ...row.cells.map((c) => ({
          text: c.capacity === null ? String(c.planned) : `${c.planned} of ${c.capacity}`,
          format: 'numeric',
        })),
      ]),
    },
  };
}

function statusOf(c: StoredPlan['councils'][number]): PlanFilter {
  if (c.replacedBy) return 'replaced';
  if (c.plannedQuarter === null) return 'unplaceable';
  return c.lateBy > 0 ? 'late' : 'on-time';
}

const TAGS: Record<PlanFilter, { text: string; classes: string }> = {
  'on-time': { text: 'On time', classes: 'govuk-tag--green' },
  late: { text: 'Late', classes: 'govuk-tag--orange' },
  unplaceable: { text: 'Unplaceable', classes: 'govuk-tag--red' },
  replaced: { text: 'Replaced', classes: 'govuk-tag--grey' },
};

/** The councils of a plan, filtered by region and status, with why each is proposed where it is. */
export function councilRows(plan: StoredPlan, region: string | undefined, status: PlanFilter | undefined) {
  return plan.councils
    .filter((c) => (!region || c.region === region) && (!status || statusOf(c) === status))
    .map((c) => ({
      gssCode: c.gssCode,
      name: c.name,
      region: c.region,
      dueQuarter: c.dueQuarter,
      plannedQuarter:
        c.plannedQuarter ?? (c.replacedBy ? `Its successor: ${c.replacedBy.join(' and ')}` : 'None in the horizon'),
      lateBy: c.lateBy,
      tag: TAGS[statusOf(c)],
      why: whyProposed(c, plan.inputs.startQuarter),
    }));
}

export const FILTER_LABELS: Record<PlanFilter, string> = {
  late: 'Late',
  unplaceable: 'Unplaceable',
  'on-time': 'On time',
  replaced: 'Replaced by a successor',
};
