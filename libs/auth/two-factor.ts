import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type Actor } from '#libs/audit';
import { UUID, appConfig, authConfig, Declined, DEV_ADMIN_EMAIL, NotFound, NotPermitted } from '#libs/platform';
import { AuthKeys } from './auth-secret.js';
import type { Role } from './roles.js';

/** What an authenticator app shows beside the code, and the QR code's issuer. */
const ISSUER = 'LGA peer challenge';
/** A code typed a little before or after its 30 seconds is still accepted (one step either side). */
const TOLERANCE_SECONDS = 30;
const CODE = /^\d{6}$/;

/**
 * TOTP secrets at rest: AES-256-GCM with a key derived from AUTH_SECRET for this purpose only, so a copy of the
 * database alone gives no one a second factor. During a rotation a secret sealed with the previous key still opens,
 * and is sealed again with the current one the next time it is used (`opened.stale`).
 */
export class SecretBox {
  constructor(private readonly keys: AuthKeys) {}

  seal(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(this.keys.signing('totp-secret')), iv);
    const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), sealed]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** The secret, and whether it was sealed with a key other than the current one; null if no key opens it. */
  open(sealed: string): { secret: string; stale: boolean } | null {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || !body) return null;
    const keys = this.keys.verifying('totp-secret');
    for (const [index, key] of keys.entries()) {
      try {
        const decipher = createDecipheriv('aes-256-gcm', this.key(key), Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        const secret = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString();
        return { secret, stale: index > 0 };
      } catch {
        // Not this key: try the previous one.
      }
    }
    return null;
  }

  private key(text: string): Buffer {
    return Buffer.from(text, 'base64url');
  }
}

/** A second factor being set up: what the enrolment page shows. */
export interface TwoFactorSetup {
  /** Base32, for typing into an app that cannot scan. */
  secret: string;
  /** The `otpauth://` URI the QR code holds. */
  uri: string;
  /** The QR code as a `data:image/svg+xml` URL (the page's CSP allows data: images). */
  qrCode: string;
}

export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: string | null;
  /** Whether this user must keep one: admins, except the development admin where the development defaults apply. */
  required: boolean;
}

interface TwoFactorRow {
  email: string;
  roles: Role[];
  totp_secret: string | null;
  totp_pending_secret: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: string | null;
}

/**
 * The second factor of password sign-in (docs/SECURITY.md, Second factor): a TOTP app (RFC 6238, by otplib), set up
 * by scanning a QR code and confirming one code. Each code is accepted once: the last time step used is kept, and
 * moved on in the same statement that accepts the code, so two sign-ins racing with one code cannot both pass.
 */
@Injectable()
export class TwoFactorService {
  private readonly box: SecretBox;
  private readonly developmentDefaults: boolean;

  constructor(
    @Inject(authConfig.KEY) config: ConfigType<typeof authConfig>,
    @Inject(appConfig.KEY) app: ConfigType<typeof appConfig>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {
    this.box = new SecretBox(AuthKeys.from(config, app));
    this.developmentDefaults = app.developmentDefaults;
  }

  /**
   * Whether a user must have a second factor: every admin, since an admin can change everyone's access. The one
   * exception is the seeded development admin where the development defaults apply (a laptop, the tests), which
   * signs in by its published password alone.
   */
  required(user: { email: string; roles: readonly Role[] }): boolean {
    if (!user.roles.includes('admin')) return false;
    return !(this.developmentDefaults && user.email === DEV_ADMIN_EMAIL);
  }

  async status(userId: string): Promise<TwoFactorStatus> {
    const user = await this.row(userId);
    return {
      enabled: user.totp_enabled_at !== null,
      enabledAt: user.totp_enabled_at?.toISOString() ?? null,
      required: this.required(user),
    };
  }

  /** A new secret to set up (replacing any set-up left unfinished); the current one stays until it is confirmed. */
  async begin(userId: string): Promise<TwoFactorSetup> {
    const user = await this.row(userId);
    const secret = generateSecret();
    await this.dataSource.query(`UPDATE users SET totp_pending_secret = $2 WHERE id = $1`, [
      userId,
      this.box.seal(secret),
    ]);
    return this.setup(user.email, secret);
  }

  /** The set-up under way, shown again (after a wrong code), or null if there is none. */
  async pending(userId: string): Promise<TwoFactorSetup | null> {
    const user = await this.row(userId);
    const opened = user.totp_pending_secret ? this.box.open(user.totp_pending_secret) : null;
    return opened ? this.setup(user.email, opened.secret) : null;
  }

  /**
   * Finishes a set-up with a code from the app: the new secret replaces any old one, and the user's sessions that
   * were waiting for a second factor (an admin's first sign-in) may now do everything their roles allow.
   */
  async confirm(userId: string, code: unknown, actor: Actor): Promise<void> {
    const user = await this.row(userId);
    const opened = user.totp_pending_secret ? this.box.open(user.totp_pending_secret) : null;
    if (!opened) throw new Declined('Start setting up two-factor authentication again');
    const step = await this.acceptedStep(opened.secret, code, null);
    if (step === null) throw new Declined(wrongCode(code));
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE users SET totp_secret = $2, totp_pending_secret = NULL, totp_enabled_at = now(), totp_last_step = $3
          WHERE id = $1`,
        [userId, this.box.seal(opened.secret), step],
      );
      await manager.query(`UPDATE sessions SET enrolment_only = false WHERE user_id = $1 AND enrolment_only`, [userId]);
      await this.record(manager, actor, 'auth.two_factor_enabled', userId, {
        replaced: user.totp_enabled_at !== null,
      });
    });
  }

  /** Turns the second factor off, with a current code; refused for those who must keep one. */
  async remove(userId: string, code: unknown, actor: Actor): Promise<void> {
    const user = await this.row(userId);
    if (!isCode(code)) throw new Declined(wrongCode(code));
    if (this.required(user)) {
      throw new NotPermitted('Admins must keep two-factor authentication. You can set up a new app instead.');
    }
    if (!(await this.check(userId, code))) throw new Declined(wrongCode(code));
    await this.clear(actor, userId, 'auth.two_factor_removed');
  }

  /** An admin clears another user's second factor (a lost phone): the user sets up a new one at next sign-in. */
  async reset(actor: Actor, userId: string): Promise<void> {
    await this.row(userId);
    await this.clear(actor, userId, 'auth.two_factor_reset');
  }

  /** Whether `code` is the user's current code, not used before; accepting it uses it up. */
  async check(userId: string, code: unknown): Promise<boolean> {
    const user = await this.row(userId);
    const opened = user.totp_secret ? this.box.open(user.totp_secret) : null;
    if (!opened) return false;
    const step = await this.acceptedStep(opened.secret, code, user.totp_last_step);
    if (step === null) return false;
    // TypeORM answers an UPDATE with [rows, count].
    const [used] = await this.dataSource.query<[Array<{ id: string }>, number]>(
      `UPDATE users SET totp_last_step = $2, totp_secret = $3
        WHERE id = $1 AND totp_secret IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < $2)
        RETURNING id`,
      [userId, step, opened.stale ? this.box.seal(opened.secret) : user.totp_secret],
    );
    return used.length === 1;
  }

  private async acceptedStep(secret: string, code: unknown, after: string | null): Promise<number | null> {
    if (!isCode(code)) return null;
    const result = await verify({
      secret,
      token: code.replace(/\s/g, ''),
      epochTolerance: TOLERANCE_SECONDS,
      ...(after === null ? {} : { afterTimeStep: Number(after) }),
    });
    return result.valid && 'timeStep' in result ? result.timeStep : null;
  }

  private async setup(email: string, secret: string): Promise<TwoFactorSetup> {
    const uri = generateURI({ issuer: ISSUER, label: email, secret });
    // SVG: sharp at any zoom, and no PNG encoder to run on every set-up.
    const svg = await QRCode.toString(uri, { type: 'svg', margin: 2 });
    return { secret, uri, qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
  }

  private async clear(actor: Actor, userId: string, action: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL
          WHERE id = $1`,
        [userId],
      );
      await this.record(manager, actor, action, userId, {});
    });
  }

  private async record(
    manager: EntityManager,
    actor: Actor,
    action: string,
    userId: string,
    summary: Record<string, unknown>,
  ): Promise<void> {
    await this.audit.record(actor, { action, entity: 'user', entityId: userId, summary }, manager);
  }

  private async row(userId: string): Promise<TwoFactorRow> {
    if (!UUID.test(userId)) throw new NotFound(`No user has the id ${userId}`);
    const [user] = await this.dataSource.query<TwoFactorRow[]>(
      `SELECT email, roles, totp_secret, totp_pending_secret, totp_enabled_at, totp_last_step FROM users WHERE id = $1`,
      [userId],
    );
    if (!user) throw new NotFound(`No user has the id ${userId}`);
    return user;
  }
}

/** Six digits, spaces aside (apps show `123 456`). */
function isCode(code: unknown): code is string {
  return typeof code === 'string' && CODE.test(code.replace(/\s/g, ''));
}

function wrongCode(code: unknown): string {
  return isCode(code)
    ? 'The security code is not correct, or has been used. Enter the code your app shows now.'
    : 'Enter the 6-digit security code from your authenticator app';
}
