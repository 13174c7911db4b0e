import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { timingSafeEqual } from 'node:crypto';
import { ACCESS, AuthService, BEFORE_NEW_PASSWORD, DURING_ENROLMENT, type Access } from '#libs/auth';
import { cookie, SESSION_COOKIE, type ApiRequest } from './request.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The refusal of every other route to an admin's session without a second factor (the web redirects on it). */
export const ENROL_FIRST =
  'Set up two-factor authentication first: admins need it. Go to /account/two-factor to set it up.';

/** The refusal of every other route to a session whose user must first replace a password chosen for them. */
export const NEW_PASSWORD_FIRST =
  'Choose a new password first: the one you signed in with was chosen for you. ' +
  'Go to /account/password, or POST /api/v1/auth/password.';

/** Compares two secrets in constant time. */
export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * The one global guard. Default deny: a route answers only when it is marked @Public or names the roles it
 * allows with @Allow, and the caller holds one of them. A token comes as `Authorization: Bearer …` (API
 * clients) or in the HttpOnly session cookie (the web UI), which also needs the session's CSRF token on
 * anything that changes data.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (access && 'public' in access) return true;

    const request = context.switchToHttp().getRequest<ApiRequest>();
    const header = request.headers.authorization;
    const bearer = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    const fromCookie = bearer ? undefined : cookie(request, SESSION_COOKIE);
    const token = bearer ?? fromCookie;
    const principal = token ? await this.auth.authenticate(token) : null;
    if (!principal) {
      throw new UnauthorizedException(
        token
          ? 'Your sign-in has expired or ended: sign in again'
          : 'Sign in first: send Authorization: Bearer <token>',
      );
    }
    request.principal = principal;

    if (fromCookie && !SAFE_METHODS.has(request.method)) {
      const sent = request.get('x-csrf-token') ?? (request.body as { _csrf?: unknown } | undefined)?._csrf;
      if (typeof sent !== 'string' || !this.auth.csrfTokenMatches(principal.sessionId, sent)) {
        throw new ForbiddenException('The form has expired: reload the page and try again');
      }
    }

    if (!access) throw new ForbiddenException('This route has no access rule, so nobody may use it');
    if (principal.passwordChangeRequired) {
      if (!this.reflector.get<boolean>(BEFORE_NEW_PASSWORD, context.getHandler())) {
        throw new ForbiddenException(NEW_PASSWORD_FIRST);
      }
    } else if (principal.enrolmentOnly && !this.reflector.get<boolean>(DURING_ENROLMENT, context.getHandler())) {
      throw new ForbiddenException(ENROL_FIRST);
    }
    if (!principal.roles.some((role) => access.roles.includes(role))) {
      throw new ForbiddenException(`This needs one of these roles: ${access.roles.join(', ')}`);
    }
    return true;
  }
}
