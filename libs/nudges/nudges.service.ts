import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, SYSTEM_ACTOR, type Actor } from '#libs/audit';
import { AuthKeys, SignedLinks } from '#libs/auth';
import { councilExistsSql, takeUpJoin, takeUpSql, type Region } from '#libs/councils';
import { EmailService, renderEmail, type EmailContent, type EmailStatus } from '#libs/notifications';
import {
  appConfig,
  authConfig,
  DatabaseLock,
  nudgesConfig,
  todayInLondon,
  type Address,
  type Page,
} from '#libs/platform';
import { nudgeDecision, quietPeriod, type CouncilFacts, type NudgeDecision } from './nudge-rules.js';

interface CandidateRow extends CouncilFacts {
  chiefExecutiveName: string | null;
  adviserName: string | null;
  adviserEmail: string | null;
}

/** What an unsubscribe link says: a council's, still valid, expired, or not a link of ours at all. */
export type UnsubscribeLink =
  | { status: 'valid'; gssCode: string; name: string; suppressed: boolean }
  | { status: 'expired' }
  | { status: 'invalid' };

/**
 * Links sent before links carried their issue date (`<code>.<signature>`) are honoured until this day, a year
 * after the change: they have no date of their own to expire by.
 */
export const LEGACY_UNSUBSCRIBE_UNTIL = '2027-12-05';

export interface NudgePreview {
  asOf: string;
  quietPeriod: { from: string; to: string; why: string } | null;
  councils: Array<{ gssCode: string; name: string; reason: string; to: string; cc: string | null }>;
  notNudged: Array<{ gssCode: string; name: string; reason: string }>;
}

/** The nudge a candidate council would get on `asOf`, rendered, with the decision and its reason. */
export interface NudgeDraft {
  asOf: string;
  gssCode: string;
  name: string;
  nudge: boolean;
  reason: string;
  nudgesSuppressed: boolean;
  to: string | null;
  cc: string | null;
  subject: string;
  text: string;
}

/** A nudge in the email log: queued when, to which council and whom, and how its delivery went. */
export interface SentNudge {
  id: string;
  queuedAt: string;
  sentAt: string | null;
  template: string;
  council: { gssCode: string; name: string; region: Region };
  to: string[];
  cc: string[];
  status: EmailStatus;
}

/** Nudges queued by one statement of the run: large enough to save round trips, small enough for the heap. */
const QUEUE_BATCH = 500;

const longDate = (date: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );

/**
 * Nudges to councils without a corporate peer challenge since 2012: who qualifies (with the reason), the run
 * that queues one email per council per cool-down (runs are serialised by an advisory lock, and each email's
 * idempotency key is the council and the day), and the signed unsubscribe link.
 */
@Injectable()
export class NudgesService {
  private readonly links: SignedLinks;
  private readonly legacyKeys: string[];

  constructor(
    private readonly dataSource: DataSource,
    private readonly emails: EmailService,
    private readonly audit: AuditService,
    @Inject(nudgesConfig.KEY) private readonly config: ConfigType<typeof nudgesConfig>,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
    @Inject(authConfig.KEY) auth: ConfigType<typeof authConfig>,
  ) {
    const keys = AuthKeys.from(auth, app);
    this.links = new SignedLinks(keys);
    this.legacyKeys = keys.verifying('unsubscribe-link');
  }

  async preview(asOf = todayInLondon()): Promise<NudgePreview> {
    return this.decideAll(await this.candidates(asOf, this.dataSource.manager), asOf);
  }

  /** The preview of `candidates` on `asOf`: who is nudged, and why each other candidate is not. */
  private decideAll(candidates: CandidateRow[], asOf: string): NudgePreview {
    const quiet = quietPeriod(asOf, this.config);
    const councils: NudgePreview['councils'] = [];
    const notNudged: NudgePreview['notNudged'] = [];
    for (const council of candidates) {
      const decision = this.decide(council, asOf, quiet);
      if (decision.nudge) {
        councils.push({
          gssCode: council.gssCode,
          name: council.name,
          reason: decision.reason,
          to: council.chiefExecutiveEmail!,
          cc: council.adviserEmail,
        });
      } else {
        notNudged.push({ gssCode: council.gssCode, name: council.name, reason: decision.reason });
      }
    }
    return { asOf, quietPeriod: quiet, councils, notNudged };
  }

  /**
   * The email a candidate council would get on `asOf` (its subject and text, the unsubscribe token left out),
   * whether it would be sent and why; null for a council that is not a candidate.
   */
  async draft(gssCode: string, asOf = todayInLondon()): Promise<NudgeDraft | null> {
    const council = (await this.candidates(asOf, this.dataSource.manager)).find((c) => c.gssCode === gssCode);
    if (!council) return null;
    const { nudge, reason } = this.decide(council, asOf, quietPeriod(asOf, this.config));
    const { subject, text } = renderEmail(this.content(council, '…'));
    return {
      asOf,
      gssCode,
      name: council.name,
      nudge,
      reason,
      nudgesSuppressed: council.nudgesSuppressed,
      to: council.chiefExecutiveEmail,
      cc: council.adviserEmail,
      subject,
      text,
    };
  }

  /** The nudges in the email log, newest first, optionally of one region's councils. */
  async sent(query: { region?: Region; limit: number; offset: number }): Promise<Page<SentNudge>> {
    const where = `e.template LIKE 'nudge%' AND ($1::text IS NULL OR c.region = $1)`;
    const from = 'FROM emails e JOIN councils c ON c.gss_code = e.council_gss_code';
    const region = query.region ?? null;
    const [rows, [{ total }]] = await Promise.all([
      this.dataSource.query<
        Array<{
          id: string;
          created_at: Date;
          sent_at: Date | null;
          template: string;
          to_addresses: Array<{ address: string }>;
          cc_addresses: Array<{ address: string }>;
          status: EmailStatus;
          gss_code: string;
          name: string;
          region: Region;
        }>
      >(
        `SELECT e.id, e.created_at, e.sent_at, e.template, e.to_addresses, e.cc_addresses, e.status,
                c.gss_code, c.name, c.region
           ${from} WHERE ${where} ORDER BY e.created_at DESC, e.id LIMIT $2 OFFSET $3`,
        [region, query.limit, query.offset],
      ),
      this.dataSource.query<Array<{ total: number }>>(`SELECT count(*)::int AS total ${from} WHERE ${where}`, [region]),
    ]);
    const items = rows.map((r) => ({
      id: r.id,
      queuedAt: r.created_at.toISOString(),
      sentAt: r.sent_at?.toISOString() ?? null,
      template: r.template,
      council: { gssCode: r.gss_code, name: r.name, region: r.region },
      to: r.to_addresses.map((a) => a.address),
      cc: r.cc_addresses.map((a) => a.address),
      status: r.status,
    }));
    return { items, total, limit: query.limit, offset: query.offset };
  }

  /** The rules' decision, with the quiet period `asOf` falls in (if any) holding back a council that qualifies. */
  private decide(council: CouncilFacts, asOf: string, quiet: NudgePreview['quietPeriod']): NudgeDecision {
    const decision = nudgeDecision(council, asOf, this.config);
    if (!decision.nudge || !quiet) return decision;
    return { nudge: false, reason: `it is ${quiet.why} (${quiet.from} to ${quiet.to})` };
  }

  /** Queues the nudges due today. Safe to run twice, and from several workers at once. */
  async run(actor: Actor = SYSTEM_ACTOR): Promise<{ queued: number; quietPeriod: NudgePreview['quietPeriod'] }> {
    const asOf = todayInLondon();
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [DatabaseLock.NudgeRun]);
      const candidates = await this.candidates(asOf, manager);
      const preview = this.decideAll(candidates, asOf);
      const byCode = new Map(candidates.map((c) => [c.gssCode, c]));
      let queued = 0;
      // In batches: one statement each for the emails, their send jobs and the audit entries.
      for (let start = 0; start < preview.councils.length; start += QUEUE_BATCH) {
        const batch = preview.councils.slice(start, start + QUEUE_BATCH);
        const ids = await this.emails.queueMany(
          manager,
          batch.map((nudge) => {
            const council = byCode.get(nudge.gssCode)!;
            const token = this.unsubscribeToken(council.gssCode);
            return {
              idempotencyKey: `nudge-${council.gssCode}-${asOf}`,
              template: 'nudge',
              to: [{ name: council.chiefExecutiveName ?? undefined, address: council.chiefExecutiveEmail! }],
              cc: council.adviserEmail
                ? [{ name: council.adviserName ?? undefined, address: council.adviserEmail }]
                : [],
              replyTo: this.replyTo(council),
              councilGssCode: council.gssCode,
              listUnsubscribe: this.unsubscribeUrl(token),
              content: this.content(council, token),
            };
          }),
        );
        const nudged = batch.filter((_, i) => ids[i] !== null);
        queued += nudged.length;
        await this.audit.recordMany(
          actor,
          nudged.map((nudge) => ({
            action: 'council.nudge',
            entity: 'council',
            entityId: nudge.gssCode,
            summary: { reason: nudge.reason },
          })),
          manager,
        );
      }
      await this.audit.record(actor, { action: 'nudge.run', entity: 'nudges', summary: { asOf, queued } }, manager);
      return { queued, quietPeriod: preview.quietPeriod };
    });
  }

  /** The signed unsubscribe token of a council, issued now: valid for a year (SignedLinks). */
  unsubscribeToken(gssCode: string, issuedAt = new Date()): string {
    return this.links.sign('unsubscribe-link', gssCode, issuedAt);
  }

  /** The page a nudge links to, and where mail providers send the one-click POST (RFC 8058). */
  unsubscribeUrl(token: string): string {
    return `${this.app.publicUrl}/unsubscribe?token=${encodeURIComponent(token)}`;
  }

  /** What the link is, changing nothing (a GET of the link, or a mail gateway's scanner, must not opt out). */
  async checkUnsubscribe(token: unknown): Promise<UnsubscribeLink> {
    const code = this.linkCouncil(token);
    if (typeof code !== 'string') return code;
    const [council] = await this.dataSource.query<Array<{ name: string; suppressed: boolean }>>(
      'SELECT name, nudges_suppressed AS suppressed FROM councils WHERE gss_code = $1',
      [code],
    );
    return council ? { status: 'valid', gssCode: code, ...council } : { status: 'invalid' };
  }

  /**
   * Opts the council out when the link is genuine and not expired (the page's button, or a mail provider's
   * one-click POST); writes nothing otherwise, nor when it had already opted out.
   */
  async unsubscribe(token: unknown, via: 'email link' | 'one-click'): Promise<UnsubscribeLink> {
    const code = this.linkCouncil(token);
    if (typeof code !== 'string') return code;
    return this.dataSource.transaction(async (manager) => {
      const [council] = await manager.query<Array<{ name: string; was: boolean }>>(
        'SELECT name, nudges_suppressed AS was FROM councils WHERE gss_code = $1 FOR UPDATE',
        [code],
      );
      if (!council) return { status: 'invalid' } as const;
      if (!council.was) {
        await manager.query('UPDATE councils SET nudges_suppressed = true WHERE gss_code = $1', [code]);
        await this.audit.record(
          SYSTEM_ACTOR,
          { action: 'council.nudges.unsubscribe', entity: 'council', entityId: code, summary: { via } },
          manager,
        );
      }
      return { status: 'valid', gssCode: code, name: council.name, suppressed: true } as const;
    });
  }

  /** The council a link names, or why it names none. */
  private linkCouncil(token: unknown): string | { status: 'expired' } | { status: 'invalid' } {
    if (typeof token === 'string' && /^[A-Z0-9]{9}\.[\w-]{43}$/.test(token)) return this.legacyCouncil(token);
    const check = this.links.verify('unsubscribe-link', token);
    if (check.valid) return check.subject;
    return { status: check.reason };
  }

  /** A link of before issue dates: genuine, and before LEGACY_UNSUBSCRIBE_UNTIL. */
  private legacyCouncil(token: string): string | { status: 'expired' } | { status: 'invalid' } {
    const [code, signature] = token.split('.');
    const genuine = this.legacyKeys.some((key) => {
      const expected = Buffer.from(createHmac('sha256', key).update(`unsubscribe:${code}`).digest('base64url'));
      const given = Buffer.from(signature);
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    if (!genuine) return { status: 'invalid' };
    return todayInLondon() > LEGACY_UNSUBSCRIBE_UNTIL ? { status: 'expired' } : code;
  }

  /**
   * The council's choices about nudges, oldest first: each opt-out by its email link and each change by an admin
   * (stop or allow), with when and by whom, from the audit log.
   */
  async choices(gssCode: string): Promise<Array<{ at: string; optedOut: boolean; via: string; by: string | null }>> {
    const rows = await this.dataSource.query<
      Array<{ at: Date; action: string; summary: Record<string, unknown>; actor_email: string | null }>
    >(
      `SELECT at, action, summary, actor_email FROM audit_log
        WHERE entity = 'council' AND entity_id = $1
          AND (action = 'council.nudges.unsubscribe'
               OR (action = 'council.update' AND summary -> 'changed' ? 'nudgesSuppressed'))
        ORDER BY at, id`,
      [gssCode],
    );
    return rows.map((row) => {
      if (row.action === 'council.nudges.unsubscribe') {
        const via = row.summary.via === 'one-click' ? 'one-click unsubscribe in the email' : 'the link in the email';
        return { at: row.at.toISOString(), optedOut: true, via, by: null };
      }
      const change = (row.summary.changed as { nudgesSuppressed: { to: boolean } }).nudgesSuppressed;
      return { at: row.at.toISOString(), optedOut: change.to === true, via: 'an admin', by: row.actor_email };
    });
  }

  /** Replies go to the council's principal adviser, or to the programme's inbox when it has none. */
  private replyTo(council: CandidateRow): Address {
    return council.adviserEmail
      ? { name: council.adviserName ?? undefined, address: council.adviserEmail }
      : { address: this.config.replyTo };
  }

  private content(council: CandidateRow, unsubscribeToken: string): EmailContent {
    const last = council.noCpcSince2012
      ? `${council.name} has not had a corporate peer challenge since 2012.`
      : `${council.name}'s last corporate or finance peer challenge was on ${longDate(council.lastCpcDate!)}.`;
    const adviser =
      council.adviserName && council.adviserEmail
        ? `${council.adviserName} (${council.adviserEmail}), your LGA principal adviser, is copied in and would be ` +
          'glad to talk it through: replies to this email go to them.'
        : `Replies to this email go to the LGA peer challenge programme (${this.config.replyTo}), who would be ` +
          'glad to talk it through.';
    return {
      subject: `A corporate peer challenge for ${council.name}`,
      heading: 'Would a corporate peer challenge help?',
      paragraphs: [
        `Dear ${council.chiefExecutiveName ?? 'Chief Executive'},`,
        last,
        'Every council is expected to have a corporate peer challenge or a finance peer review at least once ' +
          'every five years. A challenge brings experienced councillors and officers from other councils to ' +
          'look at your priorities, leadership, governance, finances and capacity, and to help you improve.',
        adviser,
      ],
      link: {
        text: 'Stop these emails',
        url:
          unsubscribeToken === '…'
            ? `${this.app.publicUrl}/unsubscribe?token=…`
            : this.unsubscribeUrl(unsubscribeToken),
      },
      footer:
        'Sent by the Local Government Association peer challenge programme. Use the link above to stop these emails.',
    };
  }

  /**
   * Councils that exist on `asOf` and qualify: no corporate peer challenge since 2012 (a finance peer review does
   * not count), or five-year take-up overdue when configured; with their facts.
   */
  private candidates(asOf: string, manager: EntityManager): Promise<CandidateRow[]> {
    return manager.query<CandidateRow[]>(
      `${takeUpSql('$1')}
       SELECT c.gss_code AS "gssCode", c.name, t.status AS "takeUp", t.last_cpc AS "lastCpcDate",
              t.no_cpc_since_2012 AS "noCpcSince2012",
              c.chief_executive_email AS "chiefExecutiveEmail", c.chief_executive_name AS "chiefExecutiveName",
              c.nudges_suppressed AS "nudgesSuppressed", u.name AS "adviserName", u.email AS "adviserEmail",
              EXISTS (SELECT 1 FROM cases k WHERE k.council_gss_code = c.gss_code AND NOT k.imported
                        AND k.stage NOT IN ('closed', 'cancelled')) AS "caseInProgress",
              (SELECT to_char(max(e.created_at AT TIME ZONE 'Europe/London'), 'YYYY-MM-DD') FROM emails e
                WHERE e.council_gss_code = c.gss_code AND e.template = 'nudge'
                  AND e.status IN ('queued', 'sending', 'sent')) AS "lastNudgeOn"
         FROM councils c ${takeUpJoin('$1')}
         LEFT JOIN users u ON u.id = c.principal_adviser_id AND u.active
        WHERE ${councilExistsSql('$1')} AND (t.no_cpc_since_2012 OR ($2 AND t.status = 'overdue'))
        ORDER BY c.name`,
      [asOf, this.config.includeOverdue],
    );
  }
}
