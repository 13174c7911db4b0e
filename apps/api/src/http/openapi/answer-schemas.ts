// Written by `npm run openapi` from answers.ts: do not edit by hand.
export type AnswerName =
  | 'ApiError'
  | 'AppliedReorganisation'
  | 'Arrangement'
  | 'ArrangementKind'
  | 'ArrangementView'
  | 'AuditList'
  | 'AuditView'
  | 'Author'
  | 'Board'
  | 'BoardReport'
  | 'Case'
  | 'CaseDates'
  | 'CaseEventType'
  | 'CaseList'
  | 'CaseSummary'
  | 'CaseType'
  | 'CaseView'
  | 'ChallengesDeliverable'
  | 'ChallengesImported'
  | 'CheckFinding'
  | 'ConflictCheck'
  | 'ConflictPreCheck'
  | 'Constraint'
  | 'Constraints'
  | 'Contact'
  | 'Council'
  | 'CouncilDetail'
  | 'CouncilFacts'
  | 'CouncilHistory'
  | 'CouncilHistoryAnswer'
  | 'CouncilList'
  | 'CouncilNote'
  | 'CouncilRelationships'
  | 'CouncilSummary'
  | 'CouncilType'
  | 'Dealing'
  | 'DealingKind'
  | 'DealingView'
  | 'DocumentKind'
  | 'Facts'
  | 'FactsImported'
  | 'Finding'
  | 'Health'
  | 'HealthDetails'
  | 'HistoryCase'
  | 'InformationNote'
  | 'IssuedToken'
  | 'JudgedFinding'
  | 'NeverDeliverable'
  | 'NeverOverTime'
  | 'NeverOverTimeReport'
  | 'NonEngaged'
  | 'NonEngagedCouncil'
  | 'NoteView'
  | 'NudgePreview'
  | 'NudgesPreview'
  | 'NudgesRun'
  | 'Override'
  | 'OverrideRow'
  | 'Overrides'
  | 'PageOfAuditView'
  | 'PageOfCaseSummary'
  | 'PageOfCouncilSummary'
  | 'PageOfPeerView'
  | 'PageOfUserView'
  | 'PasswordChanged'
  | 'PasswordLinkKind'
  | 'PasswordLinkSent'
  | 'PasswordResetRequested'
  | 'Peer'
  | 'PeerDetail'
  | 'PeerKind'
  | 'PeerList'
  | 'PeerRole'
  | 'PeerView'
  | 'Plan'
  | 'PlanConstraint'
  | 'PlanMove'
  | 'PlanMoves'
  | 'PlanSettings'
  | 'PlanSummary'
  | 'PlannedCouncil'
  | 'PoliticalGroup'
  | 'PreCheck'
  | 'Programme'
  | 'ProgrammeReport'
  | 'Rag'
  | 'Readiness'
  | 'RecipientRole'
  | 'RecommendationStatus'
  | 'Region'
  | 'Relationships'
  | 'ReminderKind'
  | 'ReminderView'
  | 'Reminders'
  | 'ReorganisationApplied'
  | 'ReorganisationView'
  | 'Reorganisations'
  | 'Role'
  | 'RoleSuggestions'
  | 'RulesConfig'
  | 'SecondFactor'
  | 'SecondFactorSetup'
  | 'Settings'
  | 'SignedIn'
  | 'StoredPlan'
  | 'SuggestedPeer'
  | 'SuggestedTeam'
  | 'SuggestedTeamView'
  | 'TakeUp'
  | 'TakeUpCounts'
  | 'TakeUpReport'
  | 'TakeUpStatus'
  | 'Targets'
  | 'TargetsChange'
  | 'TargetsHistory'
  | 'TeamRole'
  | 'TeamSuggestions'
  | 'Timeline'
  | 'TimelineEntry'
  | 'Token'
  | 'TwoFactorSetup'
  | 'TwoFactorStatus'
  | 'Unavailability'
  | 'UnavailabilityView'
  | 'User'
  | 'UserList'
  | 'UserView'
  | 'YearTargets';

export const ANSWER_SCHEMAS: Record<AnswerName, Record<string, unknown>> = {
  ApiError: {
    type: 'object',
    properties: {
      statusCode: { type: 'number' },
      error: { type: 'string' },
      message: { type: 'string' },
      details: {
        description:
          'For a 400, each field and its problems; for a 429, `{ retryAfterSeconds }`; else what the error adds.',
      },
      version: { type: 'number', description: "The case's current version, on a 409 for a stale expectedVersion." },
    },
    required: ['statusCode', 'error', 'message'],
    additionalProperties: false,
    description: 'Every error: `{ statusCode, error, message, details? }` (docs/API.md, Errors).',
  },
  AppliedReorganisation: {
    type: 'object',
    properties: {
      successors: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            gssCode: { type: 'string' },
            name: { type: 'string' },
            vestingDate: { type: 'string' },
            predecessors: { type: 'array', items: { type: 'string' } },
          },
          required: ['gssCode', 'name', 'vestingDate', 'predecessors'],
          additionalProperties: false,
        },
      },
      vested: {
        type: 'number',
        description:
          "Of them, those whose vesting day is today or has passed: their predecessors' open cases moved already.",
      },
    },
    required: ['successors', 'vested'],
    additionalProperties: false,
  },
  Arrangement: { $ref: '#/components/schemas/ArrangementView' },
  ArrangementKind: { type: 'string', enum: ['shared_management', 'shared_services'] },
  ArrangementView: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      otherGssCode: { type: 'string' },
      otherName: { type: 'string' },
      kind: { $ref: '#/components/schemas/ArrangementKind' },
      from: { type: 'string' },
      to: { type: ['string', 'null'] },
    },
    required: ['id', 'otherGssCode', 'otherName', 'kind', 'from', 'to'],
    additionalProperties: false,
  },
  AuditList: { $ref: '#/components/schemas/PageOfAuditView' },
  AuditView: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      at: { type: 'string' },
      actor: {
        anyOf: [
          {
            type: 'object',
            properties: { id: { type: ['string', 'null'] }, email: { type: ['string', 'null'] } },
            required: ['id', 'email'],
            additionalProperties: false,
          },
          { type: 'null' },
        ],
      },
      action: { type: 'string' },
      entity: { type: 'string' },
      entityId: { type: ['string', 'null'] },
      summary: { type: 'object', additionalProperties: {} },
      requestId: { type: ['string', 'null'] },
    },
    required: ['id', 'at', 'actor', 'action', 'entity', 'entityId', 'summary', 'requestId'],
    additionalProperties: false,
  },
  Author: {
    type: 'object',
    properties: { id: { type: ['string', 'null'] }, name: { type: 'string' }, at: { type: 'string' } },
    required: ['id', 'name', 'at'],
    additionalProperties: false,
    description: 'Who added a note or a document, and when (the service stamps it).',
  },
  Board: { $ref: '#/components/schemas/BoardReport' },
  BoardReport: {
    type: 'object',
    properties: {
      financialYear: { type: 'number' },
      quarter: { type: 'number' },
      period: {
        type: 'object',
        properties: { from: { type: 'string' }, to: { type: 'string' } },
        required: ['from', 'to'],
        additionalProperties: false,
      },
      asOf: { type: 'string' },
      targetsFrom: { type: 'number' },
      deliverables: {
        type: 'array',
        minItems: 2,
        prefixItems: [
          { $ref: '#/components/schemas/ChallengesDeliverable' },
          { $ref: '#/components/schemas/NeverDeliverable' },
        ],
        items: false,
        maxItems: 2,
      },
      narrative: { type: 'string' },
      nonEngaged: { type: 'array', items: { $ref: '#/components/schemas/NonEngagedCouncil' } },
    },
    required: ['financialYear', 'quarter', 'period', 'asOf', 'targetsFrom', 'deliverables', 'narrative', 'nonEngaged'],
    additionalProperties: false,
    description: "`GET /reports/board`: the quarter's report; `board-document.ts` writes it as Word.",
  },
  Case: { $ref: '#/components/schemas/CaseView' },
  CaseDates: {
    type: 'object',
    properties: {
      scopingMeeting: { type: 'string' },
      indicativeMonth: {
        type: 'string',
        description: 'The month (YYYY-MM) the visit is expected in, while in scoping: the pipeline\'s "in discussion".',
      },
      onsiteStart: { type: 'string' },
      onsiteEnd: { type: 'string' },
      positionStatementReceived: { type: 'string' },
      feedbackPresented: { type: 'string' },
      draftSubmitted: { type: 'string' },
      reportPublished: { type: 'string' },
      actionPlanReceived: { type: 'string' },
      followUp: { type: 'string' },
      followUpCompleted: { type: 'string' },
    },
    additionalProperties: false,
  },
  CaseEventType: {
    type: 'string',
    enum: [
      'SCHEDULE_SCOPING_MEETING',
      'SET_INDICATIVE_MONTH',
      'AGREE_SCOPE',
      'PROPOSE_PEER',
      'REMOVE_PEER',
      'REPLACE_PEER',
      'OVERRIDE_CONFLICT',
      'APPROVE_OVERRIDE',
      'DECLARE_CONFLICT',
      'CONFLICT_CHECK_COMPLETED',
      'CONFLICT_INPUTS_CHANGED',
      'COUNCIL_REORGANISED',
      'CONFIRM_TEAM',
      'RESCHEDULE_ONSITE',
      'ASSIGN_MANAGER',
      'RECEIVE_POSITION_STATEMENT',
      'START_ONSITE',
      'PRESENT_FEEDBACK',
      'SUBMIT_DRAFT_REPORT',
      'PUBLISH_REPORT',
      'RECEIVE_ACTION_PLAN',
      'SCHEDULE_FOLLOW_UP',
      'COMPLETE_FOLLOW_UP',
      'PAUSE',
      'RESUME',
      'CANCEL',
      'ADD_NOTE',
      'ADD_DOCUMENT',
    ],
  },
  CaseList: { $ref: '#/components/schemas/PageOfCaseSummary' },
  CaseSummary: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      councilGssCode: { type: 'string' },
      councilName: { type: 'string' },
      type: { $ref: '#/components/schemas/CaseType' },
      stage: { type: 'string' },
      state: { type: 'string' },
      onHold: { type: 'boolean' },
      version: { type: 'number' },
      managerId: { type: ['string', 'null'] },
      onsiteStart: { type: ['string', 'null'] },
      deliveredOn: { type: ['string', 'null'] },
      createdAt: { type: 'string' },
      updatedAt: { type: 'string' },
    },
    required: [
      'id',
      'councilGssCode',
      'councilName',
      'type',
      'stage',
      'state',
      'onHold',
      'version',
      'managerId',
      'onsiteStart',
      'deliveredOn',
      'createdAt',
      'updatedAt',
    ],
    additionalProperties: false,
  },
  CaseType: { type: 'string', enum: ['corporate_peer_challenge', 'finance_peer_review', 'fire_and_rescue', 'other'] },
  CaseView: {
    type: 'object',
    additionalProperties: false,
    properties: {
      allowedEvents: { type: 'array', items: { $ref: '#/components/schemas/CaseEventType' } },
      waitingFor: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            type: { $ref: '#/components/schemas/CaseEventType' },
            reasons: { type: 'array', items: { type: 'string' } },
          },
          required: ['type', 'reasons'],
          additionalProperties: false,
        },
        description: 'The steps that would move the case on but cannot be taken yet, with every reason.',
      },
      firstCpc: { type: 'boolean' },
      team: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            peerId: { type: 'string' },
            name: { type: 'string' },
            role: { type: 'string' },
            kind: { type: 'string' },
            financeExpertise: { type: 'boolean' },
          },
          required: ['peerId', 'name', 'role', 'kind', 'financeExpertise'],
          additionalProperties: false,
        },
      },
      declaredConflicts: { type: 'array', items: { $ref: '#/components/schemas/CheckFinding' } },
      overrides: { type: 'array', items: { $ref: '#/components/schemas/Override' } },
      manager: {
        anyOf: [
          {
            type: 'object',
            properties: { id: { type: 'string' }, name: { type: ['string', 'null'] } },
            required: ['id', 'name'],
            additionalProperties: false,
          },
          { type: 'null' },
        ],
      },
      scope: {
        type: 'object',
        properties: {
          coreComponents: { type: 'array', items: { type: 'string' } },
          focusAreas: { type: 'array', items: { type: 'string' } },
        },
        required: ['coreComponents', 'focusAreas'],
        additionalProperties: false,
      },
      dates: { $ref: '#/components/schemas/CaseDates' },
      onsiteHistory: {
        type: 'array',
        items: {
          type: 'object',
          properties: { onsiteStart: { type: 'string' }, onsiteEnd: { type: 'string' }, reason: { type: 'string' } },
          required: ['onsiteStart', 'onsiteEnd', 'reason'],
          additionalProperties: false,
        },
      },
      scopingMeetingHistory: { type: 'array', items: { type: 'string' } },
      conflictCheck: { $ref: '#/components/schemas/ConflictCheck' },
      financeWaiverReason: { type: ['string', 'null'] },
      recommendations: {
        type: 'array',
        items: {
          type: 'object',
          properties: { text: { type: 'string' }, progress: { $ref: '#/components/schemas/RecommendationStatus' } },
          required: ['text'],
          additionalProperties: false,
        },
      },
      hold: {
        anyOf: [
          {
            type: 'object',
            properties: { reason: { type: 'string' }, stage: { type: 'string' }, state: { type: 'string' } },
            required: ['reason', 'stage'],
            additionalProperties: false,
          },
          { type: 'null' },
        ],
        description: '`state`: the exact state it was paused in (since machine version 3).',
      },
      cancellation: {
        anyOf: [
          {
            type: 'object',
            properties: { reason: { type: 'string' }, stage: { type: 'string' } },
            required: ['reason', 'stage'],
            additionalProperties: false,
          },
          { type: 'null' },
        ],
      },
      notes: {
        type: 'array',
        items: {
          type: 'object',
          properties: { text: { type: 'string' }, by: { $ref: '#/components/schemas/Author' } },
          required: ['text', 'by'],
          additionalProperties: false,
        },
      },
      documents: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            kind: { $ref: '#/components/schemas/DocumentKind' },
            title: { type: 'string' },
            url: { type: 'string' },
            receivedOn: { type: 'string' },
            by: { $ref: '#/components/schemas/Author' },
          },
          required: ['kind', 'title', 'url', 'by'],
          additionalProperties: false,
        },
        description:
          '`receivedOn`: the day it was received or prepared, when given (else the day `by.at` it was recorded).',
      },
      id: { type: 'string' },
      councilGssCode: { type: 'string' },
      councilName: { type: 'string' },
      type: { $ref: '#/components/schemas/CaseType' },
      stage: { type: 'string' },
      state: { type: 'string' },
      onHold: { type: 'boolean' },
      version: { type: 'number' },
      managerId: { type: ['string', 'null'] },
      onsiteStart: { type: ['string', 'null'] },
      deliveredOn: { type: ['string', 'null'] },
      createdAt: { type: 'string' },
      updatedAt: { type: 'string' },
    },
    required: [
      'allowedEvents',
      'cancellation',
      'conflictCheck',
      'councilGssCode',
      'councilName',
      'createdAt',
      'dates',
      'declaredConflicts',
      'deliveredOn',
      'documents',
      'financeWaiverReason',
      'firstCpc',
      'hold',
      'id',
      'manager',
      'managerId',
      'notes',
      'onHold',
      'onsiteHistory',
      'onsiteStart',
      'overrides',
      'recommendations',
      'scope',
      'scopingMeetingHistory',
      'stage',
      'state',
      'team',
      'type',
      'updatedAt',
      'version',
      'waitingFor',
    ],
  },
  ChallengesDeliverable: {
    type: 'object',
    properties: {
      id: { type: 'string', const: '1.1' },
      target: {
        type: 'object',
        properties: { total: { type: 'number' }, corporateOrFinance: { type: 'number' } },
        required: ['total', 'corporateOrFinance'],
        additionalProperties: false,
      },
      actual: {
        type: 'object',
        properties: { total: { type: 'number' }, corporateOrFinance: { type: 'number' } },
        required: ['total', 'corporateOrFinance'],
        additionalProperties: false,
      },
      delivered: {
        type: 'object',
        properties: { total: { type: 'number' }, corporateOrFinance: { type: 'number' } },
        required: ['total', 'corporateOrFinance'],
        additionalProperties: false,
      },
      confirmed: {
        type: 'object',
        properties: { total: { type: 'number' }, corporateOrFinance: { type: 'number' } },
        required: ['total', 'corporateOrFinance'],
        additionalProperties: false,
      },
      inDiscussion: {
        type: 'object',
        properties: { total: { type: 'number' }, corporateOrFinance: { type: 'number' } },
        required: ['total', 'corporateOrFinance'],
        additionalProperties: false,
      },
      rag: { $ref: '#/components/schemas/Rag' },
    },
    required: ['id', 'target', 'actual', 'delivered', 'confirmed', 'inDiscussion', 'rag'],
    additionalProperties: false,
    description:
      'Deliverable 1.1: peer challenges delivered, of all types and corporate or finance; `actual` is `delivered`.',
  },
  ChallengesImported: {
    type: 'object',
    properties: { created: { type: 'number' }, unchanged: { type: 'number' } },
    required: ['created', 'unchanged'],
    additionalProperties: false,
  },
  CheckFinding: {
    type: 'object',
    properties: {
      id: {
        type: 'string',
        description:
          'Stable across checks: the rule, the peer and the dealing, arrangement, council or case it came from.',
      },
      peerId: { type: 'string' },
      severity: { type: 'string', enum: ['hard', 'soft'] },
      rule: { type: 'string' },
      detail: { type: 'string' },
      digest: {
        type: 'string',
        description: 'Changes when anything the finding says changes: an override lapses with it.',
      },
    },
    required: ['id', 'peerId', 'severity', 'rule', 'detail', 'digest'],
    additionalProperties: false,
  },
  ConflictCheck: {
    type: 'object',
    properties: {
      status: { type: 'string', enum: ['pending', 'stale', 'clear', 'conflicts'] },
      run: { type: 'number', description: 'The check asked for last: a result counts only for this run.' },
      reason: { type: ['string', 'null'], description: 'Why the latest check was asked for.' },
      teamFingerprint: { type: 'string' },
      fingerprint: {
        type: ['string', 'null'],
        description: 'Every input the result read (null before the first result).',
      },
      config: {
        type: 'object',
        properties: { lookBackYears: { type: 'number' }, trainingRefresherYears: { type: 'number' } },
        required: ['lookBackYears', 'trainingRefresherYears'],
        additionalProperties: false,
        description: 'The look-back and refresher periods the result ran with.',
      },
      checkedOn: { type: ['string', 'null'] },
      found: {
        type: 'array',
        items: { $ref: '#/components/schemas/CheckFinding' },
        description:
          "The rules' findings as the check recorded them; `findings` is what they mean with overrides and declarations.",
      },
      findings: { type: 'array', items: { $ref: '#/components/schemas/JudgedFinding' } },
      information: {
        type: 'array',
        items: {
          type: 'object',
          properties: { peerId: { type: 'string' }, rule: { type: 'string' }, detail: { type: 'string' } },
          required: ['peerId', 'rule', 'detail'],
          additionalProperties: false,
        },
      },
      warnings: {
        type: 'array',
        items: {
          type: 'object',
          properties: { rule: { type: 'string' }, detail: { type: 'string' }, peerId: { type: 'string' } },
          required: ['rule', 'detail'],
          additionalProperties: false,
        },
      },
    },
    required: [
      'status',
      'run',
      'reason',
      'teamFingerprint',
      'fingerprint',
      'checkedOn',
      'found',
      'findings',
      'information',
      'warnings',
    ],
    additionalProperties: false,
    description:
      "The conflict-of-interest check. `pending`: the team changed and its check has not reported; `stale`: an input the last check read changed (`reason` says which) and a new check is on its way; `clear` or `conflicts`: the result for the current run, judged with the case's overrides and declarations.",
  },
  ConflictPreCheck: { $ref: '#/components/schemas/PreCheck' },
  Constraint: { $ref: '#/components/schemas/PlanConstraint' },
  Constraints: {
    type: 'object',
    properties: { constraints: { type: 'array', items: { $ref: '#/components/schemas/PlanConstraint' } } },
    required: ['constraints'],
    additionalProperties: false,
  },
  Contact: {
    type: 'object',
    properties: { name: { type: ['string', 'null'] }, email: { type: ['string', 'null'] } },
    required: ['name', 'email'],
    additionalProperties: false,
  },
  Council: { $ref: '#/components/schemas/CouncilDetail' },
  CouncilDetail: {
    type: 'object',
    properties: {
      gssCode: { type: 'string' },
      name: { type: 'string' },
      type: { $ref: '#/components/schemas/CouncilType' },
      region: { $ref: '#/components/schemas/Region' },
      takeUp: {
        type: 'object',
        properties: {
          status: { $ref: '#/components/schemas/TakeUpStatus' },
          lastCpcDate: { type: ['string', 'null'] },
        },
        required: ['status', 'lastCpcDate'],
        additionalProperties: false,
        description: 'Five-year take-up: from the last corporate peer challenge or finance peer review since 2012.',
      },
      noCpcSince2012: {
        type: 'boolean',
        description:
          "No corporate peer challenge (a finance peer review does not count) delivered since 2012: measure 1.2's.",
      },
      abolishedOn: {
        type: 'string',
        description: "The day after the council's last day, for a council that no longer exists; absent otherwise.",
      },
      officialName: { type: 'string' },
      startDate: { type: ['string', 'null'] },
      endDate: { type: ['string', 'null'] },
      countyGssCode: { type: ['string', 'null'] },
      county: {
        anyOf: [
          {
            type: 'object',
            properties: { gssCode: { type: 'string' }, name: { type: 'string' } },
            required: ['gssCode', 'name'],
            additionalProperties: false,
          },
          { type: 'null' },
        ],
      },
      combinedAuthority: {
        anyOf: [
          {
            type: 'object',
            properties: { gssCode: { type: 'string' }, name: { type: ['string', 'null'] } },
            required: ['gssCode', 'name'],
            additionalProperties: false,
          },
          { type: 'null' },
        ],
      },
      chiefExecutive: { anyOf: [{ $ref: '#/components/schemas/Contact' }, { type: 'null' }] },
      leader: { anyOf: [{ $ref: '#/components/schemas/Contact' }, { type: 'null' }] },
      principalAdviser: {
        anyOf: [
          {
            type: 'object',
            properties: {
              id: { type: 'string' },
              name: { type: 'string' },
              email: { type: 'string' },
              region: { type: ['string', 'null'] },
            },
            required: ['id', 'name', 'email', 'region'],
            additionalProperties: false,
          },
          { type: 'null' },
        ],
      },
      nudgesSuppressed: { type: 'boolean' },
      predecessors: {
        type: 'array',
        items: {
          type: 'object',
          properties: { gssCode: { type: 'string' }, name: { type: 'string' }, endDate: { type: ['string', 'null'] } },
          required: ['gssCode', 'name', 'endDate'],
          additionalProperties: false,
        },
      },
      successors: {
        type: 'array',
        items: {
          type: 'object',
          properties: { gssCode: { type: 'string' }, name: { type: 'string' }, startDate: { type: 'string' } },
          required: ['gssCode', 'name', 'startDate'],
          additionalProperties: false,
        },
      },
    },
    required: [
      'chiefExecutive',
      'combinedAuthority',
      'county',
      'countyGssCode',
      'endDate',
      'gssCode',
      'leader',
      'name',
      'noCpcSince2012',
      'nudgesSuppressed',
      'officialName',
      'predecessors',
      'principalAdviser',
      'region',
      'startDate',
      'successors',
      'takeUp',
      'type',
    ],
    additionalProperties: false,
  },
  CouncilFacts: {
    type: 'object',
    properties: {
      political_control: {
        type: 'array',
        items: {
          type: 'object',
          properties: { value: { type: 'string' }, from: { type: 'string' }, recordedAt: { type: 'string' } },
          required: ['value', 'from', 'recordedAt'],
          additionalProperties: false,
        },
      },
      lga_membership: {
        type: 'array',
        items: {
          type: 'object',
          properties: { value: { type: 'string' }, from: { type: 'string' }, recordedAt: { type: 'string' } },
          required: ['value', 'from', 'recordedAt'],
          additionalProperties: false,
        },
      },
    },
    required: ['political_control', 'lga_membership'],
    additionalProperties: false,
    description: "A council's facts by kind, newest first: what each became, from when, and who recorded it when.",
  },
  CouncilHistory: {
    type: 'object',
    properties: {
      council: { $ref: '#/components/schemas/CouncilDetail' },
      takeUp: {
        type: 'object',
        properties: {
          status: { $ref: '#/components/schemas/TakeUpStatus' },
          lastCpcDate: { type: ['string', 'null'] },
        },
        required: ['status', 'lastCpcDate'],
        additionalProperties: false,
        description: 'Five-year take-up: from the last corporate peer challenge or finance peer review since 2012.',
      },
      notes: { type: 'array', items: { $ref: '#/components/schemas/NoteView' } },
      cases: { type: 'array', items: { $ref: '#/components/schemas/HistoryCase' } },
      nudges: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            sentAt: { type: 'string' },
            template: { type: 'string' },
            to: { type: 'array', items: { type: 'string' } },
            status: { type: 'string' },
          },
          required: ['sentAt', 'template', 'to', 'status'],
          additionalProperties: false,
        },
      },
      peersProvided: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            peerId: { type: 'string' },
            name: { type: 'string' },
            caseId: { type: 'string' },
            hostGssCode: { type: 'string' },
            role: { type: 'string' },
          },
          required: ['peerId', 'name', 'caseId', 'hostGssCode', 'role'],
          additionalProperties: false,
        },
      },
      takeUpChanges: {
        type: 'array',
        items: {
          type: 'object',
          properties: { from: { type: 'string' }, to: { type: 'string' }, on: { type: 'string' } },
          required: ['from', 'to', 'on'],
          additionalProperties: false,
        },
        description:
          'Take-up changes seen by the daily check, newest first: when the council fell due, became overdue, …',
      },
    },
    required: ['cases', 'council', 'notes', 'nudges', 'peersProvided', 'takeUp', 'takeUpChanges'],
    additionalProperties: false,
  },
  CouncilHistoryAnswer: { $ref: '#/components/schemas/CouncilHistory' },
  CouncilList: { $ref: '#/components/schemas/PageOfCouncilSummary' },
  CouncilNote: { $ref: '#/components/schemas/NoteView' },
  CouncilRelationships: {
    type: 'object',
    properties: {
      gssCode: { type: 'string' },
      name: { type: 'string' },
      county: {
        anyOf: [
          {
            type: 'object',
            properties: { gssCode: { type: 'string' }, name: { type: 'string' } },
            required: ['gssCode', 'name'],
            additionalProperties: false,
          },
          { type: 'null' },
        ],
      },
      combinedAuthority: {
        anyOf: [
          {
            type: 'object',
            properties: { gssCode: { type: 'string' }, name: { type: ['string', 'null'] } },
            required: ['gssCode', 'name'],
            additionalProperties: false,
          },
          { type: 'null' },
        ],
      },
      neighbours: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            gssCode: { type: 'string' },
            name: { type: 'string' },
            relation: { type: 'string', enum: ['shares_boundary', 'nearby'] },
            rank: { type: 'number' },
          },
          required: ['gssCode', 'name', 'relation', 'rank'],
          additionalProperties: false,
        },
      },
      arrangements: { type: 'array', items: { $ref: '#/components/schemas/ArrangementView' } },
    },
    required: ['gssCode', 'name', 'county', 'combinedAuthority', 'neighbours', 'arrangements'],
    additionalProperties: false,
  },
  CouncilSummary: {
    type: 'object',
    properties: {
      gssCode: { type: 'string' },
      name: { type: 'string' },
      type: { $ref: '#/components/schemas/CouncilType' },
      region: { $ref: '#/components/schemas/Region' },
      takeUp: {
        type: 'object',
        properties: {
          status: { $ref: '#/components/schemas/TakeUpStatus' },
          lastCpcDate: { type: ['string', 'null'] },
        },
        required: ['status', 'lastCpcDate'],
        additionalProperties: false,
        description: 'Five-year take-up: from the last corporate peer challenge or finance peer review since 2012.',
      },
      noCpcSince2012: {
        type: 'boolean',
        description:
          "No corporate peer challenge (a finance peer review does not count) delivered since 2012: measure 1.2's.",
      },
      abolishedOn: {
        type: 'string',
        description: "The day after the council's last day, for a council that no longer exists; absent otherwise.",
      },
    },
    required: ['gssCode', 'name', 'type', 'region', 'takeUp', 'noCpcSince2012'],
    additionalProperties: false,
  },
  CouncilType: {
    type: 'string',
    enum: ['county', 'district', 'unitary', 'metropolitan_district', 'london_borough', 'sui_generis'],
  },
  Dealing: { $ref: '#/components/schemas/DealingView' },
  DealingKind: {
    type: 'string',
    enum: [
      'employment',
      'elected_member',
      'consultancy',
      'shared_service',
      'shared_management',
      'mentoring',
      'declared_interest',
    ],
  },
  DealingView: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      councilGssCode: { type: 'string' },
      councilName: { type: 'string' },
      kind: { $ref: '#/components/schemas/DealingKind' },
      from: { type: 'string' },
      to: { type: ['string', 'null'] },
      note: { type: ['string', 'null'] },
    },
    required: ['id', 'councilGssCode', 'councilName', 'kind', 'from', 'to', 'note'],
    additionalProperties: false,
  },
  DocumentKind: {
    type: 'string',
    enum: [
      'position_statement',
      'finance_briefing',
      'performance_briefing',
      'draft_report',
      'final_report',
      'action_plan',
      'other',
    ],
  },
  Facts: { $ref: '#/components/schemas/CouncilFacts' },
  FactsImported: {
    type: 'object',
    properties: { created: { type: 'number' }, updated: { type: 'number' }, unchanged: { type: 'number' } },
    required: ['created', 'updated', 'unchanged'],
    additionalProperties: false,
  },
  Finding: {
    type: 'object',
    properties: {
      id: {
        type: 'string',
        description: 'Stable: the rule, the peer and the dealing, arrangement, council or case it came from.',
      },
      peerId: { type: 'string' },
      severity: { type: 'string', enum: ['hard', 'soft'] },
      rule: { type: 'string' },
      detail: { type: 'string' },
      digest: {
        type: 'string',
        description:
          'Changes when anything the finding says changes (severity, dates, role): an override lapses with it.',
      },
    },
    required: ['id', 'peerId', 'severity', 'rule', 'detail', 'digest'],
    additionalProperties: false,
  },
  Health: {
    type: 'object',
    properties: {
      status: { type: 'string', enum: ['ok', 'error'] },
      checks: { type: 'object', additionalProperties: { type: 'string', enum: ['ok', 'error'] } },
    },
    required: ['status', 'checks'],
    additionalProperties: false,
  },
  HealthDetails: {
    type: 'object',
    properties: {
      status: { type: 'string', enum: ['ok', 'error', 'shutting_down'] },
      info: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          properties: { status: { type: 'string' } },
          required: ['status'],
          additionalProperties: {},
        },
      },
      error: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          properties: { status: { type: 'string' } },
          required: ['status'],
          additionalProperties: {},
        },
      },
      details: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          properties: { status: { type: 'string' } },
          required: ['status'],
          additionalProperties: {},
        },
      },
    },
    required: ['status', 'details'],
    additionalProperties: false,
  },
  HistoryCase: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      councilGssCode: { type: 'string' },
      councilName: { type: 'string' },
      type: { type: 'string' },
      stage: { type: 'string' },
      state: { type: 'string' },
      onsiteStart: { type: ['string', 'null'] },
      deliveredOn: { type: ['string', 'null'] },
      reportPublished: { type: ['string', 'null'] },
      imported: { type: 'boolean' },
      viaPredecessor: { type: 'boolean' },
      recommendations: {
        type: 'array',
        items: {
          type: 'object',
          properties: { text: { type: 'string' }, progress: { $ref: '#/components/schemas/RecommendationStatus' } },
          required: ['text'],
          additionalProperties: false,
        },
      },
    },
    required: [
      'id',
      'councilGssCode',
      'councilName',
      'type',
      'stage',
      'state',
      'onsiteStart',
      'deliveredOn',
      'reportPublished',
      'imported',
      'viaPredecessor',
      'recommendations',
    ],
    additionalProperties: false,
  },
  InformationNote: {
    type: 'object',
    properties: { peerId: { type: 'string' }, rule: { type: 'string' }, detail: { type: 'string' } },
    required: ['peerId', 'rule', 'detail'],
    additionalProperties: false,
  },
  IssuedToken: {
    type: 'object',
    properties: { accessToken: { type: 'string' }, expiresAt: { type: 'string' } },
    required: ['accessToken', 'expiresAt'],
    additionalProperties: false,
  },
  JudgedFinding: {
    type: 'object',
    properties: {
      id: {
        type: 'string',
        description:
          'Stable across checks: the rule, the peer and the dealing, arrangement, council or case it came from.',
      },
      peerId: { type: 'string' },
      severity: { type: 'string', enum: ['hard', 'soft'] },
      rule: { type: 'string' },
      detail: { type: 'string' },
      digest: {
        type: 'string',
        description: 'Changes when anything the finding says changes: an override lapses with it.',
      },
      declared: { type: 'boolean' },
      override: {
        anyOf: [{ $ref: '#/components/schemas/Override' }, { type: 'null' }],
        description: 'The override asked for this finding as it now reads, approved or not.',
      },
      overridden: { type: 'boolean', description: 'True when an approved override covers it: it no longer blocks.' },
      justification: { type: ['string', 'null'] },
    },
    required: [
      'declared',
      'detail',
      'digest',
      'id',
      'justification',
      'overridden',
      'override',
      'peerId',
      'rule',
      'severity',
    ],
    additionalProperties: false,
  },
  NeverDeliverable: {
    type: 'object',
    properties: {
      id: { type: 'string', const: '1.2' },
      baseline: { type: 'number' },
      target: { type: 'number' },
      actual: { type: 'number' },
      delivered: { type: 'number' },
      confirmed: { type: 'number' },
      inDiscussion: { type: 'number' },
      rag: { $ref: '#/components/schemas/Rag' },
    },
    required: ['id', 'baseline', 'target', 'actual', 'delivered', 'confirmed', 'inDiscussion', 'rag'],
    additionalProperties: false,
    description: 'Deliverable 1.2: councils with no CPC since 2012, from the baseline down to the target.',
  },
  NeverOverTime: {
    type: 'object',
    properties: {
      region: { type: ['string', 'null'] },
      baselineDate: { type: 'string' },
      points: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            date: { type: 'string' },
            councils: { type: 'number' },
            never: { type: 'number' },
            noCpcSince2012: { type: 'number' },
          },
          required: ['date', 'councils', 'never', 'noCpcSince2012'],
          additionalProperties: false,
        },
      },
    },
    required: ['region', 'baselineDate', 'points'],
    additionalProperties: false,
    description: '`GET /reports/never-over-time`: one point each 1 April from 2013, and today.',
  },
  NeverOverTimeReport: { $ref: '#/components/schemas/NeverOverTime' },
  NonEngaged: {
    type: 'object',
    properties: { councils: { type: 'array', items: { $ref: '#/components/schemas/NonEngagedCouncil' } } },
    required: ['councils'],
    additionalProperties: false,
  },
  NonEngagedCouncil: {
    type: 'object',
    properties: {
      gssCode: { type: 'string' },
      name: { type: 'string' },
      region: { type: 'string' },
      type: { type: 'string' },
      lastNudgeAt: { type: ['string', 'null'] },
      notesCount: { type: 'number' },
      principalAdviser: { type: ['string', 'null'] },
    },
    required: ['gssCode', 'name', 'region', 'type', 'lastNudgeAt', 'notesCount', 'principalAdviser'],
    additionalProperties: false,
    description: 'A council that has not engaged, with its last nudge and how many notes it has.',
  },
  NoteView: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      at: { type: 'string' },
      author: {
        type: 'object',
        properties: { id: { type: 'string' }, name: { type: 'string' } },
        required: ['id', 'name'],
        additionalProperties: false,
      },
      text: { type: 'string' },
      forTeam: { type: 'boolean', description: 'Marked for the peer team (their briefing pack).' },
    },
    required: ['id', 'at', 'author', 'text', 'forTeam'],
    additionalProperties: false,
  },
  NudgePreview: {
    type: 'object',
    properties: {
      asOf: { type: 'string' },
      quietPeriod: {
        anyOf: [
          {
            type: 'object',
            properties: { from: { type: 'string' }, to: { type: 'string' }, why: { type: 'string' } },
            required: ['from', 'to', 'why'],
            additionalProperties: false,
          },
          { type: 'null' },
        ],
      },
      councils: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            gssCode: { type: 'string' },
            name: { type: 'string' },
            reason: { type: 'string' },
            to: { type: 'string' },
            cc: { type: ['string', 'null'] },
          },
          required: ['gssCode', 'name', 'reason', 'to', 'cc'],
          additionalProperties: false,
        },
      },
      notNudged: {
        type: 'array',
        items: {
          type: 'object',
          properties: { gssCode: { type: 'string' }, name: { type: 'string' }, reason: { type: 'string' } },
          required: ['gssCode', 'name', 'reason'],
          additionalProperties: false,
        },
      },
    },
    required: ['asOf', 'quietPeriod', 'councils', 'notNudged'],
    additionalProperties: false,
  },
  NudgesPreview: { $ref: '#/components/schemas/NudgePreview' },
  NudgesRun: {
    type: 'object',
    properties: {
      queued: { type: 'number' },
      quietPeriod: {
        anyOf: [
          {
            type: 'object',
            properties: { from: { type: 'string' }, to: { type: 'string' }, why: { type: 'string' } },
            required: ['from', 'to', 'why'],
            additionalProperties: false,
          },
          { type: 'null' },
        ],
      },
    },
    required: ['queued', 'quietPeriod'],
    additionalProperties: false,
  },
  Override: {
    type: 'object',
    properties: {
      findingId: { type: 'string' },
      peerId: { type: 'string' },
      digest: {
        type: 'string',
        description:
          'The finding as it read when the override was asked for: the override lapses when the finding changes.',
      },
      justification: { type: 'string' },
      requestedBy: {
        type: 'object',
        properties: { id: { type: ['string', 'null'] }, name: { type: 'string' }, at: { type: 'string' } },
        required: ['id', 'name', 'at'],
        additionalProperties: false,
      },
      approvedBy: {
        anyOf: [
          {
            type: 'object',
            properties: { id: { type: ['string', 'null'] }, name: { type: 'string' }, at: { type: 'string' } },
            required: ['id', 'name', 'at'],
            additionalProperties: false,
          },
          { type: 'null' },
        ],
      },
      selfApproved: { type: 'boolean', description: "An admin's own override, approved without a second person." },
    },
    required: ['findingId', 'peerId', 'digest', 'justification', 'requestedBy', 'approvedBy', 'selfApproved'],
    additionalProperties: false,
    description: 'A justification for keeping a peer despite one soft finding, and who approved it.',
  },
  OverrideRow: {
    type: 'object',
    properties: {
      caseId: { type: 'string' },
      councilGssCode: { type: 'string' },
      councilName: { type: 'string' },
      findingId: { type: 'string' },
      rule: { type: 'string' },
      peerId: { type: 'string' },
      peerName: { type: 'string' },
      finding: { type: 'string' },
      justification: { type: 'string' },
      requestedBy: { type: 'string' },
      requestedAt: { type: 'string' },
      approvedBy: { type: ['string', 'null'] },
      approvedAt: { type: ['string', 'null'] },
      selfApproved: { type: 'boolean' },
      status: { type: 'string', enum: ['approved', 'awaiting_approval', 'lapsed', 'replaced'] },
    },
    required: [
      'caseId',
      'councilGssCode',
      'councilName',
      'findingId',
      'rule',
      'peerId',
      'peerName',
      'finding',
      'justification',
      'requestedBy',
      'requestedAt',
      'approvedBy',
      'approvedAt',
      'selfApproved',
      'status',
    ],
    additionalProperties: false,
    description:
      'One override as the report shows it. `status`: `approved` (in effect), `awaiting_approval`, `lapsed` (its finding changed or went, or its peer left the team: it no longer applies) or `replaced` (asked for again later).',
  },
  Overrides: {
    type: 'object',
    properties: {
      from: { type: ['string', 'null'] },
      to: { type: ['string', 'null'] },
      overrides: { type: 'array', items: { $ref: '#/components/schemas/OverrideRow' } },
    },
    required: ['from', 'to', 'overrides'],
    additionalProperties: false,
  },
  PageOfAuditView: {
    type: 'object',
    properties: {
      items: { type: 'array', items: { $ref: '#/components/schemas/AuditView' } },
      total: { type: 'number' },
      limit: { type: 'number' },
      offset: { type: 'number' },
    },
    required: ['items', 'total', 'limit', 'offset'],
    additionalProperties: false,
  },
  PageOfCaseSummary: {
    type: 'object',
    properties: {
      items: { type: 'array', items: { $ref: '#/components/schemas/CaseSummary' } },
      total: { type: 'number' },
      limit: { type: 'number' },
      offset: { type: 'number' },
    },
    required: ['items', 'total', 'limit', 'offset'],
    additionalProperties: false,
  },
  PageOfCouncilSummary: {
    type: 'object',
    properties: {
      items: { type: 'array', items: { $ref: '#/components/schemas/CouncilSummary' } },
      total: { type: 'number' },
      limit: { type: 'number' },
      offset: { type: 'number' },
    },
    required: ['items', 'total', 'limit', 'offset'],
    additionalProperties: false,
  },
  PageOfPeerView: {
    type: 'object',
    properties: {
      items: { type: 'array', items: { $ref: '#/components/schemas/PeerView' } },
      total: { type: 'number' },
      limit: { type: 'number' },
      offset: { type: 'number' },
    },
    required: ['items', 'total', 'limit', 'offset'],
    additionalProperties: false,
  },
  PageOfUserView: {
    type: 'object',
    properties: {
      items: { type: 'array', items: { $ref: '#/components/schemas/UserView' } },
      total: { type: 'number' },
      limit: { type: 'number' },
      offset: { type: 'number' },
    },
    required: ['items', 'total', 'limit', 'offset'],
    additionalProperties: false,
  },
  PasswordChanged: {
    type: 'object',
    properties: { sessionsEnded: { type: 'number' } },
    required: ['sessionsEnded'],
    additionalProperties: false,
  },
  PasswordLinkKind: { type: 'string', enum: ['reset', 'invitation'] },
  PasswordLinkSent: {
    type: 'object',
    properties: { kind: { $ref: '#/components/schemas/PasswordLinkKind' }, expiresAt: { type: 'string' } },
    required: ['kind', 'expiresAt'],
    additionalProperties: false,
  },
  PasswordResetRequested: {
    type: 'object',
    properties: { message: { type: 'string' } },
    required: ['message'],
    additionalProperties: false,
  },
  Peer: { $ref: '#/components/schemas/PeerDetail' },
  PeerDetail: {
    type: 'object',
    additionalProperties: false,
    properties: {
      dealings: { type: 'array', items: { $ref: '#/components/schemas/DealingView' } },
      unavailability: { type: 'array', items: { $ref: '#/components/schemas/UnavailabilityView' } },
      id: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      kind: { $ref: '#/components/schemas/PeerKind' },
      homeCouncil: {
        anyOf: [
          {
            type: 'object',
            properties: { gssCode: { type: 'string' }, name: { type: 'string' } },
            required: ['gssCode', 'name'],
            additionalProperties: false,
          },
          { type: 'null' },
        ],
      },
      politicalGroup: { anyOf: [{ $ref: '#/components/schemas/PoliticalGroup' }, { type: 'null' }] },
      role: { anyOf: [{ $ref: '#/components/schemas/PeerRole' }, { type: 'null' }] },
      expertise: { type: 'array', items: { type: 'string' } },
      financeExpertise: { type: 'boolean' },
      trainedOn: { type: ['string', 'null'] },
      active: { type: 'boolean' },
      createdAt: { type: 'string' },
      updatedAt: { type: 'string' },
    },
    required: [
      'active',
      'createdAt',
      'dealings',
      'email',
      'expertise',
      'financeExpertise',
      'homeCouncil',
      'id',
      'kind',
      'name',
      'politicalGroup',
      'role',
      'trainedOn',
      'unavailability',
      'updatedAt',
    ],
    description: 'A peer with their dealings and unavailable periods: what reading, adding or changing a peer answers.',
  },
  PeerKind: { type: 'string', enum: ['officer', 'member', 'external'] },
  PeerList: { $ref: '#/components/schemas/PageOfPeerView' },
  PeerRole: {
    type: 'string',
    enum: ['chief_executive', 'director', 'section_151_officer', 'leader', 'cabinet_member', 'councillor', 'other'],
  },
  PeerView: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      kind: { $ref: '#/components/schemas/PeerKind' },
      homeCouncil: {
        anyOf: [
          {
            type: 'object',
            properties: { gssCode: { type: 'string' }, name: { type: 'string' } },
            required: ['gssCode', 'name'],
            additionalProperties: false,
          },
          { type: 'null' },
        ],
      },
      politicalGroup: { anyOf: [{ $ref: '#/components/schemas/PoliticalGroup' }, { type: 'null' }] },
      role: { anyOf: [{ $ref: '#/components/schemas/PeerRole' }, { type: 'null' }] },
      expertise: { type: 'array', items: { type: 'string' } },
      financeExpertise: { type: 'boolean' },
      trainedOn: { type: ['string', 'null'] },
      active: { type: 'boolean' },
      createdAt: { type: 'string' },
      updatedAt: { type: 'string' },
    },
    required: [
      'id',
      'name',
      'email',
      'kind',
      'homeCouncil',
      'politicalGroup',
      'role',
      'expertise',
      'financeExpertise',
      'trainedOn',
      'active',
      'createdAt',
      'updatedAt',
    ],
    additionalProperties: false,
  },
  Plan: { $ref: '#/components/schemas/StoredPlan' },
  PlanConstraint: {
    type: 'object',
    properties: {
      gssCode: { type: 'string' },
      name: { type: 'string' },
      notBefore: { type: ['string', 'null'] },
      notAfter: { type: ['string', 'null'] },
      reason: { type: 'string' },
      updatedAt: { type: 'string' },
      updatedBy: { type: ['string', 'null'] },
    },
    required: ['gssCode', 'name', 'notBefore', 'notAfter', 'reason', 'updatedAt', 'updatedBy'],
    additionalProperties: false,
  },
  PlanMove: {
    type: 'object',
    properties: { gssCode: { type: 'string' }, from: { type: ['string', 'null'] }, to: { type: ['string', 'null'] } },
    required: ['gssCode', 'from', 'to'],
    additionalProperties: false,
  },
  PlanMoves: {
    type: 'object',
    properties: {
      planId: { type: 'string' },
      moves: { type: 'array', items: { $ref: '#/components/schemas/PlanMove' } },
    },
    required: ['planId', 'moves'],
    additionalProperties: false,
  },
  PlanSettings: {
    type: 'object',
    properties: {
      horizonQuarters: { type: 'number' },
      capacityPerQuarter: { type: 'number' },
      capacityByRegion: { anyOf: [{ type: 'object', additionalProperties: { type: 'number' } }, { type: 'null' }] },
      preElectionWeeks: { type: 'number' },
      quietPeriods: {
        type: 'array',
        items: {
          type: 'object',
          properties: { from: { type: 'string' }, to: { type: 'string' }, reason: { type: 'string' } },
          required: ['from', 'to'],
          additionalProperties: false,
        },
      },
      updatedAt: { type: 'string' },
      updatedBy: { type: ['string', 'null'] },
    },
    required: [
      'horizonQuarters',
      'capacityPerQuarter',
      'capacityByRegion',
      'preElectionWeeks',
      'quietPeriods',
      'updatedAt',
      'updatedBy',
    ],
    additionalProperties: false,
  },
  PlanSummary: {
    type: 'object',
    properties: {
      councils: { type: 'number' },
      onTime: { type: 'number' },
      late: { type: 'number' },
      unplaceable: { type: 'number' },
      replaced: {
        type: 'number',
        description: 'Councils abolished before they are due: their successors are planned instead (`replacedBy`).',
      },
      byQuarter: {
        type: 'array',
        items: {
          type: 'object',
          properties: { quarter: { type: 'string' }, planned: { type: 'number' }, capacity: { type: 'number' } },
          required: ['quarter', 'planned', 'capacity'],
          additionalProperties: false,
        },
      },
    },
    required: ['councils', 'onTime', 'late', 'unplaceable', 'replaced', 'byQuarter'],
    additionalProperties: false,
  },
  PlannedCouncil: {
    type: 'object',
    properties: {
      gssCode: { type: 'string' },
      name: { type: 'string' },
      region: { type: 'string' },
      dueQuarter: { type: 'string' },
      plannedQuarter: { type: ['string', 'null'] },
      lateBy: {
        type: 'number',
        description:
          "Quarters after the due quarter (0 when on time); for an unplaceable council, past the horizon's end.",
      },
      reason: { type: 'string' },
      replacedBy: {
        type: 'array',
        items: { type: 'string' },
        description:
          'Set for a council abolished before it is due: it is not planned (plannedQuarter null, lateBy 0), as the successors named here take over its area and its history and are planned instead.',
      },
    },
    required: ['gssCode', 'name', 'region', 'dueQuarter', 'plannedQuarter', 'lateBy'],
    additionalProperties: false,
  },
  PoliticalGroup: {
    type: 'string',
    enum: ['conservative', 'labour', 'liberal_democrat', 'independent', 'green', 'other'],
  },
  PreCheck: {
    type: 'object',
    properties: {
      peerId: { type: 'string' },
      councilGssCode: { type: 'string' },
      role: { $ref: '#/components/schemas/TeamRole' },
      caseType: { $ref: '#/components/schemas/CaseType' },
      firstCpc: { type: 'boolean' },
      on: { type: 'string' },
      canServe: { type: 'boolean' },
      clear: {
        type: 'boolean',
        description: 'True when nothing needs action: no finding at all (soft ones need a justification).',
      },
      findings: { type: 'array', items: { $ref: '#/components/schemas/Finding' } },
      information: { type: 'array', items: { $ref: '#/components/schemas/InformationNote' } },
      config: { $ref: '#/components/schemas/RulesConfig' },
    },
    required: [
      'peerId',
      'councilGssCode',
      'role',
      'caseType',
      'firstCpc',
      'on',
      'canServe',
      'clear',
      'findings',
      'information',
      'config',
    ],
    additionalProperties: false,
  },
  Programme: { $ref: '#/components/schemas/ProgrammeReport' },
  ProgrammeReport: {
    type: 'object',
    properties: {
      financialYear: { type: 'number' },
      asOf: { type: 'string' },
      targetsFrom: { type: 'number' },
      deliverables: {
        type: 'array',
        minItems: 2,
        prefixItems: [
          { $ref: '#/components/schemas/ChallengesDeliverable' },
          { $ref: '#/components/schemas/NeverDeliverable' },
        ],
        items: false,
        maxItems: 2,
      },
    },
    required: ['financialYear', 'asOf', 'targetsFrom', 'deliverables'],
    additionalProperties: false,
    description: "`GET /reports/programme`: the year's two deliverables with their pipeline and RAG.",
  },
  Rag: {
    type: 'string',
    enum: ['Green', 'Amber', 'Red'],
    description: "The programme's deliverables 1.1 and 1.2 (`000`) and their RAG, as pure arithmetic.",
  },
  Readiness: {
    type: 'object',
    properties: { status: { type: 'string', enum: ['ok', 'error', 'shutting_down'] } },
    required: ['status'],
    additionalProperties: false,
  },
  RecipientRole: {
    type: 'string',
    enum: ['council_chief_executive', 'case_manager', 'principal_adviser'],
    description: 'Who a reminder goes to; addresses are looked up when it is sent.',
  },
  RecommendationStatus: {
    type: 'string',
    enum: ['achieved', 'in_progress', 'not_started'],
    description:
      "The machine's vocabulary. Payloads are what the API accepted, plus the facts the service looked up when it accepted them (a proposed peer's name, kind and finance expertise; an assigned manager's name), so the timeline alone replays to the same state.",
  },
  Region: {
    type: 'string',
    enum: [
      'East Midlands',
      'East of England',
      'London',
      'North East',
      'North West',
      'South East',
      'South West',
      'West Midlands',
      'Yorkshire and The Humber',
    ],
  },
  Relationships: { $ref: '#/components/schemas/CouncilRelationships' },
  ReminderKind: {
    type: 'string',
    enum: [
      'position_statement_due',
      'position_statement_chase',
      'briefings_due',
      'draft_report_due',
      'publication_chase',
      'action_plan_due',
      'follow_up_due',
      'stalled_case',
    ],
  },
  ReminderView: {
    type: 'object',
    properties: {
      kind: { $ref: '#/components/schemas/ReminderKind' },
      dueOn: { type: 'string' },
      to: { type: 'array', items: { $ref: '#/components/schemas/RecipientRole' } },
      status: { type: 'string', enum: ['scheduled', 'sent', 'cancelled'] },
      sentAt: { type: ['string', 'null'] },
      note: { type: ['string', 'null'] },
    },
    required: ['kind', 'dueOn', 'to', 'status', 'sentAt', 'note'],
    additionalProperties: false,
  },
  Reminders: { type: 'array', items: { $ref: '#/components/schemas/ReminderView' } },
  ReorganisationApplied: { $ref: '#/components/schemas/AppliedReorganisation' },
  ReorganisationView: {
    type: 'object',
    properties: {
      vestingDate: { type: 'string' },
      status: {
        type: 'string',
        enum: ['scheduled', 'vested'],
        description: '`scheduled`: the vesting day is still to come (the predecessors are live until the day before).',
      },
      successor: {
        type: 'object',
        properties: {
          gssCode: { type: 'string' },
          name: { type: 'string' },
          type: { $ref: '#/components/schemas/CouncilType' },
          region: { $ref: '#/components/schemas/Region' },
        },
        required: ['gssCode', 'name', 'type', 'region'],
        additionalProperties: false,
      },
      predecessors: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            gssCode: { type: 'string' },
            name: { type: 'string' },
            type: { $ref: '#/components/schemas/CouncilType' },
          },
          required: ['gssCode', 'name', 'type'],
          additionalProperties: false,
        },
      },
    },
    required: ['vestingDate', 'status', 'successor', 'predecessors'],
    additionalProperties: false,
    description:
      "A successor and the councils it replaced, on its vesting day: the register's reorganisations, past and future.",
  },
  Reorganisations: {
    type: 'object',
    properties: { reorganisations: { type: 'array', items: { $ref: '#/components/schemas/ReorganisationView' } } },
    required: ['reorganisations'],
    additionalProperties: false,
  },
  Role: { type: 'string', enum: ['admin', 'peer_challenge_manager', 'principal_adviser', 'viewer'] },
  RoleSuggestions: {
    type: 'object',
    properties: {
      role: { $ref: '#/components/schemas/TeamRole' },
      candidates: { type: 'array', items: { $ref: '#/components/schemas/SuggestedPeer' } },
      excluded: {
        type: 'number',
        description:
          'How many active peers a hard limit left out (not the right kind, a hard finding, training, the yearly maximum).',
      },
    },
    required: ['role', 'candidates', 'excluded'],
    additionalProperties: false,
  },
  RulesConfig: {
    type: 'object',
    properties: { lookBackYears: { type: 'number' }, trainingRefresherYears: { type: 'number' } },
    required: ['lookBackYears', 'trainingRefresherYears'],
    additionalProperties: false,
  },
  SecondFactor: { $ref: '#/components/schemas/TwoFactorStatus' },
  SecondFactorSetup: { $ref: '#/components/schemas/TwoFactorSetup' },
  Settings: { $ref: '#/components/schemas/PlanSettings' },
  SignedIn: {
    type: 'object',
    properties: {
      accessToken: { type: 'string' },
      expiresAt: { type: 'string' },
      user: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          email: { type: 'string' },
          name: { type: 'string' },
          roles: { type: 'array', items: { $ref: '#/components/schemas/Role' } },
        },
        required: ['id', 'email', 'name', 'roles'],
        additionalProperties: false,
      },
    },
    required: ['accessToken', 'expiresAt', 'user'],
    additionalProperties: false,
  },
  StoredPlan: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      createdAt: { type: 'string' },
      createdBy: { type: 'string' },
      inputs: {
        type: 'object',
        properties: {
          asOf: { type: 'string' },
          startQuarter: { type: 'string' },
          horizonQuarters: { type: 'number' },
          capacityPerQuarter: { type: 'number' },
          capacityByRegion: { anyOf: [{ type: 'object', additionalProperties: { type: 'number' } }, { type: 'null' }] },
          preElectionWeeks: { type: 'number' },
          quietPeriods: {
            type: 'array',
            items: {
              type: 'object',
              properties: { from: { type: 'string' }, to: { type: 'string' }, reason: { type: 'string' } },
              required: ['from', 'to'],
              additionalProperties: false,
            },
          },
          constraints: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                gssCode: { type: 'string' },
                notBefore: { type: ['string', 'null'] },
                notAfter: { type: ['string', 'null'] },
                reason: { type: ['string', 'null'] },
              },
              required: ['gssCode', 'notBefore', 'notAfter', 'reason'],
              additionalProperties: false,
            },
          },
          openCases: {
            type: 'array',
            items: {
              type: 'object',
              properties: { gssCode: { type: 'string' }, quarter: { type: 'string' } },
              required: ['gssCode', 'quarter'],
              additionalProperties: false,
            },
          },
        },
        required: [
          'asOf',
          'startQuarter',
          'horizonQuarters',
          'capacityPerQuarter',
          'capacityByRegion',
          'preElectionWeeks',
          'quietPeriods',
          'constraints',
          'openCases',
        ],
        additionalProperties: false,
      },
      summary: { $ref: '#/components/schemas/PlanSummary' },
      councils: { type: 'array', items: { $ref: '#/components/schemas/PlannedCouncil' } },
      byRegion: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            region: { type: 'string' },
            quarter: { type: 'string' },
            planned: { type: 'number' },
            capacity: { type: ['number', 'null'] },
          },
          required: ['region', 'quarter', 'planned', 'capacity'],
          additionalProperties: false,
        },
      },
    },
    required: ['id', 'createdAt', 'createdBy', 'inputs', 'summary', 'councils', 'byRegion'],
    additionalProperties: false,
    description: 'A stored plan as the API gives it (docs/API.md, Plans).',
  },
  SuggestedPeer: {
    type: 'object',
    properties: {
      peerId: { type: 'string' },
      name: { type: 'string' },
      score: { type: 'number' },
      reasons: { type: 'array', items: { type: 'string' } },
      findings: { type: 'array', items: { $ref: '#/components/schemas/Finding' } },
    },
    required: ['peerId', 'name', 'score', 'reasons', 'findings'],
    additionalProperties: false,
    description: 'A suggested peer as the contract answers it.',
  },
  SuggestedTeam: { $ref: '#/components/schemas/SuggestedTeamView' },
  SuggestedTeamView: {
    type: 'object',
    properties: {
      size: { type: 'number' },
      total: {
        type: 'number',
        description: "The sum of the members' scores: the most any team keeping the rules could reach.",
      },
      balanced: {
        type: 'boolean',
        description:
          'False when no politically balanced team could be made from the pool: the best unbalanced one is given.',
      },
      members: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          properties: {
            role: { $ref: '#/components/schemas/TeamRole' },
            onTeam: { type: 'boolean' },
            kept: { type: 'boolean' },
            peerId: { type: 'string' },
            name: { type: 'string' },
            score: { type: 'number' },
            reasons: { type: 'array', items: { type: 'string' } },
            findings: { type: 'array', items: { $ref: '#/components/schemas/Finding' } },
          },
          required: ['findings', 'kept', 'name', 'onTeam', 'peerId', 'reasons', 'role', 'score'],
        },
      },
      notes: { type: 'array', items: { type: 'string' } },
    },
    required: ['size', 'total', 'balanced', 'members', 'notes'],
    additionalProperties: false,
  },
  TakeUp: { $ref: '#/components/schemas/TakeUpReport' },
  TakeUpCounts: {
    type: 'object',
    properties: {
      never: { type: 'number' },
      current: { type: 'number' },
      due: { type: 'number' },
      overdue: { type: 'number' },
    },
    required: ['never', 'current', 'due', 'overdue'],
    additionalProperties: false,
    description: "Councils by take-up status: the report's counts, and each group's in a breakdown.",
  },
  TakeUpReport: {
    type: 'object',
    properties: {
      asOf: { type: 'string' },
      baselineDate: { type: 'string' },
      councilsTotal: { type: 'number' },
      counts: { $ref: '#/components/schemas/TakeUpCounts' },
      byRegion: { type: 'object', additionalProperties: { $ref: '#/components/schemas/TakeUpCounts' } },
      byType: { type: 'object', additionalProperties: { $ref: '#/components/schemas/TakeUpCounts' } },
      byPoliticalControl: { type: 'object', additionalProperties: { $ref: '#/components/schemas/TakeUpCounts' } },
      byMembership: { type: 'object', additionalProperties: { $ref: '#/components/schemas/TakeUpCounts' } },
      councils: { type: 'array', items: { $ref: '#/components/schemas/CouncilSummary' } },
    },
    required: [
      'asOf',
      'baselineDate',
      'councilsTotal',
      'counts',
      'byRegion',
      'byType',
      'byPoliticalControl',
      'byMembership',
      'councils',
    ],
    additionalProperties: false,
    description: '`GET /reports/take-up`: the counts, each breakdown (adding up to them) and the councils.',
  },
  TakeUpStatus: { type: 'string', enum: ['never', 'current', 'due', 'overdue'] },
  Targets: {
    type: 'object',
    properties: {
      financialYear: { type: 'number' },
      challengesTotal: { type: 'number' },
      corporateOrFinance: { type: 'number' },
      neverReductionPercent: { type: 'number' },
    },
    required: ['financialYear', 'challengesTotal', 'corporateOrFinance', 'neverReductionPercent'],
    additionalProperties: false,
  },
  TargetsChange: {
    type: 'object',
    properties: {
      financialYear: { type: 'number' },
      challengesTotal: { type: 'number' },
      corporateOrFinance: { type: 'number' },
      neverReductionPercent: { type: 'number' },
      changedAt: { type: 'string' },
      changedBy: {
        type: 'object',
        properties: { id: { type: ['string', 'null'] }, email: { type: ['string', 'null'] } },
        required: ['id', 'email'],
        additionalProperties: false,
      },
    },
    required: [
      'challengesTotal',
      'changedAt',
      'changedBy',
      'corporateOrFinance',
      'financialYear',
      'neverReductionPercent',
    ],
    additionalProperties: false,
    description: "A change of a year's targets: what they became, who changed them and when.",
  },
  TargetsHistory: { type: 'array', items: { $ref: '#/components/schemas/TargetsChange' } },
  TeamRole: {
    type: 'string',
    enum: ['lead_officer_peer', 'lead_member_peer', 'member_peer', 'officer_peer', 'external_peer', 'shadow_peer'],
  },
  TeamSuggestions: { $ref: '#/components/schemas/RoleSuggestions' },
  Timeline: { type: 'array', items: { $ref: '#/components/schemas/TimelineEntry' } },
  TimelineEntry: {
    type: 'object',
    properties: {
      seq: { type: ['number', 'null'] },
      type: { type: 'string' },
      payload: { type: 'object', additionalProperties: {} },
      actor: {
        type: 'object',
        properties: { id: { type: ['string', 'null'] }, label: { type: 'string' } },
        required: ['id', 'label'],
        additionalProperties: false,
      },
      at: { type: 'string' },
      fromState: { type: ['string', 'null'] },
      toState: { type: ['string', 'null'] },
      requestId: { type: ['string', 'null'] },
    },
    required: ['seq', 'type', 'payload', 'actor', 'at', 'fromState', 'toState', 'requestId'],
    additionalProperties: false,
    description: 'An accepted event (with its seq), or a system activity that changed nothing (seq null).',
  },
  Token: { $ref: '#/components/schemas/IssuedToken' },
  TwoFactorSetup: {
    type: 'object',
    properties: {
      secret: { type: 'string', description: 'Base32, for typing into an app that cannot scan.' },
      uri: { type: 'string', description: 'The `otpauth://` URI the QR code holds.' },
      qrCode: {
        type: 'string',
        description: "The QR code as a `data:image/svg+xml` URL (the page's CSP allows data: images).",
      },
    },
    required: ['secret', 'uri', 'qrCode'],
    additionalProperties: false,
    description: 'A second factor being set up: what the enrolment page shows.',
  },
  TwoFactorStatus: {
    type: 'object',
    properties: {
      enabled: { type: 'boolean' },
      enabledAt: { type: ['string', 'null'] },
      required: {
        type: 'boolean',
        description:
          'Whether this user must keep one: admins, except the development admin where the development defaults apply.',
      },
    },
    required: ['enabled', 'enabledAt', 'required'],
    additionalProperties: false,
  },
  Unavailability: { $ref: '#/components/schemas/UnavailabilityView' },
  UnavailabilityView: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      reason: { type: ['string', 'null'] },
    },
    required: ['id', 'from', 'to', 'reason'],
    additionalProperties: false,
    description: 'A period the peer has said they cannot serve, both days included.',
  },
  User: { $ref: '#/components/schemas/UserView' },
  UserList: { $ref: '#/components/schemas/PageOfUserView' },
  UserView: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      email: { type: 'string' },
      name: { type: 'string' },
      roles: { type: 'array', items: { $ref: '#/components/schemas/Role' } },
      region: { anyOf: [{ $ref: '#/components/schemas/Region' }, { type: 'null' }] },
      active: { type: 'boolean' },
      createdAt: { type: 'string' },
      updatedAt: { type: 'string' },
    },
    required: ['id', 'email', 'name', 'roles', 'region', 'active', 'createdAt', 'updatedAt'],
    additionalProperties: false,
  },
  YearTargets: { $ref: '#/components/schemas/Targets' },
};
