import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService, type Actor } from '#libs/audit';
import { checkedRows, Invalid } from '#libs/platform';
import { factProblems, FACT_KINDS, type CouncilFact, type FactKind } from './council-facts.js';

/** A council's facts by kind, newest first: what each became, from when, and who recorded it when. */
export type CouncilFacts = Record<FactKind, Array<{ value: string; from: string; recordedAt: string }>>;

/** Political control and LGA membership of councils, with effective dates: one at a time, or a whole CSV file. */
@Injectable()
export class CouncilFactsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(gssCode: string): Promise<CouncilFacts> {
    const rows = await this.dataSource.query<Array<{ kind: FactKind; value: string; from: string; at: Date }>>(
      `SELECT kind, value, to_char(effective_from, 'YYYY-MM-DD') AS "from", recorded_at AS at
         FROM council_facts WHERE gss_code = $1 ORDER BY effective_from DESC`,
      [gssCode],
    );
    const facts = Object.fromEntries(FACT_KINDS.map((kind) => [kind, []])) as unknown as CouncilFacts;
    for (const r of rows) facts[r.kind].push({ value: r.value, from: r.from, recordedAt: r.at.toISOString() });
    return facts;
  }

  /** Records one fact (a 400 naming the field when it is bad, nothing written); the same day again replaces it. */
  async record(fact: CouncilFact, actor: Actor): Promise<CouncilFacts> {
    const problems = factProblems(fact, await this.councils());
    if (problems.length > 0) {
      throw new Invalid(
        problems.join('; '),
        problems.map((problem) => ({ field: problem.split(' ')[0], problems: [problem] })),
      );
    }
    const code = fact.gssCode.toUpperCase();
    await this.dataSource.transaction(async (manager) => {
      await this.write(manager, [{ ...fact, gssCode: code }], actor);
      await this.audit.record(
        actor,
        { action: 'council.fact.record', entity: 'council', entityId: code, summary: { ...fact, gssCode: code } },
        manager,
      );
    });
    return this.list(code);
  }

  /**
   * Imports facts all or nothing: any bad row → 400 listing every bad row by line, nothing written. A row for a
   * council, kind and day already recorded replaces its value (unchanged when it is the same).
   */
  async import(
    rows: Array<{ line: number; row: unknown }>,
    actor: Actor,
  ): Promise<{ created: number; updated: number; unchanged: number }> {
    const councils = await this.councils();
    const valid = checkedRows<CouncilFact>(
      rows,
      (row) => factProblems(row, councils),
      (f) => `${f.gssCode.toUpperCase()}|${f.kind}|${f.from}`,
    ).map((fact) => ({ ...fact, gssCode: fact.gssCode.toUpperCase() }));
    return this.dataSource.transaction(async (manager) => {
      const counts = await this.write(manager, valid, actor);
      await this.audit.record(actor, { action: 'import.council_facts', entity: 'import', summary: counts }, manager);
      return counts;
    });
  }

  /** Upserts facts in one statement; counts what was created, changed and left as it was. */
  private async write(manager: EntityManager, facts: CouncilFact[], actor: Actor) {
    const rows = await manager.query<Array<{ created: boolean; changed: boolean }>>(
      `WITH given AS (
         SELECT * FROM unnest($1::varchar[], $2::text[], $3::date[], $4::text[]) AS g(gss_code, kind, effective_from, value)
       ),
       before AS (
         SELECT f.gss_code, f.kind, f.effective_from, f.value FROM council_facts f
           JOIN given g USING (gss_code, kind, effective_from)
       ),
       written AS (
         INSERT INTO council_facts (gss_code, kind, effective_from, value, recorded_by)
         SELECT gss_code, kind, effective_from, value, $5::uuid FROM given
         ON CONFLICT (gss_code, kind, effective_from) DO UPDATE
           SET value = EXCLUDED.value, recorded_by = EXCLUDED.recorded_by, recorded_at = now()
           WHERE council_facts.value IS DISTINCT FROM EXCLUDED.value
         RETURNING gss_code, kind, effective_from
       )
       SELECT b.gss_code IS NULL AS created, w.gss_code IS NOT NULL AS changed
         FROM given g
         LEFT JOIN before b USING (gss_code, kind, effective_from)
         LEFT JOIN written w USING (gss_code, kind, effective_from)`,
      [
        facts.map((f) => f.gssCode),
        facts.map((f) => f.kind),
        facts.map((f) => f.from),
        facts.map((f) => f.value),
        actor.userId,
      ],
    );
    return {
      created: rows.filter((r) => r.created).length,
      updated: rows.filter((r) => !r.created && r.changed).length,
      unchanged: rows.filter((r) => !r.changed).length,
    };
  }

  private async councils(): Promise<Set<string>> {
    const rows = await this.dataSource.query<Array<{ gss_code: string }>>('SELECT gss_code FROM councils');
    return new Set(rows.map((r) => r.gss_code));
  }
}
