import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { DynamicModule, LoggerService } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { pino, stdTimeFunctions, type Logger, type LoggerOptions } from 'pino';
import type { Options } from 'pino-http';
import { namespace } from '../config/environment.js';
import { OperationsEnvironment } from '../config/operations.js';

export type ProcessName = 'api' | 'worker' | 'cli';

/** Keys whose values are never written, wherever they appear in a logged object (up to two levels down). */
const SECRET_KEYS = [
  'password',
  'newPassword',
  'currentPassword',
  'token',
  'accessToken',
  'refreshToken',
  'secret',
  'authorization',
  'cookie',
  'html',
  'text',
  'textBody',
  'text_body',
  'body',
  'email',
  'to',
  'cc',
  'toAddresses',
  'to_addresses',
];

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  ...SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
];

// An email address, and a Bearer token or a JWT-like string, anywhere in a message.
const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/g;
const SENSITIVE_QUERY = /^(token|sig|signature|code|password|secret|key|state|email)$/i;

/** A message with email addresses and tokens taken out: messages are free text, so key redaction cannot reach them. */
export function scrub(text: string): string {
  return text.replace(BEARER, '$1[redacted]').replace(JWT, '[redacted]').replace(EMAIL, '[email]');
}

/** The request's URL with the values of sensitive query parameters (the unsubscribe link's token) redacted. */
export function safeUrl(url: string | undefined): string {
  if (!url) return '';
  const at = url.indexOf('?');
  if (at < 0) return scrub(url);
  const params = new URLSearchParams(url.slice(at + 1));
  for (const [name, value] of [...params]) {
    params.set(name, SENSITIVE_QUERY.test(name) || value.includes('@') ? '[redacted]' : value);
  }
  return `${scrub(url.slice(0, at))}?${params.toString()}`;
}

function scrubValue(value: unknown): unknown {
  if (typeof value === 'string') return scrub(value);
  if (value instanceof Error) {
    const copy = new Error(scrub(value.message));
    copy.name = value.name;
    copy.stack = value.stack ? scrub(value.stack) : undefined;
    return copy;
  }
  return value;
}

/** What every process's pino logger shares: one JSON line per event, ISO times, redaction, the process's name. */
export function loggerOptions(app: ProcessName, level: string): LoggerOptions {
  return {
    level,
    base: { app, pid: process.pid, hostname: hostname() },
    timestamp: stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map(scrubValue) as Parameters<typeof method>);
      },
    },
  };
}

interface RequestWithId extends IncomingMessage {
  requestId?: string;
  originalUrl?: string;
  /** The route pattern that took the request, given by the metrics middleware (MetricsService). */
  routePattern?: () => string;
}

/** pino-http's options: the request id of configureApp's middleware (X-Request-Id) on every line of the request. */
export function httpLoggerOptions(level: string): Options<RequestWithId, ServerResponse> {
  return {
    ...(loggerOptions('api', level) as Options<RequestWithId, ServerResponse>),
    genReqId: (request) => request.requestId ?? randomUUID(),
    customAttributeKeys: { reqId: 'requestId' },
    quietReqLogger: true,
    serializers: {
      // Wrapped by pino-http: `request` is pino-std-serializers' view of it. No headers, no address, no body.
      req: (request: { method?: string; url?: string; raw?: RequestWithId }) => ({
        method: request.method,
        url: safeUrl(request.raw?.originalUrl ?? request.url),
        route: request.raw?.routePattern?.(),
      }),
      res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
    },
    // A 503 says PostgreSQL or Redis is away for now (health checks, requests meanwhile): a warning, not a fault.
    customLogLevel: (_request, response, error) =>
      response.statusCode === 503
        ? 'warn'
        : error || response.statusCode >= 500
          ? 'error'
          : response.statusCode >= 400
            ? 'warn'
            : 'info',
    customSuccessMessage: (request, response, time) =>
      `${request.method} ${safeUrl(request.originalUrl ?? request.url)} ${response.statusCode} in ${Math.round(time)} ms`,
  };
}

function level(): string {
  return namespace(OperationsEnvironment).LOG_LEVEL;
}

/**
 * nestjs-pino for the API (with pino-http's request log) or the worker. The level is read when the module is built
 * (LOG_LEVEL), so the tests, which build their apps with LOG_LEVEL=error, are not flooded with request lines.
 */
export function loggingModule(app: Exclude<ProcessName, 'cli'>): DynamicModule {
  return LoggerModule.forRootAsync({
    useFactory: () =>
      app === 'api'
        ? { pinoHttp: httpLoggerOptions(level()) }
        : // No HTTP in the worker: the logger only (an application context mounts no middleware).
          { pinoHttp: loggerOptions(app, level()) as Options },
  });
}

/** Nest's logger interface over a plain pino logger: for the CLI, whose output is for a person, on stderr. */
export class PinoNestLogger implements LoggerService {
  constructor(readonly pino: Logger) {}

  private write(method: 'info' | 'warn' | 'error' | 'debug' | 'trace' | 'fatal', message: unknown, rest: unknown[]) {
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    const fields = context ? { context } : {};
    if (message instanceof Error) this.pino[method]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.pino[method]({ ...fields, ...message });
    else this.pino[method](fields, String(message));
  }

  log(message: unknown, ...rest: unknown[]) {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    // Nest passes (message, stack, context): the stack goes with the message.
    const context = rest.length > 1 ? rest[rest.length - 1] : rest[0];
    const stack = rest.length > 1 ? rest[0] : undefined;
    this.write('error', stack ? `${String(message)}\n${String(stack)}` : message, context ? [context] : []);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.write('fatal', message, rest);
  }
}

/** The CLI's logger: JSON lines on stderr (stdout carries the command's own output). */
export function cliLogger(): PinoNestLogger {
  return new PinoNestLogger(pino(loggerOptions('cli', process.env.LOG_LEVEL ?? 'warn'), pino.destination(2)));
}
