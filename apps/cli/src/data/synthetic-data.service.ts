import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditService, type Actor } from '#libs/audit';
import { REGIONS } from '#libs/councils';
import { CASE_TYPES, type CaseType } from '#libs/peers';
import { addCalendarDays, addWorkingDays, DatabaseLock, todayInLondon } from '#libs/platform';
import { CasesService, CaseWorkflowService, importedCase, MACHINE_VERSION, persist } from '#libs/cases';

/** Everything `generate` writes says so: the names, the official names, the notes on its open cases. */
export const SYNTHETIC_MARK = 'SYNTHETIC DATA - NOT REAL';
/** GSS-like codes no real council has: E99 followed by six digits (E99000001, E99000002, …). */
export const SYNTHETIC_CODE_PREFIX = 'E99';
export const GENERATE_LIMITS = { councils: 999_999, cases: 10_000_000, casesPerCouncil: 5_000 } as const;
/** One case in a hundred, up to 100, is written through the real write path (open, then workflow events). */
export const SAMPLE_CASES = 100;
const BATCH = 50_000;
const ACTION = 'synthetic.generate';

export interface GenerateSizes {
  councils: number;
  cases: number;
}

/** What `generate` writes for these sizes. */
export interface GeneratePlan extends GenerateSizes {
  /** Councils with cases: all but every tenth (E99000010, E99000020, …), which are never challenged. */
  challenged: number;
  never: number;
  /** Delivered challenges inserted in bulk as imported, closed cases; `sample` more go through the workflow. */
  bulk: number;
  sample: number;
  /** Days between a council's successive delivered challenges, so all of them fit in about 15 years. */
  spacingDays: number;
}

export const syntheticCode = (k: number) => `${SYNTHETIC_CODE_PREFIX}${String(k).padStart(6, '0')}`;
export const syntheticName = (k: number) => `Synthetic council ${String(k).padStart(6, '0')}`;
/** The council number (1…) of the `c`-th council with cases (0…): every tenth number is skipped. */
export const challengedCouncil = (c: number) => c + Math.floor(c / 9) + 1;

/** The plan for these sizes, or the reasons they cannot be generated. */
export function generatePlan(sizes: GenerateSizes): { plan: GeneratePlan } | { problems: string[] } {
  const problems: string[] = [];
  const { councils, cases } = sizes;
  if (!Number.isInteger(councils) || councils < 1 || councils > GENERATE_LIMITS.councils) {
    problems.push(`--councils must be a whole number from 1 to ${GENERATE_LIMITS.councils}`);
  }
  if (!Number.isInteger(cases) || cases < 0 || cases > GENERATE_LIMITS.cases) {
    problems.push(`--cases must be a whole number from 0 to ${GENERATE_LIMITS.cases}`);
  }
  if (problems.length > 0) return { problems };
  const never = Math.floor(councils / 10);
  const challenged = councils - never;
  const perCouncil = Math.ceil(cases / challenged);
  if (perCouncil > GENERATE_LIMITS.casesPerCouncil) {
    const most = challenged * GENERATE_LIMITS.casesPerCouncil;
    return {
      problems: [
        `at most ${GENERATE_LIMITS.casesPerCouncil} cases per council with cases: ${councils} councils allow ` +
          `${most} cases`,
      ],
    };
  }
  const sample = Math.min(Math.ceil(cases / 100), SAMPLE_CASES);
  const spacingDays = Math.max(1, Math.floor((15 * 365) / Math.max(1, perCouncil)));
  return { plan: { councils, cases, challenged, never, bulk: cases - sample, sample, spacingDays } };
}

/** A database that holds other synthetic data: generate writes into a database once. */
export class GenerateRefused extends Error {}

export interface GenerateResult {
  written: boolean;
  message: string;
}

/**
 * `npm run cli -- generate`: synthetic councils and cases for benchmarks and load tests, never to be confused
 * with the real register: codes E99000001… (no real council uses E99), names "Synthetic council 000001", chief
 * executive addresses at synthetic.example.org. Every tenth council has no case (never challenged, so nudged);
 * the others share the cases: one in a hundred (up to `SAMPLE_CASES`) open cases written through the real write
 * path (CasesService, CaseWorkflowService), the rest delivered challenges inserted in bulk with SQL as imported, closed cases,
 * each with the machine snapshot and the IMPORT_HISTORICAL timeline entry the history import would write (so
 * `verify-cases` replays them). A database takes one generation: asked again with the same sizes it writes
 * nothing; with other sizes it refuses. An interrupted run is finished by running it again.
 */
@Injectable()
export class SyntheticDataService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly workflow: CaseWorkflowService,
    private readonly audit: AuditService,
  ) {}

  async generate(
    plan: GeneratePlan,
    actor: Actor,
    progress?: (done: number, total: number) => void,
  ): Promise<GenerateResult> {
    const [done] = await this.dataSource.query<Array<{ at: Date; summary: GenerateSizes }>>(
      `SELECT at, summary FROM audit_log WHERE action = $1 ORDER BY id DESC LIMIT 1`,
      [ACTION],
    );
    const sizes = (s: GenerateSizes) => `${s.councils} councils and ${s.cases} cases`;
    if (done) {
      if (done.summary.councils === plan.councils && done.summary.cases === plan.cases) {
        const at = done.at.toISOString().slice(0, 16).replace('T', ' ');
        return { written: false, message: `This database already holds ${sizes(plan)} (generated ${at} UTC).` };
      }
      throw new GenerateRefused(
        `This database already holds synthetic data (${sizes(done.summary)}): generate writes into a database ` +
          'once. Use a fresh database for other sizes.',
      );
    }
    const [existing] = await this.dataSource.query<Array<{ councils: number; bulk: number; open: number }>>(
      `SELECT (SELECT count(*)::int FROM councils WHERE gss_code LIKE $1) AS councils,
              (SELECT count(*)::int FROM cases WHERE council_gss_code LIKE $1 AND imported) AS bulk,
              (SELECT count(*)::int FROM cases WHERE council_gss_code LIKE $1 AND NOT imported) AS open`,
      [`${SYNTHETIC_CODE_PREFIX}%`],
    );
    const resuming = existing.councils === plan.councils && existing.bulk === plan.bulk;
    if (existing.councils > 0 && !(resuming && existing.open <= plan.sample)) {
      throw new GenerateRefused(
        `This database already holds ${existing.councils} synthetic councils and ` +
          `${existing.bulk + existing.open} synthetic cases from an unfinished or different generation. Use a ` +
          'fresh database.',
      );
    }
    const total = plan.bulk + plan.sample;
    if (existing.councils === 0) await this.bulk(plan, actor, (n) => progress?.(n, total));
    for (let s = existing.open; s < plan.sample; s++) {
      await this.sampleCase(plan, s, actor);
      progress?.(plan.bulk + s + 1, total);
    }
    if (total === 0) progress?.(0, 0);
    await this.audit.record(actor, {
      action: ACTION,
      entity: 'synthetic_data',
      summary: { councils: plan.councils, cases: plan.cases, never: plan.never, sample: plan.sample },
    });
    // As autovacuum would leave them in time: statistics for the planner, and a visibility map for index-only scans.
    await this.dataSource.query('VACUUM (ANALYZE) councils, cases, case_events');
    return {
      written: true,
      message:
        `Generated ${plan.councils} synthetic councils (${syntheticCode(1)}–${syntheticCode(plan.councils)}, ` +
        `${plan.never} of them never challenged) and ${plan.cases} cases (${plan.bulk} delivered challenges in ` +
        `bulk, ${plan.sample} open cases through the workflow) (${SYNTHETIC_MARK}).`,
    };
  }

  /** The councils and the bulk cases, in one transaction. */
  private async bulk(plan: GeneratePlan, actor: Actor, progress: (done: number) => void): Promise<void> {
    const today = todayInLondon();
    // The machine snapshot of an imported case of each type; only its id, council and dates differ per case.
    const templates = Object.fromEntries(
      CASE_TYPES.map((type: CaseType) => [
        type,
        persist(
          importedCase(
            { caseId: '', councilGssCode: '', type, managerId: null, managerName: null },
            { onsiteStart: today },
          ),
        ),
      ]),
    );
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [DatabaseLock.CaseImport]);
      await manager.query(
        `INSERT INTO councils (gss_code, name, official_name, type, region, chief_executive_name,
                               chief_executive_email)
         SELECT $1 || lpad(k::text, 6, '0'), 'Synthetic council ' || lpad(k::text, 6, '0'),
                'Synthetic council ' || lpad(k::text, 6, '0') || ' (' || $3 || ')', 'unitary',
                ($4::text[])[1 + k % cardinality($4::text[])], 'Synthetic chief executive ' || lpad(k::text, 6, '0'),
                'chief.executive.' || lpad(k::text, 6, '0') || '@synthetic.example.org'
           FROM generate_series(1, $2::int) AS k`,
        [SYNTHETIC_CODE_PREFIX, plan.councils, SYNTHETIC_MARK, [...REGIONS]],
      );
      for (let from = 0; from < plan.bulk; from += BATCH) {
        const to = Math.min(plan.bulk, from + BATCH);
        // Case i goes to the (i mod challenged)-th council with cases, as its (i div challenged)-th challenge
        // back in time: the latest 20 days to about 7 years ago (so councils are current, due or overdue), each
        // earlier one `spacingDays` before. 70% corporate, 15% finance, 10% fire and rescue, 5% other.
        await manager.query(
          `WITH placed AS (
             SELECT gen_random_uuid() AS id, i, i % $3 + (i % $3) / 9 + 1 AS k, i / $3 AS j
               FROM generate_series($1::bigint, $2::bigint - 1) AS i
           ), dated AS (
             SELECT id, $4 || lpad(k::text, 6, '0') AS code,
                    CASE WHEN i % 20 < 14 THEN 'corporate_peer_challenge' WHEN i % 20 < 17 THEN 'finance_peer_review'
                         WHEN i % 20 < 19 THEN 'fire_and_rescue' ELSE 'other' END AS type,
                    $5::date - 20 - ((k * 53) % 2600)::int - (j * $6)::int AS ends
               FROM placed
           ), cased AS (
             SELECT id, code, type, ends - 2 AS starts, ends,
                    jsonb_build_object('onsiteStart', to_char(ends - 2, 'YYYY-MM-DD'),
                                       'onsiteEnd', to_char(ends, 'YYYY-MM-DD'),
                                       'feedbackPresented', to_char(ends, 'YYYY-MM-DD'))
                    || CASE WHEN ends + 42 <= $5::date
                            THEN jsonb_build_object('reportPublished', to_char(ends + 42, 'YYYY-MM-DD'))
                            ELSE '{}'::jsonb END AS dates
               FROM dated
           ), inserted AS (
             INSERT INTO cases (id, council_gss_code, type, stage, state, version, machine_version, snapshot,
                                onsite_start, delivered_on, imported)
             SELECT id, code, type, 'closed', 'closed', 1, $7,
                    jsonb_set(jsonb_set(jsonb_set($8::jsonb -> type, '{context,caseId}', to_jsonb(id::text)),
                                        '{context,councilGssCode}', to_jsonb(code)), '{context,dates}', dates),
                    starts, ends, true
               FROM cased
             RETURNING id, council_gss_code, type, snapshot #> '{context,dates}' AS dates)
           INSERT INTO case_events (case_id, seq, type, payload, actor_id, actor_label, request_id, from_state,
                                    to_state)
           SELECT id, 1, 'IMPORT_HISTORICAL',
                  jsonb_build_object('caseId', id::text, 'councilGssCode', council_gss_code, 'type', type,
                                     'managerId', NULL, 'managerName', NULL, 'dates', dates),
                  $9::uuid, $10, $11, NULL, 'closed'
             FROM inserted`,
          [
            from,
            to,
            plan.challenged,
            SYNTHETIC_CODE_PREFIX,
            today,
            plan.spacingDays,
            MACHINE_VERSION,
            JSON.stringify(templates),
            actor.userId,
            actor.email ?? 'system',
            actor.requestId,
          ],
        );
        progress(to);
      }
    });
  }

  /** The `s`-th open case, through the real write path: opened, a scoping meeting, a note, half with a scope. */
  private async sampleCase(plan: GeneratePlan, s: number, actor: Actor): Promise<void> {
    const council = syntheticCode(challengedCouncil((s * 7919) % plan.challenged));
    const opened = await this.cases.open({ councilGssCode: council, type: 'corporate_peer_challenge' }, actor);
    const apply = (event: Parameters<CaseWorkflowService['apply']>[1]) =>
      this.workflow.apply(opened.id, event, 'latest', actor);
    const onsiteStart = addWorkingDays(todayInLondon(), 25 + (s % 20));
    await apply({ type: 'SCHEDULE_SCOPING_MEETING', date: addWorkingDays(onsiteStart, -40) });
    await apply({ type: 'ADD_NOTE', text: `${SYNTHETIC_MARK}: a synthetic case for benchmarks.` });
    if (s % 2 === 0) {
      await apply({
        type: 'AGREE_SCOPE',
        focusAreas: ['Housing delivery'],
        onsiteStart,
        onsiteEnd: addCalendarDays(onsiteStart, 2), // a three-day visit
      });
    }
  }
}
