import { ArgumentsHost, Catch, Injectable, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { toErrorBody } from '../http/error.filter.js';
import { ENROL_FIRST, NEW_PASSWORD_FIRST } from '../auth/auth.guard.js';
import type { ApiRequest } from '../auth/request.js';
import { Pages } from './page.js';

const TITLES: Record<number, string> = {
  403: 'You cannot do this',
  404: 'Page not found',
  500: 'Sorry, there is a problem with the service',
  503: 'Sorry, the service is unavailable',
};

/**
 * Errors on the web UI's pages become pages: no sign-in redirects to /login (and back afterwards), other
 * errors show a GOV.UK error page. Scoped to the web controllers, so the API keeps its JSON errors.
 */
@Catch()
@Injectable()
export class WebErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Web');

  constructor(private readonly pages: Pages) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<ApiRequest>();
    const response = host.switchToHttp().getResponse<Response>();
    const body = toErrorBody(exception);
    if (body.statusCode === 401) {
      this.pages.clearSession(response);
      const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.originalUrl)}` : '';
      return response.redirect(303, `/login${next}`);
    }
    if (body.statusCode === 403 && body.message === ENROL_FIRST) return response.redirect(303, '/account/two-factor');
    if (body.statusCode === 403 && body.message === NEW_PASSWORD_FIRST) {
      return response.redirect(303, '/account/password');
    }
    if (body.statusCode === 503) {
      this.logger.warn(`the database is unavailable: ${(exception as Error).message}`);
    } else if (body.statusCode >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    const status = TITLES[body.statusCode] ? body.statusCode : body.statusCode >= 500 ? 500 : body.statusCode;
    const title = TITLES[status] ?? 'There is a problem';
    const message = status === 503 ? 'Try again in a few minutes.' : status >= 500 ? 'Try again later.' : body.message;
    try {
      await this.pages.render(request, response, 'error.njk', { title, message }, status);
    } catch (failure) {
      this.logger.error(failure instanceof Error ? (failure.stack ?? failure.message) : String(failure));
      if (!response.headersSent) response.status(status).type('text').send(`${title}. ${message}`);
    }
  }
}
