import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '#libs/audit';
import { PeersService, type CreatePeerDto, type TeamRole } from '#libs/peers';
import { addWorkingDays, todayInLondon } from '#libs/platform';
import { CasesService } from './cases.service.js';
import { CaseWorkflowService, type EventInput } from './case-workflow.service.js';
import { HistoryImportService, rowsFromCsv } from './history-import.service.js';
import { ConflictCheckJob } from './jobs/conflict-check.job.js';

/** Everything here is invented: the names say so, the addresses are example.org, and a note on each case too. */
export const DEMO_MARK = 'ILLUSTRATIVE DATA - NOT REAL';

const PEERS: Array<CreatePeerDto & { key: string }> = [
  {
    key: 'ce',
    name: 'Demo: Alex Officer',
    kind: 'officer',
    role: 'chief_executive',
    homeCouncilGssCode: 'E06000022',
    expertise: ['finance'],
  },
  {
    key: 'leader',
    name: 'Demo: Bea Member',
    kind: 'member',
    role: 'leader',
    politicalGroup: 'independent',
    homeCouncilGssCode: 'E06000052',
    expertise: [],
    trainedOn: '2025-02-10',
  },
  {
    key: 's151',
    name: 'Demo: Cal Finance',
    kind: 'officer',
    role: 'section_151_officer',
    homeCouncilGssCode: 'E09000033',
    expertise: ['finance'],
  },
  {
    key: 'member',
    name: 'Demo: Dee Councillor',
    kind: 'member',
    role: 'cabinet_member',
    politicalGroup: 'labour',
    homeCouncilGssCode: 'E07000223',
    expertise: ['housing'],
    trainedOn: '2021-06-01',
  },
  { key: 'external', name: 'Demo: Eli External', kind: 'external', expertise: ['transformation'] },
].map((p) => ({ ...p, email: `demo-${p.key}@example.org` })) as Array<CreatePeerDto & { key: string }>;

/** The councils of the demo cases and how many of the steps (below) each has taken. */
const CASES: Array<{ council: string; steps: number; then?: 'PAUSE' | 'CANCEL' }> = [
  { council: 'E06000001', steps: 1 }, // scoping
  { council: 'E06000002', steps: 3 }, // team assembly
  { council: 'E06000003', steps: 5 }, // onsite, preparing
  { council: 'E06000004', steps: 7 }, // report, drafting
  { council: 'E06000005', steps: 9 }, // follow-up
  { council: 'E06000006', steps: 11 }, // closed
  { council: 'E06000007', steps: 5, then: 'PAUSE' }, // on hold
  { council: 'E06000008', steps: 3, then: 'CANCEL' }, // cancelled
];

/**
 * `npm run cli -- demo-data`: an illustrative set of peers, cases in every stage (the conflict checks run inline)
 * and the invented history in data/demo, so a new user sees a living system. Loading twice adds nothing.
 */
@Injectable()
export class DemoDataService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly peers: PeersService,
    private readonly cases: CasesService,
    private readonly workflow: CaseWorkflowService,
    private readonly checks: ConflictCheckJob,
    private readonly history: HistoryImportService,
  ) {}

  async load(actor: Actor, root: string): Promise<string> {
    const [{ count }] = await this.dataSource.query<Array<{ count: number }>>(
      `SELECT count(*)::int AS count FROM peers WHERE email LIKE 'demo-%@example.org'`,
    );
    if (count > 0) return 'The demo data is already loaded.';
    const ids = new Map<string, string>();
    for (const { key, ...peer } of PEERS) ids.set(key, (await this.peers.create(peer, actor)).id);
    for (const plan of CASES) await this.caseUpTo(plan, ids, actor);
    const csv = readFileSync(path.join(root, 'data', 'demo', 'peer-challenges.example.csv'), 'utf8');
    const imported = await this.history.import(rowsFromCsv(csv), actor);
    return `Loaded ${PEERS.length} peers, ${CASES.length} cases and ${imported.created} past challenges (${DEMO_MARK}).`;
  }

  private async caseUpTo(plan: (typeof CASES)[number], peers: Map<string, string>, actor: Actor): Promise<void> {
    const today = todayInLondon();
    // Cases that have been on site did so in the past; the others go on site from five weeks on. Each visit has
    // its week, as the same demo peers serve on every team and a peer cannot be on two visits at once.
    const week = CASES.indexOf(plan) * 5;
    const onsiteStart = addWorkingDays(today, (plan.steps >= 7 ? -60 : 25) + week);
    const end = new Date(`${onsiteStart}T00:00:00Z`);
    end.setUTCDate(end.getUTCDate() + 2); // a three-day visit
    const onsiteEnd = end.toISOString().slice(0, 10);
    const published = addWorkingDays(onsiteEnd, 25);
    const team: Array<[string, TeamRole]> = [
      ['ce', 'lead_officer_peer'],
      ['leader', 'lead_member_peer'],
      ['s151', 'officer_peer'],
    ];
    const steps: EventInput[][] = [
      [{ type: 'SCHEDULE_SCOPING_MEETING', date: addWorkingDays(onsiteStart, -40) }],
      [{ type: 'AGREE_SCOPE', focusAreas: ['Housing delivery'], onsiteStart, onsiteEnd }],
      team.map(([key, role]): EventInput => ({ type: 'PROPOSE_PEER', peerId: peers.get(key)!, role })),
      [{ type: 'CONFIRM_TEAM' }],
      // Twelve working days before the visit, or today for a visit sooner: a document cannot arrive in the future.
      [{ type: 'RECEIVE_POSITION_STATEMENT', receivedOn: [addWorkingDays(onsiteStart, -12), today].sort()[0]! }],
      [{ type: 'START_ONSITE' }],
      [{ type: 'PRESENT_FEEDBACK', date: onsiteEnd }],
      [{ type: 'SUBMIT_DRAFT_REPORT' }],
      [
        {
          type: 'PUBLISH_REPORT',
          publishedOn: published,
          recommendations: ['Refresh the council plan', 'Plan finances'],
        },
      ],
      [{ type: 'SCHEDULE_FOLLOW_UP', date: addWorkingDays(published, 5) }],
      [
        {
          type: 'COMPLETE_FOLLOW_UP',
          date: addWorkingDays(published, 5),
          progress: [
            { index: 0, status: 'achieved' },
            { index: 1, status: 'in_progress' },
          ],
        },
      ],
    ];
    const opened = await this.cases.open({ councilGssCode: plan.council, type: 'corporate_peer_challenge' }, actor);
    const apply = (event: EventInput) => this.workflow.apply(opened.id, event, 'latest', actor);
    await apply({ type: 'ADD_NOTE', text: `${DEMO_MARK}: an invented case for demonstrations.` });
    for (const event of steps.slice(0, plan.steps).flat()) {
      if (event.type === 'CONFIRM_TEAM') await this.runCheck(opened.id);
      await apply(event);
    }
    if (plan.then) await apply({ type: plan.then, reason: 'Demo: waiting for the council' });
  }

  /** The worker's conflict check, run here so the demo team can be confirmed without a worker. */
  private async runCheck(caseId: string): Promise<void> {
    const { snapshot } = await this.cases.load(caseId);
    const { run, status } = snapshot.context.conflictCheck;
    if (status === 'pending' || status === 'stale') await this.checks.run({ caseId, run, requestId: null });
  }
}
