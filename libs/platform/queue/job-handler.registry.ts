import { hostname } from 'node:os';
import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { Worker, type Job } from 'bullmq';
import type { ConfigType } from '@nestjs/config';
import { PinoLogger } from 'nestjs-pino';
import { mailConfig } from '../config/config.js';
import { RedisClient } from '../redis/redis.module.js';
import { handlerProblems } from './handler-check.js';
import { JOB_HANDLER } from './job-handler.decorator.js';
import { JOB_QUEUE, JobName, QueueName } from './jobs.js';

type Handler = (data: unknown, job: Job) => Promise<unknown>;

/**
 * Finds every @JobHandler in the worker, refuses to start unless each job has exactly one, and runs one
 * BullMQ worker per queue that dispatches by job name.
 */
@Injectable()
export class JobHandlerRegistry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobHandlerRegistry.name);
  private readonly workers: Worker[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly redis: RedisClient,
    @Inject(mailConfig.KEY) private readonly mail: ConfigType<typeof mailConfig>,
    @Optional() private readonly pino?: PinoLogger,
  ) {}

  /**
   * Runs one job with its id, name and queue (and the request id that asked for it, when its data carries one) on
   * every log line written while it runs, and logs one line when it ends.
   */
  private async runLogged(queue: string, job: Job, work: () => Promise<unknown>): Promise<unknown> {
    const data = (job.data ?? {}) as { requestId?: unknown; correlationId?: unknown };
    const correlation = data.requestId ?? data.correlationId;
    const bindings = {
      jobId: job.id,
      job: job.name,
      queue,
      attempt: job.attemptsMade + 1,
      ...(typeof correlation === 'string' ? { requestId: correlation } : {}),
    };
    const run = async () => {
      const started = Date.now();
      try {
        const result = await work();
        this.logger.log(`job ${job.name} ${job.id ?? ''} completed in ${Date.now() - started} ms`);
        return result;
      } catch (error) {
        this.logger.warn(`job ${job.name} ${job.id ?? ''} failed: ${(error as Error).message}`);
        throw error;
      }
    };
    return this.pino ? this.pino.runInContext(run, { bindings }) : run();
  }

  discover(): Map<string, Handler> {
    const found: Array<[string, Handler]> = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const fn = instance[method] as Handler;
        const name = this.reflector.get<string | undefined>(JOB_HANDLER, fn);
        if (name) found.push([name, fn.bind(instance) as Handler]);
      }
    }
    const problems = handlerProblems(
      Object.values(JobName),
      found.map(([name]) => name),
    );
    if (problems.length > 0) throw new Error(`The worker cannot start: ${problems.join('; ')}`);
    return new Map(found);
  }

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.discover();
    const { url, queuePrefix, jobLockSeconds } = this.redis.config;
    for (const queue of Object.values(QueueName)) {
      const jobs = Object.entries(JOB_QUEUE)
        .filter(([, jobQueue]) => String(jobQueue) === queue)
        .map(([job]) => job);
      const worker = new Worker(
        queue,
        async (job: Job) => {
          const handler = handlers.get(job.name);
          if (!handler || !jobs.includes(job.name)) throw new Error(`no handler for job ${job.name}`);
          return this.runLogged(queue, job, () => handler(job.data, job));
        },
        {
          connection: { url, maxRetriesPerRequest: null },
          prefix: queuePrefix,
          // Recorded on each job it runs (processedBy), so a job can be traced to the worker process that ran it.
          name: `${hostname()}:${process.pid}`,
          // A running job's lock is renewed every half of this; a worker that dies stops renewing it, and the job is
          // found stalled and run again (by any worker) within one to two times this.
          lockDuration: jobLockSeconds * 1000,
          stalledInterval: jobLockSeconds * 1000,
          // Each email waits on PostgreSQL, SMTP and Redis in turn: eight in flight kept a busy machine's cores fed
          // (10,000 nudges, two workers: 241-346 emails/s against 233-255 with four; docs/PERFORMANCE.md).
          concurrency: queue === QueueName.Mail ? 8 : 2,
          // SMTP servers and recipients' providers throttle senders: keep under the configured rate.
          ...(queue === QueueName.Mail ? { limiter: { max: this.mail.ratePerMinute, duration: 60_000 } } : {}),
        },
      );
      worker.on('error', (error) => this.logger.warn(`queue ${queue}: ${error.message}`));
      this.workers.push(worker);
    }
    this.logger.log(`handling ${handlers.size} job(s) on ${this.workers.length} queue(s)`);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
  }
}
