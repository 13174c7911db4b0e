import { ConflictException, Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { SYSTEM_ACTOR } from '#libs/audit';
import { checkPeer, PeerConflictsService, teamWarnings } from '#libs/peers';
import { DataSource } from 'typeorm';
import { checksConfig, enqueue, JobHandler, JobName, todayInLondon, type JobPayloads } from '#libs/platform';
import { CaseHistoryService, FUTURE } from '../case-history.service.js';
import { CasesService, type LoadedCase } from '../cases.service.js';
import { CaseWorkflowService } from '../case-workflow.service.js';
import type { CheckResult } from '../workflow/case-events.js';

/**
 * Runs the conflict-of-interest rules on the team a case had when the check was asked for, and records the
 * result as the system event CONFLICT_CHECK_COMPLETED. A job for a team that has changed since does nothing:
 * a newer job is on its way. Safe to run twice: a result already recorded is not pending any more.
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
  async run({ caseId, teamFingerprint, requestId }: JobPayloads[JobName.ConflictCheck]): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.cases.load(caseId);
      const check = loaded.snapshot.context.conflictCheck;
      if (check.teamFingerprint !== teamFingerprint || check.status !== 'pending') return 'stale';
      const result = await this.check(loaded, teamFingerprint);
      try {
        const actor = { ...SYSTEM_ACTOR, requestId };
        await this.workflow.apply(caseId, { type: 'CONFLICT_CHECK_COMPLETED', result }, loaded.row.version, actor);
        return result.findings.length === 0 ? 'clear' : `${result.findings.length} finding(s)`;
      } catch (error) {
        // Someone changed the case while the rules ran: look again (the team may be the same).
        if (!(error instanceof ConflictException) || attempt >= 5) throw error;
        this.logger.debug(`case ${caseId} changed during its conflict check; checking again`);
      }
    }
  }

  /**
   * Asks again for checks pending for more than a few minutes: their job was lost (Redis lost its last second
   * of writes in a crash). A check that is merely slow is run twice, which changes nothing.
   */
  async requeueStale(minutes = 5): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await manager.query<Array<{ id: string; fingerprint: string }>>(
        `SELECT id, snapshot #>> '{context,conflictCheck,teamFingerprint}' AS fingerprint FROM cases
          WHERE snapshot #>> '{context,conflictCheck,status}' = 'pending'
            AND updated_at < now() - make_interval(mins => $1)
          ORDER BY updated_at LIMIT 200`,
        [minutes],
      );
      for (const row of rows) {
        await enqueue(manager, {
          name: JobName.ConflictCheck,
          data: { caseId: row.id, teamFingerprint: row.fingerprint, requestId: null },
        });
      }
      return rows.length;
    });
  }

  async check({ row, snapshot }: LoadedCase, teamFingerprint: string): Promise<CheckResult> {
    const context = snapshot.context;
    const on = todayInLondon();
    const host = await this.conflicts.host(row.council_gss_code);
    const firstCpc = await this.history.isFirstCpc(row.council_gss_code, row.delivered_on ?? FUTURE, row.id);
    const team = await Promise.all(
      context.team.map(async (member) => {
        const profile = await this.conflicts.profile(member.peerId);
        profile.previousChallengesOfHost = await this.history.challengesServed(member.peerId, host.gssCode, row.id);
        return { peer: profile, role: member.role };
      }),
    );
    const findings = [];
    const information = [];
    for (const { peer, role } of team) {
      const found = checkPeer({ host, peer, role, firstCpc, caseType: row.type, on, config: this.config });
      findings.push(...found.findings);
      information.push(...found.information);
    }
    const homes = team.flatMap(({ peer }) => (peer.homeCouncil ? [peer.homeCouncil.gssCode] : []));
    const warnings = teamWarnings(team, {
      on,
      config: this.config,
      councilsWithoutCpcSince2012: await this.history.withoutCpcSince2012(homes),
      financeWaiverReason: context.financeWaiverReason,
    });
    return { teamFingerprint, checkedOn: on, findings, information, warnings };
  }
}
