import { Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigModule, type ConfigType } from '@nestjs/config';
import { Redis } from 'ioredis';
import { redisConfig } from '../config/config.js';

/**
 * One shared Redis connection for quick commands (health, locks). It does not queue commands while Redis is
 * down, so a caller gets an error at once instead of waiting. BullMQ opens its own connections.
 */
@Injectable()
export class RedisClient implements OnApplicationShutdown {
  readonly connection: Redis;

  constructor(@Inject(redisConfig.KEY) readonly config: ConfigType<typeof redisConfig>) {
    this.connection = new Redis(config.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
      lazyConnect: false,
    });
    this.connection.on('error', () => undefined);
  }

  async ping(timeoutMs = 1000): Promise<boolean> {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs));
    try {
      return (await Promise.race([this.connection.ping(), timeout])) === 'PONG';
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.connection.disconnect();
  }
}

@Global()
@Module({
  imports: [ConfigModule.forFeature(redisConfig)],
  providers: [RedisClient],
  exports: [RedisClient],
})
export class RedisModule {}
