import { randomBytes } from 'node:crypto';
import type request from 'supertest';

/** The API under test: the in-process app's `t.http`, or `request(baseUrl)` for a built API in a child process. */
export type Http = ReturnType<typeof request>;

const as = (token: string) => ({ Authorization: `Bearer ${token}` });

/** Opens a corporate peer challenge for the council and agrees its scope: the case is in team assembly. */
export async function caseInTeamAssembly(http: Http, token: string, councilGssCode = 'E06000059'): Promise<string> {
  const opened = await http
    .post('/api/v1/cases')
    .set(as(token))
    .send({ councilGssCode, type: 'corporate_peer_challenge' })
    .expect(201);
  await http
    .post(`/api/v1/cases/${opened.body.id}/events`)
    .set(as(token))
    .send({
      type: 'AGREE_SCOPE',
      expectedVersion: 1,
      focusAreas: [],
      onsiteStart: '2027-05-04',
      onsiteEnd: '2027-05-06',
    })
    .expect(200);
  return opened.body.id as string;
}

/**
 * Adds an officer peer (no home council, no dealings: no findings) to the pool and proposes them for the case
 * at its current version, which asks the worker for a conflict check.
 */
export async function proposeNewPeer(http: Http, token: string, caseId: string): Promise<void> {
  const id = randomBytes(4).toString('hex');
  const peer = await http
    .post('/api/v1/peers')
    .set(as(token))
    .send({ name: `Peer ${id}`, email: `peer-${id}@example.org`, kind: 'officer', expertise: [] })
    .expect(201);
  const current = await http.get(`/api/v1/cases/${caseId}`).set(as(token)).expect(200);
  await http
    .post(`/api/v1/cases/${caseId}/events`)
    .set(as(token))
    .send({ type: 'PROPOSE_PEER', expectedVersion: current.body.version, peerId: peer.body.id, role: 'officer_peer' })
    .expect(200);
}
