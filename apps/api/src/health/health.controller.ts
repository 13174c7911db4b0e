import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '#libs/auth';
import { RedisClient } from '#libs/platform';

type Check = 'ok' | 'error';

/** Public: tells a load balancer or a person whether the API can reach PostgreSQL and Redis. */
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly redis: RedisClient,
  ) {}

  @Public()
  @Get()
  async health(@Res({ passthrough: true }) response: Response) {
    const [database, redis] = await Promise.all([this.checkDatabase(), this.redis.ping()]);
    const checks: Record<string, Check> = { database, redis: redis ? 'ok' : 'error' };
    const healthy = Object.values(checks).every((check) => check === 'ok');
    response.status(healthy ? 200 : 503);
    return { status: healthy ? 'ok' : 'error', checks };
  }

  private async checkDatabase(): Promise<Check> {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 2000));
    try {
      await Promise.race([this.dataSource.query('SELECT 1'), timeout]);
      return 'ok';
    } catch {
      return 'error';
    }
  }
}
