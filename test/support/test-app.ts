import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';

import { AppModule } from '../../apps/api/src/app.module.js';
import { configureApp } from '../../apps/api/src/http/configure.js';
import { createTestDatabase, useTestEnvironment, type TestDatabase } from './environment.js';

export interface TestApp {
  app: INestApplication;
  http: ReturnType<typeof request>;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * The real API application, in process, on a database of its own and the real Redis. `env` overrides
 * variables after the test environment is set, e.g. to point at a Redis that is down.
 */
export async function createTestApp(
  options: { database?: TestDatabase; env?: NodeJS.ProcessEnv } = {},
): Promise<TestApp> {
  const db = options.database ?? (await createTestDatabase());
  useTestEnvironment(db);
  Object.assign(process.env, options.env);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  configureApp(app);
  await app.init();
  return {
    app,
    http: request(app.getHttpServer()),
    database: db,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}
