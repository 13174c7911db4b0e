import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { STATUS_CODES } from 'node:http';

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
    if (body.statusCode >= 500) {
      const reason = exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
      this.logger.error(reason);
    }
    const retryAfter = (body.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    if (retryAfter) response.setHeader('Retry-After', String(retryAfter));
    response.status(body.statusCode).json(body);
  }
}

export function toErrorBody(exception: unknown): ErrorBody {
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
  const statusCode = HttpStatus.INTERNAL_SERVER_ERROR;
  return { statusCode, error: STATUS_CODES[statusCode]!, message: 'Something went wrong on our side' };
}
