import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { MEASURES, type CouncilDetail } from '#libs/councils';
import { CASE_TYPE_NAMES, type CaseType } from '#libs/peers';
import type { BriefingPack } from './briefing-pack.service.js';

/** `lead_officer_peer` → `Lead officer peer`. */
const words = (value: string) => value.charAt(0).toUpperCase() + value.slice(1).replace(/_/g, ' ');
const TAKE_UP: Record<string, string> = { never: 'Never', current: 'Current', due: 'Due', overdue: 'Overdue' };
const PROGRESS: Record<string, string> = {
  achieved: 'Achieved',
  in_progress: 'In progress',
  not_started: 'Not started',
};
const typeName = (type: string) => {
  const name = CASE_TYPE_NAMES[type as CaseType];
  return name ? name.charAt(0).toUpperCase() + name.slice(1) : words(type);
};

const cell = (text: string, bold = false, width?: number) =>
  new TableCell({
    children: text
      .split('\n')
      .map((line) => new Paragraph({ children: [new TextRun({ text: line, bold, size: 20 })] })),
    ...(width && { width: { size: width, type: WidthType.PERCENTAGE } }),
  });

/** A table with a header row; `widths` in per cent of the text width. */
const table = (head: string[], rows: string[][], widths: number[]) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    // The grid in twips (an A4 page's text is about 9,000 wide), so that LibreOffice lays it out as Word does.
    columnWidths: widths.map((w) => Math.round(w * 90)),
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h, i) => cell(h, true, widths[i])) }),
      ...rows.map((row) => new TableRow({ children: row.map((text, i) => cell(text, false, widths[i])) })),
    ],
  });

/** A two-column table of labelled values. */
const facts = (rows: Array<[string, string]>) =>
  new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: [2700, 6300],
    rows: rows.map(([key, value]) => new TableRow({ children: [cell(key, true, 30), cell(value, false, 70)] })),
  });

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_1) =>
  new Paragraph({ text, heading: level, spacing: { before: 240, after: 120 } });
const para = (text: string) => new Paragraph({ children: [new TextRun(text)], spacing: { after: 120 } });
const bullet = (text: string) => new Paragraph({ text, bullet: { level: 0 } });

const contact = (c: { name: string | null; email: string | null } | null) =>
  c && (c.name || c.email) ? [c.name, c.email].filter(Boolean).join(', ') : 'Not recorded';

function councilSection(pack: BriefingPack) {
  const c: CouncilDetail = pack.council;
  const adviser = c.principalAdviser ? `${c.principalAdviser.name}, ${c.principalAdviser.email}` : 'None assigned';
  return [
    heading('The council'),
    facts([
      ['Council', `${c.officialName} (${c.gssCode})`],
      ['Type', words(c.type)],
      ['Region', c.region],
      ['Political control', pack.politicalControl ? words(pack.politicalControl) : 'Not recorded'],
      ['LGA membership', pack.lgaMembership ? words(pack.lgaMembership) : 'Not recorded'],
      ['Chief executive', contact(c.chiefExecutive)],
      ['Leader', contact(c.leader)],
      ['Principal adviser', adviser],
      [
        'Predecessors',
        c.predecessors.length
          ? c.predecessors.map((p) => `${p.name}${p.endDate ? ` (until ${p.endDate})` : ''}`).join('\n')
          : 'None',
      ],
    ]),
    heading('Take-up', HeadingLevel.HEADING_2),
    facts([
      [
        MEASURES.fiveYearTakeUp.name,
        `${TAKE_UP[c.takeUp.status]}${c.takeUp.lastCpcDate ? `: last delivered ${c.takeUp.lastCpcDate}` : ''}`,
      ],
      [MEASURES.noCpcSince2012.name, c.noCpcSince2012 ? 'Yes' : 'No: it has had a corporate peer challenge since 2012'],
    ]),
    para(`${MEASURES.fiveYearTakeUp.name}: ${MEASURES.fiveYearTakeUp.definition}.`),
    para(`${MEASURES.noCpcSince2012.name}: ${MEASURES.noCpcSince2012.definition}.`),
  ];
}

function challengeSection(pack: BriefingPack) {
  const v = pack.case;
  const d = v.dates;
  const onsite = d.onsiteStart ? `${d.onsiteStart} to ${d.onsiteEnd ?? d.onsiteStart}` : undefined;
  const dates: Array<[string, string | undefined]> = [
    ['Scoping meeting', d.scopingMeeting],
    ['Indicative month', d.indicativeMonth],
    ['On site', onsite],
    ['Position statement received', d.positionStatementReceived],
    ['Feedback presented', d.feedbackPresented],
    ['Report published', d.reportPublished],
    ['Follow-up', d.followUp],
  ];
  const set = dates.filter((row): row is [string, string] => Boolean(row[1]));
  return [
    heading('The challenge'),
    facts([
      ['Type', typeName(v.type)],
      ['Stage', words(v.stage)],
      ['Core components', v.scope.coreComponents.length ? v.scope.coreComponents.join('\n') : 'None'],
      ['Focus areas', v.scope.focusAreas.length ? v.scope.focusAreas.join('\n') : 'None agreed'],
    ]),
    heading('Dates', HeadingLevel.HEADING_2),
    set.length ? facts(set) : para('No dates set yet.'),
  ];
}

function teamSection(pack: BriefingPack) {
  const rows = pack.team.map((m) => [
    m.name,
    `${words(m.role)}${m.homeCouncil ? `\n${m.homeCouncil}` : ''}`,
    m.email ?? 'Not recorded',
  ]);
  if (pack.manager) rows.push([pack.manager.name, 'Peer challenge manager (LGA)', pack.manager.email]);
  const check = pack.case.conflictCheck;
  const name = new Map(pack.team.map((m) => [m.peerId.toLowerCase(), m.name]));
  const peer = (id: string) => name.get(id.toLowerCase()) ?? id;
  const override = (f: (typeof check.findings)[number]) => {
    if (!f.override) return f.severity === 'hard' ? 'Cannot be overridden' : 'Not overridden';
    const o = f.override;
    const approved = o.approvedBy
      ? `approved by ${o.approvedBy.name} on ${o.approvedBy.at.slice(0, 10)}`
      : 'awaiting approval';
    const state = f.overridden ? 'Overridden' : 'Override asked for';
    return `${state}: ${o.justification} (asked by ${o.requestedBy.name} on ${o.requestedBy.at.slice(0, 10)}; ${approved})`;
  };
  return [
    heading('The team'),
    rows.length ? table(['Name', 'Role and home council', 'Contact'], rows, [24, 30, 46]) : para('No peers yet.'),
    heading('Conflict findings', HeadingLevel.HEADING_2),
    para(`Conflict check: ${words(check.status)}${check.checkedOn ? `, checked on ${check.checkedOn}` : ''}.`),
    ...(check.findings.length
      ? check.findings.flatMap((f) => [
          heading(`${peer(f.peerId)}: ${f.severity} finding`, HeadingLevel.HEADING_3),
          para(f.detail),
          para(override(f)),
        ])
      : [para('No conflict findings.')]),
    ...[...check.information, ...check.warnings].map((w) => bullet(w.detail)),
  ];
}

function documentsSection(pack: BriefingPack) {
  const rows = pack.documents.flatMap(({ kind, received }) =>
    received.length
      ? received.map((d) => [words(kind), d.receivedOn, d.url ? `${d.title}\n${d.url}` : d.title])
      : [[words(kind), 'Not received yet', '']],
  );
  return [heading('Documents received'), table(['Document', 'Received', 'Title and link'], rows, [25, 20, 55])];
}

function historySection(pack: BriefingPack) {
  if (pack.history.length === 0) {
    return [heading('Challenge history'), para('No earlier peer challenge of this council or its predecessors.')];
  }
  return [
    heading('Challenge history'),
    para('Earlier peer challenges of this council and of the councils it replaced, newest first.'),
    ...pack.history.flatMap((h) => {
      const when = [
        h.onsiteStart && `on site from ${h.onsiteStart}`,
        h.deliveredOn && `delivered ${h.deliveredOn}`,
        h.reportPublished && `report published ${h.reportPublished}`,
      ].filter(Boolean);
      return [
        heading(`${h.councilName}: ${typeName(h.type).toLowerCase()}`, HeadingLevel.HEADING_2),
        para(
          `${h.viaPredecessor ? `A predecessor of ${pack.council.name}. ` : ''}${words(h.stage)}` +
            `${when.length ? `; ${when.join(', ')}` : ''}.`,
        ),
        h.recommendations.length
          ? table(
              ['Recommendation', 'Progress'],
              h.recommendations.map((r) => [r.text, r.progress ? PROGRESS[r.progress] : 'Not reviewed yet']),
              [75, 25],
            )
          : para('No recommendations recorded.'),
      ];
    }),
  ];
}

function notesSection(pack: BriefingPack) {
  return [
    heading('Notes for the team'),
    ...(pack.notes.length
      ? pack.notes.map((n) => para(`${n.text} (${n.author}, ${n.at.slice(0, 10)}, on ${n.councilName})`))
      : [para('No notes marked for the team.')]),
  ];
}

/** The team's briefing pack as a Word document (.docx). */
export async function briefingPackDocument(pack: BriefingPack): Promise<Buffer> {
  const title = `Briefing pack: ${pack.council.name}, ${typeName(pack.case.type).toLowerCase()}`;
  const document = new Document({
    creator: 'LGA peer challenge programme',
    title,
    sections: [
      {
        children: [
          new Paragraph({ text: title, heading: HeadingLevel.TITLE }),
          para(`Prepared on ${pack.generatedOn} for the peer team. For the team only: it holds contact details.`),
          ...councilSection(pack),
          ...challengeSection(pack),
          ...teamSection(pack),
          ...documentsSection(pack),
          ...historySection(pack),
          ...notesSection(pack),
        ],
      },
    ],
    styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
  });
  return Packer.toBuffer(document);
}
