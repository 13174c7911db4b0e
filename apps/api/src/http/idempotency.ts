import { BadRequestException, ConflictException, Injectable, UnprocessableEntityException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

/** How long a first answer is kept for its key. */
export const IDEMPOTENCY_HOURS = 24;
/** A key still without an answer after this long was left by a process that died: the next request takes it over. */
const ABANDONED_SECONDS = 60;
/** How long a repeat waits for the first request of its key to answer. */
const WAIT_MS = 10_000;

const KEY = /^[\x21-\x7e]{1,200}$/;

/** The JSON of `value` with object keys sorted, so the same body always has the same digest. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, inner]) => inner !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
}

export interface IdempotentAnswer<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/**
 * `Idempotency-Key` for a write: the first request with a user's key runs and its answer (status and body) is
 * stored with a digest of its body; a repeat of the key within IDEMPOTENCY_HOURS gets that answer and runs nothing,
 * a repeat with a different body is a 422, and one arriving while the first still runs waits for its answer. A
 * first request that fails leaves no trace, so the key can be used again (bad input writes nothing).
 */
@Injectable()
export class Idempotency {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(
    scope: { userId: string; route: string; key: string | undefined; body: unknown },
    status: number,
    work: () => Promise<T>,
  ): Promise<IdempotentAnswer<T>> {
    if (scope.key === undefined) return { status, body: await work(), replayed: false };
    if (!KEY.test(scope.key)) {
      const problem = 'Idempotency-Key must be 1 to 200 visible ASCII characters';
      throw new BadRequestException({ message: problem, details: [{ field: 'Idempotency-Key', problems: [problem] }] });
    }
    const digest = createHash('sha256').update(canonicalJson(scope.body)).digest('base64url');
    const params = [scope.userId, scope.route, scope.key];
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const [claimed] = await this.dataSource.query<Array<{ key: string }>>(
        `INSERT INTO idempotency_keys (user_id, route, key, request_digest) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING key`,
        [...params, digest],
      );
      if (claimed) return { status, body: await this.answer(params, status, work), replayed: false };
      const [row] = await this.dataSource.query<
        Array<{ request_digest: string; status: number | null; body: T; expired: boolean; abandoned: boolean }>
      >(
        `SELECT request_digest, status, body,
                created_at < now() - make_interval(hours => $4) AS expired,
                status IS NULL AND created_at < now() - make_interval(secs => $5) AS abandoned
           FROM idempotency_keys WHERE user_id = $1 AND route = $2 AND key = $3`,
        [...params, IDEMPOTENCY_HOURS, ABANDONED_SECONDS],
      );
      if (!row) continue; // the first request failed and let the key go: try to claim it
      if (row.expired || row.abandoned) {
        await this.dataSource.query(
          `DELETE FROM idempotency_keys WHERE user_id = $1 AND route = $2 AND key = $3 AND created_at < now()
              AND (created_at < now() - make_interval(hours => $4) OR status IS NULL)`,
          [...params, IDEMPOTENCY_HOURS],
        );
        continue;
      }
      if (row.request_digest !== digest) {
        throw new UnprocessableEntityException({
          message: 'This Idempotency-Key was used with a different request body: use a new key for a new request',
          details: { reasons: ['This Idempotency-Key was used with a different request body'] },
        });
      }
      if (row.status !== null) return { status: row.status, body: row.body, replayed: true };
      if (Date.now() > deadline) {
        throw new ConflictException('A request with this Idempotency-Key is still being answered: try again shortly');
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async answer<T>(params: string[], status: number, work: () => Promise<T>): Promise<T> {
    let body: T;
    try {
      body = await work();
    } catch (error) {
      await this.dataSource.query(
        'DELETE FROM idempotency_keys WHERE user_id = $1 AND route = $2 AND key = $3 AND status IS NULL',
        params,
      );
      throw error;
    }
    await this.dataSource.query(
      `UPDATE idempotency_keys SET status = $4, body = $5 WHERE user_id = $1 AND route = $2 AND key = $3`,
      [...params, status, JSON.stringify(body)],
    );
    await this.dataSource.query(
      'DELETE FROM idempotency_keys WHERE created_at < now() - make_interval(hours => $1) AND status IS NOT NULL',
      [IDEMPOTENCY_HOURS],
    );
    return body;
  }
}
