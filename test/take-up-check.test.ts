import type { TestingModule } from '@nestjs/testing';
import { ReportingJobsModule, TakeUpCheckJob } from '#libs/reporting';
import { query } from './support/environment.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { jobHandlers } from './support/test-worker.js';

/** The daily take-up check: status changes recorded with their day, one digest per change however often it runs. */
let t: TestApp;
let jobs: TestingModule;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await createTestApp();
  jobs = await jobHandlers(ReportingJobsModule);
});
afterAll(async () => {
  await jobs.close();
  await t.close();
});

it('records a council falling due on its fourth anniversary and tells its region’s adviser once', async () => {
  const adviser = await t.as('principal_adviser'); // region: South West
  await t.http
    .post('/api/v1/imports/peer-challenges')
    .set(as(t.adminToken))
    .send([{ councilGssCode: 'E06000054', type: 'corporate_peer_challenge', onsiteStart: '2022-06-01' }])
    .expect(201);
  const job = jobs.get(TakeUpCheckJob);

  expect(await job.run(undefined, undefined, '2026-01-05')).toBe('0 change(s) recorded, 0 digest(s) queued');
  expect(await job.run(undefined, undefined, '2026-05-31')).toBe('0 change(s) recorded, 0 digest(s) queued');
  expect(await job.run(undefined, undefined, '2026-06-01')).toBe('1 change(s) recorded, 1 digest(s) queued');
  expect(await job.run(undefined, undefined, '2026-06-01')).toBe('0 change(s) recorded, 0 digest(s) queued');
  expect(await job.run(undefined, undefined, '2026-06-02')).toBe('0 change(s) recorded, 0 digest(s) queued');

  const digests = await query<{ to_addresses: Array<{ address: string }>; subject: string; text_body: string }>(
    t.database.url,
    "SELECT to_addresses, subject, text_body FROM emails WHERE template = 'take-up-digest'",
  );
  expect(digests).toHaveLength(1);
  expect(digests[0].to_addresses).toEqual([{ name: 'Test principal_adviser', address: adviser.email }]);
  expect(digests[0].subject).toBe('Take-up in South West: 1 council(s) now due or overdue');
  expect(digests[0].text_body).toContain('Wiltshire: due since 2026-06-01');

  const history = await t.http.get('/api/v1/councils/E06000054/history').set(as(adviser.token)).expect(200);
  expect(history.body.takeUpChanges).toEqual([{ from: 'current', to: 'due', on: '2026-06-01' }]);
});
