import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { appConfig, checkEnvironment, exitOnBootFailure } from '#libs/platform';
import { AppModule } from './app.module.js';
import { configureApp } from './http/configure.js';

async function bootstrap(): Promise<void> {
  checkEnvironment();
  const app = await NestFactory.create(AppModule, { bodyParser: true });
  configureApp(app);
  const { port, host, publicUrl } = app.get<ConfigType<typeof appConfig>>(appConfig.KEY);
  await app.listen(port, host);
  Logger.log(
    `API listening on ${host}:${port}; sign in at ${publicUrl}/login, API docs at ${publicUrl}/api/docs`,
    'Bootstrap',
  );
}

bootstrap().catch(exitOnBootFailure);
