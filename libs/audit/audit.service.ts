import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { UUID, PreparedQuery, type Page } from '#libs/platform';
import type { Actor } from './actor.js';
import { AuditEntry } from './audit-entry.entity.js';
import type { AuditQuery } from './dto/audit.query.js';

export interface AuditRecord {
  action: string;
  entity: string;
  entityId?: string | null;
  summary?: Record<string, unknown>;
}

export interface AuditView {
  id: string;
  at: string;
  actor: { id: string | null; email: string | null } | null;
  action: string;
  entity: string;
  entityId: string | null;
  summary: Record<string, unknown>;
  requestId: string | null;
}

/** Every change appends to the log: prepared, so PostgreSQL does not plan it afresh each time. */
const AUDIT_APPEND = new PreparedQuery(
  'audit-append',
  `INSERT INTO audit_log (actor_id, actor_email, action, entity, entity_id, summary, request_id)
   SELECT $1, $2, action, entity, entity_id, summary, $3
     FROM unnest($4::text[], $5::text[], $6::text[], $7::jsonb[]) AS r(action, entity, entity_id, summary)`,
);

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** What changed between two versions of a record: `{ field: { from, to } }` for the fields named. */
export function changes<T extends object>(
  before: T,
  after: Partial<T>,
): Record<string, { from: unknown; to: unknown }> {
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const [key, to] of Object.entries(after)) {
    const from = (before as Record<string, unknown>)[key];
    if (to !== undefined && JSON.stringify(from) !== JSON.stringify(to)) changed[key] = { from, to };
  }
  return changed;
}

@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>) {}

  /** Appends one entry, inside the caller's transaction when it passes its manager. */
  async record(actor: Actor, record: AuditRecord, manager?: EntityManager): Promise<void> {
    await this.recordMany(actor, [record], manager);
  }

  /** Appends entries by one actor in one statement, in their order. */
  async recordMany(actor: Actor, records: AuditRecord[], manager?: EntityManager): Promise<void> {
    if (records.length === 0) return;
    await AUDIT_APPEND.run(manager ?? this.entries.manager, [
      actor.userId,
      actor.email,
      actor.requestId,
      records.map((r) => r.action),
      records.map((r) => r.entity),
      records.map((r) => r.entityId ?? null),
      records.map((r) => JSON.stringify(r.summary ?? {})),
    ]);
  }

  async list(query: AuditQuery): Promise<Page<AuditView>> {
    const qb = this.entries.createQueryBuilder('a').orderBy('a.id', 'DESC');
    if (query.actor) {
      if (UUID.test(query.actor)) qb.andWhere('a.actor_id = :actor', { actor: query.actor });
      else qb.andWhere('a.actor_email = lower(:actor)', { actor: query.actor });
    }
    if (query.entity) qb.andWhere('a.entity = :entity', { entity: query.entity });
    if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (query.from) qb.andWhere('a.at >= :from::timestamptz', { from: query.from });
    if (query.to) {
      // A date alone means the whole of that day (UTC).
      const to = DATE_ONLY.test(query.to) ? `${query.to}T00:00:00Z` : query.to;
      const bound = DATE_ONLY.test(query.to) ? `:to::timestamptz + interval '1 day'` : ':to::timestamptz';
      qb.andWhere(`a.at < ${bound}`, { to });
    }
    const [rows, total] = await qb.take(query.limit).skip(query.offset).getManyAndCount();
    return {
      items: rows.map((e) => ({
        id: e.id,
        at: e.at.toISOString(),
        actor: e.actorId || e.actorEmail ? { id: e.actorId, email: e.actorEmail } : null,
        action: e.action,
        entity: e.entity,
        entityId: e.entityId,
        summary: e.summary,
        requestId: e.requestId,
      })),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }
}
