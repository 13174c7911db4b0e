import { Body, Controller, Get, NotFoundException, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  Allow,
  AuthService,
  BeforeNewPassword,
  CAN,
  DuringEnrolment,
  Public,
  SecondFactorRequired,
  type Principal,
  type SignedIn,
} from '#libs/auth';
import { OidcService, SingleSignOnError } from '../auth/oidc.service.js';
import { cookie, CurrentPrincipal, type ApiRequest } from '../auth/request.js';
import { Pages, safeReturnPath } from './page.js';
import { WebErrorFilter } from './web-error.filter.js';
import { formText } from './forms.js';
import { toErrorBody } from '../http/error.filter.js';

/**
 * A sign-in refused for the person to read (a wrong password or code 401, too many attempts 429, with the
 * Retry-After header set); anything else goes on to the error page.
 */
function signInRefusal(error: unknown, response: Response): { status: number; message: string } {
  const body = toErrorBody(error);
  if (![401, 429].includes(body.statusCode)) throw error;
  const retryAfter = (body.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  if (retryAfter) response.setHeader('Retry-After', String(retryAfter));
  return { status: body.statusCode, message: body.message };
}

type FormBody = Record<string, unknown>;

/** The state of a single sign-on under way, for the callback to match (docs/SECURITY.md, Single sign-on). */
const OIDC_COOKIE = 'lga_oidc_state';
/** A correct password waiting for its security code: the signed pending token, for five minutes (path /login). */
const CODE_COOKIE = 'lga_login_code';
const CODE_COOKIE_MS = 5 * 60 * 1000;

/** Signing in and out of the web UI: the API's sign-in, with its token kept in the HttpOnly session cookie. */
@ApiExcludeController()
@UseFilters(WebErrorFilter)
@Controller()
export class SessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly pages: Pages,
    private readonly oidc: OidcService,
  ) {}

  @Public()
  @Get('login')
  async form(
    @Query('next') next: unknown,
    @Query('done') done: unknown,
    @Req() request: ApiRequest,
    @Res() response: Response,
  ) {
    const loginToken = this.pages.loginToken(request, response);
    await this.pages.render(request, response, 'login.njk', {
      next: safeReturnPath(next),
      loginToken,
      fieldErrors: {},
      banner: done === 'password' ? 'Your password has been set. Sign in with it now.' : undefined,
      ...this.singleSignOn(safeReturnPath(next)),
    });
  }

  /** Single sign-on: off to the identity provider, with the attempt's state in a cookie of this browser. */
  @Public()
  @Get('login/oidc')
  async startSingleSignOn(@Query('next') next: unknown, @Req() request: ApiRequest, @Res() response: Response) {
    if (!this.oidc.enabled) throw new NotFoundException('Single sign-on is not set up here');
    try {
      const { url, state } = await this.oidc.begin(safeReturnPath(next));
      response.cookie(OIDC_COOKIE, state, this.pages.cookieOptions('/login/oidc', 10 * 60 * 1000));
      response.redirect(303, url);
    } catch (error) {
      await this.singleSignOnFailed(error, request, response, safeReturnPath(next));
    }
  }

  /** The identity provider sends the browser back here with a code (or an error) and the state. */
  @Public()
  @Get('login/oidc/callback')
  async finishSingleSignOn(@Req() request: ApiRequest, @Res() response: Response) {
    if (!this.oidc.enabled) throw new NotFoundException('Single sign-on is not set up here');
    const state = cookie(request, OIDC_COOKIE);
    response.clearCookie(OIDC_COOKIE, this.pages.cookieOptions('/login/oidc'));
    let next = '/';
    try {
      const callback = new URL(request.originalUrl, 'http://callback.invalid');
      const verified = await this.oidc.finish(callback, state);
      next = verified.next;
      const { accessToken } = await this.auth.loginVerified(verified.email, this.oidc.providerName, request.requestId);
      this.pages.setSession(response, accessToken);
      response.redirect(303, next);
    } catch (error) {
      await this.singleSignOnFailed(error, request, response, next);
    }
  }

  private singleSignOn(next: string) {
    if (!this.oidc.enabled) return {};
    return { singleSignOn: { name: this.oidc.providerName, href: `/login/oidc?next=${encodeURIComponent(next)}` } };
  }

  /** The sign-in page again, saying why single sign-on did not sign the browser in. */
  private async singleSignOnFailed(error: unknown, request: ApiRequest, response: Response, next: string) {
    const body = toErrorBody(error);
    if (!(error instanceof SingleSignOnError || body.statusCode === 403)) throw error;
    const loginToken = this.pages.loginToken(request, response);
    await this.pages.render(
      request,
      response,
      'login.njk',
      {
        next,
        loginToken,
        fieldErrors: {},
        errorList: [{ text: body.message, href: '#single-sign-on' }],
        ...this.singleSignOn(next),
      },
      body.statusCode,
    );
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
      await this.pages.render(
        request,
        response,
        'login.njk',
        { next, email, loginToken, fieldErrors, errorList, ...this.singleSignOn(next) },
        400,
      );
      return;
    }
    if (!email) fieldErrors.email = 'Enter your email address';
    if (!password) fieldErrors.password = 'Enter your password';
    let status = 400;
    if (email && password) {
      try {
        const signedIn = await this.auth.login(email, password, request.ip ?? 'unknown', request.requestId);
        return this.signedIn(response, signedIn, next);
      } catch (error) {
        if (error instanceof SecondFactorRequired) {
          response.cookie(CODE_COOKIE, error.pendingToken, this.pages.cookieOptions('/login', CODE_COOKIE_MS));
          const loginToken = this.pages.loginToken(request, response);
          return this.pages.render(request, response, 'login-code.njk', { next, loginToken });
        }
        const refused = signInRefusal(error, response);
        status = refused.status;
        fieldErrors.email = refused.message;
      }
    }
    const errorList = Object.entries(fieldErrors).map(([field, message]) => ({ text: message, href: `#${field}` }));
    const loginToken = this.pages.loginToken(request, response);
    await this.pages.render(
      request,
      response,
      'login.njk',
      { next, email, loginToken, fieldErrors, errorList, ...this.singleSignOn(next) },
      status,
    );
  }

  /** The second step of a password sign-in with a second factor: the code from the app. */
  @Public()
  @Post('login/code')
  async signInWithCode(@Body() body: FormBody, @Req() request: ApiRequest, @Res() response: Response) {
    const next = safeReturnPath(body.next);
    const pending = cookie(request, CODE_COOKIE);
    if (!this.pages.loginTokenMatches(request, body._csrf) || !pending) return response.redirect(303, '/login');
    const code = formText(body.code);
    let codeError = 'Enter the 6-digit security code from your authenticator app';
    let status = 400;
    if (code.trim()) {
      try {
        const signedIn = await this.auth.loginWithCode(pending, code, request.ip ?? 'unknown', request.requestId);
        response.clearCookie(CODE_COOKIE, this.pages.cookieOptions('/login'));
        return this.signedIn(response, signedIn, next);
      } catch (error) {
        const refused = signInRefusal(error, response);
        if (refused.status === 401 && !(error instanceof SecondFactorRequired)) {
          // The five minutes are over, or the account has gone: back to the password.
          response.clearCookie(CODE_COOKIE, this.pages.cookieOptions('/login'));
          return response.redirect(303, `/login?next=${encodeURIComponent(next)}`);
        }
        status = refused.status;
        codeError = refused.message;
      }
    }
    const loginToken = this.pages.loginToken(request, response);
    await this.pages.render(
      request,
      response,
      'login-code.njk',
      { next, loginToken, codeError, errorList: [{ text: codeError, href: '#code' }] },
      status,
    );
  }

  /**
   * Signed in: to the page asked for; first, for a password chosen by someone else, to choose one's own; for an admin
   * without a second factor yet, to set one up.
   */
  private signedIn(response: Response, signedIn: SignedIn, next: string) {
    this.pages.setSession(response, signedIn.accessToken);
    const first = signedIn.passwordChangeRequired
      ? '/account/password'
      : signedIn.enrolmentOnly
        ? '/account/two-factor'
        : next;
    response.redirect(303, first);
  }

  @Allow(CAN.read)
  @DuringEnrolment()
  @BeforeNewPassword()
  @Post('logout')
  async signOut(@CurrentPrincipal() principal: Principal, @Req() request: ApiRequest, @Res() response: Response) {
    await this.auth.logout(principal, request.requestId);
    this.pages.clearSession(response);
    response.redirect(303, '/login');
  }
}
