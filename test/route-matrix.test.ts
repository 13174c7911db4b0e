import { ROLES, type Role } from '#libs/auth';
import { registeredRoutes } from './support/routes.js';
import { createTestApp, type TestApp } from './support/test-app.js';

const ANY_ROLE = ROLES;
const NOTES = ['admin', 'peer_challenge_manager', 'principal_adviser'] as const;
const PEER_POOL = ['admin', 'peer_challenge_manager'] as const;
const CASE_WORK = ['admin', 'peer_challenge_manager'] as const;
const BRIEF_TEAMS = ['admin', 'peer_challenge_manager', 'principal_adviser'] as const;
const PLAN_CONSTRAINTS = ['admin', 'principal_adviser'] as const;

/**
 * Every route of the API and of the web UI's pages, and who may use it. A route added without a line here
 * fails the first test, so every new route gets an explicit access decision. A page (a route outside /api/v1)
 * sends a caller who is not signed in to /login instead of answering 401.
 */
const EXPECTED: Record<string, 'public' | readonly Role[]> = {
  'GET /api/v1/health': 'public',
  'GET /api/v1/health/ready': 'public',
  'GET /api/v1/health/details': 'public',
  // Its own Bearer token, METRICS_TOKEN (test/observability.test.ts); without it (as here) the route answers 404.
  'GET /metrics': 'public',
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/logout': ANY_ROLE,
  'POST /api/v1/auth/refresh': ANY_ROLE,
  'GET /api/v1/auth/me': ANY_ROLE,
  'POST /api/v1/auth/password': ANY_ROLE,
  'POST /api/v1/auth/password-reset': 'public',
  'POST /api/v1/auth/password-reset/complete': 'public',
  'POST /api/v1/users/:id/password-link': ['admin'],
  'GET /api/v1/auth/two-factor': ANY_ROLE,
  'POST /api/v1/auth/two-factor': ANY_ROLE,
  'POST /api/v1/auth/two-factor/confirm': ANY_ROLE,
  'POST /api/v1/auth/two-factor/remove': ANY_ROLE,
  'POST /api/v1/users/:id/two-factor/reset': ['admin'],
  'POST /api/v1/users': ['admin'],
  'GET /api/v1/users': ['admin'],
  'GET /api/v1/users/:id': ['admin'],
  'PATCH /api/v1/users/:id': ['admin'],
  'GET /api/v1/councils': ANY_ROLE,
  'GET /api/v1/councils/:gssCode': ANY_ROLE,
  'PATCH /api/v1/councils/:gssCode': ['admin'],
  'GET /api/v1/councils/:gssCode/history': ANY_ROLE,
  'POST /api/v1/councils/:gssCode/notes': NOTES,
  'GET /api/v1/councils/:gssCode/relationships': ANY_ROLE,
  'POST /api/v1/councils/:gssCode/relationships': ['admin'],
  'GET /api/v1/councils/:gssCode/facts': ANY_ROLE,
  'POST /api/v1/councils/:gssCode/facts': ['admin'],
  'POST /api/v1/peers': PEER_POOL,
  'GET /api/v1/peers': ANY_ROLE,
  'GET /api/v1/peers/:id': ANY_ROLE,
  'PATCH /api/v1/peers/:id': PEER_POOL,
  'POST /api/v1/peers/:id/dealings': PEER_POOL,
  'POST /api/v1/peers/:id/unavailability': PEER_POOL,
  'DELETE /api/v1/peers/:id/unavailability/:periodId': PEER_POOL,
  'GET /api/v1/peers/:id/conflicts': ANY_ROLE,
  'POST /api/v1/cases': CASE_WORK,
  'GET /api/v1/cases': ANY_ROLE,
  'GET /api/v1/cases/:id': ANY_ROLE,
  'GET /api/v1/cases/:id/timeline': ANY_ROLE,
  'GET /api/v1/cases/:id/reminders': ANY_ROLE,
  'GET /api/v1/cases/:id/briefing-pack.docx': BRIEF_TEAMS,
  'GET /api/v1/cases/:id/team-suggestions': CASE_WORK,
  'POST /api/v1/cases/:id/team-suggestions/team': CASE_WORK,
  'POST /api/v1/cases/:id/events': CASE_WORK,
  'POST /api/v1/cases/:id/notes': CASE_WORK,
  'POST /api/v1/cases/:id/documents': CASE_WORK,
  'POST /api/v1/imports/peer-challenges': ['admin'],
  'POST /api/v1/imports/council-facts': ['admin'],
  'GET /api/v1/reorganisations': ANY_ROLE,
  'POST /api/v1/reorganisations': ['admin'],
  'GET /api/v1/reports/take-up': ANY_ROLE,
  'GET /api/v1/reports/programme': ANY_ROLE,
  'GET /api/v1/reports/never-over-time': ANY_ROLE,
  'GET /api/v1/reports/non-engaged': ANY_ROLE,
  'GET /api/v1/reports/board': ANY_ROLE,
  'GET /api/v1/reports/overrides': ANY_ROLE,
  'GET /api/v1/reports/targets/:financialYear': ANY_ROLE,
  'PUT /api/v1/reports/targets/:financialYear': ['admin'],
  'GET /api/v1/reports/targets/:financialYear/history': ANY_ROLE,
  'GET /api/v1/nudges/preview': ANY_ROLE,
  'POST /api/v1/nudges/run': ['admin'],
  'GET /api/v1/unsubscribe': 'public',
  'GET /unsubscribe': 'public',
  'POST /unsubscribe': 'public',
  'GET /api/v1/plans/settings': ANY_ROLE,
  'PUT /api/v1/plans/settings': ['admin'],
  'GET /api/v1/plans/constraints': ANY_ROLE,
  'PUT /api/v1/plans/constraints/:gssCode': PLAN_CONSTRAINTS,
  'DELETE /api/v1/plans/constraints/:gssCode': PLAN_CONSTRAINTS,
  'POST /api/v1/plans': ['admin'],
  'GET /api/v1/plans/latest': ANY_ROLE,
  'GET /api/v1/plans/:id/moves': ANY_ROLE,
  'GET /api/v1/plans/:id': ANY_ROLE,
  'GET /api/v1/audit': ['admin'],
  'GET /plans': ANY_ROLE,
  'POST /plans': ['admin'],
  'GET /plans/settings': ['admin'],
  'POST /plans/settings': ['admin'],
  'GET /login': 'public',
  'POST /login': 'public',
  'POST /login/code': 'public',
  'GET /login/oidc': 'public',
  'GET /login/oidc/callback': 'public',
  'POST /logout': ANY_ROLE,
  'GET /': ANY_ROLE,
  'GET /cases': ANY_ROLE,
  'GET /cases/new': CASE_WORK,
  'POST /cases/new': CASE_WORK,
  'GET /cases/:id': ANY_ROLE,
  'POST /cases/:id': CASE_WORK,
  'POST /cases/:id/steps/:type': CASE_WORK,
  'GET /cases/:id/steps/:type': CASE_WORK,
  'GET /cases/:id/team-suggestions': CASE_WORK,
  'POST /cases/:id/team-suggestions': CASE_WORK,
  'GET /councils': ANY_ROLE,
  'GET /councils/:gssCode': ANY_ROLE,
  'POST /councils/:gssCode/notes': NOTES,
  'GET /councils/:gssCode/edit': ['admin'],
  'POST /councils/:gssCode/edit': ['admin'],
  'POST /councils/:gssCode/nudges': ['admin'],
  'GET /peers': ANY_ROLE,
  'GET /peers/new': PEER_POOL,
  'POST /peers/new': PEER_POOL,
  'GET /peers/:id': ANY_ROLE,
  'GET /peers/:id/edit': PEER_POOL,
  'POST /peers/:id/edit': PEER_POOL,
  'POST /peers/:id/dealings': PEER_POOL,
  'POST /peers/:id/unavailability': PEER_POOL,
  'POST /peers/:id/unavailability/:periodId/remove': PEER_POOL,
  'GET /reports': ANY_ROLE,
  'GET /reports/take-up': ANY_ROLE,
  'GET /reports/programme': ANY_ROLE,
  'GET /admin/targets': ['admin'],
  'GET /reports/board': ANY_ROLE,
  'GET /reports/overrides': ANY_ROLE,
  'GET /councils/:gssCode/facts': ['admin'],
  'POST /councils/:gssCode/facts': ['admin'],
  'GET /councils/:gssCode/plan-dates': PLAN_CONSTRAINTS,
  'POST /councils/:gssCode/plan-dates': PLAN_CONSTRAINTS,
  'GET /reorganisations': ANY_ROLE,
  'POST /reorganisations': ['admin'],
  'POST /admin/targets': ['admin'],
  'GET /nudges': ANY_ROLE,
  'GET /nudges/history': ANY_ROLE,
  'GET /nudges/run': ['admin'],
  'POST /nudges/run': ['admin'],
  'GET /nudges/councils/:gssCode': ANY_ROLE,
  'POST /nudges/councils/:gssCode': ['admin'],
  'GET /admin/users': ['admin'],
  'GET /admin/users/new': ['admin'],
  'POST /admin/users/new': ['admin'],
  'GET /admin/users/:id': ['admin'],
  'POST /admin/users/:id': ['admin'],
  'GET /login/forgot': 'public',
  'POST /login/forgot': 'public',
  'GET /login/reset': 'public',
  'POST /login/reset': 'public',
  'GET /account/password': ANY_ROLE,
  'POST /account/password': ANY_ROLE,
  'POST /admin/users/:id/password-link': ['admin'],
  'GET /account/two-factor': ANY_ROLE,
  'POST /account/two-factor/setup': ANY_ROLE,
  'POST /account/two-factor/confirm': ANY_ROLE,
  'POST /account/two-factor/remove': ANY_ROLE,
};

describe('access to every route', () => {
  let t: TestApp;
  const tokens = new Map<Role, string>();
  let userId: string;

  beforeAll(async () => {
    t = await createTestApp();
    for (const role of ROLES) {
      const user = await t.as(role);
      tokens.set(role, user.token);
      if (role === 'viewer') userId = user.id;
    }
  });
  afterAll(() => t.close());

  it('has an access decision for every registered route, and no decision for a route that does not exist', () => {
    expect(registeredRoutes(t)).toEqual(Object.keys(EXPECTED).sort());
  });

  const cases = Object.entries(EXPECTED).flatMap(([route, allowed]) =>
    [undefined, ...ROLES].map((role) => ({ route, allowed, role })),
  );

  it.each(cases)('$route as $role', async ({ route, allowed, role }) => {
    const [method, template] = route.split(' ');
    const path = template.replace(':id', userId).replace(':gssCode', 'E06000059').replace(':financialYear', '2018');
    let token = role ? tokens.get(role) : undefined;
    // Signing out ends the session: use a session of its own so the other cases keep theirs.
    if (role && ['POST /api/v1/auth/logout', 'POST /logout'].includes(route))
      token = await t.login((await t.as(role)).email);
    const call = t.http[method.toLowerCase() as 'get' | 'post' | 'patch' | 'put'](path);
    if (token) call.set('Authorization', `Bearer ${token}`);
    const response = await call.send(method === 'GET' ? undefined : {});

    const page = !path.startsWith('/api/v1/');
    if (allowed === 'public') expect([401, 403]).not.toContain(response.status);
    else if (!role && page)
      expect([response.status, response.headers.location]).toEqual([303, expect.stringMatching(/^\/login/)]);
    else if (!role) expect(response.status).toBe(401);
    else if (allowed.includes(role)) expect([401, 403]).not.toContain(response.status);
    else expect(response.status).toBe(403);
    expect(response.status).toBeLessThan(500);
  });
});
