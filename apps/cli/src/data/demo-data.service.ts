import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '#libs/audit';
import { PeersService, type CreatePeerDto, type TeamRole } from '#libs/peers';
import { addWorkingDays, todayInLondon } from '#libs/platform';
import {
  CasesService,
  CaseWorkflowService,
  ConflictCheckJob,
  HistoryImportService,
  rowsFromCsv,
  type EventInput,
} from '#libs/cases';

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

/**
 * The demo's people: two peer challenge managers who run the demo cases between them, and the North East's
 * principal adviser. They have no password (no hash opens an account stored as `none`): an admin sends them a
 * password link from the Users page to sign in as one of them.
 */
const PEOPLE = [
  { key: 'morgan', name: 'Demo: Morgan Manager', roles: ['peer_challenge_manager'], region: null },
  { key: 'sam', name: 'Demo: Sam Manager', roles: ['peer_challenge_manager'], region: null },
  { key: 'pat', name: 'Demo: Pat Adviser', roles: ['principal_adviser'], region: 'North East' },
].map((p) => ({ ...p, email: `demo-${p.key}@example.org` }));

/** Invented contacts for the first demo councils, so their pages and the nudge previews have someone to name. */
const CONTACTS: Array<[string, string]> = [
  ['E06000001', 'Demo: Harriet Chief'],
  ['E06000002', 'Demo: Max Chief'],
  ['E06000003', 'Demo: Rita Chief'],
  ['E06000004', 'Demo: Theo Chief'],
];

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
    const [managers, adviser] = await this.people();
    for (const [index, plan] of CASES.entries()) {
      await this.caseUpTo(plan, ids, managers[index % managers.length], actor);
    }
    await this.contacts(adviser);
    const csv = readFileSync(path.join(root, 'data', 'demo', 'peer-challenges.example.csv'), 'utf8');
    const imported = await this.history.import(rowsFromCsv(csv), actor);
    return `Loaded ${PEERS.length} peers, ${CASES.length} cases and ${imported.created} past challenges (${DEMO_MARK}).`;
  }

  private async caseUpTo(
    plan: (typeof CASES)[number],
    peers: Map<string, string>,
    managerId: string,
    actor: Actor,
  ): Promise<void> {
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
    const opened = await this.cases.open(
      { councilGssCode: plan.council, type: 'corporate_peer_challenge', managerId },
      actor,
    );
    const apply = (event: EventInput) => this.workflow.apply(opened.id, event, 'latest', actor);
    await apply({ type: 'ADD_NOTE', text: `${DEMO_MARK}: an invented case for demonstrations.` });
    for (const event of steps.slice(0, plan.steps).flat()) {
      if (event.type === 'CONFIRM_TEAM') await this.runCheck(opened.id);
      await apply(event);
    }
    if (plan.then) await apply({ type: plan.then, reason: 'Demo: waiting for the council' });
  }

  /** The demo's managers (their ids) and adviser (the id), added once. */
  private async people(): Promise<[string[], string]> {
    const ids: string[] = [];
    for (const person of PEOPLE) {
      const [row] = await this.dataSource.query<Array<{ id: string }>>(
        `INSERT INTO users (email, name, password_hash, roles, region) VALUES ($1, $2, 'none', $3, $4)
          ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
        [person.email, person.name, person.roles, person.region],
      );
      ids.push(row.id);
    }
    return [ids.slice(0, 2), ids[2]];
  }

  /** Chief executives (invented, example.org) and the principal adviser for the first demo councils. */
  private async contacts(adviserId: string): Promise<void> {
    for (const [gssCode, name] of CONTACTS) {
      await this.dataSource.query(
        `UPDATE councils SET chief_executive_name = $2, chief_executive_email = $3, principal_adviser_id = $4
          WHERE gss_code = $1`,
        [gssCode, name, `demo-ce-${gssCode.toLowerCase()}@example.org`, adviserId],
      );
    }
  }

  /** The worker's conflict check, run here so the demo team can be confirmed without a worker. */
  private async runCheck(caseId: string): Promise<void> {
    const { snapshot } = await this.cases.load(caseId);
    const { run, status } = snapshot.context.conflictCheck;
    if (status === 'pending' || status === 'stale') await this.checks.run({ caseId, run, requestId: null });
  }
}
