import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';
import {
  Busy,
  DomainError,
  Duplicate,
  Incorrect,
  Invalid,
  NotFound,
  NotPermitted,
  NotSignedIn,
  Refused,
  RowsRefused,
  Stale,
  TooManyAttempts,
} from '#libs/platform';

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
  /** The case's current version, on a 409 for a stale expectedVersion. */
  version?: number;
}

/** Every error leaves in the contract's shape `{ statusCode, error, message, details? }`. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(exception);
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) {
      this.logger.warn(`the database is unavailable: ${(exception as Error).message}`);
    } else if (body.statusCode >= 500) {
      const reason = exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
      this.logger.error(reason);
    }
    const retryAfter = (body.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (retryAfter) response.setHeader('Retry-After', String(retryAfter));
    response.status(body.statusCode).json(body);
  }
}

// Connection failures (Node's socket errors, PostgreSQL's class 08) and a server shutting down or starting up.
const UNAVAILABLE_CODES = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|08...|57P0[123])$/;
const UNAVAILABLE_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect)/;

/** Whether the error says PostgreSQL cannot be reached just now (stopped, restarting): a 503, not a fault of ours. */
function databaseUnavailable(exception: unknown): boolean {
  const { code, message } = (exception ?? {}) as { code?: unknown; message?: unknown };
  return (
    (typeof code === 'string' && UNAVAILABLE_CODES.test(code)) ||
    (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message))
  );
}

/** Each domain error's status in the contract. */
const DOMAIN_STATUS: Array<[abstract new (...args: never[]) => DomainError, number]> = [
  [Invalid, 400],
  [RowsRefused, 400],
  [NotFound, 404],
  [Stale, 409],
  [Duplicate, 409],
  [Busy, 409],
  [NotPermitted, 403],
  [NotSignedIn, 401],
  [TooManyAttempts, 429],
  [Incorrect, 422],
  [Refused, 422],
];

/** A library's domain error in the contract's terms: unknown 404, stale (with the version), taken or busy 409, refused 422. */
function domainErrorBody(exception: DomainError): ErrorBody {
  const statusCode = DOMAIN_STATUS.find(([kind]) => exception instanceof kind)?.[1] ?? 500;
  if (statusCode === 500) return internalError();
  const body: ErrorBody = { statusCode, error: STATUS_CODES[statusCode]!, message: exception.message };
  if (exception.details !== undefined) body.details = exception.details;
  if (exception instanceof Stale) body.version = exception.currentVersion;
  return body;
}

export function toErrorBody(exception: unknown): ErrorBody {
  if (exception instanceof DomainError) return domainErrorBody(exception);
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const raw = exception.getResponse();
    const error = STATUS_CODES[statusCode] ?? 'Error';
    if (statusCode === 413) return { statusCode, error, message: 'Request body is too large' };
    if (typeof raw === 'string') return { statusCode, error, message: raw };
    const { message, retryAfterSeconds, version } = raw as {
      message?: unknown;
      retryAfterSeconds?: number;
      version?: number;
    };
    const details = retryAfterSeconds ? { retryAfterSeconds } : (raw as { details?: unknown }).details;
    const text = Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : error;
    const body: ErrorBody = { statusCode, error, message: text };
    if (details !== undefined) body.details = details;
    if (typeof version === 'number') body.version = version;
    return body;
  }
  // Body parser errors (malformed JSON, body too large) carry their status.
  const status = (exception as { status?: number; statusCode?: number })?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message = status === 413 ? 'Request body is too large' : 'Request body is not valid JSON';
    return { statusCode: status, error: STATUS_CODES[status] ?? 'Error', message };
  }
  if (databaseUnavailable(exception)) {
    const statusCode = HttpStatus.SERVICE_UNAVAILABLE;
    return {
      statusCode,
      error: STATUS_CODES[statusCode]!,
      message: 'The service is unavailable for a moment: try again shortly',
    };
  }
  return internalError();
}

function internalError(): ErrorBody {
  const statusCode = HttpStatus.INTERNAL_SERVER_ERROR;
  return { statusCode, error: STATUS_CODES[statusCode]!, message: 'Something went wrong on our side' };
}
