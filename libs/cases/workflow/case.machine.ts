import { assign, setup } from 'xstate';
import { initialContext, type CaseContext } from './case-context.js';
import type { CaseEvent, CaseOpening } from './case-events.js';
import { unmetConditions } from './case-rules.js';
import { applyEvent, correctOnsiteDates } from './case-updates.js';

/**
 * One peer challenge, from scoping to follow-up (`docs/DOMAIN.md`, "Lifecycle"). A pure definition: no
 * timers, no invoked or spawned actors, no side effects; deadlines are dates in the context and the work an
 * event triggers (conflict checks, reminders) is written to the outbox by the service.
 *
 * Every transition has the one guard `accepted`, which asks `case-rules.ts`, and the one action `record`,
 * which asks `case-updates.ts`; a refused event reports every unmet condition from the same rules.
 *
 * Bump MACHINE_VERSION when a change would read an old snapshot differently, and add the upgrade in
 * `snapshots.ts`.
 */
export const MACHINE_VERSION = 3;

const step = { guard: 'accepted', actions: 'record' } as const;
const to = (target: string) => ({ target, ...step });

export const caseMachine = setup({
  types: {} as { context: CaseContext; events: CaseEvent; input: CaseOpening },
  guards: {
    accepted: ({ context, event }) => unmetConditions(context, event).length === 0,
  },
  actions: {
    record: assign(({ context, event }) => applyEvent(context, event)),
    // Dates put right once the visit has started: recorded, and no new check of a team that has served.
    correctDates: assign(({ context, event }) =>
      event.type === 'RESCHEDULE_ONSITE' ? correctOnsiteDates(context, event) : context,
    ),
  },
}).createMachine({
  id: 'case',
  context: ({ input }) => initialContext(input),
  initial: 'open',
  on: {
    // A check result may arrive at any time; it counts only for the team it was run on.
    CONFLICT_CHECK_COMPLETED: step,
    ADD_NOTE: step,
    ADD_DOCUMENT: step,
  },
  states: {
    open: {
      initial: 'scoping',
      on: {
        ASSIGN_MANAGER: step,
        // The council was replaced on a vesting day: the case is its successor's from then on.
        COUNCIL_REORGANISED: step,
        PAUSE: to('#case.on_hold'),
        CANCEL: to('#case.cancelled'),
      },
      states: {
        resume: { type: 'history', history: 'deep' },
        scoping: {
          on: {
            SCHEDULE_SCOPING_MEETING: step,
            SET_INDICATIVE_MONTH: step,
            AGREE_SCOPE: to('team_assembly'),
          },
        },
        team_assembly: {
          on: {
            PROPOSE_PEER: step,
            REMOVE_PEER: step,
            REPLACE_PEER: step,
            OVERRIDE_CONFLICT: step,
            APPROVE_OVERRIDE: step,
            DECLARE_CONFLICT: step,
            CONFLICT_INPUTS_CHANGED: step,
            RESCHEDULE_ONSITE: step,
            // Councils often send the position statement while the team is still being assembled.
            RECEIVE_POSITION_STATEMENT: step,
            CONFIRM_TEAM: to('onsite'),
          },
        },
        onsite: {
          initial: 'preparing',
          on: { RECEIVE_POSITION_STATEMENT: step },
          states: {
            preparing: {
              on: {
                RESCHEDULE_ONSITE: step,
                // The team can change until the visit starts: back to team assembly, dates and documents kept.
                PROPOSE_PEER: to('#case.open.team_assembly'),
                REMOVE_PEER: to('#case.open.team_assembly'),
                REPLACE_PEER: to('#case.open.team_assembly'),
                OVERRIDE_CONFLICT: step,
                APPROVE_OVERRIDE: step,
                DECLARE_CONFLICT: step,
                CONFLICT_INPUTS_CHANGED: step,
                START_ONSITE: to('on_site'),
              },
            },
            on_site: {
              on: {
                PRESENT_FEEDBACK: to('#case.open.report'),
                // Wrong dates can be put right until the challenge is delivered (issue #24).
                RESCHEDULE_ONSITE: { guard: 'accepted', actions: 'correctDates' },
              },
            },
          },
        },
        report: {
          initial: 'drafting',
          states: {
            drafting: { on: { SUBMIT_DRAFT_REPORT: to('draft_submitted') } },
            draft_submitted: { on: { PUBLISH_REPORT: to('#case.open.follow_up') } },
          },
        },
        follow_up: {
          initial: 'awaiting_follow_up',
          on: {
            RECEIVE_ACTION_PLAN: step,
            SCHEDULE_FOLLOW_UP: to('.follow_up_scheduled'),
          },
          states: {
            awaiting_follow_up: {},
            follow_up_scheduled: { on: { COMPLETE_FOLLOW_UP: to('#case.closed') } },
          },
        },
      },
    },
    on_hold: {
      on: {
        CONFLICT_INPUTS_CHANGED: step,
        COUNCIL_REORGANISED: step,
        RESUME: to('#case.open.resume'),
        ASSIGN_MANAGER: step,
        CANCEL: to('#case.cancelled'),
      },
    },
    // Not final states: a closed or cancelled case still takes notes and documents.
    closed: {},
    cancelled: {},
  },
});

export type CaseMachine = typeof caseMachine;
