import type { INestApplication } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Response } from 'express';
import helmet from 'helmet';
import { randomUUID } from 'node:crypto';
import { appConfig, authConfig, MetricsService, type ExpressRouter } from '#libs/platform';
import type { ApiRequest } from '../auth/request.js';
import { configureWeb } from '../web/views.js';
import { ErrorFilter } from './error.filter.js';
import { apiDocument } from './openapi/document.js';
import { validationPipe } from './validation.js';

export { API_PREFIX } from './prefix.js';
export const JSON_BODY_LIMIT = '256kb';
/** History imports may be long: CSV bodies up to 5 MB (about 60,000 rows). */
export const CSV_BODY_LIMIT = '5mb';
const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;

/** Takes the caller's X-Request-Id when it is sane, else makes one; echoes it and carries it into the audit log. */
function requestId(request: ApiRequest, response: Response, next: NextFunction): void {
  const given = request.get('x-request-id');
  request.requestId = given && REQUEST_ID.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', request.requestId);
  next();
}

/** How deeply arrays and objects may nest in a body: more is refused before anything walks it. */
export const MAX_BODY_DEPTH = 32;

/** Whether `value` nests arrays and objects deeper than `limit`, found without recursion (no stack to overflow). */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth + 1 > limit) return true;
    for (const inner of Object.values(current)) {
      if (inner !== null && typeof inner === 'object') stack.push({ value: inner, depth: depth + 1 });
    }
  }
  return false;
}

/** Refuses a body nested deeper than MAX_BODY_DEPTH with a 400, before any check that recurses (refuseNul). */
function refuseDeepBodies(request: ApiRequest, response: Response, next: NextFunction): void {
  if (!nestedDeeperThan(request.body, MAX_BODY_DEPTH)) return next();
  const problem = `body must not nest arrays and objects more than ${MAX_BODY_DEPTH} levels deep`;
  response.status(400).json({
    statusCode: 400,
    error: 'Bad Request',
    message: problem,
    details: [{ field: 'body', problems: [problem] }],
  });
}

/** The path of the first string holding a NUL character (PostgreSQL cannot store one), or null. */
function nulField(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, inner] of Object.entries(value)) {
    const found = nulField(inner, path ? `${path}.${key}` : key);
    if (found) return found;
  }
  return null;
}

/** Refuses a NUL character anywhere in the URL or the body's text, with a 400 naming the field. */
function refuseNul(request: ApiRequest, response: Response, next: NextFunction): void {
  const field = /%00/.test(request.originalUrl) ? 'url' : nulField(request.body, '');
  if (!field) return next();
  const problem = `${field} must not contain the NUL character`;
  response
    .status(400)
    .json({ statusCode: 400, error: 'Bad Request', message: problem, details: [{ field, problems: [problem] }] });
}

/**
 * The web UI's form posts read `request.body` as a form: one sent as something else (multipart, XML, no body at all)
 * is left unparsed, so it reaches them as an empty form and gets the form's own errors, not a crash.
 */
function formBodyForPages(request: ApiRequest, _response: Response, next: NextFunction): void {
  const body: unknown = request.body;
  if (!request.path.startsWith('/api/') && (typeof body !== 'object' || body === null || Array.isArray(body))) {
    request.body = {};
  }
  next();
}

/**
 * Everything the HTTP pipeline needs, shared by main.ts and the tests so both run the same application; returns the
 * OpenAPI document it serves at /api/docs.
 */
export function configureApp(nestApp: INestApplication): OpenAPIObject {
  const app = nestApp as NestExpressApplication;
  const { corsOrigins } = app.get<ConfigType<typeof authConfig>>(authConfig.KEY);
  const { trustProxy } = app.get<ConfigType<typeof appConfig>>(appConfig.KEY);
  if (trustProxy !== undefined) app.set('trust proxy', trustProxy);
  app.use(helmet());
  app.use(requestId);
  const express = app.getHttpAdapter().getInstance() as { router?: ExpressRouter };
  app.use(app.get(MetricsService).middleware(() => express.router));
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.useBodyParser('urlencoded', { limit: JSON_BODY_LIMIT, extended: false });
  app.useBodyParser('text', { type: 'text/csv', limit: CSV_BODY_LIMIT });
  app.use(refuseDeepBodies);
  app.use(refuseNul);
  app.use(formBodyForPages);
  if (corsOrigins.length > 0) app.enableCors({ origin: corsOrigins, credentials: true });
  configureWeb(app);
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  const document = apiDocument(app);
  SwaggerModule.setup('api/docs', app, document);
  return document;
}
