import pg from 'pg';
import { query } from './support/environment.js';
import { createTestApp, type TestApp } from './support/test-app.js';

let t: TestApp;
let manager: string;
let viewer: string;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await createTestApp();
  manager = (await t.as('peer_challenge_manager')).token;
  viewer = (await t.as('viewer')).token;
});
afterAll(() => t.close());

const count = async (table: string) =>
  Number((await query<{ n: string }>(t.database.url, `SELECT count(*) AS n FROM ${table}`))[0].n);

async function createPeer(body: Record<string, unknown>) {
  const response = await t.http.post('/api/v1/peers').set(as(manager)).send(body);
  if (response.status !== 201) throw new Error(`${response.status} ${response.text}`);
  return response.body as { id: string };
}

describe('the peer pool', () => {
  it('records officer, member and external peers and finds them by search and filters', async () => {
    const officer = await createPeer({
      name: 'Jane Smith',
      email: 'Jane.Smith@Example.org',
      kind: 'officer',
      homeCouncilGssCode: 'e07000223',
      role: 'chief_executive',
      expertise: ['Finance', 'housing', 'finance'],
    });
    expect(officer).toMatchObject({
      name: 'Jane Smith',
      email: 'jane.smith@example.org',
      kind: 'officer',
      homeCouncil: { gssCode: 'E07000223', name: 'Adur' },
      role: 'chief_executive',
      expertise: ['finance', 'housing'],
      financeExpertise: true,
      politicalGroup: null,
      trainedOn: null,
      active: true,
    });
    await createPeer({
      name: 'Cllr Amir Khan',
      email: 'amir.khan@example.org',
      kind: 'member',
      homeCouncilGssCode: 'E08000003',
      role: 'leader',
      politicalGroup: 'labour',
      expertise: [],
      trainedOn: '2024-09-12',
    });
    await createPeer({ name: 'Sam External', email: 'sam@example.org', kind: 'external', expertise: ['digital'] });

    const byExpertise = await t.http.get('/api/v1/peers?expertise=FINANCE').set(as(viewer)).expect(200);
    expect(byExpertise.body.items.map((p: { name: string }) => p.name)).toEqual(['Jane Smith']);
    const members = await t.http.get('/api/v1/peers?kind=member').set(as(viewer)).expect(200);
    expect(members.body).toMatchObject({ total: 1, items: [{ name: 'Cllr Amir Khan', politicalGroup: 'labour' }] });
    const search = await t.http.get('/api/v1/peers?q=sam').set(as(viewer)).expect(200);
    expect(search.body.items.map((p: { email: string }) => p.email)).toEqual(['sam@example.org']);
    const detail = await t.http.get(`/api/v1/peers/${officer.id}`).set(as(viewer)).expect(200);
    expect(detail.body.dealings).toEqual([]);
  });

  it.each([
    [{ kind: 'alien' }, 'kind'],
    [{ homeCouncilGssCode: 'E99999999' }, 'homeCouncilGssCode'],
    [{ politicalGroup: 'labour' }, 'politicalGroup'],
    [{ role: 'mayor' }, 'role'],
    [{ expertise: 'finance' }, 'expertise'],
    [{ trainedOn: '2024-02-30' }, 'trainedOn'],
    [{ trainedOn: '2999-01-01' }, 'trainedOn'],
    [{ email: 'nope' }, 'email'],
  ])('refuses %p with 400 naming %s, writing nothing', async (change, field) => {
    const before = await count('peers');
    const response = await t.http
      .post('/api/v1/peers')
      .set(as(manager))
      .send({ name: 'Bad Input', email: 'bad.input@example.org', kind: 'officer', expertise: [], ...change })
      .expect(400);
    expect(response.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await count('peers')).toBe(before);
  });

  it('refuses a second peer with the same email (409), and updates a peer with an audit entry', async () => {
    const peer = await createPeer({ name: 'Pat Lee', email: 'pat.lee@example.org', kind: 'member', expertise: [] });
    await t.http
      .post('/api/v1/peers')
      .set(as(manager))
      .send({ name: 'Pat', email: 'PAT.LEE@example.org', kind: 'officer', expertise: [] })
      .expect(409);
    const updated = await t.http
      .patch(`/api/v1/peers/${peer.id}`)
      .set(as(manager))
      .send({ politicalGroup: 'green', trainedOn: '2023-01-10', active: false })
      .expect(200);
    expect(updated.body).toMatchObject({ politicalGroup: 'green', trainedOn: '2023-01-10', active: false });
    await t.http.patch(`/api/v1/peers/${peer.id}`).set(as(manager)).send({ name: null }).expect(400);
    for (const field of ['email', 'kind', 'expertise', 'active'])
      await t.http
        .patch(`/api/v1/peers/${peer.id}`)
        .set(as(manager))
        .send({ [field]: null })
        .expect(400);
    // An empty home council is no council, not "none" (null clears it): found by the fuzz test as a 500.
    const empty = await t.http
      .patch(`/api/v1/peers/${peer.id}`)
      .set(as(manager))
      .send({ homeCouncilGssCode: '' })
      .expect(400);
    expect(empty.body.message).toBe('homeCouncilGssCode must be a GSS code such as E06000059');
    await t.http
      .patch(`/api/v1/peers/${peer.id}`)
      .set(as(manager))
      .send({ homeCouncilGssCode: 'E06000059' })
      .expect(200);
    const cleared = await t.http
      .patch(`/api/v1/peers/${peer.id}`)
      .set(as(manager))
      .send({ homeCouncilGssCode: null, role: null, trainedOn: null })
      .expect(200);
    expect(cleared.body).toMatchObject({ homeCouncil: null, role: null, trainedOn: null });
    await t.http.patch(`/api/v1/peers/${peer.id}`).set(as(manager)).send({ trainedOn: '2023-01-10' }).expect(200);
    await t.http.patch(`/api/v1/peers/${peer.id}`).set(as(manager)).send({ kind: 'officer' }).expect(200);
    expect((await t.http.get(`/api/v1/peers/${peer.id}`).set(as(viewer))).body.politicalGroup).toBeNull();
    const audit = await t.http.get(`/api/v1/audit?entity=peer&entityId=${peer.id}`).set(as(t.adminToken)).expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual([
      ...Array(5).fill('peer.update'),
      'peer.create',
    ]);
  });

  it('updates more peers at once than the pool has connections, each checking its home council in its own transaction', async () => {
    const peers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        createPeer({ name: `Peer ${i}`, email: `pool.${i}@example.org`, kind: 'officer', expertise: [] }),
      ),
    );
    // Hold the peers' rows, so that each update waits for its row inside its transaction, holding a connection.
    const holder = new pg.Client({ connectionString: t.database.url });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT id FROM peers WHERE id = ANY($1::uuid[]) FOR UPDATE', [peers.map((p) => p.id)]);
    const answers = Promise.all(
      peers.map((peer) =>
        t.http.patch(`/api/v1/peers/${peer.id}`).set(as(manager)).send({ homeCouncilGssCode: 'E06000059' }),
      ),
    );
    for (let waited = 0; waited < 100; waited++) {
      const [{ n }] = await query<{ n: number }>(
        t.database.url,
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'",
      );
      if (n >= 10) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await holder.query('COMMIT');
    await holder.end();
    // Each update used to ask the pool for a second connection inside its transaction: with every connection held
    // by those transactions, none came, and after the pool's 5 s timeout they failed.
    expect((await answers).map((a) => a.status)).toEqual(Array(12).fill(200));
  });

  it('answers 404 for an unknown peer and 403 when a viewer tries to add one', async () => {
    await t.http.get('/api/v1/peers/00000000-0000-0000-0000-000000000000').set(as(viewer)).expect(404);
    await t.http
      .get('/api/v1/peers/not-an-id/conflicts?councilGssCode=E06000059&role=member_peer')
      .set(as(viewer))
      .expect(404);
    await t.http
      .post('/api/v1/peers')
      .set(as(viewer))
      .send({ name: 'x', email: 'x@example.org', kind: 'officer', expertise: [] })
      .expect(403);
  });
});

describe('dealings and the pre-check', () => {
  let peerId: string;
  beforeAll(async () => {
    peerId = (
      await createPeer({
        name: 'Chris Doyle',
        email: 'chris.doyle@example.org',
        kind: 'officer',
        homeCouncilGssCode: 'E06000052',
        role: 'chief_executive',
        expertise: ['finance'],
      })
    ).id;
  });

  it.each([
    [{ councilGssCode: 'E99999999' }, 'councilGssCode'],
    [{ kind: 'friendship' }, 'kind'],
    [{ from: '2020-01-01', to: '2019-12-31' }, 'to'],
    [{ from: 'last year' }, 'from'],
  ])('refuses the dealing %p with 400 naming %s, writing nothing', async (change, field) => {
    const before = await count('peer_dealings');
    const response = await t.http
      .post(`/api/v1/peers/${peerId}/dealings`)
      .set(as(manager))
      .send({ councilGssCode: 'E06000059', kind: 'employment', from: '2015-04-01', ...change })
      .expect(400);
    expect(response.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await count('peer_dealings')).toBe(before);
  });

  it("a peer whose home council was abolished into the host's council cannot serve it in any role (lineage)", async () => {
    const northDorset = await createPeer({
      name: 'Nadia North',
      email: 'nadia.north@example.org',
      kind: 'officer',
      homeCouncilGssCode: 'E07000050',
      role: 'director',
      expertise: [],
    });
    for (const role of ['lead_officer_peer', 'officer_peer']) {
      const check = await t.http
        .get(`/api/v1/peers/${northDorset.id}/conflicts?councilGssCode=E06000059&role=${role}&on=2026-11-22`)
        .set(as(viewer))
        .expect(200);
      expect(check.body).toMatchObject({ canServe: false, clear: false });
      expect(check.body.findings).toEqual([
        expect.objectContaining({
          id: `own_council:${northDorset.id}:E07000050`,
          severity: 'hard',
          rule: 'own_council',
          detail: expect.stringContaining('North Dorset (a predecessor or successor of Dorset Council)'),
        }),
      ]);
    }
  });

  it('a lead officer peer who worked at the host within five years cannot serve a first CPC; another role can, with a warning', async () => {
    const dealing = await t.http
      .post(`/api/v1/peers/${peerId}/dealings`)
      .set(as(manager))
      .send({
        councilGssCode: 'e06000059',
        kind: 'employment',
        from: '2015-04-01',
        to: '2022-03-31',
        note: 'Director of place',
      })
      .expect(201);
    expect(dealing.body).toMatchObject({
      councilGssCode: 'E06000059',
      councilName: 'Dorset Council',
      kind: 'employment',
      from: '2015-04-01',
      to: '2022-03-31',
    });

    const lead = await t.http
      .get(`/api/v1/peers/${peerId}/conflicts?councilGssCode=E06000059&role=lead_officer_peer&on=2026-11-22`)
      .set(as(viewer))
      .expect(200);
    expect(lead.body).toMatchObject({
      canServe: false,
      firstCpc: true,
      on: '2026-11-22',
      config: { lookBackYears: 5, trainingRefresherYears: 3 },
    });
    expect(lead.body.findings).toContainEqual(
      expect.objectContaining({ peerId, severity: 'hard', rule: 'employment' }),
    );
    const employment = lead.body.findings.find((f: { rule: string }) => f.rule === 'employment');
    expect(employment.detail).toContain('Dorset Council');
    expect(employment.detail).toContain('2022-03-31');

    const member = await t.http
      .get(`/api/v1/peers/${peerId}/conflicts?councilGssCode=E06000059&role=officer_peer&on=2026-11-22`)
      .set(as(viewer))
      .expect(200);
    expect(member.body.canServe).toBe(true);
    expect(member.body.findings).toContainEqual(expect.objectContaining({ severity: 'soft', rule: 'employment' }));
  });

  it('flags a peer whose home council shares management with the host', async () => {
    await t.http
      .post('/api/v1/councils/E07000223/relationships')
      .set(as(t.adminToken))
      .send({ otherGssCode: 'E07000228', kind: 'shared_management', from: '2008-04-01' })
      .expect(201);
    const seenFromOther = await t.http.get('/api/v1/councils/E07000228/relationships').set(as(viewer)).expect(200);
    expect(seenFromOther.body.arrangements).toEqual([
      expect.objectContaining({
        otherGssCode: 'E07000223',
        otherName: 'Adur',
        kind: 'shared_management',
        from: '2008-04-01',
        to: null,
      }),
    ]);
    const adurPeer = await createPeer({
      name: 'Alex Adur',
      email: 'alex.adur@example.org',
      kind: 'officer',
      homeCouncilGssCode: 'E07000223',
      expertise: [],
    });
    const check = await t.http
      .get(`/api/v1/peers/${adurPeer.id}/conflicts?councilGssCode=E07000228&role=lead_officer_peer`)
      .set(as(viewer))
      .expect(200);
    expect(check.body.canServe).toBe(false);
    expect(check.body.findings).toContainEqual(
      expect.objectContaining({ severity: 'hard', rule: 'shared_arrangement' }),
    );
  });

  it('refuses a pre-check for an unknown council or role with 400', async () => {
    const unknown = await t.http
      .get(`/api/v1/peers/${peerId}/conflicts?councilGssCode=E99999999&role=member_peer`)
      .set(as(viewer))
      .expect(400);
    expect(unknown.body.details[0].field).toBe('councilGssCode');
    const role = await t.http
      .get(`/api/v1/peers/${peerId}/conflicts?councilGssCode=E06000059&role=captain`)
      .set(as(viewer))
      .expect(400);
    expect(role.body.details[0].field).toBe('role');
    await t.http.get(`/api/v1/peers/${peerId}/conflicts?role=member_peer`).set(as(viewer)).expect(400);
  });
});

describe('council relationships', () => {
  it('lists neighbours, county and combined authority from the register', async () => {
    const response = await t.http.get('/api/v1/councils/E07000050/relationships').set(as(viewer)).expect(200);
    expect(response.body).toMatchObject({
      gssCode: 'E07000050',
      county: { gssCode: 'E10000009', name: 'Dorset' },
      arrangements: [],
    });
    const manchester = await t.http.get('/api/v1/councils/E08000003/relationships').set(as(viewer)).expect(200);
    expect(manchester.body.combinedAuthority).toEqual({ gssCode: expect.any(String), name: 'Greater Manchester' });
    expect(manchester.body.neighbours).toContainEqual(
      expect.objectContaining({ name: 'Salford', relation: 'shares_boundary' }),
    );
  });

  it.each([
    [{ otherGssCode: 'E99999999' }, 'otherGssCode'],
    [{ otherGssCode: 'E08000003' }, 'otherGssCode'],
    [{ kind: 'friendship' }, 'kind'],
    [{ from: '2020-01-01', to: '2019-01-01' }, 'to'],
  ])('refuses the arrangement %p with 400 naming %s, writing nothing', async (change, field) => {
    const before = await count('council_arrangements');
    const response = await t.http
      .post('/api/v1/councils/E08000003/relationships')
      .set(as(t.adminToken))
      .send({ otherGssCode: 'E08000006', kind: 'shared_services', from: '2019-01-01', ...change })
      .expect(400);
    expect(response.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
    expect(await count('council_arrangements')).toBe(before);
  });
});
