import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { RedisClient } from '../redis/redis.module.js';
import { QueueName } from '../queue/jobs.js';

export interface QueueState {
  queue: QueueName;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  /** Seconds since the oldest job waiting to run became due (0 when none waits). */
  oldestWaitingSeconds: number;
}

const STATES = ['waiting', 'prioritized', 'active', 'delayed', 'failed'] as const;

/** Reads the BullMQ queues' depth and age in Redis, for the health details and the metrics: the same for every replica. */
@Injectable()
export class QueueProbe implements OnApplicationShutdown {
  private queues: Map<QueueName, Queue> | undefined;

  constructor(private readonly redis: RedisClient) {}

  private open(): Map<QueueName, Queue> {
    if (!this.queues) {
      const { url, queuePrefix } = this.redis.config;
      this.queues = new Map(
        Object.values(QueueName).map((name) => {
          const queue = new Queue(name, {
            connection: { url, enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 },
            prefix: queuePrefix,
          });
          queue.on('error', () => undefined);
          return [name, queue];
        }),
      );
    }
    return this.queues;
  }

  async states(timeoutMs = 2000): Promise<QueueState[]> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Redis did not answer in time')), timeoutMs);
    });
    try {
      return await Promise.race([
        Promise.all([...this.open()].map(([name, queue]) => this.state(name, queue))),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async state(name: QueueName, queue: Queue): Promise<QueueState> {
    const counts = await queue.getJobCounts(...STATES);
    // The waiting list's oldest job (asc: oldest first), and the oldest of the prioritized ones.
    const oldest = [
      ...(await queue.getJobs(['wait'], 0, 0, true)),
      ...(await queue.getJobs(['prioritized'], 0, 0, true)),
    ];
    const now = Date.now();
    const ages = oldest.filter(Boolean).map((job) => (now - (job.timestamp + (job.delay ?? 0))) / 1000);
    return {
      queue: name,
      waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
      active: counts.active ?? 0,
      delayed: counts.delayed ?? 0,
      failed: counts.failed ?? 0,
      oldestWaitingSeconds: Math.max(0, ...ages),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...(this.queues?.values() ?? [])].map((queue) => queue.close().catch(() => undefined)));
  }
}
