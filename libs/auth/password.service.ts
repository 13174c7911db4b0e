import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import { AuditService, type Actor } from '#libs/audit';
import { EmailService, type EmailContent } from '#libs/notifications';
import { UUID, appConfig, Declined, Incorrect, Invalid, NotFound } from '#libs/platform';
import type { Principal } from './auth.service.js';
import { LoginThrottle } from './login-throttle.service.js';
import { hashPassword, refuseWeakPassword, verifyPassword } from './passwords.js';
import { SignInLockAlerts, timeInLondon } from './sign-in-lock-alerts.js';
import { User } from './user.entity.js';

/**
 * How long an emailed password link is good for (hours): one a user asked for themselves, one an admin sent (the
 * user may not read it at once), and an invitation to a new account.
 */
export const PASSWORD_LINK_HOURS = { requested: 1, sentByAdmin: 72, invitation: 7 * 24 } as const;
/** A user asking for more reset links than this within an hour gets no more emails (nothing says so). */
const REQUESTS_PER_HOUR = 3;

export type PasswordLinkKind = 'reset' | 'invitation';

/** What the page of a live link may show: whose password it sets. */
export interface PasswordLinkView {
  kind: PasswordLinkKind;
  email: string;
  name: string;
  expiresAt: string;
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export class PasswordLinkInvalid extends Invalid {
  constructor() {
    super('This link has expired or has already been used. Ask for a new one from the sign-in page.', [
      { field: 'token', problems: ['the link has expired or has already been used'] },
    ]);
  }
}

/**
 * Passwords a user sets themselves (docs/SECURITY.md, Passwords): a change with the current password, and emailed
 * links, good once and for a few hours, that a user asks for from the sign-in page or an admin sends (an invitation
 * to a new account, or a reset). Admins never type another person's password. Only a hash of each link's 256-bit
 * secret is stored. Setting a password ends the user's other sessions and tells them by email.
 */
@Injectable()
export class PasswordService {
  constructor(
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
    private readonly throttle: LoginThrottle,
    private readonly lockAlerts: SignInLockAlerts,
    private readonly audit: AuditService,
    private readonly emails: EmailService,
  ) {}

  /**
   * The signed-in user's own change: the current password (a wrong one counts towards the sign-in throttle, 422)
   * and an acceptable new one (400). The user's other sessions end; this one goes on.
   */
  async change(
    principal: Principal,
    current: string,
    next: string,
    address: string,
    requestId: string | null,
  ): Promise<{ sessionsEnded: number }> {
    refuseWeakPassword(next, principal.email, 'newPassword');
    const verdict = await this.throttle.admit(principal.email, address);
    const user = await this.withHash(principal.userId);
    const actor = { userId: user.id, email: user.email, requestId };
    if (!(await verifyPassword(current, user.passwordHash))) {
      await this.audit.record(actor, {
        action: 'auth.password_change_failed',
        entity: 'user',
        entityId: user.id,
        summary: { reason: 'wrong current password' },
      });
      await this.lockAlerts.failed(verdict, { email: user.email, address, user, requestId });
      throw new Incorrect('Your current password is not correct', [
        { field: 'currentPassword', problems: ['current password is not correct'] },
      ]);
    }
    await this.throttle.succeeded(user.email, address, verdict);
    if (await verifyPassword(next, user.passwordHash)) {
      throw new Invalid('newPassword must differ from your current password', [
        { field: 'newPassword', problems: ['newPassword must differ from your current password'] },
      ]);
    }
    const passwordHash = await hashPassword(next);
    return this.dataSource.transaction(async (manager) => {
      const sessionsEnded = await this.setPassword(manager, user, passwordHash, principal.sessionId);
      await this.audit.record(
        actor,
        { action: 'auth.password_change', entity: 'user', entityId: user.id, summary: { sessionsEnded } },
        manager,
      );
      await this.notice(manager, user, 'changed');
      return { sessionsEnded };
    });
  }

  /**
   * A reset link for whoever owns `email`, if an active user does: the answer is the same either way, so the
   * sign-in page cannot be used to find out who has an account. A few requests an hour per user send email.
   */
  async requestReset(emailInput: string, requestId: string | null): Promise<void> {
    const email = emailInput.trim().toLowerCase();
    const user = await this.users.findOneBy({ email });
    await this.dataSource.transaction(async (manager) => {
      const recent = user?.active
        ? Number(
            (
              await manager.query<Array<{ n: string }>>(
                `SELECT count(*) AS n FROM password_links
                  WHERE user_id = $1 AND requested_by IS NULL AND created_at > now() - interval '1 hour'`,
                [user.id],
              )
            )[0].n,
          )
        : 0;
      const sends = Boolean(user?.active) && recent < REQUESTS_PER_HOUR;
      await this.audit.record(
        { userId: null, email: null, requestId },
        {
          action: 'auth.password_reset_requested',
          entity: 'user',
          entityId: user?.id ?? null,
          summary: {
            email,
            sent: sends,
            ...(sends
              ? {}
              : { reason: !user ? 'unknown email' : !user.active ? 'account deactivated' : 'too many requests' }),
          },
        },
        manager,
      );
      if (sends && user) await this.issue(manager, user, 'reset', null);
    });
  }

  /**
   * An admin sends `userId` a link to set a password: an invitation for someone who has never signed in, a reset
   * otherwise. Their current password (if any) keeps working until the link is used.
   */
  async sendLink(userId: string, actor: Actor): Promise<{ kind: PasswordLinkKind; expiresAt: string }> {
    const user = UUID.test(userId) ? await this.users.findOneBy({ id: userId }) : null;
    if (!user) throw new NotFound(`No user has the id ${userId}`);
    if (!user.active) {
      throw new Declined(`${user.name} is deactivated: reactivate them before sending a link`);
    }
    return this.dataSource.transaction(async (manager) => {
      const kind = (await this.hasSignedIn(manager, user.id)) ? 'reset' : 'invitation';
      const expiresAt = await this.issue(manager, user, kind, actor.userId);
      await this.audit.record(
        actor,
        {
          action: 'user.password_link_sent',
          entity: 'user',
          entityId: user.id,
          summary: { kind, expiresAt: expiresAt.toISOString() },
        },
        manager,
      );
      return { kind, expiresAt: expiresAt.toISOString() };
    });
  }

  /** The invitation a new user gets when an admin adds them without a password (in the creating transaction). */
  async invite(manager: EntityManager, user: User, invitedBy: string | null): Promise<void> {
    await this.issue(manager, user, 'invitation', invitedBy);
  }

  /** Whose password a live link sets, without using it (a link scanner opening the page changes nothing). */
  async inspect(token: unknown): Promise<PasswordLinkView | null> {
    if (typeof token !== 'string' || !TOKEN.test(token)) return null;
    const [row] = await this.dataSource.query<
      Array<{ kind: PasswordLinkKind; email: string; name: string; expires_at: Date }>
    >(
      `SELECT l.kind, u.email, u.name, l.expires_at FROM password_links l JOIN users u ON u.id = l.user_id
        WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > now() AND u.active`,
      [digest(token)],
    );
    return row ? { kind: row.kind, email: row.email, name: row.name, expiresAt: row.expires_at.toISOString() } : null;
  }

  /**
   * Sets the password of a live link's user (400 for a weak one, or for a link expired, used or unknown). The link
   * and every other outstanding link of the user are used up, and all of the user's sessions end.
   */
  async complete(token: unknown, password: string, requestId: string | null): Promise<{ email: string }> {
    const link = await this.inspect(token);
    if (!link) throw new PasswordLinkInvalid();
    refuseWeakPassword(password, link.email);
    const passwordHash = await hashPassword(password);
    return this.dataSource.transaction(async (manager) => {
      // TypeORM answers an UPDATE with [rows, count].
      const [[used]] = await manager.query<[Array<{ user_id: string; kind: PasswordLinkKind }>, number]>(
        `UPDATE password_links l SET used_at = now() FROM users u
          WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > now() AND u.id = l.user_id AND u.active
        RETURNING l.user_id, l.kind`,
        [digest(token as string)],
      );
      if (!used) throw new PasswordLinkInvalid();
      const user = await manager.getRepository(User).findOneByOrFail({ id: used.user_id });
      const sessionsEnded = await this.setPassword(manager, user, passwordHash, null);
      await this.audit.record(
        { userId: user.id, email: user.email, requestId },
        {
          action: 'auth.password_reset',
          entity: 'user',
          entityId: user.id,
          summary: { kind: used.kind, sessionsEnded },
        },
        manager,
      );
      await this.notice(manager, user, used.kind === 'invitation' ? 'set' : 'reset');
      return { email: user.email };
    });
  }

  /** The new hash; every outstanding link used up; the user's sessions but `keep` ended. The number ended. */
  private async setPassword(manager: EntityManager, user: User, passwordHash: string, keep: string | null) {
    await manager.update(User, { id: user.id }, { passwordHash, passwordChangeRequired: false });
    await manager.query(`UPDATE password_links SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [user.id]);
    const ended = await manager.query<[unknown[], number]>(
      `UPDATE sessions SET revoked_at = now()
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [user.id, keep],
    );
    return ended[1];
  }

  private async withHash(userId: string): Promise<User> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: userId })
      .getOneOrFail();
  }

  private async hasSignedIn(manager: EntityManager, userId: string): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`SELECT 1 FROM sessions WHERE user_id = $1 LIMIT 1`, [userId]);
    return rows.length > 0;
  }

  /** A new link for `user`, and its email: the link's secret exists only in the email. */
  private async issue(
    manager: EntityManager,
    user: User,
    kind: PasswordLinkKind,
    requestedBy: string | null,
  ): Promise<Date> {
    const hours =
      kind === 'invitation'
        ? PASSWORD_LINK_HOURS.invitation
        : requestedBy
          ? PASSWORD_LINK_HOURS.sentByAdmin
          : PASSWORD_LINK_HOURS.requested;
    const token = randomBytes(32).toString('base64url');
    const [row] = await manager.query<Array<{ id: string; expires_at: Date }>>(
      `INSERT INTO password_links (user_id, token_hash, kind, requested_by, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(hours => $5)) RETURNING id, expires_at`,
      [user.id, digest(token), kind, requestedBy, hours],
    );
    const url = `${this.app.publicUrl}/login/reset?token=${token}`;
    const until = `${timeInLondon(row.expires_at)} (UK time)`;
    const content: EmailContent =
      kind === 'invitation'
        ? {
            subject: 'Your account for the LGA peer challenge case-management system',
            heading: 'Set your password',
            paragraphs: [
              `Dear ${user.name},`,
              'An account has been made for you in the LGA peer challenge case-management system. Choose your ' +
                'password to start using it.',
              `The link works once, until ${until}. If it has expired, use “Forgotten your password?” on the ` +
                'sign-in page.',
            ],
            facts: [{ label: 'Account', value: user.email }],
            link: { text: 'Set your password', url },
          }
        : {
            subject: 'Reset your password for the LGA peer challenge system',
            heading: 'Reset your password',
            paragraphs: [
              `Dear ${user.name},`,
              requestedBy
                ? 'A programme admin has sent you a link to set a new password.'
                : 'Someone (we hope you) asked to reset the password of your account.',
              `The link works once, until ${until}. Your current password keeps working until you use it.`,
              'If you did not ask for this, you can ignore this email: nothing changes unless the link is used.',
            ],
            facts: [{ label: 'Account', value: user.email }],
            link: { text: 'Choose a new password', url },
          };
    await this.emails.queue(manager, {
      idempotencyKey: `password-link-${row.id}`,
      template: kind === 'invitation' ? 'password-invitation' : 'password-reset',
      to: [{ name: user.name, address: user.email }],
      content,
    });
    return row.expires_at;
  }

  /** Tells the user their password was set, so a change they did not make does not go unnoticed. */
  private async notice(manager: EntityManager, user: User, how: 'changed' | 'reset' | 'set'): Promise<void> {
    const done = { changed: 'changed', reset: 'reset with an emailed link', set: 'set for the first time' }[how];
    await this.emails.queue(manager, {
      idempotencyKey: `password-${how}-${user.id}-${randomUUID()}`,
      template: 'password-changed',
      to: [{ name: user.name, address: user.email }],
      content: {
        subject: 'Your password for the LGA peer challenge system has been changed',
        heading: 'Your password has been changed',
        paragraphs: [
          `Dear ${user.name},`,
          `The password of your account was ${done} at ${timeInLondon(new Date())} (UK time). Other places ` +
            'where you were signed in have been signed out.',
          'If this was not you, ask the programme team at once to deactivate the account, then reset your ' +
            'password from the sign-in page.',
        ],
        facts: [{ label: 'Account', value: user.email }],
      },
    });
  }
}
