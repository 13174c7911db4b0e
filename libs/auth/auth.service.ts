import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, IsNull, Repository } from 'typeorm';
import { AuditService, type Actor } from '#libs/audit';
import { appConfig, authConfig, NotPermitted, NotSignedIn, PreparedQuery } from '#libs/platform';
import { AuthKeys } from './auth-secret.js';
import { LoginThrottle, type ThrottleVerdict } from './login-throttle.service.js';
import { SignInLockAlerts } from './sign-in-lock-alerts.js';
import { dummyHash, verifyPassword } from './passwords.js';
import type { Role } from './roles.js';
import { Session } from './session.entity.js';
import { SignedLinks } from './signed-links.js';
import { csrfToken, csrfTokenMatches, signToken, verifyToken } from './tokens.js';
import { TwoFactorService } from './two-factor.js';
import { toView, User, type UserView } from './user.entity.js';

/** A session lasts at most this long, however often its token is refreshed. */
const SESSION_HOURS = 12;

/** The signed-in user behind a request. */
export interface Principal {
  userId: string;
  email: string;
  name: string;
  roles: Role[];
  region: string | null;
  sessionId: string;
  /**
   * An admin signed in by password who has no second factor yet: until one is set up, the session may only set one
   * up (routes marked @DuringEnrolment) or sign out.
   */
  enrolmentOnly: boolean;
  /**
   * The user's password was chosen by someone else (the first admin's, from ADMIN_PASSWORD): until they set their
   * own, the session may only change it (routes marked @BeforeNewPassword), see who it is, or sign out.
   */
  passwordChangeRequired: boolean;
}

export type SignedIn = IssuedToken & {
  user: UserView;
  sessionId: string;
  enrolmentOnly: boolean;
  passwordChangeRequired: boolean;
};

/**
 * A correct password for an account with a second factor: 401 until the code comes too. The web keeps
 * `pendingToken` (signed, five minutes) in a cookie for the code's page, so the password is not sent twice.
 */
export class SecondFactorRequired extends NotSignedIn {
  constructor(
    readonly pendingToken: string,
    message = 'Enter the 6-digit security code from your authenticator app',
  ) {
    super(message, { secondFactor: 'required' });
  }
}

export interface IssuedToken {
  accessToken: string;
  expiresAt: string;
}

export const actorOf = (principal: Principal | undefined, requestId: string | null): Actor => ({
  userId: principal?.userId ?? null,
  email: principal?.email ?? null,
  requestId,
});

@Injectable()
export class AuthService {
  private readonly keys: AuthKeys;
  private readonly links: SignedLinks;
  private readonly ttlSeconds: number;

  constructor(
    @Inject(authConfig.KEY) config: ConfigType<typeof authConfig>,
    @Inject(appConfig.KEY) app: ConfigType<typeof appConfig>,
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    private readonly dataSource: DataSource,
    private readonly throttle: LoginThrottle,
    private readonly lockAlerts: SignInLockAlerts,
    private readonly audit: AuditService,
    private readonly twoFactor: TwoFactorService,
  ) {
    this.keys = AuthKeys.from(config, app);
    this.links = new SignedLinks(this.keys);
    this.ttlSeconds = config.accessTokenTtlSeconds;
  }

  /**
   * Signs in by password and, where the account has a second factor, its current code (`code`; without it, a
   * `SecondFactorRequired` 401). Failures of either count towards the sign-in throttle.
   */
  async login(
    emailInput: string,
    password: string,
    address: string,
    requestId: string | null,
    code?: string,
  ): Promise<SignedIn> {
    const email = emailInput.trim().toLowerCase();
    const verdict = await this.throttle.admit(email, address);
    const user = await this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email })
      .getOne();
    const matches = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
    if (!user || !matches || !user.active) {
      await this.audit.record(
        { userId: null, email: null, requestId },
        {
          action: 'auth.login_failed',
          entity: 'user',
          entityId: user?.id ?? null,
          summary: { email, reason: !user ? 'unknown email' : !matches ? 'wrong password' : 'account deactivated' },
        },
      );
      await this.lockAlerts.failed(verdict, { email, address, user: user ?? null, requestId });
      throw new NotSignedIn('The email address or password is not correct');
    }
    return this.secondStep(user, verdict, address, requestId, code);
  }

  /** The code's page of a web sign-in: the pending token the password step gave, and the code. */
  async loginWithCode(
    pendingToken: unknown,
    code: string,
    address: string,
    requestId: string | null,
  ): Promise<SignedIn> {
    const pending = this.links.verify('second-factor', pendingToken);
    const user = pending.valid ? await this.users.findOneBy({ id: pending.subject }) : null;
    if (!user?.active) throw new NotSignedIn('The sign-in has expired. Sign in again.');
    const verdict = await this.throttle.admit(user.email, address);
    return this.secondStep(user, verdict, address, requestId, code);
  }

  /** After a correct password: the code, if the account has a second factor; then the session. */
  private async secondStep(
    user: User,
    verdict: ThrottleVerdict,
    address: string,
    requestId: string | null,
    code: string | undefined,
  ): Promise<SignedIn> {
    const hasSecondFactor = user.totpEnabledAt !== null;
    if (hasSecondFactor) {
      const pendingToken = this.links.sign('second-factor', user.id);
      if (code === undefined || code.trim() === '') throw new SecondFactorRequired(pendingToken);
      if (!(await this.twoFactor.check(user.id, code))) {
        await this.audit.record(
          { userId: null, email: null, requestId },
          {
            action: 'auth.login_failed',
            entity: 'user',
            entityId: user.id,
            summary: { email: user.email, reason: 'wrong security code' },
          },
        );
        await this.lockAlerts.failed(verdict, { email: user.email, address, user, requestId });
        throw new SecondFactorRequired(pendingToken, 'The security code is not correct, or has been used');
      }
    }
    await this.throttle.succeeded(user.email, address, verdict);
    const enrolmentOnly = !hasSecondFactor && this.twoFactor.required(user);
    return this.startSession(user, requestId, 'password', {}, enrolmentOnly);
  }

  /**
   * Signs in the active user with this email, whom an identity provider vouched for (single sign-on): no
   * password, and no account made for a stranger (roles are this system's). Refused with 403 otherwise.
   */
  async loginVerified(emailInput: string, provider: string, requestId: string | null): Promise<SignedIn> {
    const email = emailInput.trim().toLowerCase();
    const user = await this.users.findOneBy({ email });
    if (!user?.active) {
      await this.audit.record(
        { userId: null, email: null, requestId },
        {
          action: 'auth.login_failed',
          entity: 'user',
          entityId: user?.id ?? null,
          summary: { email, method: 'oidc', provider, reason: user ? 'account deactivated' : 'no account' },
        },
      );
      throw new NotPermitted(
        user
          ? 'Your account here has been deactivated. Ask a programme admin.'
          : `There is no account here for ${email}. Ask a programme admin to add you.`,
      );
    }
    return this.startSession(user, requestId, 'oidc', { provider });
  }

  private async startSession(
    user: User,
    requestId: string | null,
    method: 'password' | 'oidc',
    details: Record<string, string> = {},
    enrolmentOnly = false,
  ): Promise<SignedIn> {
    const session = await this.dataSource.transaction(async (manager) => {
      const created = await manager.getRepository(Session).save({
        userId: user.id,
        expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000),
        revokedAt: null,
        enrolmentOnly,
      });
      await this.audit.record(
        { userId: user.id, email: user.email, requestId },
        {
          action: 'auth.login',
          entity: 'user',
          entityId: user.id,
          summary: {
            sessionId: created.id,
            ...(method === 'oidc' ? { method, ...details } : {}),
            ...(enrolmentOnly ? { enrolmentOnly } : {}),
          },
        },
        manager,
      );
      return created;
    });
    return {
      ...(await this.issue(user.id, session)),
      user: toView(user),
      sessionId: session.id,
      enrolmentOnly,
      passwordChangeRequired: user.passwordChangeRequired,
    };
  }

  /**
   * The principal of a valid token whose session is live and whose user is active, or null. Every API request asks,
   * so a revoked session or a deactivated user is refused at once: one prepared statement on two primary keys.
   */
  async authenticate(token: string): Promise<Principal | null> {
    const claims = await verifyToken(this.keys.verifying('access-token'), token, Math.floor(Date.now() / 1000));
    if (!claims) return null;
    const [row] = await LIVE_SESSION.run(this.dataSource, [claims.sid, claims.sub]);
    return row ? { ...row, sessionId: claims.sid } : null;
  }

  /** A fresh token for the same session (up to the session's own end). */
  async refresh(principal: Principal): Promise<IssuedToken> {
    const session = await this.sessions.findOneByOrFail({ id: principal.sessionId });
    return this.issue(principal.userId, session);
  }

  async logout(principal: Principal, requestId: string | null): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.update(Session, { id: principal.sessionId, revokedAt: IsNull() }, { revokedAt: new Date() });
      await this.audit.record(
        actorOf(principal, requestId),
        {
          action: 'auth.logout',
          entity: 'user',
          entityId: principal.userId,
          summary: { sessionId: principal.sessionId },
        },
        manager,
      );
    });
  }

  /** The CSRF token a page embeds for the session (signed with the current key). */
  csrfTokenFor(sessionId: string): string {
    return csrfToken(this.keys.signing('csrf-token'), sessionId);
  }

  /** Whether a form or header sent the session's CSRF token (from before a rotation of AUTH_SECRET too). */
  csrfTokenMatches(sessionId: string, given: string): boolean {
    return csrfTokenMatches(this.keys.verifying('csrf-token'), sessionId, given);
  }

  private async issue(userId: string, session: Session): Promise<IssuedToken> {
    const now = Math.floor(Date.now() / 1000);
    const exp = Math.min(now + this.ttlSeconds, Math.floor(session.expiresAt.getTime() / 1000));
    return {
      accessToken: await signToken(this.keys.signing('access-token'), { sub: userId, sid: session.id, iat: now, exp }),
      expiresAt: new Date(exp * 1000).toISOString(),
    };
  }
}

const LIVE_SESSION = new PreparedQuery<Omit<Principal, 'sessionId'>>(
  'auth-live-session',
  `SELECT u.id AS "userId", u.email, u.name, u.roles, u.region, s.enrolment_only AS "enrolmentOnly",
          u.password_change_required AS "passwordChangeRequired"
     FROM sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.active`,
);
