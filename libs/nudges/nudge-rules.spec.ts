import {
  firstThursdayOfMay,
  nudgeDecision,
  quietPeriod,
  type CouncilFacts,
  type NudgeRulesConfig,
} from './nudge-rules.js';

const config: NudgeRulesConfig = { includeOverdue: false, coolDownDays: 90, preElectionWeeks: 6, quietDates: [] };
const never: CouncilFacts = {
  gssCode: 'E06000001',
  name: 'Hartlepool',
  takeUp: 'never',
  lastCpcDate: null,
  noCpcSince2012: true,
  chiefExecutiveEmail: 'ce@hartlepool.example.org',
  nudgesSuppressed: false,
  caseInProgress: false,
  lastNudgeOn: null,
};
const ON = '2026-11-23';

describe('nudgeDecision', () => {
  it.each<[string, Partial<CouncilFacts>, Partial<NudgeRulesConfig>, boolean, string]>([
    ['never engaged', {}, {}, true, 'it has had no corporate peer challenge since 2012'],
    [
      'current',
      { takeUp: 'current', lastCpcDate: '2024-01-10', noCpcSince2012: false },
      {},
      false,
      'its take-up is current',
    ],
    ['due', { takeUp: 'due', lastCpcDate: '2022-01-10', noCpcSince2012: false }, {}, false, 'its take-up is due'],
    [
      'overdue, not configured',
      { takeUp: 'overdue', lastCpcDate: '2019-01-10', noCpcSince2012: false },
      {},
      false,
      'its take-up is overdue',
    ],
    [
      'a finance peer review since 2012 but no CPC: five-year take-up current, still nudged',
      { takeUp: 'current', lastCpcDate: '2024-01-10', noCpcSince2012: true },
      {},
      true,
      'it has had no corporate peer challenge since 2012',
    ],
    [
      'overdue, configured',
      { takeUp: 'overdue', lastCpcDate: '2019-01-10', noCpcSince2012: false },
      { includeOverdue: true },
      true,
      'its last corporate or finance peer challenge was on 2019-01-10, more than five years ago',
    ],
    ['opted out', { nudgesSuppressed: true }, {}, false, 'it has opted out of these emails'],
    ['case in progress', { caseInProgress: true }, {}, false, 'it has a peer challenge in progress'],
    ['no email', { chiefExecutiveEmail: null }, {}, false, 'there is no usable chief executive email address'],
    [
      'unusable email',
      { chiefExecutiveEmail: 'not an address' },
      {},
      false,
      'there is no usable chief executive email address',
    ],
    ['nudged yesterday', { lastNudgeOn: '2026-11-22' }, {}, false, 'it was nudged on 2026-11-22, within 90 days'],
    ['nudged 89 days ago', { lastNudgeOn: '2026-08-26' }, {}, false, 'it was nudged on 2026-08-26, within 90 days'],
    [
      'nudged exactly 90 days ago',
      { lastNudgeOn: '2026-08-25' },
      {},
      true,
      'it has had no corporate peer challenge since 2012',
    ],
    [
      'shorter cool-down',
      { lastNudgeOn: '2026-11-01' },
      { coolDownDays: 14 },
      true,
      'it has had no corporate peer challenge since 2012',
    ],
  ])('%s', (_, facts, overrides, nudge, reason) => {
    expect(nudgeDecision({ ...never, ...facts }, ON, { ...config, ...overrides })).toEqual({ nudge, reason });
  });
});

describe('quiet periods', () => {
  it.each([
    [2026, '2026-05-07'],
    [2027, '2027-05-06'],
    [2028, '2028-05-04'],
    [2029, '2029-05-03'],
  ])('local elections in %i are on %s', (year, day) => {
    expect(firstThursdayOfMay(year)).toBe(day);
    expect(new Date(`${day}T00:00:00Z`).getUTCDay()).toBe(4);
  });

  it.each([
    ['2027-03-24', null],
    ['2027-03-25', { from: '2027-03-25', to: '2027-05-06', why: 'the pre-election period' }],
    ['2027-05-06', { from: '2027-03-25', to: '2027-05-06', why: 'the pre-election period' }],
    ['2027-05-07', null],
  ])('on %s', (date, expected) => {
    expect(quietPeriod(date, config)).toEqual(expected);
  });

  it('has no pre-election period when it is set to 0 weeks, and adds configured ranges', () => {
    const quiet = { ...config, preElectionWeeks: 0, quietDates: [{ from: '2027-12-20', to: '2028-01-03' }] };
    expect(quietPeriod('2027-04-20', quiet)).toBeNull();
    expect(quietPeriod('2027-12-19', quiet)).toBeNull();
    expect(quietPeriod('2027-12-20', quiet)).toEqual({
      from: '2027-12-20',
      to: '2028-01-03',
      why: 'a configured quiet period',
    });
    expect(quietPeriod('2028-01-03', quiet)?.why).toBe('a configured quiet period');
    expect(quietPeriod('2028-01-04', quiet)).toBeNull();
  });
});
