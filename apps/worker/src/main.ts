import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { checkEnvironment, exitOnBootFailure, RedisClient } from '#libs/platform';
import { WorkerModule } from './worker.module.js';

async function bootstrap(): Promise<void> {
  checkEnvironment();
  const app = await NestFactory.createApplicationContext(WorkerModule);
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
