import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TooManyAttempts } from '#libs/platform';

/**
 * Failed sign-ins allowed per window, per account from one address (`perAccountAddress`) and per address across
 * accounts (`perAddress`). Reaching either locks that key (only that pair, or only that address) for
 * `firstLockMinutes`, doubling with each further lock of the same key within `memoryHours` of the last one,
 * up to `longestLockMinutes`. A stranger's failures lock the stranger's own address out of the account, never the
 * account itself: the user signs in from anywhere else.
 */
export const THROTTLE = {
  windowMinutes: 15,
  perAccountAddress: 5,
  perAddress: 30,
  firstLockMinutes: 15,
  longestLockMinutes: 24 * 60,
  memoryHours: 24,
} as const;

/** The outcome of one key's charge: refused (it was locked), or counted, and whether it now starts a lock. */
export interface ThrottleCharge {
  key: string;
  refused: boolean;
  failures: number;
  lockedUntil: Date | null;
  /** This attempt reached the limit: if it fails, a lock episode starts (lock number `locks`). */
  startsLock: boolean;
  locks: number;
}

export interface ThrottleVerdict {
  /** Seconds to wait when refused, else 0. */
  retryAfter: number;
  charges: ThrottleCharge[];
}

export const pairKey = (email: string, address: string) => `pair:${email}|${address}`;
export const addressKey = (address: string) => `address:${address}`;

interface ChargeRow {
  key: string;
  failures: number;
  locked_until: Date | null;
  locks: number;
  refused: boolean;
  limit: number;
}

/**
 * Counts sign-in attempts in PostgreSQL (so the limit holds across API processes and while Redis is down), in one
 * statement per attempt that charges both keys before the password is checked: concurrent attempts take turns on
 * each key's row, so a burst of parallel guesses gets exactly the limit's worth checked and the rest refused. A
 * correct password gives its charge back (`succeeded`).
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly dataSource: DataSource) {}

  private keys(email: string, address: string) {
    return [
      { key: pairKey(email, address), limit: THROTTLE.perAccountAddress },
      { key: addressKey(address), limit: THROTTLE.perAddress },
    ];
  }

  /**
   * Charges one attempt to the pair and to the address, unless either is locked: then nothing is counted and the
   * verdict says how long to wait. A lock seen only by the charge itself (a concurrent attempt locked it first)
   * gives back what this attempt counted on the other key.
   */
  async attempt(email: string, address: string): Promise<ThrottleVerdict> {
    const keys = this.keys(email, address);
    const waiting = await this.lockedSeconds(keys.map((k) => k.key));
    if (waiting > 0) return { retryAfter: waiting, charges: [] };
    const rows = await this.dataSource.query<ChargeRow[]>(CHARGE_SQL, [
      keys.map((k) => k.key),
      keys.map((k) => k.limit),
      THROTTLE.windowMinutes,
      THROTTLE.firstLockMinutes,
      THROTTLE.longestLockMinutes,
      THROTTLE.memoryHours,
    ]);
    const charges = rows.map((row) => ({
      key: row.key,
      refused: row.refused,
      failures: row.failures,
      lockedUntil: row.locked_until,
      startsLock: !row.refused && row.failures >= row.limit,
      locks: row.locks,
    }));
    const refused = charges.filter((c) => c.refused);
    if (refused.length === 0) return { retryAfter: 0, charges };
    await this.giveBack(charges.filter((c) => !c.refused));
    const until = Math.max(...refused.map((c) => c.lockedUntil?.getTime() ?? 0));
    return { retryAfter: Math.max(1, Math.ceil((until - Date.now()) / 1000)), charges: [] };
  }

  /** attempt(), refused with a 429 saying how long to wait when the pair or the address is locked. */
  async admit(email: string, address: string): Promise<ThrottleVerdict> {
    const verdict = await this.attempt(email, address);
    if (verdict.retryAfter > 0) {
      const minutes = Math.ceil(verdict.retryAfter / 60);
      throw new TooManyAttempts(
        `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`,
        verdict.retryAfter,
      );
    }
    return verdict;
  }

  /** The attempt was the right password: the pair starts again from nothing and the address gets its charge back. */
  async succeeded(email: string, address: string, verdict: ThrottleVerdict): Promise<void> {
    const pair = pairKey(email, address);
    await this.dataSource.query('DELETE FROM login_throttle WHERE key = $1', [pair]);
    await this.giveBack(verdict.charges.filter((c) => c.key !== pair));
    // Keys quiet for longer than the lock memory hold nothing worth keeping.
    await this.dataSource.query(
      `DELETE FROM login_throttle WHERE updated_at < now() - make_interval(hours => $1)
          AND (locked_until IS NULL OR locked_until < now() - make_interval(hours => $1))`,
      [THROTTLE.memoryHours + THROTTLE.longestLockMinutes / 60],
    );
  }

  /**
   * The account's lock episode a new lock belongs to: its start, the same for every lock of the account (from any
   * address) that begins while an earlier one still runs. One alert email per episode is keyed on it.
   */
  async episode(userId: string, lockedUntil: Date): Promise<Date> {
    const [row] = await this.dataSource.query<Array<{ started: Date }>>(
      `INSERT INTO login_throttle AS t (key, failures, window_started_at, locked_until, locks)
       VALUES ($1, 0, now(), $2, 1)
       ON CONFLICT (key) DO UPDATE SET
         window_started_at = CASE WHEN t.locked_until > now() THEN t.window_started_at ELSE now() END,
         locked_until = greatest(t.locked_until, excluded.locked_until),
         locks = t.locks + 1, updated_at = now()
       RETURNING window_started_at AS started`,
      [`episode:${userId}`, lockedUntil],
    );
    return row.started;
  }

  private async lockedSeconds(keys: string[]): Promise<number> {
    const [row] = await this.dataSource.query<Array<{ seconds: number | null }>>(
      `SELECT ceil(extract(epoch FROM max(locked_until) - now()))::int AS seconds
         FROM login_throttle WHERE key = ANY($1) AND locked_until > now()`,
      [keys],
    );
    return row?.seconds ?? 0;
  }

  /** Takes back one counted attempt from each charge, and the lock it would have started. */
  private async giveBack(charges: ThrottleCharge[]): Promise<void> {
    for (const charge of charges) {
      await this.dataSource.query(
        `UPDATE login_throttle SET failures = greatest(failures - 1, 0),
                locked_until = CASE WHEN $2 THEN NULL ELSE locked_until END,
                locks = CASE WHEN $2 THEN greatest(locks - 1, 0) ELSE locks END
          WHERE key = $1`,
        [charge.key, charge.startsLock],
      );
    }
  }
}

/**
 * $1 keys, $2 their limits, $3 the window (minutes), $4 the first lock (minutes), $5 the longest lock (minutes),
 * $6 how long a lock is remembered (hours). Per key, in one statement: a locked key is left as it is and reported
 * refused; otherwise the attempt is counted, in a new window when the last one is over (or a lock ended it), and
 * reaching the limit locks the key for the first lock's length doubled for each lock remembered.
 */
const CHARGE_SQL = `
  INSERT INTO login_throttle AS t (key, failures, window_started_at, locked_until, locks, refused, updated_at)
  SELECT key, 1, now(), NULL, 0, false, now() FROM unnest($1::text[]) WITH ORDINALITY AS i(key, n) ORDER BY n
  ON CONFLICT (key) DO UPDATE SET (failures, window_started_at, locked_until, locks, refused, updated_at) = (
    SELECT CASE WHEN s.locked THEN t.failures ELSE s.failures END,
           CASE WHEN s.fresh THEN now() ELSE t.window_started_at END,
           CASE WHEN s.locked THEN t.locked_until
                WHEN s.failures >= s.lim
                  THEN now() + make_interval(mins => least($5::int, $4::int * power(2, least(s.remembered, 16))::int))
                ELSE t.locked_until END,
           CASE WHEN s.locked THEN t.locks WHEN s.failures >= s.lim THEN s.remembered + 1 ELSE s.remembered END,
           s.locked,
           now()
      FROM (
        SELECT l.locked, l.fresh, l.lim, l.remembered,
               CASE WHEN l.fresh THEN 1 ELSE t.failures + 1 END AS failures
          FROM (
            SELECT coalesce(t.locked_until > now(), false) AS locked,
                   NOT coalesce(t.locked_until > now(), false)
                     AND (t.window_started_at <= now() - make_interval(mins => $3)
                          OR coalesce(t.locked_until > t.window_started_at, false)) AS fresh,
                   ($2::int[])[array_position($1::text[], t.key)] AS lim,
                   CASE WHEN t.locked_until > now() - make_interval(hours => $6) THEN t.locks ELSE 0 END AS remembered
          ) l
      ) s
  )
  RETURNING key, failures, locked_until, locks, refused, ($2::int[])[array_position($1::text[], key)] AS "limit"`;
