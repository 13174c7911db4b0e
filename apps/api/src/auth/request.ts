import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { parseCookie } from 'cookie';
import type { Request } from 'express';
import type { Actor } from '#libs/audit';
import { actorOf, type Principal } from '#libs/auth';

/** What the API adds to each request: its id (echoed as X-Request-Id) and, once signed in, the principal. */
export interface ApiRequest extends Request {
  requestId: string;
  principal?: Principal;
}

export const SESSION_COOKIE = 'lga_session';

/** The signed-in user, for a route that needs more than the audit actor. */
export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext) => context.switchToHttp().getRequest<ApiRequest>().principal,
);

/** Who is acting, for the audit log: the signed-in user and the request id. */
export const CurrentActor = createParamDecorator((_: unknown, context: ExecutionContext): Actor => {
  const request = context.switchToHttp().getRequest<ApiRequest>();
  return actorOf(request.principal, request.requestId);
});

/**
 * The named cookie of the request, parsed by the `cookie` package; a value that does not decode (`%E0`) is
 * ignored, as if the cookie were not sent.
 */
export function cookie(request: Request, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  return parseCookie(header, { decode: safeDecode })[name];
}

function safeDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}
