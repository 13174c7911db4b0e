import {
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  ShadingType,
} from 'docx';
import { yearName } from './board.js';
import type { BoardReport } from './board-report.service.js';
import type { Rag } from './programme.js';

/** The RAG key of the LGA's performance reports (`003` para 2). */
const RAG_KEY: Array<[Rag, string]> = [
  ['Green', 'Deliverable achieved within planned timescale'],
  ['Amber', 'Deliverable partly achieved/on track to achieve within the planned timescale'],
  ['Red', 'Deliverable not achieved/not on track to achieve'],
];
const RAG_FILL: Record<Rag, string> = { Green: '00703C', Amber: 'FFBF47', Red: 'D4351C' };
const QUARTERS = ['first', 'second', 'third', 'fourth'];

const cell = (text: string, options: { bold?: boolean; fill?: string; width?: number } = {}) =>
  new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text, bold: options.bold })] })],
    ...(options.fill && { shading: { type: ShadingType.CLEAR, color: 'auto', fill: options.fill } }),
    ...(options.width && { width: { size: options.width, type: WidthType.PERCENTAGE } }),
  });

const table = (head: string[], rows: string[][], widths: number[], rag?: (row: string[]) => Rag | null) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    // The grid in twips (an A4 page's text is about 9,000 wide), so that LibreOffice lays it out as Word does.
    columnWidths: widths.map((w) => Math.round(w * 90)),
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h, i) => cell(h, { bold: true, width: widths[i] })) }),
      ...rows.map(
        (row) =>
          new TableRow({
            children: row.map((text, i) => {
              const colour = i === row.length - 1 ? rag?.(row) : null;
              return cell(text, {
                width: widths[i],
                bold: Boolean(colour),
                fill: colour ? RAG_FILL[colour] : undefined,
              });
            }),
          }),
      ),
    ],
  });

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_2) =>
  new Paragraph({ text, heading: level, spacing: { before: 240, after: 120 } });
const para = (text: string) => new Paragraph({ children: [new TextRun(text)], spacing: { after: 120 } });

/** The deliverables table in the form of `004`: reference, deliverable, what was delivered, RAG. */
function deliverableRows(report: BoardReport): string[][] {
  const [d11, d12] = report.deliverables;
  return [
    [
      '1.1',
      `Deliver at least ${d11.target.total} peer challenges, of all types, of which ${d11.target.corporateOrFinance} ` +
        'are corporate or finance peer challenges.',
      `${d11.delivered.total} peer challenges delivered, ${d11.delivered.corporateOrFinance} of them corporate or ` +
        `finance; a further ${d11.confirmed.total} confirmed and ${d11.inDiscussion.total} in discussion this year.`,
      d11.rag,
    ],
    [
      '1.2',
      `Reduce the number of councils that have not had a corporate peer challenge since 2012 (baseline is ` +
        `${d12.baseline}, target is ${d12.target}).`,
      `${d12.actual} councils remain without a corporate peer challenge since 2012 (${d12.delivered} fewer this ` +
        `year); ${d12.confirmed} of them have one confirmed and ${d12.inDiscussion} more are in discussion.`,
      d12.rag,
    ],
  ];
}

/** The board report as a Word document (.docx). */
export async function boardDocument(report: BoardReport): Promise<Buffer> {
  const [d11] = report.deliverables;
  const quarter = QUARTERS[report.quarter - 1];
  const rags = report.deliverables.map((d) => d.rag);
  const document = new Document({
    creator: 'LGA peer challenge programme',
    title: `Peer challenge programme: performance report, quarter ${report.quarter} ${yearName(report.financialYear)}`,
    sections: [
      {
        children: [
          new Paragraph({
            text: `Performance report: peer challenge, quarter ${report.quarter} of ${yearName(report.financialYear)}`,
            heading: HeadingLevel.TITLE,
          }),
          para(
            `For the period ${report.period.from} to ${report.period.to}; figures as at ${report.asOf}, against the ` +
              `targets set for ${yearName(report.targetsFrom)}.`,
          ),
          heading('Key'),
          table(
            ['Meaning', 'RAG'],
            RAG_KEY.map(([rag, meaning]) => [meaning, rag]),
            [75, 25],
            (row) => row[1] as Rag,
          ),
          heading('Performance summary'),
          table(
            ['Key deliverables', 'Total', 'Green', 'Amber', 'Red'],
            [
              [
                'Peer challenge',
                String(rags.length),
                ...(['Green', 'Amber', 'Red'] as const).map((r) => String(rags.filter((x) => x === r).length)),
              ],
            ],
            [40, 15, 15, 15, 15],
          ),
          heading('Deliverables'),
          table(
            ['Ref', 'Deliverable', 'What has been delivered', 'RAG'],
            deliverableRows(report),
            [8, 36, 44, 12],
            (row) => row[3] as Rag,
          ),
          heading(`Deliver at least ${d11.target.total} peer challenges`),
          para(`${report.narrative} (the ${quarter} quarter).`),
          heading('Annex: councils that have not engaged', HeadingLevel.HEADING_1),
          para(
            `${report.nonEngaged.length} ${report.nonEngaged.length === 1 ? 'council has' : 'councils have'} had ` +
              `neither a corporate peer challenge nor a finance peer review since 2012, as at ${report.asOf}.`,
          ),
          table(
            ['Council', 'Region', 'Principal adviser', 'Last nudge'],
            report.nonEngaged.map((c) => [
              c.name,
              c.region,
              c.principalAdviser ?? '',
              c.lastNudgeAt ? c.lastNudgeAt.slice(0, 10) : '',
            ]),
            [40, 25, 20, 15],
          ),
        ],
      },
    ],
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
  });
  return Packer.toBuffer(document);
}
