/** Who may be nudged, and when: pure rules (`docs/NUDGES.md`). */

export interface NudgeRulesConfig {
  includeOverdue: boolean;
  coolDownDays: number;
  preElectionWeeks: number;
  quietDates: Array<{ from: string; to: string }>;
}

export interface CouncilFacts {
  gssCode: string;
  name: string;
  /** Five-year take-up (CPC or FPR) and its last challenge. */
  takeUp: 'never' | 'current' | 'due' | 'overdue';
  lastCpcDate: string | null;
  /** No corporate peer challenge since 2012 (a finance peer review does not count): the nudges' audience. */
  noCpcSince2012: boolean;
  chiefExecutiveEmail: string | null;
  nudgesSuppressed: boolean;
  caseInProgress: boolean;
  lastNudgeOn: string | null;
}

export type NudgeDecision = { nudge: true; reason: string } | { nudge: false; reason: string };

function shift(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Local elections in England are held on the first Thursday in May. */
export function firstThursdayOfMay(year: number): string {
  const first = new Date(Date.UTC(year, 4, 1));
  const offset = (4 - first.getUTCDay() + 7) % 7;
  return new Date(Date.UTC(year, 4, 1 + offset)).toISOString().slice(0, 10);
}

/** The quiet period `date` falls in, if any: the weeks before local elections up to polling day, or a configured range. */
export function quietPeriod(date: string, config: NudgeRulesConfig): { from: string; to: string; why: string } | null {
  if (config.preElectionWeeks > 0) {
    const polling = firstThursdayOfMay(Number(date.slice(0, 4)));
    const from = shift(polling, -7 * config.preElectionWeeks);
    if (date >= from && date <= polling) return { from, to: polling, why: 'the pre-election period' };
  }
  const range = config.quietDates.find((r) => date >= r.from && date <= r.to);
  return range ? { ...range, why: 'a configured quiet period' } : null;
}

const EMAIL = /^[^\s@<>,;"]+@[^\s@<>,;"]+\.[^\s@<>,;"]+$/;

/** Whether to nudge this council on `asOf`, and why (or why not). */
export function nudgeDecision(council: CouncilFacts, asOf: string, config: NudgeRulesConfig): NudgeDecision {
  const qualifies = council.noCpcSince2012
    ? 'it has had no corporate peer challenge since 2012'
    : council.takeUp === 'overdue' && config.includeOverdue
      ? `its last corporate or finance peer challenge was on ${council.lastCpcDate}, more than five years ago`
      : null;
  if (!qualifies) return { nudge: false, reason: `its take-up is ${council.takeUp}` };
  if (council.nudgesSuppressed) return { nudge: false, reason: 'it has opted out of these emails' };
  if (council.caseInProgress) return { nudge: false, reason: 'it has a peer challenge in progress' };
  if (!council.chiefExecutiveEmail || !EMAIL.test(council.chiefExecutiveEmail)) {
    return { nudge: false, reason: 'there is no usable chief executive email address' };
  }
  if (council.lastNudgeOn && council.lastNudgeOn > shift(asOf, -config.coolDownDays)) {
    return { nudge: false, reason: `it was nudged on ${council.lastNudgeOn}, within ${config.coolDownDays} days` };
  }
  return { nudge: true, reason: qualifies };
}
