import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Response } from 'express';
import { randomBytes } from 'node:crypto';
import { AuthService, CAN } from '#libs/auth';
import { appConfig } from '#libs/platform';
import { sameText } from '../auth/auth.guard.js';
import { cookie, SESSION_COOKIE, type ApiRequest } from '../auth/request.js';
import { homeScope } from './home-page.js';
import { views } from './views.js';

const LOGIN_COOKIE = 'lga_login_csrf';

/** Pages allow our own scripts and styles only; the layout's one inline script carries the response's nonce. */
function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "object-src 'none'",
  ].join('; ');
}

/**
 * Renders the web UI's pages with what every page needs: the signed-in user, the session's CSRF token for
 * forms, the navigation, a fresh CSP nonce. It also keeps a cookie session's token fresh while the user is
 * active (the token itself lasts ACCESS_TOKEN_TTL_MINUTES; the session at most 12 hours).
 */
@Injectable()
export class Pages {
  private readonly secureCookies: boolean;

  constructor(
    private readonly auth: AuthService,
    @Inject(appConfig.KEY) app: ConfigType<typeof appConfig>,
  ) {
    // Secure (HTTPS only) wherever the development defaults do not apply: behind a TLS proxy, in production.
    this.secureCookies = !app.developmentDefaults;
  }

  async render(
    request: ApiRequest,
    response: Response,
    view: string,
    context: object = {},
    status = 200,
  ): Promise<void> {
    const principal = request.principal;
    if (principal && cookie(request, SESSION_COOKIE)) {
      this.setSession(response, (await this.auth.refresh(principal)).accessToken);
    }
    const nonce = randomBytes(16).toString('base64');
    const html = views().render(view, {
      ...context,
      cspNonce: nonce,
      currentPath: request.path,
      // The menu names the start page as the page does ("My cases", or an adviser's "Cases in your region").
      user: principal && {
        name: principal.name,
        email: principal.email,
        roles: principal.roles,
        home: homeScope(principal).title,
      },
      csrfToken: principal && this.auth.csrfTokenFor(principal.sessionId),
      can: Object.fromEntries(
        Object.entries(CAN).map(([may, roles]) => [
          may,
          !!principal?.roles.some((role) => (roles as readonly string[]).includes(role)),
        ]),
      ),
    });
    response
      .status(status)
      .setHeader('Content-Security-Policy', contentSecurityPolicy(nonce))
      .setHeader('Cache-Control', 'no-store')
      .type('html')
      .send(html);
  }

  setSession(response: Response, token: string): void {
    response.cookie(SESSION_COOKIE, token, this.cookieOptions('/'));
  }

  /** An HttpOnly, SameSite=Lax cookie for `path`, Secure wherever the development defaults do not apply. */
  cookieOptions(path: string, maxAge?: number) {
    return {
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: this.secureCookies,
      path,
      ...(maxAge ? { maxAge } : {}),
    };
  }

  /**
   * The sign-in form's CSRF token, before there is a session: a random value kept in an HttpOnly SameSite
   * cookie and repeated in the form, so a page on another site cannot sign the browser in (login CSRF).
   */
  loginToken(request: ApiRequest, response: Response): string {
    const kept = cookie(request, LOGIN_COOKIE);
    const token = kept && /^[A-Za-z0-9_-]{43}$/.test(kept) ? kept : randomBytes(32).toString('base64url');
    response.cookie(LOGIN_COOKIE, token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: this.secureCookies,
      path: '/login',
      maxAge: 2 * 60 * 60 * 1000,
    });
    return token;
  }

  /** Whether the sign-in form came back with the token of this browser's login cookie. */
  loginTokenMatches(request: ApiRequest, sent: unknown): boolean {
    const kept = cookie(request, LOGIN_COOKIE);
    return !!kept && typeof sent === 'string' && sameText(sent, kept);
  }

  clearSession(response: Response): void {
    response.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure: this.secureCookies, path: '/' });
  }
}

/** A local path to return to after signing in; anything else (another site, `//host`) goes home. */
export function safeReturnPath(value: unknown): string {
  return typeof value === 'string' && /^\/(?!\/)[^\\\s]*$/.test(value) ? value : '/';
}
