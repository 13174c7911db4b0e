import { Injectable } from '@nestjs/common';
import { isEmail } from 'class-validator';
import { DataSource, type EntityManager } from 'typeorm';
import { enqueue, enqueueMany, JobName, type Address } from '#libs/platform';
import { renderEmail, type EmailContent } from './templates/render.js';

export interface EmailRequest {
  /** Unique per message: asking twice with the same key queues one email. */
  idempotencyKey: string;
  template: string;
  to: Address[];
  cc?: Address[];
  /** Where replies go, when not to the sender. */
  replyTo?: Address | null;
  content: EmailContent;
  caseId?: string | null;
  councilGssCode?: string | null;
  /** The https link that opts the recipient out in one click (RFC 8058): the List-Unsubscribe header. */
  listUnsubscribe?: string | null;
}

export type EmailStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'bounced';

/** An address that cannot smuggle headers: a plain address, and a display name without line breaks or angle brackets. */
export function cleanAddress(address: Address): Address | null {
  const email = address.address.trim().toLowerCase();
  if (!isEmail(email, { allow_display_name: false, require_tld: false }) || /[\r\n<>,;"]/.test(email)) return null;
  const name = address.name?.replace(/[\r\n<>"]+/g, ' ').trim();
  return name ? { name, address: email } : { address: email };
}

/** A List-Unsubscribe link: an https URL (http on a developer's machine) that cannot break the header. */
function listUnsubscribeLink(url: string | null | undefined): string | null {
  if (!url) return null;
  if (!/^https?:\/\/[^\s<>,]+$/.test(url)) throw new Error('a List-Unsubscribe link must be a plain http(s) URL');
  return url;
}

/**
 * The email log: every message the system sends is a row with a unique idempotency key, its rendered content
 * and its status (queued → sending → sent, or failed / bounced, with attempts and the last error). Queuing
 * writes the row and its send job in the caller's transaction.
 */
@Injectable()
export class EmailService {
  constructor(private readonly dataSource: DataSource) {}

  /** Queues the email unless one with this key exists; returns its id, or null when the key was already used. */
  async queue(manager: EntityManager, request: EmailRequest): Promise<string | null> {
    const [id] = await this.queueMany(manager, [request]);
    return id;
  }

  /**
   * queue() for many emails, with one statement for their rows and one for their send jobs: each one's id, in
   * order, or null where its key was already used (also earlier in the same list).
   */
  async queueMany(manager: EntityManager, requests: EmailRequest[]): Promise<Array<string | null>> {
    if (requests.length === 0) return [];
    const rows = requests.map((request) => {
      const to = request.to.map(cleanAddress).filter((a): a is Address => a !== null);
      if (to.length === 0) throw new Error(`email ${request.idempotencyKey} has no valid recipient`);
      const cc = (request.cc ?? [])
        .map(cleanAddress)
        .filter((a): a is Address => a !== null && !to.some((t) => t.address === a.address));
      const replyTo = request.replyTo ? cleanAddress(request.replyTo) : null;
      return { request, to, cc, replyTo, rendered: renderEmail(request.content) };
    });
    const inserted = await manager.query<Array<{ id: string; idempotency_key: string }>>(
      `INSERT INTO emails (idempotency_key, template, to_addresses, cc_addresses, subject, html, text_body, case_id,
                           council_gss_code, reply_to, list_unsubscribe)
       SELECT * FROM unnest($1::text[], $2::text[], $3::jsonb[], $4::jsonb[], $5::text[], $6::text[], $7::text[],
                            $8::uuid[], $9::varchar[], $10::jsonb[], $11::text[])
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING id, idempotency_key`,
      [
        rows.map((r) => r.request.idempotencyKey),
        rows.map((r) => r.request.template),
        rows.map((r) => JSON.stringify(r.to)),
        rows.map((r) => JSON.stringify(r.cc)),
        rows.map((r) => r.rendered.subject),
        rows.map((r) => r.rendered.html),
        rows.map((r) => r.rendered.text),
        rows.map((r) => r.request.caseId ?? null),
        rows.map((r) => r.request.councilGssCode ?? null),
        rows.map((r) => (r.replyTo ? JSON.stringify(r.replyTo) : null)),
        rows.map((r) => listUnsubscribeLink(r.request.listUnsubscribe)),
      ],
    );
    const byKey = new Map(inserted.map((row) => [row.idempotency_key, row.id]));
    const ids = requests.map((request) => {
      const id = byKey.get(request.idempotencyKey) ?? null;
      byKey.delete(request.idempotencyKey); // a key given twice queues one email, for its first request
      return id;
    });
    const queued = ids.filter((id): id is string => id !== null);
    await enqueueMany(
      manager,
      queued.map((id) => ({ job: { name: JobName.SendEmail, data: { emailId: id } }, jobId: `email-${id}` })),
    );
    return ids;
  }

  /** Sends again the emails whose sender died mid-send or whose job was lost: each gets a new send job. */
  async requeueStale(staleMinutes = 10): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<Array<{ id: string }>>(
        `SELECT id FROM emails
          WHERE (status = 'sending' AND claimed_at < now() - make_interval(mins => $1))
             OR (status = 'queued' AND updated_at < now() - make_interval(mins => $1))
          ORDER BY created_at LIMIT 500 FOR UPDATE SKIP LOCKED`,
        [staleMinutes],
      );
      for (const { id } of rows) {
        await manager.query(`UPDATE emails SET status = 'queued', updated_at = now() WHERE id = $1`, [id]);
        await enqueue(manager, { name: JobName.SendEmail, data: { emailId: id } });
      }
      return rows.length;
    });
  }
}
