import { Body, Controller, Get, HttpException, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Allow, AuthService, CAN, Public, type Principal } from '#libs/auth';
import { CurrentPrincipal, type ApiRequest } from '../auth/request.js';
import { Pages, safeReturnPath } from './page.js';
import { WebErrorFilter } from './web-error.filter.js';
import { formText } from './forms.js';

type FormBody = Record<string, unknown>;

/** Signing in and out of the web UI: the API's sign-in, with its token kept in the HttpOnly session cookie. */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller()
export class SessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly pages: Pages,
  ) {}

  @Public()
  @Get('login')
  async form(@Query('next') next: unknown, @Req() request: ApiRequest, @Res() response: Response) {
    const loginToken = this.pages.loginToken(request, response);
    await this.pages.render(request, response, 'login.njk', {
      next: safeReturnPath(next),
      loginToken,
      fieldErrors: {},
    });
  }

  @Public()
  @Post('login')
  async signIn(@Body() body: FormBody, @Req() request: ApiRequest, @Res() response: Response) {
    const email = formText(body.email).trim();
    const password = formText(body.password);
    const next = safeReturnPath(body.next);
    const fieldErrors: Record<string, string> = {};
    if (!this.pages.loginTokenMatches(request, body._csrf)) {
      // A sign-in posted from elsewhere, or a form from before the cookie: show a fresh form, sign nobody in.
      // 400, not 403: the form is at fault, not the caller's access (the route is public).
      const errorList = [{ text: 'The sign-in form has expired. Sign in again.', href: '#email' }];
      const loginToken = this.pages.loginToken(request, response);
      await this.pages.render(request, response, 'login.njk', { next, email, loginToken, fieldErrors, errorList }, 400);
      return;
    }
    if (!email) fieldErrors.email = 'Enter your email address';
    if (!password) fieldErrors.password = 'Enter your password';
    let status = 400;
    if (email && password) {
      try {
        const { accessToken } = await this.auth.login(email, password, request.ip ?? 'unknown', request.requestId);
        this.pages.setSession(response, accessToken);
        return response.redirect(303, next);
      } catch (error) {
        if (!(error instanceof HttpException) || ![401, 429].includes(error.getStatus())) throw error;
        status = error.getStatus();
        const { message, retryAfterSeconds } = error.getResponse() as { message: string; retryAfterSeconds?: number };
        if (retryAfterSeconds) response.setHeader('Retry-After', String(retryAfterSeconds));
        fieldErrors.email = message;
      }
    }
    const errorList = Object.entries(fieldErrors).map(([field, message]) => ({ text: message, href: `#${field}` }));
    const loginToken = this.pages.loginToken(request, response);
    await this.pages.render(
      request,
      response,
      'login.njk',
      { next, email, loginToken, fieldErrors, errorList },
      status,
    );
  }

  @Allow(CAN.read)
  @Post('logout')
  async signOut(@CurrentPrincipal() principal: Principal, @Req() request: ApiRequest, @Res() response: Response) {
    await this.auth.logout(principal, request.requestId);
    this.pages.clearSession(response);
    response.redirect(303, '/login');
  }
}
