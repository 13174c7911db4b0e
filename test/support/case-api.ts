import { SYSTEM_ACTOR } from '#libs/audit';
import { CaseWorkflowService, type CheckFinding } from '#libs/cases';
import { TEAM_ROLES, type TeamRole } from '#libs/peers';
import { query } from './environment.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from './test-app.js';

/**
 * The case API's tests (test/cases/*.test.ts) against the real application and PostgreSQL, without the worker: conflict checks stay pending
 * unless a test completes one through CaseWorkflowService, as the worker would.
 */

export let t: TestApp;
export let manager: string;
export let secondManager: string;
export let managerUser: { id: string; email: string };
export let viewer: string;
export let viewerUser: { id: string };
export const as = (token: string) => ({ Authorization: `Bearer ${token}` });

export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
export const ROLES = TEAM_ROLES;
export type Role = TeamRole;

export interface PoolPeer {
  id: string;
  kind: 'officer' | 'member' | 'external';
  finance: boolean;
  active: boolean;
}
/** Officer, member and external peers, each with and without finance expertise, and one no longer active. */
export const pool: PoolPeer[] = [];

export interface CaseBody {
  id: string;
  councilGssCode: string;
  type: string;
  stage: string;
  state: string;
  onHold: boolean;
  version: number;
  managerId: string | null;
  allowedEvents: string[];
  waitingFor: Array<{ type: string; reasons: string[] }>;
  dates: Record<string, string | null>;
  team: Array<{ peerId: string; role: Role; name: string }>;
  conflictCheck: {
    status: string;
    run: number;
    teamFingerprint: string;
    findings: Array<{ id: string; peerId: string; severity: string; overridden: boolean; override: object | null }>;
  };
  recommendations: Array<{ text: string; progress?: string }>;
  notes: Array<{ text: string; by: { id: string | null; name: string; at: string } }>;
  documents: Array<{ kind: string; title: string; url: string; by: { id: string | null; name: string } }>;
  [key: string]: unknown;
}

export interface TimelineEntry {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  actor: { id: string | null; label: string };
  at: string;
  fromState: string | null;
  toState: string;
}

/** Each file of the case API's tests: one app and database, a manager, an admin, a viewer and a peer pool. */
export function useCaseApi(): void {
  beforeAll(async () => {
    t = await createTestApp();
    const pcm = await t.as('peer_challenge_manager');
    manager = pcm.token;
    managerUser = pcm;
    // A second pair of eyes for overrides (t.as gives one user per role).
    secondManager = (await t.as('admin')).token;
    const view = await t.as('viewer');
    viewer = view.token;
    viewerUser = view;
    const peers: Array<Record<string, unknown>> = [
      { name: 'Fiona Officer', kind: 'officer', role: 'section_151_officer', expertise: ['finance'] },
      { name: 'Oscar Officer', kind: 'officer', role: 'director', expertise: ['housing'] },
      { name: 'Cllr Mina Member', kind: 'member', role: 'cabinet_member', politicalGroup: 'labour', expertise: [] },
      {
        name: 'Cllr Frank Member',
        kind: 'member',
        role: 'leader',
        politicalGroup: 'conservative',
        expertise: ['finance'],
      },
      { name: 'Ella External', kind: 'external', expertise: ['digital'] },
      { name: 'Felix External', kind: 'external', expertise: ['finance'] },
      { name: 'Ian Inactive', kind: 'officer', expertise: ['finance'] },
    ];
    for (const [index, peer] of peers.entries()) {
      const email = `case-peer-${index}@example.org`;
      const response = await t.http
        .post('/api/v1/peers')
        .set(as(manager))
        .send({ ...peer, email });
      expect(response.status).toBe(201);
      pool.push({
        id: response.body.id,
        kind: peer.kind as PoolPeer['kind'],
        finance: (peer.expertise as string[]).includes('finance'),
        active: true,
      });
    }
    const inactive = pool[pool.length - 1];
    await t.http.patch(`/api/v1/peers/${inactive.id}`).set(as(manager)).send({ active: false }).expect(200);
    inactive.active = false;
  });
  afterAll(() => t.close());
}

export const count = async (sql: string, params: unknown[] = []) =>
  Number((await query<{ n: string }>(t.database.url, sql, params))[0].n);
export const caseRows = () => count('SELECT count(*) AS n FROM cases');
export const eventRows = (caseId?: string) =>
  caseId
    ? count('SELECT count(*) AS n FROM case_events WHERE case_id = $1', [caseId])
    : count('SELECT count(*) AS n FROM case_events');
export async function stored(caseId: string) {
  const [row] = await query<{ version: number; machine_version: number; snapshot: Record<string, unknown> }>(
    t.database.url,
    'SELECT version, machine_version, snapshot FROM cases WHERE id = $1',
    [caseId],
  );
  return row;
}

export async function openCase(body: Record<string, unknown> = {}): Promise<CaseBody> {
  const response = await t.http
    .post('/api/v1/cases')
    .set(as(manager))
    .send({ councilGssCode: 'E09000033', type: 'corporate_peer_challenge', ...body });
  if (response.status !== 201) throw new Error(`opening a case: ${response.status} ${response.text}`);
  return response.body as CaseBody;
}

export async function getCase(caseId: string): Promise<CaseBody> {
  const response = await t.http.get(`/api/v1/cases/${caseId}`).set(as(viewer)).expect(200);
  return response.body as CaseBody;
}

export async function timeline(caseId: string): Promise<TimelineEntry[]> {
  const response = await t.http.get(`/api/v1/cases/${caseId}/timeline`).set(as(viewer)).expect(200);
  return response.body as TimelineEntry[];
}

export const postEvent = (caseId: string, body: unknown) =>
  t.http
    .post(`/api/v1/cases/${caseId}/events`)
    .set(as(manager))
    .send(body as object);

/** Sends an event at the case's current version; expects it accepted and returns the case. */
export async function send(caseId: string, event: Record<string, unknown>): Promise<CaseBody> {
  const current = await getCase(caseId);
  const response = await postEvent(caseId, { expectedVersion: current.version, ...event });
  if (response.status !== 200) throw new Error(`${String(event.type)}: ${response.status} ${response.text}`);
  expect(response.body.version).toBe(current.version + 1);
  return response.body as CaseBody;
}

/** What the worker would do: records a check result for the case's current team. */
export async function completeCheck(current: CaseBody, findings: CheckFinding[] = []): Promise<CaseBody> {
  const workflow = t.app.get(CaseWorkflowService);
  const result = {
    run: current.conflictCheck.run,
    fingerprint: 'test',
    checkedOn: '2026-06-01',
    findings,
    information: [],
    warnings: [],
  };
  const view = await workflow.apply(
    current.id,
    { type: 'CONFLICT_CHECK_COMPLETED', result },
    current.version,
    SYSTEM_ACTOR,
  );
  return JSON.parse(JSON.stringify(view)) as CaseBody;
}

/** A case taken through scoping and team assembly to onsite.preparing, for a visit that has come (in 2025). */
export async function caseAtOnsite(councilGssCode: string): Promise<CaseBody> {
  const opened = await openCase({ councilGssCode });
  await send(opened.id, { type: 'SCHEDULE_SCOPING_MEETING', date: '2025-01-12' });
  await send(opened.id, {
    type: 'AGREE_SCOPE',
    focusAreas: ['housing', 'climate'],
    onsiteStart: '2025-03-02',
    onsiteEnd: '2025-03-05',
  });
  await send(opened.id, { type: 'PROPOSE_PEER', peerId: pool[0].id, role: 'lead_officer_peer' });
  const proposed = await send(opened.id, { type: 'PROPOSE_PEER', peerId: pool[2].id, role: 'lead_member_peer' });
  expect(proposed.conflictCheck.status).toBe('pending');
  expect(proposed.allowedEvents).not.toContain('CONFIRM_TEAM');
  const checked = await completeCheck(proposed);
  expect(checked.conflictCheck.status).toBe('clear');
  expect(checked.allowedEvents).toContain('CONFIRM_TEAM');
  const onsite = await send(opened.id, { type: 'CONFIRM_TEAM' });
  expect(onsite).toMatchObject({ stage: 'onsite', state: 'onsite.preparing' });
  return onsite;
}

/** A new active peer challenge manager; returns the id. */
export async function createManager(email: string, name: string): Promise<string> {
  const created = await t.http
    .post('/api/v1/users')
    .set(as(t.adminToken))
    .send({ email, name, password: TEST_PASSWORD, roles: ['peer_challenge_manager'] })
    .expect(201);
  return created.body.id as string;
}

export function fieldsOf(body: { details?: unknown }): string[] {
  expect(Array.isArray(body.details)).toBe(true);
  return (body.details as Array<{ field: string }>).map((d) => d.field);
}
