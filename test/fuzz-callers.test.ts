import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ROLES, type Role } from '#libs/auth';
import { changedTables, fingerprintReader, type Fingerprint } from './support/fingerprint.js';
import { registeredRoutes } from './support/routes.js';
import { createTestApp, type TestApp } from './support/test-app.js';

/**
 * Every route, the web pages and their form posts as well as the JSON API, fuzzed the way test/fuzz.test.ts fuzzes
 * the API as an admin, but from every kind of caller (issue #22): not signed in, signed in with each role by a
 * Bearer token or by the session cookie (with the session's CSRF token, a wrong one or none), and with broken or
 * foreign cookies; with odd headers (Authorization, Accept, X-Request-Id, Idempotency-Key), every content type, HTML
 * form bodies built from the field names the pages use, JSON, raw text, and deep nesting. No answer may be a 5xx, and
 * a refused request (a 4xx, or anything from a caller who is not signed in) must leave the database as it was.
 */

const RUNS = Number(process.env.FUZZ_CALLER_RUNS ?? 80);
const SEED =
  process.env.FUZZ_SEED === 'random' ? Math.floor(Math.random() * 2 ** 31) : Number(process.env.FUZZ_SEED ?? 20261206);
const LOGINS = ['POST /api/v1/auth/login', 'POST /login'];
const LOGOUTS = ['POST /api/v1/auth/logout', 'POST /logout'];
const PASSWORD_CHANGES = ['POST /api/v1/auth/password', 'POST /account/password'];
/** Public routes that do their work without a session: asking for a reset link is audited (and may email). */
const PUBLIC_WRITES = ['POST /api/v1/auth/password-reset', 'POST /login/forgot'];
const GSS = ['E06000059', 'E07000223'];

let t: TestApp;
let db: pg.Client;
let fingerprint: () => Promise<Fingerprint>;
const ids = { case: '', peer: '', user: '' };
const sessions = new Map<Role, { token: string; csrf: string }>();

/** The form field names the pages use (from the templates), so form posts get past "unknown field" to the data. */
function formFieldNames(): string[] {
  const dir = path.resolve(import.meta.dirname, '../apps/api/src/web/views');
  const names = new Set<string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith('.njk')) {
        const text = readFileSync(file, 'utf8');
        for (const [, name] of text.matchAll(/name(?::\s?|=)"([\w.-]+)"/g)) names.add(name);
        for (const [, prefix] of text.matchAll(/namePrefix:\s?"([\w-]+)"/g)) {
          for (const part of ['day', 'month', 'year']) names.add(`${prefix}-${part}`);
        }
      }
    }
  };
  walk(dir);
  return [...names].sort();
}

beforeAll(async () => {
  t = await createTestApp({ env: { ACCESS_TOKEN_TTL_MINUTES: '600' } });
  await t.app.listen(0, '127.0.0.1');
  db = new pg.Client({ connectionString: t.database.url });
  await db.connect();
  fingerprint = await fingerprintReader(db);

  for (const role of ROLES) {
    const { token } = await t.as(role);
    // The session's CSRF token, as the pages embed it (the home page's sign-out form).
    const home = await t.http.get('/').set('Cookie', `lga_session=${token}`).expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(home.text)?.[1];
    if (!csrf) throw new Error(`no CSRF token on the home page for ${role}`);
    sessions.set(role, { token, csrf });
  }
  ids.user = (await t.as('viewer')).id;
  const auth = { Authorization: `Bearer ${t.adminToken}` };
  const peer = await t.http
    .post('/api/v1/peers')
    .set(auth)
    .send({ name: 'Carla Callers', email: 'carla.callers@example.org', kind: 'officer', expertise: ['finance'] });
  const opened = await t.http
    .post('/api/v1/cases')
    .set(auth)
    .send({ councilGssCode: GSS[0], type: 'corporate_peer_challenge' });
  expect([peer.status, opened.status]).toEqual([201, 201]);
  ids.peer = peer.body.id as string;
  ids.case = opened.body.id as string;
});

afterAll(async () => {
  await db?.end();
  await t?.close();
});

// ---- generators ----

type Caller =
  | { kind: 'anonymous' }
  | { kind: 'bearer'; role: Role }
  | { kind: 'cookie'; role: Role; csrf: 'valid' | 'wrong' | 'none' }
  | { kind: 'bad-cookie'; cookie: string };

const BAD_COOKIES = [
  'lga_session=%E0',
  'lga_session=',
  'lga_session=not.a.token',
  `lga_session=${'a'.repeat(4000)}`,
  'lga_session=eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.',
  'lga_session="quoted"; lga_session=twice',
  'lga_login_csrf=%zz; lga_oidc_state=%E0%80',
  '=; ;;; =x',
  '__proto__=1; constructor=2',
];
const caller: fc.Arbitrary<Caller> = fc.oneof(
  fc.constant({ kind: 'anonymous' as const }),
  fc.constantFrom(...ROLES).map((role) => ({ kind: 'bearer' as const, role })),
  fc
    .tuple(
      fc.constantFrom(...ROLES),
      fc.constantFrom('valid' as const, 'valid' as const, 'wrong' as const, 'none' as const),
    )
    .map(([role, csrf]) => ({ kind: 'cookie' as const, role, csrf })),
  fc
    .oneof(
      fc.constantFrom(...BAD_COOKIES),
      fc.string().map((s) => `lga_session=${s.replace(/;/g, '')}`),
    )
    .map((cookie) => ({ kind: 'bad-cookie' as const, cookie })),
);

const printable = fc.string({ maxLength: 200 });
const headers = fc.record(
  {
    Accept: fc.constantFrom('text/html', 'application/json', 'text/csv', '*/*', 'image/png', ';;;', ''),
    'X-Request-Id': fc.oneof(fc.uuid(), printable, fc.constant('x'.repeat(500))),
    'Idempotency-Key': fc.oneof(fc.uuid(), printable, fc.constant('k'.repeat(300))),
    Authorization: fc.constantFrom('Bearer', 'Bearer ', 'Bearer a.b.c', 'Basic YTpi', 'bearer x', 'Bearer %E0'),
    Origin: fc.constantFrom('https://evil.example', 'null', 'http://127.0.0.1'),
  },
  { requiredKeys: [] },
);

const CONTENT_TYPES = [
  'application/x-www-form-urlencoded',
  'application/json',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-16',
  'application/x-www-form-urlencoded; charset=koi8-r',
  'a/b/c;;=',
];

const ODD = [
  '',
  '0',
  '-1',
  '1.5',
  '1e309',
  'true',
  'E06000059',
  'admin',
  '2023-02-30',
  '31',
  '13',
  '2027',
  'x'.repeat(3000),
];

function deep(depth: number, form: boolean): string {
  return form ? `${'a'}${'[a]'.repeat(depth)}=1` : `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

type Body = { type?: string; text?: string };
function body(route: string, fields: string[]): fc.Arbitrary<Body> {
  if (!route.startsWith('POST ') && !route.startsWith('PUT ') && !route.startsWith('PATCH ')) {
    return fc.constant({});
  }
  const value = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ODD) }, printable, fc.constant(ids.case));
  const form = fc
    .array(fc.tuple(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...fields) }, printable), value), { maxLength: 8 })
    .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&'));
  return fc.oneof(
    { weight: 4, arbitrary: form.map((text) => ({ type: 'application/x-www-form-urlencoded', text })) },
    { weight: 2, arbitrary: fc.jsonValue().map((v) => ({ type: 'application/json', text: JSON.stringify(v) })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...CONTENT_TYPES), fc.oneof(form, printable, fc.constantFrom('{', '%', '\u0000')))
        .map(([type, text]) => ({ type, text })),
    },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.integer({ min: 1, max: 3000 }), fc.boolean()).map(([depth, asForm]) => ({
        type: asForm ? 'application/x-www-form-urlencoded' : 'application/json',
        text: deep(depth, asForm),
      })),
    },
    { weight: 1, arbitrary: fc.constant({}) },
  );
}

function segment(name: string, template: string): fc.Arbitrary<string> {
  const valid =
    name === 'gssCode'
      ? fc.constantFrom(...GSS)
      : name === 'financialYear'
        ? fc.constantFrom('2018', '2023', '-1')
        : fc.constant(template.includes('/peers') ? ids.peer : template.includes('/users') ? ids.user : ids.case);
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 1, arbitrary: printable.map(encodeURIComponent) },
    { weight: 1, arbitrary: fc.constantFrom('..', '%00', '%zz', '%2F', '%C0%AE') },
  );
}

const query = fc.oneof(
  fc.constant(''),
  fc
    .array(
      fc.tuple(
        fc.constantFrom('next', 'q', 'view', 'stage', 'format', 'limit', 'token', 'a[b]', '__proto__'),
        fc.oneof(fc.constantFrom(...ODD), printable),
      ),
      { maxLength: 4 },
    )
    .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&')}` : '')),
  fc.constantFrom('?next=//evil.example', '?next=https://evil.example', '?%zz', '?a=%E0'),
);

function request(route: string, fields: string[]) {
  const template = route.split(' ')[1];
  const names = [...template.matchAll(/:(\w+)/g)].map((m) => m[1]);
  return fc.record({
    path: fc
      .tuple(fc.tuple(...names.map((name) => segment(name, template))), query)
      .map(([values, q]) => names.reduce((p, name, i) => p.replace(`:${name}`, values[i]), template) + q),
    caller,
    headers,
    body: body(route, fields),
  });
}

/** Audit entries of reads: a refused form that shows its page again (a council's history) records that it was read. */
const READS = ['council.history.read', 'case.briefing_pack.downloaded'];
let lastAuditId = 0;
async function newAuditActions(): Promise<string[]> {
  const rows = (
    await db.query<{ id: string; action: string }>('SELECT id, action FROM audit_log WHERE id > $1 ORDER BY id', [
      lastAuditId,
    ])
  ).rows;
  if (rows.length) lastAuditId = Number(rows.at(-1)!.id);
  return rows.map((row) => row.action);
}

/**
 * What a refused request may write: a failed sign-in, or a wrong current password when changing it, is audited and
 * counted, and a lock emails the user.
 */
function mayWrite(route: string, status: number): string[] {
  return (LOGINS.includes(route) && [401, 429].includes(status)) ||
    (PASSWORD_CHANGES.includes(route) && [422, 429].includes(status))
    ? ['audit_log', 'login_throttle', 'emails', 'outbox']
    : [];
}

describe('every route, from every kind of caller', () => {
  it(`answers no 5xx, and a refused request writes nothing, ${RUNS} requests a route`, async () => {
    const started = Date.now();
    const fields = formFieldNames();
    const routes = registeredRoutes(t);
    expect(routes.filter((r) => !r.includes('/api/v1/')).length).toBeGreaterThanOrEqual(40);
    // Sign-ins last: their failures lock this address out of signing in for a while.
    const ordered = [...routes.filter((r) => !LOGINS.includes(r)), ...LOGINS.filter((r) => routes.includes(r))];
    let before = await fingerprint();
    await newAuditActions();
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (const route of ordered) {
      const method = route.split(' ')[0].toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
      const result = await fc.check(
        fc.asyncProperty(request(route, fields), async (sent) => {
          let call = t.http[method](sent.path);
          for (const [name, value] of Object.entries(sent.headers)) call = call.set(name, value as string);
          const who = sent.caller;
          let signedIn = false;
          if (who.kind === 'bearer') {
            call = call.set('Authorization', `Bearer ${sessions.get(who.role)!.token}`);
            signedIn = true;
          } else if (who.kind === 'cookie') {
            call = call.set('Cookie', `lga_session=${sessions.get(who.role)!.token}`);
            if (who.csrf === 'valid') call = call.set('X-CSRF-Token', sessions.get(who.role)!.csrf);
            if (who.csrf === 'wrong') call = call.set('X-CSRF-Token', 'wrong');
            signedIn = true;
          } else if (who.kind === 'bad-cookie') {
            call = call.set('Cookie', who.cookie);
          }
          // A Bearer caller's header wins over the generated Authorization; the others keep the generated one.
          if (sent.body.text !== undefined) {
            if (sent.body.type) call = call.set('Content-Type', sent.body.type);
            call = call.send(sent.body.text);
          }
          const response = await call;
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          const shown = `${route}: ${JSON.stringify(sent).slice(0, 400)} → ${response.status} ${response.text.slice(0, 200)}`;
          if (response.status >= 500) throw new Error(`5xx for ${shown}`);
          const after = await fingerprint();
          const refused =
            response.status >= 400 || (!signedIn && !LOGINS.includes(route) && !PUBLIC_WRITES.includes(route));
          const actions = await newAuditActions();
          if (refused) {
            const reads = actions.every((action) => READS.includes(action)) ? ['audit_log'] : [];
            const tables = changedTables(before, after, [...mayWrite(route, response.status), ...reads]);
            before = after;
            if (tables.length) throw new Error(`a refused request wrote to ${tables.join(', ')}: ${shown}`);
            return;
          }
          // What an accepted request may have undone for the next ones: signed out, or deactivated a user.
          if (
            LOGOUTS.includes(route) ||
            route.startsWith('POST /admin/users') ||
            route.startsWith('PATCH /api/v1/users')
          ) {
            await db.query('UPDATE sessions SET revoked_at = NULL WHERE revoked_at IS NOT NULL');
            await db.query('UPDATE users SET active = true WHERE NOT active');
          }
          before = await fingerprint();
        }),
        { numRuns: RUNS, endOnFailure: true, seed: SEED },
      );
      if (result.failed)
        failures.push(String((result.errorInstance as Error | undefined)?.message ?? result.counterexample));
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    process.stdout.write(
      `fuzzed ${ordered.length} routes × ${RUNS} callers in ${seconds} s; statuses ${JSON.stringify(Object.fromEntries(statuses))}; seed ${SEED}\n`,
    );
    expect(failures).toEqual([]);
  }, 900_000);
});
