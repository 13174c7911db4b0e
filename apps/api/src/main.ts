import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { Logger as PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { adminExists } from '#libs/auth';
import { appConfig, checkApiEnvironment, exitOnBootFailure, warmPool } from '#libs/platform';
import { AppModule } from './app.module.js';
import { configureApp } from './http/configure.js';

async function bootstrap(): Promise<void> {
  await checkApiEnvironment(adminExists);
  const app = await NestFactory.create(AppModule, { bodyParser: true, bufferLogs: true });
  // JSON lines from here on (nestjs-pino), the request id on every line of a request.
  app.useLogger(app.get(PinoLogger));
  configureApp(app);
  const warming = await warmPool(app.get(DataSource));
  if (warming) Logger.warn(`could not open the database connections ahead: ${warming.message}`, 'Bootstrap');
  const { port, host, publicUrl } = app.get<ConfigType<typeof appConfig>>(appConfig.KEY);
  await app.listen(port, host);
  Logger.log(
    `API listening on ${host}:${port} on Node ${process.version}; sign in at ${publicUrl}/login, API docs at ${publicUrl}/api/docs`,
    'Bootstrap',
  );
}

bootstrap().catch(exitOnBootFailure);
