import type { TestingModule } from '@nestjs/testing';
import pg from 'pg';
import { PlanningJobsModule, ReplanJob } from '#libs/planning';
import { DatabaseLock, JobName, schedules } from '#libs/platform';
import { query } from './support/environment.js';
import { createTestApp, type TestApp } from './support/test-app.js';
import { jobHandlers } from './support/test-worker.js';

/** The daily re-plan: a plan only when its inputs changed, what moved recorded, safe to run twice or at once. */
let t: TestApp;
let jobs: TestingModule;
const as = (token: string) => ({ Authorization: `Bearer ${token}` });
const plans = async () =>
  query<{ id: string; created_by_label: string }>(
    t.database.url,
    'SELECT id::text, created_by_label FROM plans ORDER BY id',
  );

beforeAll(async () => {
  t = await createTestApp();
  jobs = await jobHandlers(PlanningJobsModule);
});
afterAll(async () => {
  await jobs.close();
  await t.close();
});

it('is scheduled daily', () => {
  expect(schedules({ nudgeSchedule: '0 9 * * 1' })).toContainEqual({ job: JobName.Replan, pattern: '45 6 * * *' });
});

it('re-plans only when the inputs changed and records what moved', async () => {
  const job = jobs.get(ReplanJob);
  await t.http
    .put('/api/v1/plans/settings')
    .set(as(t.adminToken))
    .send({ horizonQuarters: 8, capacityPerQuarter: 400 })
    .expect(200);

  expect(await job.run(undefined, undefined, '2026-12-06')).toBe(
    'plan 1 stored: 0 council(s) moved, 0 digest(s) queued',
  );
  expect(await job.run(undefined, undefined, '2026-12-06')).toBe('inputs unchanged since the latest plan: no new plan');
  // A later day of the same quarter reads the same inputs.
  expect(await job.run(undefined, undefined, '2026-12-20')).toBe('inputs unchanged since the latest plan: no new plan');
  expect(await plans()).toEqual([{ id: '1', created_by_label: 'daily re-plan' }]);

  const adviser = await t.as('principal_adviser');
  await query(t.database.url, 'UPDATE councils SET principal_adviser_id = $1 WHERE gss_code = $2', [
    adviser.id,
    'E06000054',
  ]);
  await t.http
    .put('/api/v1/plans/constraints/E06000054')
    .set(as(adviser.token))
    .send({ notBefore: '2027-07-01', reason: 'new chief executive from July' })
    .expect(200);
  expect(await job.run(undefined, undefined, '2026-12-21')).toBe(
    'plan 2 stored: 1 council(s) moved, 1 digest(s) queued',
  );
  const digests = await query<{ to_addresses: Array<{ address: string }>; subject: string; text_body: string }>(
    t.database.url,
    "SELECT to_addresses, subject, text_body FROM emails WHERE template = 'plan-moves-digest'",
  );
  expect(digests).toHaveLength(1);
  expect(digests[0].to_addresses[0].address).toBe(adviser.email);
  expect(digests[0].subject).toBe('The five-year plan moved 1 of your council(s) by more than a quarter');
  expect(digests[0].text_body).toContain('Wiltshire: 2027-Q1 → 2027-Q3');
  const moved = await t.http.get('/api/v1/plans/2/moves').set(as(adviser.token)).expect(200);
  expect(moved.body).toEqual({ planId: '2', moves: [{ gssCode: 'E06000054', from: '2027-Q1', to: '2027-Q3' }] });
  const latest = await t.http.get('/api/v1/plans/latest').set(as(adviser.token)).expect(200);
  expect(latest.body).toMatchObject({ id: '2', createdBy: 'daily re-plan', inputs: { asOf: '2026-12-21' } });

  // Two runs at once store one plan at most: the second sees the same inputs, or finds the lock taken.
  await t.http.delete('/api/v1/plans/constraints/E06000054').set(as(adviser.token)).expect(204);
  const both = await Promise.all([
    job.run(undefined, undefined, '2026-12-22'),
    job.run(undefined, undefined, '2026-12-22'),
  ]);
  expect(both.filter((said) => said.startsWith('plan 3 stored'))).toHaveLength(1);
  expect((await plans()).map((p) => p.id)).toEqual(['1', '2', '3']);
});

it('skips while a plan run holds the lock', async () => {
  const holder = new pg.Client({ connectionString: t.database.url });
  await holder.connect();
  try {
    await holder.query('SELECT pg_advisory_lock($1)', [DatabaseLock.PlanRun]);
    expect(await jobs.get(ReplanJob).run(undefined, undefined, '2027-01-05')).toBe(
      'another plan run is in progress: skipped',
    );
  } finally {
    await holder.end();
  }
  expect(await jobs.get(ReplanJob).run(undefined, undefined, '2027-01-05')).toMatch(/^plan 4 stored: \d+ council/);
});
