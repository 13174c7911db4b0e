import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { checkEnvironment, exitOnBootFailure, RedisClient } from '#libs/platform';
import { WorkerModule } from './worker.module.js';

async function bootstrap(): Promise<void> {
  checkEnvironment();
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  // JSON lines (nestjs-pino); a job's id, name and request id on every line written while it runs.
  app.useLogger(app.get(PinoLogger));
  app.enableShutdownHooks();
  const redis = app.get(RedisClient);
  const deadline = Date.now() + 30_000;
  while (!(await redis.ping())) {
    if (Date.now() > deadline)
      throw new Error(`The worker cannot reach Redis at ${redis.config.url.replace(/\/\/[^@/]*@/, '//')}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  Logger.log(`worker ready on Node ${process.version}`, 'Bootstrap');
}

bootstrap().catch(exitOnBootFailure);
