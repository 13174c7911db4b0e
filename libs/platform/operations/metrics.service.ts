import { Injectable, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { QueueProbe, type QueueState } from './queue-probe.js';

/**
 * The API's Prometheus metrics (GET /metrics; docs/OPERATIONS.md, Monitoring). HTTP latency is this process's own;
 * everything else is read from PostgreSQL and Redis at each scrape, so every replica reports the whole system's
 * figures (take max, not sum, across replicas) and the workers need no endpoint of their own.
 */
@Injectable()
export class MetricsService {
  private readonly logger = new Logger(MetricsService.name);
  // A registry of this application's own (not prom-client's global one): two apps in one process stay apart.
  readonly registry = new Registry();
  private readonly http = new Histogram({
    name: 'lga_http_request_duration_seconds',
    help: 'HTTP requests answered by this API process, by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueProbe,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'lga_' });
    const sources = { dataSource, queues, logger: this.logger };
    new Gauge({
      name: 'lga_case_events',
      help: 'Case events applied since the system began, by event type (from the database)',
      labelNames: ['type'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const rows = await read(sources, 'case events', () =>
          dataSource.query<Array<{ type: string; n: number }>>(
            'SELECT type, count(*)::int AS n FROM case_events GROUP BY type',
          ),
        );
        for (const row of rows ?? []) this.set({ type: row.type }, row.n);
      },
    });
    new Gauge({
      name: 'lga_emails',
      help: 'Emails in the email log by status: sent, failed and bounced ones, and those still queued or sending',
      labelNames: ['status'],
      registers: [this.registry],
      async collect() {
        this.reset();
        const rows = await read(sources, 'emails', () =>
          dataSource.query<Array<{ status: string; n: number }>>(
            'SELECT status, count(*)::int AS n FROM emails GROUP BY status',
          ),
        );
        for (const status of ['queued', 'sending', 'sent', 'failed', 'bounced']) {
          if (rows) this.set({ status }, rows.find((row) => row.status === status)?.n ?? 0);
        }
      },
    });
    new Gauge({
      name: 'lga_outbox_waiting',
      help: 'Outbox rows not yet relayed to the queues',
      registers: [this.registry],
      async collect() {
        const rows = await read(sources, 'the outbox', () =>
          dataSource.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM outbox WHERE relayed_at IS NULL'),
        );
        if (rows) this.set(rows[0].n);
      },
    });
    // One read of Redis serves both queue gauges: the first to collect starts it, the second shares it.
    let pending: Promise<QueueState[] | undefined> | undefined;
    const states = () =>
      (pending ??= read(sources, 'the queues', () => queues.states()).finally(() => (pending = undefined)));
    new Gauge({
      name: 'lga_queue_jobs',
      help: 'Jobs in each BullMQ queue by state (waiting, active, delayed, failed)',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const state of (await states()) ?? []) {
          for (const key of ['waiting', 'active', 'delayed', 'failed'] as const) {
            this.set({ queue: state.queue, state: key }, state[key]);
          }
        }
      },
    });
    new Gauge({
      name: 'lga_queue_oldest_waiting_seconds',
      help: 'Age of the oldest job waiting to run in each queue (0 when none waits)',
      labelNames: ['queue'],
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const state of (await states()) ?? []) this.set({ queue: state.queue }, state.oldestWaitingSeconds);
      },
    });
  }

  /**
   * Express middleware timing each request by its route pattern (`/api/v1/cases/:id`, so ids make no series of their
   * own; `unmatched` for a path no route has). It also gives the request `routePattern()`, which the request log line
   * uses.
   */
  middleware(router: () => ExpressRouter | undefined) {
    return (request: Request, response: Response, next: NextFunction) => {
      const end = this.http.startTimer();
      const route = () => routePattern(router(), request.method, request.path) ?? 'unmatched';
      Object.defineProperty(request, 'routePattern', { value: route, enumerable: false });
      response.once('finish', () => {
        end({ method: request.method, route: route(), status: String(response.statusCode) });
      });
      next();
    };
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}

/** A source that cannot be read now leaves its series out of this scrape (PostgreSQL or Redis down). */
async function read<T>(sources: { logger: Logger }, what: string, work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    sources.logger.warn(`metrics: cannot read ${what}: ${(error as Error).message}`);
    return undefined;
  }
}

interface RouterLayer {
  route?: { path?: unknown; _handlesMethod?: (method: string) => boolean };
  match?: (path: string) => unknown;
}
export interface ExpressRouter {
  stack?: RouterLayer[];
}

/** The path pattern of the first route (not a `*` middleware mount) that takes `method` on `path`. */
export function routePattern(router: ExpressRouter | undefined, method: string, path: string): string | undefined {
  for (const layer of router?.stack ?? []) {
    const route = layer.route;
    if (!route || typeof route.path !== 'string' || route.path.includes('*')) continue;
    if (!route._handlesMethod?.(method)) continue;
    try {
      if (layer.match?.(path)) return route.path;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
