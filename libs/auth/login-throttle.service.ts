import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** Failed sign-ins allowed per window before further attempts are refused until the window ends. */
export const THROTTLE = { windowMinutes: 15, perAccount: 5, perAddress: 30 } as const;

/**
 * Counts failed sign-ins per account and per address in PostgreSQL, so the limit holds across API processes
 * and keeps working while Redis is down.
 */
@Injectable()
export class LoginThrottle {
  constructor(private readonly dataSource: DataSource) {}

  private keys(email: string, address: string) {
    return [
      { key: `account:${email}`, limit: THROTTLE.perAccount },
      { key: `address:${address}`, limit: THROTTLE.perAddress },
    ];
  }

  /** Seconds until another attempt is allowed, or 0 when it is allowed now. */
  async retryAfter(email: string, address: string): Promise<number> {
    let wait = 0;
    for (const { key, limit } of this.keys(email, address)) {
      const [row] = await this.dataSource.query<Array<{ seconds: number }>>(
        `SELECT ceil(extract(epoch FROM window_started_at + make_interval(mins => $2) - now()))::int AS seconds
           FROM login_throttle WHERE key = $1 AND failures >= $3
            AND window_started_at > now() - make_interval(mins => $2)`,
        [key, THROTTLE.windowMinutes, limit],
      );
      wait = Math.max(wait, row?.seconds ?? 0);
    }
    return wait;
  }

  async recordFailure(email: string, address: string): Promise<void> {
    for (const { key } of this.keys(email, address)) {
      await this.dataSource.query(
        `INSERT INTO login_throttle AS t (key, failures, window_started_at) VALUES ($1, 1, now())
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN t.window_started_at <= now() - make_interval(mins => $2) THEN 1 ELSE t.failures + 1 END,
           window_started_at = CASE WHEN t.window_started_at <= now() - make_interval(mins => $2)
                                    THEN now() ELSE t.window_started_at END`,
        [key, THROTTLE.windowMinutes],
      );
    }
  }

  async recordSuccess(email: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_throttle WHERE key = $1', [`account:${email}`]);
  }
}
