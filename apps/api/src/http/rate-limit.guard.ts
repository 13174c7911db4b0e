import { HttpException, HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { rateLimitConfig, RedisClient } from '#libs/platform';
import type { ApiRequest } from '../auth/request.js';

/** Health checks come from load balancers and monitors many times a minute: never limited. */
const EXEMPT = /^\/api\/v1\/health(\/|$)/;

/**
 * The general rate limit (API_RATE_LIMIT_PER_MINUTE, 0 for none): requests a minute per session (a signed-in
 * caller, whichever token of the session it sends) or per address (a public route), counted in Redis so every API
 * process shares the count; past it, 429 with Retry-After. While Redis is down each process counts in memory
 * instead, so the API keeps answering. Runs after the AuthGuard, which has found the session.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly limiter: RateLimiterRedis | null;

  constructor(@Inject(rateLimitConfig.KEY) config: ConfigType<typeof rateLimitConfig>, client: RedisClient) {
    const points = config.perMinute;
    this.limiter =
      points > 0
        ? new RateLimiterRedis({
            storeClient: client.connection,
            keyPrefix: `${client.config.queuePrefix}:rate`,
            points,
            duration: 60,
            insuranceLimiter: new RateLimiterMemory({ points, duration: 60 }),
          })
        : null;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.limiter || context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<ApiRequest>();
    if (EXEMPT.test(request.path)) return true;
    const key = request.principal
      ? `session:${request.principal.sessionId}`
      : `address:${createHash('sha256')
          .update(request.ip ?? 'unknown')
          .digest('base64url')}`;
    try {
      await this.limiter.consume(key);
      return true;
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) return true; // neither Redis nor memory could count: let it through
      const seconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      context.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
      throw new HttpException(
        {
          message: `Too many requests: at most ${this.limiter.points} a minute. Try again in ${seconds} seconds.`,
          retryAfterSeconds: seconds,
        },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }
}
