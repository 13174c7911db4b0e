import type { INestApplicationContext, Type } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { Test, type TestingModule } from '@nestjs/testing';
import { appConfig, DatabaseModule, RedisModule } from '#libs/platform';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { MIGRATIONS } from '../../migrations/index.js';

/**
 * The real worker, in process, on the environment the last `createTestApp` set (same database, same Redis
 * key prefix), so jobs the API writes to the outbox are relayed and run.
 */
export async function startTestWorker(): Promise<INestApplicationContext> {
  const worker = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
  worker.enableShutdownHooks();
  return worker;
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One domain's job handlers alone (no queues), on the environment the last `createTestApp` set, to call directly. */
export async function jobHandlers(module: Type): Promise<TestingModule> {
  return Test.createTestingModule({
    imports: [
      ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [appConfig] }),
      DatabaseModule.forRoot(MIGRATIONS),
      RedisModule,
      module,
    ],
  }).compile();
}
