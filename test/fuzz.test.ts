import fc from 'fast-check';
import pg from 'pg';
import { changedTables, fingerprintReader, type Fingerprint } from './support/fingerprint.js';
import { registeredRoutes } from './support/routes.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Every JSON API route (and the HTML `GET /unsubscribe`), found the way test/route-matrix.test.ts finds them so a
 * new endpoint is fuzzed automatically, gets 500 generated requests as an admin: valid and garbage path
 * parameters, odd query strings, JSON values, near-valid bodies and raw text sent as JSON. No answer may be a 5xx,
 * and a 4xx must leave the database exactly as it was. The web UI's pages (routes outside /api/v1), and callers
 * other than an admin (each role, not signed in, cookies, headers, content types), are test/fuzz-callers.test.ts's.
 */

// A fixed seed by default so that a run can be repeated; FUZZ_SEED=<n> (or "random") and FUZZ_RUNS explore further.
const RUNS = Number(process.env.FUZZ_RUNS ?? 200);
const SEED =
  process.env.FUZZ_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED ?? 20261123);
const LOGIN = 'POST /api/v1/auth/login';
const LOGOUT = 'POST /api/v1/auth/logout';
const PASSWORD_CHANGE = 'POST /api/v1/auth/password';

let t: TestApp;
let db: pg.Client;
let token: string;
let fingerprint: () => Promise<Fingerprint>;
const ids = { case: '', peer: '', user: '', adviser: '' };
const GSS = ['E06000059', 'E07000223', 'E07000052'];

beforeAll(async () => {
  t = await createTestApp();
  // Listening once saves supertest starting a server for every request.
  await t.app.listen(0, '127.0.0.1');
  db = new pg.Client({ connectionString: t.database.url });
  await db.connect();
  fingerprint = await fingerprintReader(db);

  token = t.adminToken;
  const auth = { Authorization: `Bearer ${token}` };
  ids.user = (await t.as('viewer')).id;
  ids.adviser = (await t.as('principal_adviser')).id;
  const peer = await t.http
    .post('/api/v1/peers')
    .set(auth)
    .send({ name: 'Fiona Fuzz', email: 'fiona.fuzz@example.org', kind: 'officer', expertise: ['finance'] });
  ids.peer = peer.body.id as string;
  const opened = await t.http
    .post('/api/v1/cases')
    .set(auth)
    .send({ councilGssCode: GSS[0], type: 'corporate_peer_challenge' });
  ids.case = opened.body.id as string;
  expect([peer.status, opened.status]).toEqual([201, 201]);
});

afterAll(async () => {
  await db?.end();
  await t?.close();
});

// ---- generators ----

const RAW_SEGMENTS = ['..', '%00', '%zz', '%2e%2e', '%2F', '%', '.', '%C0%AE'];
const garbage = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.uuid(),
  fc.integer().map(String),
  fc.constant('x'.repeat(5000)),
  fc.constant('E06000059'.repeat(3)),
);

/** A path segment, already encoded for the URL. */
function segment(name: string): fc.Arbitrary<string> {
  const valid =
    name === 'gssCode'
      ? fc.constantFrom(...GSS)
      : name === 'financialYear'
        ? fc.constantFrom('2018', '2023', '1900', '99999999999999999999', '-1', '2018.5', '1e3')
        : fc.constantFrom(ids.case, ids.peer, ids.user, ids.case.toUpperCase());
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 3, arbitrary: garbage.map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
  );
}

const KNOWN_KEYS = [
  'limit',
  'offset',
  'q',
  'region',
  'type',
  'takeUp',
  'stage',
  'councilGssCode',
  'managerId',
  'principalAdviserId',
  'format',
  'asOf',
  'financialYear',
  'actor',
  'entity',
  'entityId',
  'action',
  'from',
  'to',
  'role',
  'caseType',
  'firstCpc',
  'on',
  'expertise',
  'kind',
  'homeCouncilGssCode',
  'active',
  'existing',
  'token',
  'onHold',
  'open',
];
const ODD_VALUES = [
  '',
  '0',
  '-1',
  '1000',
  '1001',
  '1e309',
  '99999999999999999999',
  'NaN',
  'Infinity',
  '1.5',
  'true',
  'false',
  'csv',
  'json',
  'xml',
  '2023-02-30',
  '2023-13-01',
  '0000-00-00',
  '2018-04-01',
  '2018',
  '2019-03-31T25:00:00Z',
  'E06000059',
  'South West',
  'never',
  'scoping',
  'corporate_peer_challenge',
  'lead_officer_peer',
  'admin',
  'null',
  'undefined',
  '%00',
  '%zz',
  '[]',
  '{}',
];
const queryPair = fc
  .tuple(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...KNOWN_KEYS) },
      fc.string(),
      fc.constantFrom('a[]', 'a[b]', '__proto__', 'constructor[prototype]'),
    ),
    fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...ODD_VALUES) },
      fc.string(),
      fc.constant('x'.repeat(3000)),
      fc
        .constantFrom(
          () => ids.case,
          () => ids.user,
        )
        .map((f) => f()),
    ),
    fc.boolean(),
  )
  .map(
    ([key, value, raw]) =>
      // Keys with brackets stay raw so the parser builds arrays and objects; a few values go raw too (%00, %zz).
      `${/[[\]]/.test(key) ? key : encodeURIComponent(key)}=${raw && value.startsWith('%') ? value : encodeURIComponent(value)}`,
  );
const oddQuery = fc
  .array(queryPair, { maxLength: 6 })
  .chain((pairs) =>
    // Repeat some pair to send arrays (?a=1&a=2).
    fc.boolean().map((repeat) => (repeat && pairs.length ? [...pairs, pairs[0].replace(/=.*/, '=2')] : pairs)),
  )
  .map((pairs) => (pairs.length ? `?${pairs.join('&')}` : ''));
/** Often no query or known keys only, so that requests get past the query's validation to the body and the data. */
const queryString = fc.oneof(
  fc.constant(''),
  fc
    .array(fc.tuple(fc.constantFrom(...KNOWN_KEYS), fc.constantFrom(...ODD_VALUES)), { maxLength: 3 })
    .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : '')),
  oddQuery,
);

/** Valid (or nearly so) bodies of the main writes, by route. */
function validBodies(route: string): Array<Record<string, unknown> | unknown[]> {
  const contact = { name: 'Pat Chief', email: 'pat.chief@example.org' };
  switch (route) {
    case LOGIN:
      return [{ email: 'nobody@example.org', password: 'a-long-test-passphrase' }];
    case 'POST /api/v1/auth/password-reset':
      return [{ email: 'nobody@example.org' }];
    case 'POST /api/v1/auth/password-reset/complete':
      return [{ token: 'A'.repeat(43), password: 'a-long-test-passphrase' }];
    case 'POST /api/v1/users':
      return [{ email: 'fuzz.user@example.org', name: 'Fuzz User', password: 'a-long-password!', roles: ['viewer'] }];
    case 'PATCH /api/v1/users/:id':
      return [{ name: 'Renamed', roles: ['viewer'], region: 'South West', active: true }];
    case 'PATCH /api/v1/councils/:gssCode':
      return [{ chiefExecutive: contact, leader: contact, principalAdviserId: ids.adviser, nudgesSuppressed: false }];
    case 'POST /api/v1/councils/:gssCode/notes':
    case 'POST /api/v1/cases/:id/notes':
      return [{ text: 'A note' }];
    case 'POST /api/v1/councils/:gssCode/relationships':
      return [{ otherGssCode: GSS[1], kind: 'shared_services', from: '2020-04-01' }];
    case 'POST /api/v1/councils/:gssCode/facts':
      return [{ kind: 'political_control', value: 'no_overall_control', from: '2019-05-02' }];
    case 'POST /api/v1/imports/council-facts':
      return [[{ gssCode: GSS[1], kind: 'lga_membership', value: 'member', from: '2012-01-01' }]];
    case 'POST /api/v1/peers':
    case 'PATCH /api/v1/peers/:id':
      return [
        { name: 'Paul Peer', email: 'paul.peer@example.org', kind: 'member', politicalGroup: 'labour', expertise: [] },
        {
          name: 'Olga Peer',
          email: 'olga@example.org',
          kind: 'officer',
          homeCouncilGssCode: GSS[1],
          expertise: ['finance'],
          trainedOn: '2024-01-01',
        },
      ];
    case 'POST /api/v1/peers/:id/dealings':
      return [{ councilGssCode: GSS[0], kind: 'employment', from: '2019-01-01', to: '2021-01-01', note: 'n' }];
    case 'POST /api/v1/cases':
      return [{ councilGssCode: GSS[1], type: 'finance_peer_review', managerId: ids.adviser }];
    case 'POST /api/v1/cases/:id/events':
      return [
        { type: 'SCHEDULE_SCOPING_MEETING', expectedVersion: 1, date: '2026-12-01' },
        { type: 'SET_INDICATIVE_MONTH', expectedVersion: 1, month: '2027-02' },
        {
          type: 'AGREE_SCOPE',
          expectedVersion: 1,
          focusAreas: ['housing'],
          onsiteStart: '2027-02-01',
          onsiteEnd: '2027-02-03',
        },
        { type: 'PROPOSE_PEER', expectedVersion: 1, peerId: ids.peer, role: 'lead_officer_peer' },
        { type: 'OVERRIDE_CONFLICT', expectedVersion: 1, peerId: ids.peer, justification: 'known' },
        { type: 'CONFIRM_TEAM', expectedVersion: 1, financeWaiverReason: 'none' },
        { type: 'PUBLISH_REPORT', expectedVersion: 1, publishedOn: '2027-03-01', recommendations: ['r'] },
        {
          type: 'COMPLETE_FOLLOW_UP',
          expectedVersion: 1,
          date: '2027-09-01',
          progress: [{ index: 0, status: 'achieved' }],
        },
        { type: 'PAUSE', expectedVersion: 1, reason: 'election' },
        { type: 'CANCEL', expectedVersion: 1, reason: 'withdrawn' },
      ];
    case 'POST /api/v1/cases/:id/documents':
      return [{ kind: 'other', title: 'Scope', url: 'https://example.org/scope' }];
    case 'POST /api/v1/imports/peer-challenges':
      return [
        [
          {
            councilGssCode: GSS[2],
            type: 'corporate_peer_challenge',
            onsiteStart: '2015-03-02',
            feedbackPresented: '2015-03-05',
          },
        ],
      ];
    case 'PUT /api/v1/reports/targets/:financialYear':
      return [{ challengesTotal: 100, corporateOrFinance: 80, neverReductionPercent: 50 }];
    default:
      return [{}];
  }
}

const wrongValue = fc.oneof(
  fc.jsonValue(),
  fc.constantFrom(null, '', 0, -1, 1e308, true, [], {}, 'x'.repeat(10_000), '2023-02-30', ['a', 1], { a: { b: [] } }),
);

/** A valid body with one field dropped, given a wrong value, or one field too many (also inside arrays). */
function nearValid(route: string): fc.Arbitrary<unknown> {
  return fc.constantFrom(...validBodies(route)).chain((valid): fc.Arbitrary<unknown> => {
    const object = (Array.isArray(valid) ? valid[0] : valid) as Record<string, unknown>;
    const keys = Object.keys(object);
    const mutated = fc.oneof(
      fc.constant(object),
      keys.length
        ? fc.constantFrom(...keys).map((key) => Object.fromEntries(Object.entries(object).filter(([k]) => k !== key)))
        : fc.constant(object),
      keys.length
        ? fc.tuple(fc.constantFrom(...keys), wrongValue).map(([key, value]) => ({ ...object, [key]: value }))
        : fc.constant(object),
      fc.tuple(fc.string(), wrongValue).map(([key, value]) => ({ ...object, [key]: value })),
    );
    return Array.isArray(valid) ? mutated.map((row) => [row, ...valid.slice(1)]) : mutated;
  });
}

type Body = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; text: string };
function body(route: string): fc.Arbitrary<Body> {
  if (route.startsWith('GET ')) return fc.constant({ kind: 'none' });
  return fc.oneof(
    { weight: 3, arbitrary: nearValid(route).map((value) => ({ kind: 'json' as const, value })) },
    { weight: 2, arbitrary: fc.jsonValue().map((value) => ({ kind: 'json' as const, value })) },
    {
      weight: 1,
      arbitrary: fc
        .oneof(
          fc.string(),
          fc.constantFrom('{', '{"a":', '[1,', 'null', '"x"', '1e999', '{"__proto__":{"x":1}}', '\u0000'),
        )
        .map((text) => ({ kind: 'raw' as const, text })),
    },
    { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  );
}

function request(route: string): fc.Arbitrary<{ path: string; body: Body }> {
  const [, template] = route.split(' ');
  const names = [...template.matchAll(/:(\w+)/g)].map((m) => m[1]);
  return fc.tuple(fc.tuple(...names.map(segment)), queryString, body(route)).map(([values, query, payload]) => ({
    path: names.reduce((path, name, i) => path.replace(`:${name}`, values[i]), template) + query,
    body: payload,
  }));
}

/**
 * What a 4xx may write: a failed sign-in (or a wrong current password when changing it) is audited and counted by
 * the login throttle, on purpose, and one that locks an account emails its user.
 */
function mayWrite(route: string, status: number): string[] {
  const counted = (route === LOGIN && status === 401) || (route === PASSWORD_CHANGE && [422, 429].includes(status));
  return counted ? ['audit_log', 'login_throttle', 'emails', 'outbox'] : [];
}

describe('every JSON endpoint, fuzzed', () => {
  it('has a fingerprint that sees a committed write, and not a rolled-back one', async () => {
    const before = await fingerprint();
    for (const nudgesSuppressed of [true, false]) {
      await t.http
        .patch(`/api/v1/councils/${GSS[2]}`)
        .set('Authorization', `Bearer ${token}`)
        .send({ nudgesSuppressed })
        .expect(200);
    }
    const afterWrite = await fingerprint();
    expect(changedTables(before, afterWrite, ['audit_log'])).toEqual(['councils']);
    await db.query('BEGIN');
    await db.query(`DELETE FROM council_notes`);
    await db.query(`UPDATE councils SET nudges_suppressed = true`);
    await db.query('ROLLBACK');
    await db.query(`UPDATE councils SET nudges_suppressed = true WHERE false`);
    expect(changedTables(afterWrite, await fingerprint(), [])).toEqual([]);
  });

  it('fuzzes every API route (and skips only the web pages)', () => {
    expect(apiRoutes().length).toBeGreaterThanOrEqual(40);
  });

  // Found when the tests run (the app exists only in beforeAll), hence one test looping over them.
  it(`answers no 5xx and writes nothing on a 4xx, ${RUNS} requests a route`, async () => {
    const started = Date.now();
    let before = await fingerprint();
    const failures: string[] = [];
    const timings: string[] = [];
    for (const route of apiRoutes()) {
      const routeStarted = Date.now();
      const statuses = new Map<number, number>();
      const method = route.split(' ')[0].toLowerCase() as 'get' | 'post' | 'patch' | 'put';
      const result = await fc.check(
        fc.asyncProperty(request(route), async ({ path, body: payload }) => {
          let call = t.http[method](path).set('Authorization', `Bearer ${token}`);
          // Sent as text so top-level primitives (true, 1.5) go as they are.
          if (payload.kind !== 'none')
            call = call
              .set('Content-Type', 'application/json')
              .send(payload.kind === 'json' ? JSON.stringify(payload.value) : payload.text);
          const response = await call;
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const shown = `${route}: ${method.toUpperCase()} ${path} ${JSON.stringify(payload)} → ${response.status} ${response.text.slice(0, 300)}`;
          if (response.status >= 500) throw new Error(`5xx for ${shown}`);
          // Signing out revokes the admin's session: bring it back for the next request.
          if (route === LOGOUT && response.status < 300) await db.query('UPDATE sessions SET revoked_at = NULL');
          const after = await fingerprint();
          if (response.status >= 400) {
            const tables = changedTables(before, after, mayWrite(route, response.status));
            before = after;
            if (tables.length) throw new Error(`a 4xx wrote to ${tables.join(', ')}: ${shown}`);
          }
          before = after;
        }),
        { numRuns: RUNS, endOnFailure: true, seed: SEED },
      );
      if (result.failed)
        failures.push(String((result.errorInstance as Error | undefined)?.message ?? result.counterexample));
      timings.push(`${route} ${Date.now() - routeStarted} ms ${JSON.stringify(Object.fromEntries(statuses))}`);
    }
    process.stdout.write(`${timings.join('\n')}\nseed ${SEED}\n`);
    expect(failures).toEqual([]);
    process.stdout.write(`fuzzed ${apiRoutes().length} routes in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }, 900_000);
});

/** Every field of every valid body, in turn left out and given each of these values. */
const WRONG_VALUES: unknown[] = [
  null,
  '',
  ' ',
  0,
  -1,
  1.5,
  1e308,
  true,
  false,
  [],
  {},
  [null],
  'x'.repeat(10_000),
  '2023-02-30',
  '1001',
  'E99999999',
  '00000000-0000-0000-0000-000000000000',
  { a: { b: [] } },
];

function validPath(route: string): string {
  const template = route.split(' ')[1];
  const id = template.startsWith('/api/v1/cases')
    ? ids.case
    : template.startsWith('/api/v1/peers')
      ? ids.peer
      : ids.user;
  return template.replace(':gssCode', GSS[0]).replace(':financialYear', '2023').replace(':id', id);
}

describe('every field of every write, each wrong value in turn', () => {
  it('answers no 5xx and writes nothing on a 4xx', async () => {
    let before = await fingerprint();
    const failures: string[] = [];
    let sent = 0;
    for (const route of apiRoutes().filter((r) => !r.startsWith('GET ') && r !== LOGIN && r !== LOGOUT)) {
      const method = route.split(' ')[0].toLowerCase() as 'post' | 'patch' | 'put';
      for (const valid of validBodies(route)) {
        const row = (Array.isArray(valid) ? valid[0] : valid) as Record<string, unknown>;
        const variants = Object.keys(row).flatMap((key) => [
          Object.fromEntries(Object.entries(row).filter(([k]) => k !== key)),
          ...WRONG_VALUES.map((value) => ({ ...row, [key]: value })),
        ]);
        for (const variant of variants) {
          const payload = Array.isArray(valid) ? [variant, ...valid.slice(1)] : variant;
          const response = await t.http[method](validPath(route))
            .set('Authorization', `Bearer ${token}`)
            .send(payload as object);
          sent += 1;
          const shown = `${route} ${JSON.stringify(payload).slice(0, 200)} → ${response.status} ${response.text.slice(0, 200)}`;
          const after = await fingerprint();
          if (response.status >= 500) failures.push(`5xx: ${shown}`);
          else if (response.status >= 400 && changedTables(before, after, []).length)
            failures.push(`a 4xx wrote to ${changedTables(before, after, []).join(', ')}: ${shown}`);
          before = after;
        }
      }
    }
    process.stdout.write(`sent ${sent} single-field variants\n`);
    expect(failures).toEqual([]);
  }, 600_000);
});

/** The API routes, signing in last: its failures lock the address out of signing in for a while. */
function apiRoutes(): string[] {
  const routes = registeredRoutes(t).filter((route) => route.split(' ')[1].startsWith('/api/v1/'));
  return [...routes.filter((route) => route !== LOGIN), ...routes.filter((route) => route === LOGIN)];
}
