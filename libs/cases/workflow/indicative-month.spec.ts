import { initialTransition, transition } from 'xstate';
import { caseMachine } from './case.machine.js';
import type { CaseEvent } from './case-events.js';
import { unmetConditions } from './case-rules.js';

/** SET_INDICATIVE_MONTH: the pipeline's "in discussion" (issue #18): accepted in scoping, repeatable. */
const OPENING = {
  caseId: 'c-1',
  councilGssCode: 'E06000001',
  type: 'corporate_peer_challenge' as const,
  managerId: null,
  managerName: null,
};

function run(events: CaseEvent[]) {
  let [snapshot] = initialTransition(caseMachine, OPENING);
  for (const event of events) [snapshot] = transition(caseMachine, snapshot, event);
  return snapshot;
}

describe('SET_INDICATIVE_MONTH', () => {
  it('records the month in scoping, and records a later month when set again', () => {
    const once = run([{ type: 'SET_INDICATIVE_MONTH', month: '2027-02' }]);
    expect(once.value).toEqual({ open: 'scoping' });
    expect(once.context.dates.indicativeMonth).toBe('2027-02');
    const twice = run([
      { type: 'SET_INDICATIVE_MONTH', month: '2027-02' },
      { type: 'SET_INDICATIVE_MONTH', month: '2027-03' },
    ]);
    expect(twice.context.dates.indicativeMonth).toBe('2027-03');
  });

  it('refuses the month it already has', () => {
    const once = run([{ type: 'SET_INDICATIVE_MONTH', month: '2027-02' }]);
    expect(unmetConditions(once.context, { type: 'SET_INDICATIVE_MONTH', month: '2027-02' })).toEqual([
      'The indicative month is already 2027-02.',
    ]);
  });

  it('is not accepted once the scope is agreed', () => {
    const agreed = run([{ type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: '2027-03-02', onsiteEnd: '2027-03-04' }]);
    expect(agreed.can({ type: 'SET_INDICATIVE_MONTH', month: '2027-02' })).toBe(false);
    const after = run([
      { type: 'AGREE_SCOPE', focusAreas: [], onsiteStart: '2027-03-02', onsiteEnd: '2027-03-04' },
      { type: 'SET_INDICATIVE_MONTH', month: '2027-02' },
    ]);
    expect(after.context.dates.indicativeMonth).toBeUndefined();
  });
});
