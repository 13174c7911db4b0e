import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsIP, IsOptional, IsString, IsUrl, Matches, Max, Min } from 'class-validator';
import { namespace, validateEnvironment } from './environment.js';

class AppEnvironment {
  @IsIn(['development', 'test', 'production'], { message: 'must be development, test or production' })
  NODE_ENV = 'development';

  @Type(() => Number)
  @Min(1, { message: 'must be between 1 and 65535' })
  @Max(65535, { message: 'must be between 1 and 65535' })
  @IsInt({ message: 'must be a whole number' })
  PORT = 3000;

  @IsIP(undefined, { message: 'must be an IP address to listen on, e.g. 127.0.0.1 or 0.0.0.0' })
  HOST = '127.0.0.1';

  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  PUBLIC_URL?: string;

  @IsOptional()
  @IsString()
  LGA_DATA_DIR?: string;
}

class DatabaseEnvironment {
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be set to a postgres:// URL' })
  DATABASE_URL: string;
}

class RedisEnvironment {
  @Matches(/^rediss?:\/\/.+/, { message: 'must be set to a redis:// URL' })
  REDIS_URL: string;

  @Matches(/^[a-z0-9_-]{1,40}$/i, { message: 'must be 1-40 letters, digits, - or _' })
  QUEUE_PREFIX = 'lga';
}

/** The variables each process reads, validated before it boots. */
export const SERVER_ENVIRONMENT = [AppEnvironment, DatabaseEnvironment, RedisEnvironment];
export const CLI_ENVIRONMENT = [AppEnvironment, DatabaseEnvironment];

export function checkEnvironment(classes = SERVER_ENVIRONMENT, env: NodeJS.ProcessEnv = process.env): void {
  validateEnvironment(classes, env);
}

export const appConfig = registerAs('app', () => {
  const env = namespace(AppEnvironment);
  return {
    environment: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    dataDir: env.LGA_DATA_DIR ?? '.data',
  };
});

export const databaseConfig = registerAs('database', () => ({ url: namespace(DatabaseEnvironment).DATABASE_URL }));

export const redisConfig = registerAs('redis', () => {
  const env = namespace(RedisEnvironment);
  return { url: env.REDIS_URL, queuePrefix: env.QUEUE_PREFIX };
});
