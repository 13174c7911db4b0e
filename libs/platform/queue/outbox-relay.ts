import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { ConfigType } from '@nestjs/config';
import { mailConfig, nudgesConfig } from '../config/config.js';
import { RedisClient } from '../redis/redis.module.js';
import { JOB_QUEUE, QueueName, schedules } from './jobs.js';

const BATCH = 200;
const IDLE_MS = 200;
const FAILING_MS = 2000;

interface OutboxRow {
  id: string;
  queue: QueueName;
  job_name: string;
  payload: Record<string, unknown>;
  job_id: string | null;
  run_at: Date | null;
}

function jobOf(row: OutboxRow) {
  const delay = row.run_at ? Math.max(0, row.run_at.getTime() - Date.now()) : 0;
  return { name: row.job_name, data: row.payload, opts: { jobId: row.job_id ?? `outbox-${row.id}`, delay } };
}

/** How jobs are kept: failed ones stay for inspection; retries back off. */
export const JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 50_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;

/**
 * Hands outbox rows to BullMQ, oldest first, with the row's job id (default: the row id): a row relayed twice
 * (the worker died between adding the job and marking the row) is still one job. Rows are claimed with SKIP LOCKED, so
 * several workers can relay at once; while Redis or PostgreSQL is down the rows wait and are relayed when
 * both are back.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues = new Map<QueueName, Queue>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private failing = false;
  private scheduled = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: RedisClient,
    @Inject(nudgesConfig.KEY) private readonly nudges: ConfigType<typeof nudgesConfig>,
    @Inject(mailConfig.KEY) private readonly mail: ConfigType<typeof mailConfig>,
  ) {}

  onApplicationBootstrap(): void {
    const { url, queuePrefix } = this.redis.config;
    for (const name of Object.values(QueueName)) {
      const queue = new Queue(name, {
        connection: { url, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 },
        prefix: queuePrefix,
        // SMTP outages last minutes to hours: mail backs off from MAIL_RETRY_SECONDS (8 attempts: about 4 hours).
        defaultJobOptions:
          name === QueueName.Mail
            ? { ...JOB_OPTIONS, backoff: { type: 'exponential', delay: this.mail.retrySeconds * 1000 } }
            : JOB_OPTIONS,
      });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    this.schedule(0);
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }

  /** Relays one batch; returns how many rows it relayed. */
  async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<OutboxRow[]>(
        `SELECT id, queue, job_name, payload, job_id, run_at FROM outbox WHERE relayed_at IS NULL
          ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      if (rows.length === 0) return 0;
      for (const name of new Set(rows.map((row) => row.queue))) {
        const queue = this.queues.get(name);
        if (!queue) throw new Error(`outbox row for unknown queue ${name}`);
        await queue.addBulk(rows.filter((row) => row.queue === name).map(jobOf));
      }
      await manager.query('UPDATE outbox SET relayed_at = now() WHERE id = ANY($1::bigint[])', [
        rows.map((row) => row.id),
      ]);
      return rows.length;
    });
  }

  /** The worker's own recurring jobs (BullMQ job schedulers: one per id however many workers upsert it). */
  private async upsertSchedules(): Promise<void> {
    for (const { job, every, pattern } of schedules({ nudgeSchedule: this.nudges.schedule })) {
      const repeat = every ? { every } : { pattern, tz: 'Europe/London' };
      await this.queues.get(JOB_QUEUE[job])!.upsertJobScheduler(job, repeat, { name: job, data: {} });
    }
    this.scheduled = true;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => (this.running = undefined));
    }, delay);
  }

  private async tick(): Promise<void> {
    try {
      if (!this.scheduled) await this.upsertSchedules();
      const relayed = await this.relayBatch();
      if (this.failing) this.logger.log('relaying the outbox again');
      this.failing = false;
      this.schedule(relayed === BATCH ? 0 : IDLE_MS);
    } catch (error) {
      if (!this.failing) this.logger.warn(`cannot relay the outbox yet: ${(error as Error).message}`);
      this.failing = true;
      this.schedule(FAILING_MS);
    }
  }
}
