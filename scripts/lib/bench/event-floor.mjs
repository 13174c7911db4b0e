// The floor of a case event on this machine, for `bench:events`: a bare node:http server (run as a child process)
// that takes the same POST /api/v1/cases/:id/events as the API and does only what any design must do for it. It
// runs the project's compiled machine on the case's snapshot (kept in memory after the first read) and writes the
// moved case, its timeline entry and an audit entry in one statement, outside a transaction, guarded by the version.
// It answers with the case's state and context. What the API does besides is left out: NestJS and Express,
// authentication, validation, the reminders, the first-CPC fact. So no design of the API in Node can beat it here,
// and the bench prints its rate next to the API's. Not part of the product: it never runs outside the bench.
import { Buffer } from 'node:buffer';
import http from 'node:http';
import pg from 'pg';
import { columnsOf } from '../../../dist/libs/cases/case-view.js';
import { MACHINE_VERSION } from '../../../dist/libs/cases/workflow/case.machine.js';
import { persist, restore, stateName, step } from '../../../dist/libs/cases/workflow/snapshots.js';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 8 });

const MOVE = {
  name: 'floor-move',
  text: `WITH moved AS (
           UPDATE cases SET stage = $3, state = $4, on_hold = $5, manager_id = $6, onsite_start = $7,
                            delivered_on = $8, snapshot = $9, machine_version = $10, version = version + 1,
                            updated_at = now()
            WHERE id = $1 AND version = $2
           RETURNING id, version),
         timeline AS (
           INSERT INTO case_events (case_id, seq, type, payload, actor_id, actor_label, request_id, from_state, to_state)
           SELECT id, version, $11, $12, NULL, 'bench floor', NULL, $13, $4 FROM moved),
         audit AS (
           INSERT INTO audit_log (actor_id, actor_email, action, entity, entity_id, summary, request_id)
           SELECT NULL, 'bench floor', 'case.event', 'case', id::text,
                  jsonb_build_object('type', $11::text, 'version', version, 'from', $13::text, 'to', $4::text), NULL
             FROM moved)
       SELECT version FROM moved`,
};

/** Each case's version and restored snapshot, as this server last wrote it. */
const cases = new Map();

async function load(id) {
  let known = cases.get(id);
  if (!known) {
    const { rows } = await pool.query('SELECT version, machine_version, snapshot FROM cases WHERE id = $1', [id]);
    if (!rows[0]) return null;
    known = { version: rows[0].version, snapshot: restore(rows[0].snapshot, rows[0].machine_version) };
    cases.set(id, known);
  }
  return known;
}

function answer(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function handle(url, body) {
  const id = /^\/api\/v1\/cases\/([0-9a-f-]{36})\/events$/.exec(url)?.[1];
  if (!id) return [404, { message: 'Not found' }];
  const { expectedVersion, ...event } = JSON.parse(body);
  const known = await load(id);
  if (!known) return [404, { message: 'No such case' }];
  if (known.version !== expectedVersion) return [409, { version: known.version }];
  const result = step(known.snapshot, event);
  if (!result.accepted) return [422, { reasons: result.reasons }];
  const columns = columnsOf(result.next);
  const fromState = stateName(known.snapshot.value);
  const { rows } = await pool.query({
    ...MOVE,
    values: [
      id,
      known.version,
      columns.stage,
      columns.state,
      columns.onHold,
      columns.managerId,
      columns.onsiteStart,
      columns.deliveredOn,
      JSON.stringify(persist(result.next)),
      MACHINE_VERSION,
      event.type,
      JSON.stringify(event),
      fromState,
    ],
  });
  if (!rows[0]) {
    cases.delete(id);
    return [409, { message: 'The case changed' }];
  }
  cases.set(id, { version: rows[0].version, snapshot: result.next });
  return [200, { id, version: rows[0].version, state: columns.state, context: result.next.context }];
}

/** GET /api/v1/health, and GET /api/v1/cases/:id with the case's version (the bench's clients read it after a failure). */
async function read(url) {
  if (url === '/api/v1/health') return [200, { status: 'ok' }];
  const id = /^\/api\/v1\/cases\/([0-9a-f-]{36})$/.exec(url)?.[1];
  const known = id && (await load(id));
  return known ? [200, { id, version: known.version }] : [404, { message: 'Not found' }];
}

const server = http.createServer((req, res) => {
  const reply = (promise) =>
    promise.then(
      ([status, body]) => answer(res, status, body),
      (error) => answer(res, 500, { message: String(error?.message ?? error) }),
    );
  if (req.method === 'GET') return reply(read(req.url));
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => reply(handle(req.url, Buffer.concat(chunks).toString('utf8'))));
});
server.listen(Number(process.env.PORT), '127.0.0.1');
process.on('SIGTERM', () => {
  server.close();
  void pool.end();
});
