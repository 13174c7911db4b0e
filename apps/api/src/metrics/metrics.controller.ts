import { Controller, Get, Headers, Inject, NotFoundException, Res, UnauthorizedException } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { Public } from '#libs/auth';
import { MetricsService, operationsConfig } from '#libs/platform';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Prometheus metrics at `/metrics` (beside the API, not under /api/v1), for a scraper holding `METRICS_TOKEN` as a
 * Bearer token (compared in constant time). Without `METRICS_TOKEN` the route does not exist (404).
 */
@ApiExcludeController()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    @Inject(operationsConfig.KEY) private readonly config: ConfigType<typeof operationsConfig>,
  ) {}

  @Public()
  @Get()
  async scrape(
    @Headers('authorization') authorization: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const expected = this.config.metricsToken;
    if (!expected) throw new NotFoundException('Cannot GET /metrics');
    const given = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
    // Both sides hashed first: equal lengths for timingSafeEqual, and nothing learnt from how long the check takes.
    if (!timingSafeEqual(digest(given), digest(expected))) {
      response.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new UnauthorizedException('A valid metrics token is required');
    }
    response.setHeader('Content-Type', this.metrics.registry.contentType);
    response.setHeader('Cache-Control', 'no-store');
    return this.metrics.metrics();
  }
}
