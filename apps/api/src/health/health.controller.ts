import { Controller, Get, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import {
  DiskHealthIndicator,
  HealthCheckService,
  HealthIndicatorService,
  TypeOrmHealthIndicator,
  type HealthCheckResult,
  type HealthIndicatorFunction,
} from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '#libs/auth';
import { operationsConfig, QueueProbe, RedisClient } from '#libs/platform';
import { Answer } from '../http/openapi/answer.decorator.js';

type Check = 'ok' | 'error';

/**
 * Public (@nestjs/terminus): whether the API can reach what it needs. `/health` (PostgreSQL, Redis) keeps its
 * contract `{ status, checks }`; `/health/ready` is for load balancers (also 503 while the API shuts down);
 * `/health/details` adds the queues' lag and the disk, in terminus's own shape.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicator: HealthIndicatorService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly disk: DiskHealthIndicator,
    private readonly redis: RedisClient,
    private readonly queues: QueueProbe,
    @Inject(operationsConfig.KEY) private readonly config: ConfigType<typeof operationsConfig>,
  ) {}

  @Public()
  @Answer(200, 'Health')
  @Answer(503, 'Health')
  @Get()
  async liveness(@Res({ passthrough: true }) response: Response) {
    const result = await this.run([this.pingDatabase, this.pingRedis]);
    const checks: Record<string, Check> = {};
    for (const [key, value] of Object.entries(result.details)) checks[key] = value.status === 'up' ? 'ok' : 'error';
    const healthy = result.status === 'ok' || result.status === 'degraded';
    response.status(healthy ? 200 : 503);
    return { status: healthy ? 'ok' : 'error', checks };
  }

  /** For a load balancer: 200 `{ status: "ok" }` when this replica can serve, else 503 (shutting down, or a store down). */
  @Public()
  @Answer(200, 'Readiness')
  @Answer(503, 'Readiness')
  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response) {
    const result = await this.run([this.pingDatabase, this.pingRedis]);
    const ready = result.status === 'ok' || result.status === 'degraded';
    response.status(ready ? 200 : 503);
    return { status: ready ? 'ok' : result.status === 'shutting_down' ? 'shutting_down' : 'error' };
  }

  /** Every check with its details: the database, Redis, each queue's oldest waiting job, and the disk. */
  @Public()
  @Answer(200, 'HealthDetails')
  @Answer(503, 'HealthDetails')
  @Get('details')
  async details(@Res({ passthrough: true }) response: Response) {
    const result = await this.run([
      this.pingDatabase,
      this.pingRedis,
      this.queueLag,
      () => this.disk.checkStorage('disk', { path: this.config.diskPath, thresholdPercent: 0.9 }),
    ]);
    response.status(result.status === 'ok' || result.status === 'degraded' ? 200 : 503);
    return result;
  }

  private readonly pingDatabase = () => this.database.pingCheck('database', { timeout: 2000 });

  private readonly pingRedis = async () => {
    const check = this.indicator.check('redis');
    return (await this.redis.ping()) ? check.up() : check.down('Redis does not answer');
  };

  private readonly queueLag = async () => {
    const check = this.indicator.check('queues');
    try {
      const states = await this.queues.states();
      const oldest = Object.fromEntries(states.map((s) => [s.queue, Math.round(s.oldestWaitingSeconds)]));
      const lagging = states.filter((s) => s.oldestWaitingSeconds > this.config.queueLagSeconds).map((s) => s.queue);
      const data = { oldestWaitingSeconds: oldest, limitSeconds: this.config.queueLagSeconds };
      return lagging.length > 0 ? check.down({ ...data, lagging }) : check.up(data);
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  };

  /** Terminus answers a failed check with a 503 exception; here its result is the body, in each route's shape. */
  private async run(indicators: HealthIndicatorFunction[]): Promise<HealthCheckResult> {
    try {
      return await this.health.check(indicators);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) return error.getResponse() as HealthCheckResult;
      throw error;
    }
  }
}
