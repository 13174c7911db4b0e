import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { SYSTEM_ACTOR } from '#libs/audit';
import { PeerConflictsService } from '#libs/peers';
import { DataSource } from 'typeorm';
import { checksConfig, enqueue, JobHandler, JobName, todayInLondon, type JobPayloads } from '#libs/platform';
import { CaseHistoryService, FUTURE } from '../case-history.service.js';
import { CasesService, type LoadedCase } from '../cases.service.js';
import { CaseStale, CaseWorkflowService } from '../case-workflow.service.js';
import type { CheckResult } from '../workflow/case-events.js';

/**
 * Runs the conflict-of-interest rules on the case as it is when the job runs, and records the result as the
 * system event CONFLICT_CHECK_COMPLETED for the run it was asked for. A job for an earlier run does nothing: a newer
 * one is on its way. Safe to run twice: a result already recorded is not pending any more.
 */
@Injectable()
export class ConflictCheckJob {
  private readonly logger = new Logger(ConflictCheckJob.name);

  constructor(
    private readonly cases: CasesService,
    private readonly workflow: CaseWorkflowService,
    private readonly conflicts: PeerConflictsService,
    private readonly history: CaseHistoryService,
    private readonly dataSource: DataSource,
    @Inject(checksConfig.KEY) private readonly config: ConfigType<typeof checksConfig>,
  ) {}

  @JobHandler(JobName.ConflictCheck)
  async run({ caseId, run, requestId }: JobPayloads[JobName.ConflictCheck]): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.cases.load(caseId);
      const check = loaded.snapshot.context.conflictCheck;
      if (check.run !== run || check.status === 'clear' || check.status === 'conflicts') return 'stale';
      const result = await this.check(loaded);
      try {
        const actor = { ...SYSTEM_ACTOR, requestId };
        await this.workflow.apply(caseId, { type: 'CONFLICT_CHECK_COMPLETED', result }, loaded.row.version, actor);
        return result.findings.length === 0 ? 'clear' : `${result.findings.length} finding(s)`;
      } catch (error) {
        // Someone changed the case while the rules ran: look again (the run may be the same).
        if (!(error instanceof CaseStale) || attempt >= 5) throw error;
        this.logger.debug(`case ${caseId} changed during its conflict check; checking again`);
      }
    }
  }

  /**
   * Asks again for checks pending or stale for more than a few minutes (their job was lost: Redis lost its last
   * second of writes in a crash; a check that is merely slow is run twice, which changes nothing), and marks stale
   * the current checks of open teams that were made on an earlier day: whether a dealing is current or within the
   * look-back depends on the day.
   */
  async requeueStale(minutes = 5): Promise<number> {
    const today = todayInLondon();
    const dated = await this.dataSource.query<Array<{ id: string }>>(
      `SELECT id FROM cases
        WHERE state IN ('team_assembly', 'onsite.preparing') AND snapshot #>> '{context,conflictCheck,status}' IN ('clear', 'conflicts')
          AND jsonb_array_length(snapshot -> 'context' -> 'team') > 0
          AND (snapshot #>> '{context,conflictCheck,checkedOn}' < $1
               OR snapshot #>> '{context,conflictCheck,fingerprint}' IS NULL
               OR (snapshot #>> '{context,conflictCheck,config,lookBackYears}')::int IS DISTINCT FROM $2
               OR (snapshot #>> '{context,conflictCheck,config,trainingRefresherYears}')::int IS DISTINCT FROM $3)
        ORDER BY id LIMIT 200`,
      [today, this.config.lookBackYears, this.config.trainingRefresherYears],
    );
    for (const { id } of dated) {
      const reason =
        `The team is checked again as of ${today} with a look-back of ${this.config.lookBackYears} years: ` +
        'whether a dealing is current or within the look-back depends on both.';
      await this.workflow.markStale(id, reason, null);
    }
    const lost = await this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<Array<{ id: string; run: number }>>(
        `SELECT id, (snapshot #>> '{context,conflictCheck,run}')::int AS run FROM cases
          WHERE snapshot #>> '{context,conflictCheck,status}' IN ('pending', 'stale')
            AND updated_at < now() - make_interval(mins => $1)
          ORDER BY updated_at LIMIT 200`,
        [minutes],
      );
      for (const row of rows) {
        await enqueue(manager, {
          name: JobName.ConflictCheck,
          data: { caseId: row.id, run: row.run, requestId: null },
        });
      }
      return rows.length;
    });
    return lost + dated.length;
  }

  async check({ row, snapshot }: LoadedCase): Promise<CheckResult> {
    const context = snapshot.context;
    const { onsiteStart, onsiteEnd } = context.dates;
    const checked = await this.conflicts.checkTeam(
      {
        caseId: row.id,
        councilGssCode: row.council_gss_code,
        caseType: row.type,
        firstCpc: await this.history.isFirstCpc(row.council_gss_code, row.delivered_on ?? FUTURE, row.id),
        visit: onsiteStart && onsiteEnd ? { onsiteStart, onsiteEnd } : null,
        team: context.team.map(({ peerId, role }) => ({ peerId, role })),
        financeWaiverReason: context.financeWaiverReason,
        declared: context.declaredConflicts,
      },
      this.history.factsFor(row.id),
    );
    return { run: context.conflictCheck.run, ...checked };
  }
}
