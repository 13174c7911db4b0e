import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService } from '#libs/audit';
import { EmailService } from '#libs/notifications';
import { LoginThrottle, pairKey, type ThrottleVerdict } from './login-throttle.service.js';

/** A moment as people in England read it, for emails: '14:05, 7 December 2026' style. */
export const timeInLondon = (at: Date) =>
  new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/London',
  }).format(at);

/**
 * What a failed sign-in that starts a lock leaves behind: an audit entry `auth.login_locked` (the account from an
 * address, or an address across accounts), and for an account one email to its user per lock episode (however
 * many addresses are locked out of it meanwhile), queued through the email log with an idempotency key.
 */
@Injectable()
export class SignInLockAlerts {
  constructor(
    private readonly dataSource: DataSource,
    private readonly throttle: LoginThrottle,
    private readonly audit: AuditService,
    private readonly emails: EmailService,
  ) {}

  async failed(
    verdict: ThrottleVerdict,
    attempt: {
      email: string;
      address: string;
      user: { id: string; email: string; name: string; active: boolean } | null;
      requestId: string | null;
    },
  ): Promise<void> {
    const locks = verdict.charges.filter((c) => c.startsLock && c.lockedUntil);
    if (locks.length === 0) return;
    const { email, address, user, requestId } = attempt;
    const pair = pairKey(email, address);
    const accountLock = locks.find((c) => c.key === pair);
    const episode = accountLock && user?.active ? await this.throttle.episode(user.id, accountLock.lockedUntil!) : null;
    await this.dataSource.transaction(async (manager) => {
      await this.audit.recordMany(
        { userId: null, email: null, requestId },
        locks.map((lock) => ({
          action: 'auth.login_locked',
          entity: 'user',
          entityId: lock.key === pair ? (user?.id ?? null) : null,
          summary: {
            scope: lock.key === pair ? 'account from address' : 'address',
            email: lock.key === pair ? email : undefined,
            address,
            failures: lock.failures,
            lock: lock.locks,
            until: lock.lockedUntil!.toISOString(),
          },
        })),
        manager,
      );
      if (!episode || !user || !accountLock) return;
      await this.emails.queue(manager, {
        idempotencyKey: `sign-in-locked-${user.id}-${episode.getTime()}`,
        template: 'sign-in-locked',
        to: [{ name: user.name, address: user.email }],
        content: {
          subject: 'Failed attempts to sign in to your LGA peer challenge account',
          heading: 'Someone could not sign in to your account',
          paragraphs: [
            `Dear ${user.name},`,
            `There were ${accountLock.failures} failed attempts to sign in to your account from the address ` +
              `${address}. Sign-ins from that address to your account are paused until ` +
              `${timeInLondon(accountLock.lockedUntil!)} (UK time).`,
            'If this was you, wait until then, or sign in from another network. You can still sign in from ' +
              'your usual places: this pause applies only to that address.',
            'If it was not you, your password has not been given away by this: nobody signed in. Tell the ' +
              'programme team, who can see the attempts in the audit log, and consider changing your password.',
          ],
          facts: [
            { label: 'Account', value: user.email },
            { label: 'Address', value: address },
          ],
        },
      });
    });
  }
}
