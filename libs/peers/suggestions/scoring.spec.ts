import { SUGGESTION_WEIGHT_NAMES } from '#libs/platform';
import type { Finding } from '../conflicts/conflict-rules.js';
import {
  DEFAULT_SUGGESTION_WEIGHTS,
  judgeCandidate,
  typicalServed,
  type SuggestionFacts,
  type SuggestionPeer,
} from './scoring.js';

const facts: SuggestionFacts = {
  role: 'lead_officer_peer',
  on: '2027-03-01',
  focusAreas: ['Housing delivery', 'Climate'],
  host: { name: 'Dorset Council', type: 'unitary' },
  trainingRefresherYears: 3,
  maxChallengesPerYear: 4,
  typicalServed: 3,
  weights: DEFAULT_SUGGESTION_WEIGHTS,
  availabilityWindow: 'within two weeks of the visit',
};
const peer = (over: Partial<SuggestionPeer> = {}): SuggestionPeer => ({
  id: 'p1',
  name: 'Priya Patel',
  kind: 'officer',
  role: 'section_151_officer',
  active: true,
  expertise: ['housing delivery', 'finance'],
  trainedOn: null,
  homeType: 'unitary',
  servedLast12Months: 1,
  returning: false,
  available: true,
  ...over,
});
const finding = (severity: 'hard' | 'soft', detail: string): Finding => ({
  id: `rule:p1:${severity}`,
  peerId: 'p1',
  severity,
  rule: 'rule',
  detail,
  digest: 'd',
});

describe('a candidate for a role', () => {
  it('is scored by the documented weights, each point with its reason in words', () => {
    const judged = judgeCandidate(peer(), [], facts);
    expect(judged).toEqual({
      suggested: {
        peerId: 'p1',
        name: 'Priya Patel',
        score: 3 + 4 + 2 + 3 + 2 + 1,
        reasons: [
          'Knows Housing delivery: one focus area of the challenge (+3)',
          'Section 151 officer: brings the finance expertise the team needs (+4)',
          'Works for a unitary council, like Dorset Council (+2)',
          'No conflict of interest found (+3)',
          'Has served on one challenge in the last 12 months: 2 fewer than most (+2)',
          'Nothing else recorded within two weeks of the visit (+1)',
        ],
        findings: [],
      },
    });
  });

  it('brings its soft findings, without the point for having none, and a returning peer gets its point', () => {
    const soft = finding('soft', 'Shares a boundary with Dorset Council.');
    const judged = judgeCandidate(
      peer({
        expertise: [],
        role: 'chief_executive',
        homeType: 'district',
        servedLast12Months: 3,
        returning: true,
        available: false,
      }),
      [soft],
      facts,
    );
    expect(judged).toEqual({
      suggested: {
        peerId: 'p1',
        name: 'Priya Patel',
        score: 2,
        reasons: [
          'One finding to justify, with a second person’s approval',
          'Has served on three challenges in the last 12 months: as many as most or more',
          'Has another commitment recorded within two weeks of the visit',
          'Served on an earlier challenge of Dorset Council: returning peers are welcome (+2)',
        ],
        findings: [soft],
      },
    });
  });

  it('is left out, with the reason, when a hard limit says so', () => {
    expect(judgeCandidate(peer({ active: false }), [], facts)).toEqual({
      excluded: 'Priya Patel is no longer active in the peer pool.',
    });
    expect(judgeCandidate(peer({ kind: 'member' }), [], facts)).toEqual({
      excluded: 'Priya Patel is not an officer peer.',
    });
    expect(judgeCandidate(peer(), [finding('hard', 'Worked for Dorset Council until 2024.')], facts)).toEqual({
      excluded: 'Priya Patel cannot serve as the lead officer peer: Worked for Dorset Council until 2024.',
    });
    expect(judgeCandidate(peer({ servedLast12Months: 4 }), [], facts)).toEqual({
      excluded: 'Priya Patel has served on 4 challenges in the last 12 months, the most a year allows.',
    });
    const member = { ...facts, role: 'member_peer' as const };
    expect(judgeCandidate(peer({ kind: 'member', trainedOn: null }), [], member)).toEqual({
      excluded: 'Priya Patel has no recorded member peer training.',
    });
    expect(judgeCandidate(peer({ kind: 'member', trainedOn: '2023-01-31' }), [], member)).toEqual({
      excluded: 'Priya Patel was last trained on 2023-01-31: refresher due.',
    });
    expect('suggested' in judgeCandidate(peer({ kind: 'member', trainedOn: '2024-03-01' }), [], member)).toBe(true);
  });

  it('gives the same verdict and score without the words, for ranking a whole pool', () => {
    const cases: Array<[Partial<SuggestionPeer>, Finding[]]> = [
      [{}, []],
      [{ active: false }, []],
      [{ kind: 'member' }, []],
      [{ returning: true, available: false }, [finding('soft', 'Near.')]],
      [{}, [finding('hard', 'Works there.')]],
    ];
    for (const [over, found] of cases) {
      const worded = judgeCandidate(peer(over), found, facts);
      const bare = judgeCandidate(peer(over), found, facts, false);
      if ('excluded' in worded) expect(bare).toEqual({ excluded: '' });
      else expect(bare).toEqual({ suggested: { ...worded.suggested, reasons: [] } });
    }
  });

  it('has a default for every weight SUGGESTION_WEIGHTS may name, and no other', () => {
    expect(Object.keys(DEFAULT_SUGGESTION_WEIGHTS).sort()).toEqual([...SUGGESTION_WEIGHT_NAMES].sort());
  });

  it('compares the load with the pool’s median', () => {
    expect(typicalServed([])).toBe(0);
    expect(typicalServed([5, 0, 2])).toBe(2);
    expect(typicalServed([4, 1, 3, 0])).toBe(1);
  });
});
