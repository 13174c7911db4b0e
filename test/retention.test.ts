import type { INestApplicationContext } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { Queue } from 'bullmq';
import {
  appConfig,
  DatabaseModule,
  JobName,
  operationsConfig,
  QueueName,
  RetentionJob,
  schedules,
} from '#libs/platform';
import { createTestDatabase, query, useTestEnvironment, type TestDatabase } from './support/environment.js';
import { startTestWorker } from './support/test-worker.js';
import { MIGRATIONS } from '../migrations/index.js';

/**
 * The daily retention job (issue #21) on a real database, with rows on both sides of each period: relayed outbox
 * rows and ended sessions after 30 days, sign-in throttle rows after a day, emails' content after 180 days (the
 * email log row stays). Each period is configurable; running it again removes nothing more.
 */
describe('the retention job', () => {
  let database: TestDatabase;
  const sql = <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
    query<T>(database.url, text, params);

  /** The job on its own (`worker: false`; no sweeps touching the rows meanwhile) or in the whole worker. */
  async function withWorker<T>(
    env: NodeJS.ProcessEnv,
    work: (worker: INestApplicationContext) => Promise<T>,
    { whole = false } = {},
  ) {
    useTestEnvironment(database);
    const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
    Object.assign(process.env, env);
    const worker = whole
      ? await startTestWorker()
      : await Test.createTestingModule({
          imports: [
            ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [appConfig, operationsConfig] }),
            DatabaseModule.forRoot(MIGRATIONS),
          ],
          providers: [RetentionJob],
        })
          .compile()
          .then((module) => module.createNestApplication({ logger: ['error'] }).init());
    try {
      return await work(worker);
    } finally {
      await worker.close();
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    const [{ id: userId }] = await sql<{ id: string }>(
      `INSERT INTO users (email, name, password_hash, roles) VALUES ('kept@example.org', 'Kept', 'x', '{viewer}')
       RETURNING id`,
    );
    // Outbox: relayed 31 and 29 days ago (with an 'old' and a 'recent' mark), and one never relayed, 40 days old.
    await sql(
      `INSERT INTO outbox (queue, job_name, payload, created_at, relayed_at) VALUES
        ('mail', 'send-email', '{"mark":"old"}', now() - interval '31 days', now() - interval '31 days'),
        ('mail', 'send-email', '{"mark":"recent"}', now() - interval '29 days', now() - interval '29 days'),
        ('mail', 'send-email', '{"mark":"waiting"}', now() - interval '40 days', NULL)`,
    );
    // Sessions: revoked 31 days ago; expired 31 days ago; revoked 10 days ago; one still open, started 60 days ago.
    await sql(
      `INSERT INTO sessions (user_id, created_at, expires_at, revoked_at) VALUES
        ($1, now() - interval '32 days', now() - interval '20 days', now() - interval '31 days'),
        ($1, now() - interval '32 days', now() - interval '31 days', NULL),
        ($1, now() - interval '11 days', now() + interval '1 hour', now() - interval '10 days'),
        ($1, now() - interval '60 days', now() + interval '1 hour', NULL)`,
      [userId],
    );
    await sql(
      `INSERT INTO login_throttle (key, failures, window_started_at) VALUES
        ('account:old@example.org', 3, now() - interval '25 hours'),
        ('account:recent@example.org', 2, now() - interval '23 hours')`,
    );
    // Emails: sent 181 and 179 days ago, failed 200 days ago, and one still queued, 200 days old.
    for (const [key, status, age] of [
      ['old-sent', 'sent', 181],
      ['recent-sent', 'sent', 179],
      ['old-failed', 'failed', 200],
      ['old-queued', 'queued', 200],
    ] as const) {
      await sql(
        `INSERT INTO emails (idempotency_key, template, to_addresses, subject, html, text_body, status, created_at, sent_at)
         VALUES ($1, 'nudge', '["ce@council.example.org"]', 'Subject', '<p>Dear Chief</p>', 'Dear Chief', $2,
                 now() - make_interval(days => $3), CASE WHEN $2 = 'sent' THEN now() - make_interval(days => $3) END)`,
        [key, status, age],
      );
    }
  });
  afterAll(() => database.drop());

  it('is scheduled daily on the reminders queue under a fixed id', () => {
    expect(schedules({ nudgeSchedule: '0 9 * * 1' })).toContainEqual({ job: JobName.Retention, pattern: '40 3 * * *' });
  });

  it('removes what is past its period, keeps the rest, and removes nothing more when run again', async () => {
    await withWorker({}, async (worker) => {
      const job = worker.get(RetentionJob);
      expect(await job.run()).toEqual({ outbox: 1, sessions: 2, throttle: 1, emailBodies: 2 });

      const outbox = await sql<{ mark: string }>(`SELECT payload->>'mark' AS mark FROM outbox ORDER BY id`);
      expect(outbox.map((r) => r.mark)).toEqual(['recent', 'waiting']);
      const sessions = await sql<{ n: number }>('SELECT count(*)::int AS n FROM sessions');
      expect(sessions[0].n).toBe(2);
      const throttle = await sql<{ key: string }>('SELECT key FROM login_throttle');
      expect(throttle).toEqual([{ key: 'account:recent@example.org' }]);
      const emails = await sql<{
        idempotency_key: string;
        html: string;
        text_body: string;
        removed: boolean;
        template: string;
        to_addresses: string[];
        status: string;
        created_at: Date;
      }>(
        `SELECT idempotency_key, html, text_body, body_removed_at IS NOT NULL AS removed, template, to_addresses,
                status, created_at FROM emails ORDER BY idempotency_key`,
      );
      expect(emails.map((e) => [e.idempotency_key, e.removed, e.html, e.text_body])).toEqual([
        ['old-failed', true, '', ''],
        ['old-queued', false, '<p>Dear Chief</p>', 'Dear Chief'],
        ['old-sent', true, '', ''],
        ['recent-sent', false, '<p>Dear Chief</p>', 'Dear Chief'],
      ]);
      // The log row stays: who, when, which template, which key.
      const old = emails.find((e) => e.idempotency_key === 'old-sent')!;
      expect([old.template, old.to_addresses, old.status]).toEqual(['nudge', ['ce@council.example.org'], 'sent']);
      expect(old.created_at).toBeInstanceOf(Date);

      expect(await job.run()).toEqual({ outbox: 0, sessions: 0, throttle: 0, emailBodies: 0 });
    });
  });

  it('takes each period from the environment', async () => {
    await withWorker(
      {
        RETENTION_OUTBOX_DAYS: '20',
        RETENTION_SESSION_DAYS: '5',
        RETENTION_THROTTLE_DAYS: '365',
        RETENTION_EMAIL_BODY_DAYS: '90',
      },
      async (worker) => {
        expect(await worker.get(RetentionJob).run()).toEqual({ outbox: 1, sessions: 1, throttle: 0, emailBodies: 1 });
        const throttle = await sql<{ n: number }>('SELECT count(*)::int AS n FROM login_throttle');
        expect(throttle[0].n).toBe(1);
      },
    );
  });

  it('is registered as a job scheduler by the worker', async () => {
    await withWorker(
      {},
      async () => {
        const queue = new Queue(QueueName.Reminders, {
          connection: { url: process.env.REDIS_URL! },
          prefix: process.env.QUEUE_PREFIX,
        });
        try {
          const scheduler = await (async () => {
            for (let i = 0; i < 100; i++) {
              const found = await queue.getJobScheduler(JobName.Retention);
              if (found) return found;
              await new Promise((resolve) => setTimeout(resolve, 100));
            }
            return undefined;
          })();
          expect(scheduler).toEqual(expect.objectContaining({ key: 'retention', pattern: '40 3 * * *' }));
        } finally {
          await queue.close();
        }
      },
      { whole: true },
    );
  });
});
