// Written by test/openapi.test.ts from the OpenAPI document (UPDATE_OPENAPI=1 rewrites it).
export interface paths {
  '/api/v1/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['HealthController_liveness'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['HealthController_ready'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/health/details': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['HealthController_details'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/login': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AuthController_login'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AuthController_logout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AuthController_refresh'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['AuthController_me'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AuthController_changePassword'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/password-reset': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AuthController_requestPasswordReset'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/password-reset/complete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AuthController_completePasswordReset'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/two-factor': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['AuthController_twoFactorStatus'];
    put?: never;
    post: operations['AuthController_beginTwoFactor'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/two-factor/confirm': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AuthController_confirmTwoFactor'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/two-factor/remove': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['AuthController_removeTwoFactor'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['UsersController_list'];
    put?: never;
    post: operations['UsersController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['UsersController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch: operations['UsersController_update'];
    trace?: never;
  };
  '/api/v1/users/{id}/password-link': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['UsersController_sendPasswordLink'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/users/{id}/two-factor/reset': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['UsersController_resetTwoFactor'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/councils': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CouncilsController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/councils/{gssCode}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CouncilsController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch: operations['CouncilsController_update'];
    trace?: never;
  };
  '/api/v1/councils/{gssCode}/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CouncilsController_history'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/councils/{gssCode}/relationships': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CouncilsController_relationships'];
    put?: never;
    post: operations['CouncilsController_addRelationship'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/councils/{gssCode}/facts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CouncilsController_listFacts'];
    put?: never;
    post: operations['CouncilsController_recordFact'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/councils/{gssCode}/notes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['CouncilsController_addNote'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reorganisations': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ReorganisationsController_list'];
    put?: never;
    post: operations['ReorganisationsController_apply'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/peers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['PeersController_list'];
    put?: never;
    post: operations['PeersController_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/peers/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['PeersController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch: operations['PeersController_update'];
    trace?: never;
  };
  '/api/v1/peers/{id}/dealings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['PeersController_addDealing'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/peers/{id}/unavailability': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['PeersController_addUnavailability'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/peers/{id}/unavailability/{periodId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    delete: operations['PeersController_removeUnavailability'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/peers/{id}/conflicts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['PeersController_preCheck'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CasesController_list'];
    put?: never;
    post: operations['CasesController_open'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CasesController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/timeline': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CasesController_timeline'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/reminders': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CasesController_remindersOf'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/briefing-pack.docx': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['CasesController_briefingPack'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['CasesController_event'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/notes': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['CasesController_note'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/documents': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['CasesController_document'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/team-suggestions': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['TeamSuggestionsController_candidates'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/cases/{id}/team-suggestions/team': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['TeamSuggestionsController_team'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/imports/council-facts': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['ImportsController_councilFacts'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/imports/peer-challenges': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['ImportsController_peerChallenges'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports/take-up': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ReportsController_takeUp'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports/never-over-time': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ReportsController_neverOverTime'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports/programme': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ReportsController_programme'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports/board': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ReportsController_boardReport'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports/non-engaged': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ReportsController_nonEngaged'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports/targets/{financialYear}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ReportsController_targets'];
    put: operations['ReportsController_setTargets'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports/targets/{financialYear}/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['ReportsController_targetsHistory'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reports/overrides': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['OverridesController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/nudges/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['NudgesController_preview'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/nudges/run': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['NudgesController_run'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/unsubscribe': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['NudgesController_unsubscribe'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/plans/settings': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['PlansController_getSettings'];
    put: operations['PlansController_putSettings'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/plans/constraints': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['PlansController_constraints'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/plans/constraints/{gssCode}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put: operations['PlansController_putConstraint'];
    post?: never;
    delete: operations['PlansController_deleteConstraint'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/plans': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post: operations['PlansController_run'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/plans/latest': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['PlansController_latest'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/plans/{id}/moves': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['PlansController_moves'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/plans/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['PlansController_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/audit': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get: operations['AuditController_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    LoginDto: {
      email: string;
      password: string;
      /**
       * @description The 6-digit code of the account's authenticator app, where it has a second factor
       * @example 123456
       */
      code?: string;
    };
    ChangePasswordDto: {
      currentPassword: string;
      newPassword: string;
    };
    PasswordResetRequestDto: {
      email: string;
    };
    PasswordResetDto: {
      /** @description The token of the emailed link */
      token: string;
      password: string;
    };
    TwoFactorCodeDto: {
      /**
       * @description The 6-digit code the authenticator app shows now
       * @example 123456
       */
      code: string;
    };
    CreateUserDto: {
      /** Format: email */
      email: string;
      name: string;
      /** @description For scripts that set up an installation. Left out, as the web does, the user is emailed an invitation to choose their own password. */
      password?: string;
      roles: ('admin' | 'peer_challenge_manager' | 'principal_adviser' | 'viewer')[];
      /**
       * @description required for a principal adviser
       * @enum {string}
       */
      region?:
        | 'East Midlands'
        | 'East of England'
        | 'London'
        | 'North East'
        | 'North West'
        | 'South East'
        | 'South West'
        | 'West Midlands'
        | 'Yorkshire and The Humber';
    };
    UpdateUserDto: {
      name?: string;
      roles?: ('admin' | 'peer_challenge_manager' | 'principal_adviser' | 'viewer')[];
      /** @enum {string|null} */
      region?:
        | 'East Midlands'
        | 'East of England'
        | 'London'
        | 'North East'
        | 'North West'
        | 'South East'
        | 'South West'
        | 'West Midlands'
        | 'Yorkshire and The Humber'
        | null;
      /** @description false deactivates the user and ends their sessions */
      active?: boolean;
    };
    ContactDto: {
      name: string;
      /** Format: email */
      email: string;
    };
    UpdateCouncilDto: {
      chiefExecutive?: components['schemas']['ContactDto'];
      leader?: components['schemas']['ContactDto'];
      /**
       * Format: uuid
       * @description a user with the principal_adviser role
       */
      principalAdviserId?: Record<string, never> | null;
      nudgesSuppressed?: boolean;
    };
    CreateArrangementDto: {
      /** @example E07000051 */
      otherGssCode: string;
      /** @enum {string} */
      kind: 'shared_management' | 'shared_services';
      /**
       * Format: date
       * @example 2015-04-01
       */
      from: string;
      /**
       * Format: date
       * @description absent while the arrangement continues
       * @example 2019-03-31
       */
      to?: string;
    };
    CouncilFactDto: {
      /** @enum {string} */
      kind: 'political_control' | 'lga_membership';
      /**
       * @description political_control: conservative, labour, liberal_democrat, green, independent, other, no_overall_control; lga_membership: member, on_notice, not_member
       * @example no_overall_control
       */
      value: string;
      /**
       * Format: date
       * @description the day it took effect
       * @example 2019-05-02
       */
      from: string;
    };
    CouncilNoteDto: {
      text: string;
      /** @description For the peer team: the note goes into the team's briefing pack */
      forTeam?: boolean;
    };
    CreatePeerDto: {
      name: string;
      /** Format: email */
      email: string;
      /** @enum {string} */
      kind: 'officer' | 'member' | 'external';
      /** @example E07000223 */
      homeCouncilGssCode?: string;
      /**
       * @description member peers only
       * @enum {string}
       */
      politicalGroup?: 'conservative' | 'labour' | 'liberal_democrat' | 'independent' | 'green' | 'other';
      /** @enum {string} */
      role?:
        'chief_executive' | 'director' | 'section_151_officer' | 'leader' | 'cabinet_member' | 'councillor' | 'other';
      /**
       * @description free tags; `finance` marks finance expertise
       * @example [
       *       "finance",
       *       "housing"
       *     ]
       */
      expertise: string[];
      /**
       * Format: date
       * @example 2024-09-12
       */
      trainedOn?: string;
    };
    UpdatePeerDto: {
      /** @description false takes the peer out of the pool */
      active?: boolean;
      /** @example E07000223 */
      homeCouncilGssCode?: string | null;
      /**
       * @description member peers only
       * @enum {string|null}
       */
      politicalGroup?: 'conservative' | 'labour' | 'liberal_democrat' | 'independent' | 'green' | 'other' | null;
      /** @enum {string|null} */
      role?:
        | 'chief_executive'
        | 'director'
        | 'section_151_officer'
        | 'leader'
        | 'cabinet_member'
        | 'councillor'
        | 'other'
        | null;
      /**
       * Format: date
       * @example 2024-09-12
       */
      trainedOn?: string | null;
      name?: string;
      /** Format: email */
      email?: string;
      /** @enum {string} */
      kind?: 'officer' | 'member' | 'external';
      /**
       * @description free tags; `finance` marks finance expertise
       * @example [
       *       "finance",
       *       "housing"
       *     ]
       */
      expertise?: string[];
    };
    CreateDealingDto: {
      /** @example E06000059 */
      councilGssCode: string;
      /** @enum {string} */
      kind:
        | 'employment'
        | 'elected_member'
        | 'consultancy'
        | 'shared_service'
        | 'shared_management'
        | 'mentoring'
        | 'declared_interest';
      /**
       * Format: date
       * @example 2015-04-01
       */
      from: string;
      /**
       * Format: date
       * @description absent while the dealing continues
       * @example 2019-03-31
       */
      to?: string;
      note?: string;
    };
    CreateUnavailabilityDto: {
      /**
       * Format: date
       * @example 2027-04-01
       */
      from: string;
      /**
       * Format: date
       * @example 2027-04-14
       */
      to: string;
      /**
       * @description seen by managers on the peer page, never by councils
       * @example Annual leave
       */
      reason?: string;
    };
    OpenCaseDto: {
      /** @example E06000059 */
      councilGssCode: string;
      /** @enum {string} */
      type: 'corporate_peer_challenge' | 'finance_peer_review' | 'fire_and_rescue' | 'other';
      /** @description an active peer challenge manager */
      managerId?: string;
    };
    CaseNoteDto: {
      text: string;
    };
    DocumentLinkDto: {
      /** @enum {string} */
      kind:
        | 'position_statement'
        | 'finance_briefing'
        | 'performance_briefing'
        | 'draft_report'
        | 'final_report'
        | 'action_plan'
        | 'other';
      /** @example Position statement, final version */
      title: string;
      /**
       * Format: url
       * @example https://sharepoint.example.org/sites/cpc/position-statement.docx
       */
      url: string;
      /**
       * Format: date
       * @description The day it was received (or prepared); omitted: the day it is recorded
       */
      receivedOn?: string;
    };
    KeptPeer: {
      peerId: string;
      /** @enum {string} */
      role: 'lead_officer_peer' | 'lead_member_peer' | 'member_peer' | 'officer_peer' | 'external_peer' | 'shadow_peer';
    };
    SuggestTeamDto: {
      /** @example 5 */
      size: number;
      /** @description every seat of the team, `size` of them, with one lead officer peer and one lead member peer */
      roles?: (
        'lead_officer_peer' | 'lead_member_peer' | 'member_peer' | 'officer_peer' | 'external_peer' | 'shadow_peer'
      )[];
      /** @description peers to keep on the team, each in a seat of their role */
      keep?: components['schemas']['KeptPeer'][];
      /** @description peers not to suggest (those the manager swapped out) */
      without?: string[];
    };
    TargetsDto: {
      /** @example 110 */
      challengesTotal: number;
      /** @example 70 */
      corporateOrFinance: number;
      /**
       * @description per cent fewer councils without a CPC since 2012 by the year end
       * @example 50
       */
      neverReductionPercent: number;
    };
    QuietPeriodDto: {
      /**
       * Format: date
       * @example 2027-12-20
       */
      from: string;
      /**
       * Format: date
       * @example 2028-01-03
       */
      to: string;
      /** @example Christmas */
      reason?: string;
    };
    PlanSettingsDto: {
      /**
       * @description quarters planned, from the next calendar quarter (1–40)
       * @example 20
       */
      horizonQuarters: number;
      /**
       * @description challenges the programme can deliver in a quarter, all regions
       * @example 25
       */
      capacityPerQuarter: number;
      /**
       * @description per-quarter capacity of the regions named (the others: the total only); null: none
       * @example {
       *       "London": 4
       *     }
       */
      capacityByRegion?: {
        [key: string]: number;
      };
      /**
       * @description weeks before the first Thursday in May with no challenges
       * @example 6
       */
      preElectionWeeks?: number;
      /** @description more quiet periods (inclusive dates) */
      quietPeriods?: components['schemas']['QuietPeriodDto'][];
    };
    PlanConstraintDto: {
      /**
       * Format: date
       * @description not before this day
       * @example 2027-06-01
       */
      notBefore?: Record<string, never>;
      /**
       * Format: date
       * @description not after this day
       * @example 2028-03-31
       */
      notAfter?: Record<string, never>;
      /** @example new chief executive from June */
      reason: string;
    };
    Progress: {
      index: number;
      /** @enum {string} */
      status: 'achieved' | 'in_progress' | 'not_started';
    };
    AgreeScopeEvent: {
      focusAreas: string[];
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'AGREE_SCOPE';
      expectedVersion: number;
      /** Format: date */
      onsiteStart: string;
      /** Format: date */
      onsiteEnd: string;
    };
    ProposePeerEvent: {
      peerId: string;
      /** @enum {string} */
      role: 'lead_officer_peer' | 'lead_member_peer' | 'member_peer' | 'officer_peer' | 'external_peer' | 'shadow_peer';
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'PROPOSE_PEER';
      expectedVersion: number;
    };
    RemovePeerEvent: {
      peerId: string;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'REMOVE_PEER';
      expectedVersion: number;
    };
    ReplacePeerEvent: {
      outPeerId: string;
      inPeerId: string;
      /** @enum {string} */
      role: 'lead_officer_peer' | 'lead_member_peer' | 'member_peer' | 'officer_peer' | 'external_peer' | 'shadow_peer';
      reason: string;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'REPLACE_PEER';
      expectedVersion: number;
    };
    OverrideConflictEvent: {
      findingId: string;
      justification: string;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'OVERRIDE_CONFLICT';
      expectedVersion: number;
    };
    ApproveOverrideEvent: {
      findingId: string;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'APPROVE_OVERRIDE';
      expectedVersion: number;
    };
    DeclareConflictEvent: {
      /** @enum {string} */
      severity: 'hard' | 'soft';
      detail: string;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'DECLARE_CONFLICT';
      expectedVersion: number;
      peerId: string;
    };
    ConfirmTeamEvent: {
      financeWaiverReason?: string;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'CONFIRM_TEAM';
      expectedVersion: number;
    };
    RescheduleOnsiteEvent: {
      reason: string;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'RESCHEDULE_ONSITE';
      expectedVersion: number;
      /** Format: date */
      onsiteStart: string;
      /** Format: date */
      onsiteEnd: string;
    };
    AssignManagerEvent: {
      managerId: string;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'ASSIGN_MANAGER';
      expectedVersion: number;
    };
    PublishReportEvent: {
      /** Format: date */
      publishedOn: string;
      recommendations: string[];
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'PUBLISH_REPORT';
      expectedVersion: number;
    };
    CompleteFollowUpEvent: {
      progress: components['schemas']['Progress'][];
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'COMPLETE_FOLLOW_UP';
      expectedVersion: number;
      /** Format: date */
      date: string;
    };
    PauseEvent: {
      reason: string;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'PAUSE';
      expectedVersion: number;
    };
    ScheduleScopingMeetingEvent: {
      /** Format: date */
      date: string;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'SCHEDULE_SCOPING_MEETING';
      expectedVersion: number;
    };
    SetIndicativeMonthEvent: {
      month: string;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'SET_INDICATIVE_MONTH';
      expectedVersion: number;
    };
    ReceivePositionStatementEvent: {
      /** Format: date */
      receivedOn: string;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'RECEIVE_POSITION_STATEMENT';
      expectedVersion: number;
    };
    StartOnsiteEvent: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'START_ONSITE';
      expectedVersion: number;
    };
    PresentFeedbackEvent: {
      /** Format: date */
      date: string;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'PRESENT_FEEDBACK';
      expectedVersion: number;
    };
    SubmitDraftReportEvent: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'SUBMIT_DRAFT_REPORT';
      expectedVersion: number;
    };
    ReceiveActionPlanEvent: {
      /** Format: date */
      receivedOn: string;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'RECEIVE_ACTION_PLAN';
      expectedVersion: number;
    };
    ScheduleFollowUpEvent: {
      /** Format: date */
      date: string;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'SCHEDULE_FOLLOW_UP';
      expectedVersion: number;
    };
    ResumeEvent: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'RESUME';
      expectedVersion: number;
    };
    CancelEvent: {
      reason: string;
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'CANCEL';
      expectedVersion: number;
    };
    AddNoteEvent: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'ADD_NOTE';
      expectedVersion: number;
      text: string;
    };
    AddDocumentEvent: {
      /**
       * @description discriminator enum property added by openapi-typescript
       * @enum {string}
       */
      type: 'ADD_DOCUMENT';
      expectedVersion: number;
      /** @enum {string} */
      kind:
        | 'position_statement'
        | 'finance_briefing'
        | 'performance_briefing'
        | 'draft_report'
        | 'final_report'
        | 'action_plan'
        | 'other';
      title: string;
      /** Format: url */
      url: string;
      /** Format: date */
      receivedOn?: string;
    };
    /** @description An event for a case: its `type`, the `expectedVersion` of the case you last read, and its fields. */
    CaseEvent:
      | components['schemas']['ScheduleScopingMeetingEvent']
      | components['schemas']['SetIndicativeMonthEvent']
      | components['schemas']['AgreeScopeEvent']
      | components['schemas']['ProposePeerEvent']
      | components['schemas']['RemovePeerEvent']
      | components['schemas']['ReplacePeerEvent']
      | components['schemas']['OverrideConflictEvent']
      | components['schemas']['ApproveOverrideEvent']
      | components['schemas']['DeclareConflictEvent']
      | components['schemas']['ConfirmTeamEvent']
      | components['schemas']['RescheduleOnsiteEvent']
      | components['schemas']['AssignManagerEvent']
      | components['schemas']['ReceivePositionStatementEvent']
      | components['schemas']['StartOnsiteEvent']
      | components['schemas']['PresentFeedbackEvent']
      | components['schemas']['SubmitDraftReportEvent']
      | components['schemas']['PublishReportEvent']
      | components['schemas']['ReceiveActionPlanEvent']
      | components['schemas']['ScheduleFollowUpEvent']
      | components['schemas']['CompleteFollowUpEvent']
      | components['schemas']['PauseEvent']
      | components['schemas']['ResumeEvent']
      | components['schemas']['CancelEvent']
      | components['schemas']['AddNoteEvent']
      | components['schemas']['AddDocumentEvent'];
    /** @description Every error: `{ statusCode, error, message, details? }` (docs/API.md, Errors). */
    ApiError: {
      statusCode: number;
      error: string;
      message: string;
      /** @description For a 400, each field and its problems; for a 429, `{ retryAfterSeconds }`; else what the error adds. */
      details?: unknown;
      /** @description The case's current version, on a 409 for a stale expectedVersion. */
      version?: number;
    };
    AppliedReorganisation: {
      successors: {
        gssCode: string;
        name: string;
        vestingDate: string;
        predecessors: string[];
      }[];
      /** @description Of them, those whose vesting day is today or has passed: their predecessors' open cases moved already. */
      vested: number;
    };
    Arrangement: components['schemas']['ArrangementView'];
    /** @enum {string} */
    ArrangementKind: 'shared_management' | 'shared_services';
    ArrangementView: {
      id: string;
      otherGssCode: string;
      otherName: string;
      kind: components['schemas']['ArrangementKind'];
      from: string;
      to: string | null;
    };
    AuditList: components['schemas']['PageOfAuditView'];
    AuditView: {
      id: string;
      at: string;
      actor: {
        id: string | null;
        email: string | null;
      } | null;
      action: string;
      entity: string;
      entityId: string | null;
      summary: {
        [key: string]: unknown;
      };
      requestId: string | null;
    };
    /** @description Who added a note or a document, and when (the service stamps it). */
    Author: {
      id: string | null;
      name: string;
      at: string;
    };
    Board: components['schemas']['BoardReport'];
    /** @description `GET /reports/board`: the quarter's report; `board-document.ts` writes it as Word. */
    BoardReport: {
      financialYear: number;
      quarter: number;
      period: {
        from: string;
        to: string;
      };
      asOf: string;
      targetsFrom: number;
      deliverables: [components['schemas']['ChallengesDeliverable'], components['schemas']['NeverDeliverable']];
      narrative: string;
      nonEngaged: components['schemas']['NonEngagedCouncil'][];
    };
    Case: components['schemas']['CaseView'];
    CaseDates: {
      scopingMeeting?: string;
      /** @description The month (YYYY-MM) the visit is expected in, while in scoping: the pipeline's "in discussion". */
      indicativeMonth?: string;
      onsiteStart?: string;
      onsiteEnd?: string;
      positionStatementReceived?: string;
      feedbackPresented?: string;
      draftSubmitted?: string;
      reportPublished?: string;
      actionPlanReceived?: string;
      followUp?: string;
      followUpCompleted?: string;
    };
    /** @enum {string} */
    CaseEventType:
      | 'SCHEDULE_SCOPING_MEETING'
      | 'SET_INDICATIVE_MONTH'
      | 'AGREE_SCOPE'
      | 'PROPOSE_PEER'
      | 'REMOVE_PEER'
      | 'REPLACE_PEER'
      | 'OVERRIDE_CONFLICT'
      | 'APPROVE_OVERRIDE'
      | 'DECLARE_CONFLICT'
      | 'CONFLICT_CHECK_COMPLETED'
      | 'CONFLICT_INPUTS_CHANGED'
      | 'COUNCIL_REORGANISED'
      | 'CONFIRM_TEAM'
      | 'RESCHEDULE_ONSITE'
      | 'ASSIGN_MANAGER'
      | 'RECEIVE_POSITION_STATEMENT'
      | 'START_ONSITE'
      | 'PRESENT_FEEDBACK'
      | 'SUBMIT_DRAFT_REPORT'
      | 'PUBLISH_REPORT'
      | 'RECEIVE_ACTION_PLAN'
      | 'SCHEDULE_FOLLOW_UP'
      | 'COMPLETE_FOLLOW_UP'
      | 'PAUSE'
      | 'RESUME'
      | 'CANCEL'
      | 'ADD_NOTE'
      | 'ADD_DOCUMENT';
    CaseList: components['schemas']['PageOfCaseSummary'];
    CaseSummary: {
      id: string;
      councilGssCode: string;
      councilName: string;
      type: components['schemas']['CaseType'];
      stage: string;
      state: string;
      onHold: boolean;
      version: number;
      managerId: string | null;
      onsiteStart: string | null;
      deliveredOn: string | null;
      createdAt: string;
      updatedAt: string;
    };
    /** @enum {string} */
    CaseType: 'corporate_peer_challenge' | 'finance_peer_review' | 'fire_and_rescue' | 'other';
    CaseView: {
      allowedEvents: components['schemas']['CaseEventType'][];
      /** @description The steps that would move the case on but cannot be taken yet, with every reason. */
      waitingFor: {
        type: components['schemas']['CaseEventType'];
        reasons: string[];
      }[];
      firstCpc: boolean;
      team: {
        peerId: string;
        name: string;
        role: string;
        kind: string;
        financeExpertise: boolean;
      }[];
      declaredConflicts: components['schemas']['CheckFinding'][];
      overrides: components['schemas']['Override'][];
      manager: {
        id: string;
        name: string | null;
      } | null;
      scope: {
        coreComponents: string[];
        focusAreas: string[];
      };
      dates: components['schemas']['CaseDates'];
      onsiteHistory: {
        onsiteStart: string;
        onsiteEnd: string;
        reason: string;
      }[];
      scopingMeetingHistory: string[];
      conflictCheck: components['schemas']['ConflictCheck'];
      financeWaiverReason: string | null;
      recommendations: {
        text: string;
        progress?: components['schemas']['RecommendationStatus'];
      }[];
      /** @description `state`: the exact state it was paused in (since machine version 3). */
      hold: {
        reason: string;
        stage: string;
        state?: string;
      } | null;
      cancellation: {
        reason: string;
        stage: string;
      } | null;
      notes: {
        text: string;
        by: components['schemas']['Author'];
      }[];
      /** @description `receivedOn`: the day it was received or prepared, when given (else the day `by.at` it was recorded). */
      documents: {
        kind: components['schemas']['DocumentKind'];
        title: string;
        url: string;
        receivedOn?: string;
        by: components['schemas']['Author'];
      }[];
      id: string;
      councilGssCode: string;
      councilName: string;
      type: components['schemas']['CaseType'];
      stage: string;
      state: string;
      onHold: boolean;
      version: number;
      managerId: string | null;
      onsiteStart: string | null;
      deliveredOn: string | null;
      createdAt: string;
      updatedAt: string;
    };
    /** @description Deliverable 1.1: peer challenges delivered, of all types and corporate or finance; `actual` is `delivered`. */
    ChallengesDeliverable: {
      /** @constant */
      id: '1.1';
      target: {
        total: number;
        corporateOrFinance: number;
      };
      actual: {
        total: number;
        corporateOrFinance: number;
      };
      delivered: {
        total: number;
        corporateOrFinance: number;
      };
      confirmed: {
        total: number;
        corporateOrFinance: number;
      };
      inDiscussion: {
        total: number;
        corporateOrFinance: number;
      };
      rag: components['schemas']['Rag'];
    };
    ChallengesImported: {
      created: number;
      unchanged: number;
    };
    CheckFinding: {
      /** @description Stable across checks: the rule, the peer and the dealing, arrangement, council or case it came from. */
      id: string;
      peerId: string;
      /** @enum {string} */
      severity: 'hard' | 'soft';
      rule: string;
      detail: string;
      /** @description Changes when anything the finding says changes: an override lapses with it. */
      digest: string;
    };
    /** @description The conflict-of-interest check. `pending`: the team changed and its check has not reported; `stale`: an input the last check read changed (`reason` says which) and a new check is on its way; `clear` or `conflicts`: the result for the current run, judged with the case's overrides and declarations. */
    ConflictCheck: {
      /** @enum {string} */
      status: 'pending' | 'stale' | 'clear' | 'conflicts';
      /** @description The check asked for last: a result counts only for this run. */
      run: number;
      /** @description Why the latest check was asked for. */
      reason: string | null;
      teamFingerprint: string;
      /** @description Every input the result read (null before the first result). */
      fingerprint: string | null;
      /** @description The look-back and refresher periods the result ran with. */
      config?: {
        lookBackYears: number;
        trainingRefresherYears: number;
      };
      checkedOn: string | null;
      /** @description The rules' findings as the check recorded them; `findings` is what they mean with overrides and declarations. */
      found: components['schemas']['CheckFinding'][];
      findings: components['schemas']['JudgedFinding'][];
      information: {
        peerId: string;
        rule: string;
        detail: string;
      }[];
      warnings: {
        rule: string;
        detail: string;
        peerId?: string;
      }[];
    };
    ConflictPreCheck: components['schemas']['PreCheck'];
    Constraint: components['schemas']['PlanConstraint'];
    Constraints: {
      constraints: components['schemas']['PlanConstraint'][];
    };
    Contact: {
      name: string | null;
      email: string | null;
    };
    Council: components['schemas']['CouncilDetail'];
    CouncilDetail: {
      gssCode: string;
      name: string;
      type: components['schemas']['CouncilType'];
      region: components['schemas']['Region'];
      /** @description Five-year take-up: from the last corporate peer challenge or finance peer review since 2012. */
      takeUp: {
        status: components['schemas']['TakeUpStatus'];
        lastCpcDate: string | null;
      };
      /** @description No corporate peer challenge (a finance peer review does not count) delivered since 2012: measure 1.2's. */
      noCpcSince2012: boolean;
      /** @description The day after the council's last day, for a council that no longer exists; absent otherwise. */
      abolishedOn?: string;
      officialName: string;
      startDate: string | null;
      endDate: string | null;
      countyGssCode: string | null;
      county: {
        gssCode: string;
        name: string;
      } | null;
      combinedAuthority: {
        gssCode: string;
        name: string | null;
      } | null;
      chiefExecutive: components['schemas']['Contact'] | null;
      leader: components['schemas']['Contact'] | null;
      principalAdviser: {
        id: string;
        name: string;
        email: string;
        region: string | null;
      } | null;
      nudgesSuppressed: boolean;
      predecessors: {
        gssCode: string;
        name: string;
        endDate: string | null;
      }[];
      successors: {
        gssCode: string;
        name: string;
        startDate: string;
      }[];
    };
    /** @description A council's facts by kind, newest first: what each became, from when, and who recorded it when. */
    CouncilFacts: {
      political_control: {
        value: string;
        from: string;
        recordedAt: string;
      }[];
      lga_membership: {
        value: string;
        from: string;
        recordedAt: string;
      }[];
    };
    CouncilHistory: {
      council: components['schemas']['CouncilDetail'];
      /** @description Five-year take-up: from the last corporate peer challenge or finance peer review since 2012. */
      takeUp: {
        status: components['schemas']['TakeUpStatus'];
        lastCpcDate: string | null;
      };
      notes: components['schemas']['NoteView'][];
      cases: components['schemas']['HistoryCase'][];
      nudges: {
        sentAt: string;
        template: string;
        to: string[];
        status: string;
      }[];
      peersProvided: {
        peerId: string;
        name: string;
        caseId: string;
        hostGssCode: string;
        role: string;
      }[];
      /** @description Take-up changes seen by the daily check, newest first: when the council fell due, became overdue, … */
      takeUpChanges: {
        from: string;
        to: string;
        on: string;
      }[];
    };
    CouncilHistoryAnswer: components['schemas']['CouncilHistory'];
    CouncilList: components['schemas']['PageOfCouncilSummary'];
    CouncilNote: components['schemas']['NoteView'];
    CouncilRelationships: {
      gssCode: string;
      name: string;
      county: {
        gssCode: string;
        name: string;
      } | null;
      combinedAuthority: {
        gssCode: string;
        name: string | null;
      } | null;
      neighbours: {
        gssCode: string;
        name: string;
        /** @enum {string} */
        relation: 'shares_boundary' | 'nearby';
        rank: number;
      }[];
      arrangements: components['schemas']['ArrangementView'][];
    };
    CouncilSummary: {
      gssCode: string;
      name: string;
      type: components['schemas']['CouncilType'];
      region: components['schemas']['Region'];
      /** @description Five-year take-up: from the last corporate peer challenge or finance peer review since 2012. */
      takeUp: {
        status: components['schemas']['TakeUpStatus'];
        lastCpcDate: string | null;
      };
      /** @description No corporate peer challenge (a finance peer review does not count) delivered since 2012: measure 1.2's. */
      noCpcSince2012: boolean;
      /** @description The day after the council's last day, for a council that no longer exists; absent otherwise. */
      abolishedOn?: string;
    };
    /** @enum {string} */
    CouncilType: 'county' | 'district' | 'unitary' | 'metropolitan_district' | 'london_borough' | 'sui_generis';
    Dealing: components['schemas']['DealingView'];
    /** @enum {string} */
    DealingKind:
      | 'employment'
      | 'elected_member'
      | 'consultancy'
      | 'shared_service'
      | 'shared_management'
      | 'mentoring'
      | 'declared_interest';
    DealingView: {
      id: string;
      councilGssCode: string;
      councilName: string;
      kind: components['schemas']['DealingKind'];
      from: string;
      to: string | null;
      note: string | null;
    };
    /** @enum {string} */
    DocumentKind:
      | 'position_statement'
      | 'finance_briefing'
      | 'performance_briefing'
      | 'draft_report'
      | 'final_report'
      | 'action_plan'
      | 'other';
    Facts: components['schemas']['CouncilFacts'];
    FactsImported: {
      created: number;
      updated: number;
      unchanged: number;
    };
    Finding: {
      /** @description Stable: the rule, the peer and the dealing, arrangement, council or case it came from. */
      id: string;
      peerId: string;
      /** @enum {string} */
      severity: 'hard' | 'soft';
      rule: string;
      detail: string;
      /** @description Changes when anything the finding says changes (severity, dates, role): an override lapses with it. */
      digest: string;
    };
    Health: {
      /** @enum {string} */
      status: 'ok' | 'error';
      checks: {
        [key: string]: 'ok' | 'error';
      };
    };
    HealthDetails: {
      /** @enum {string} */
      status: 'ok' | 'error' | 'shutting_down';
      info?: {
        [key: string]: {
          status: string;
        } & {
          [key: string]: unknown;
        };
      };
      error?: {
        [key: string]: {
          status: string;
        } & {
          [key: string]: unknown;
        };
      };
      details: {
        [key: string]: {
          status: string;
        } & {
          [key: string]: unknown;
        };
      };
    };
    HistoryCase: {
      id: string;
      councilGssCode: string;
      councilName: string;
      type: string;
      stage: string;
      state: string;
      onsiteStart: string | null;
      deliveredOn: string | null;
      reportPublished: string | null;
      imported: boolean;
      viaPredecessor: boolean;
      recommendations: {
        text: string;
        progress?: components['schemas']['RecommendationStatus'];
      }[];
    };
    InformationNote: {
      peerId: string;
      rule: string;
      detail: string;
    };
    IssuedToken: {
      accessToken: string;
      expiresAt: string;
    };
    JudgedFinding: {
      /** @description Stable across checks: the rule, the peer and the dealing, arrangement, council or case it came from. */
      id: string;
      peerId: string;
      /** @enum {string} */
      severity: 'hard' | 'soft';
      rule: string;
      detail: string;
      /** @description Changes when anything the finding says changes: an override lapses with it. */
      digest: string;
      declared: boolean;
      /** @description The override asked for this finding as it now reads, approved or not. */
      override: components['schemas']['Override'] | null;
      /** @description True when an approved override covers it: it no longer blocks. */
      overridden: boolean;
      justification: string | null;
    };
    /** @description Deliverable 1.2: councils with no CPC since 2012, from the baseline down to the target. */
    NeverDeliverable: {
      /** @constant */
      id: '1.2';
      baseline: number;
      target: number;
      actual: number;
      delivered: number;
      confirmed: number;
      inDiscussion: number;
      rag: components['schemas']['Rag'];
    };
    /** @description `GET /reports/never-over-time`: one point each 1 April from 2013, and today. */
    NeverOverTime: {
      region: string | null;
      baselineDate: string;
      points: {
        date: string;
        councils: number;
        never: number;
        noCpcSince2012: number;
      }[];
    };
    NeverOverTimeReport: components['schemas']['NeverOverTime'];
    NonEngaged: {
      councils: components['schemas']['NonEngagedCouncil'][];
    };
    /** @description A council that has not engaged, with its last nudge and how many notes it has. */
    NonEngagedCouncil: {
      gssCode: string;
      name: string;
      region: string;
      type: string;
      lastNudgeAt: string | null;
      notesCount: number;
      principalAdviser: string | null;
    };
    NoteView: {
      id: string;
      at: string;
      author: {
        id: string;
        name: string;
      };
      text: string;
      /** @description Marked for the peer team (their briefing pack). */
      forTeam: boolean;
    };
    NudgePreview: {
      asOf: string;
      quietPeriod: {
        from: string;
        to: string;
        why: string;
      } | null;
      councils: {
        gssCode: string;
        name: string;
        reason: string;
        to: string;
        cc: string | null;
      }[];
      notNudged: {
        gssCode: string;
        name: string;
        reason: string;
      }[];
    };
    NudgesPreview: components['schemas']['NudgePreview'];
    NudgesRun: {
      queued: number;
      quietPeriod: {
        from: string;
        to: string;
        why: string;
      } | null;
    };
    /** @description A justification for keeping a peer despite one soft finding, and who approved it. */
    Override: {
      findingId: string;
      peerId: string;
      /** @description The finding as it read when the override was asked for: the override lapses when the finding changes. */
      digest: string;
      justification: string;
      requestedBy: {
        id: string | null;
        name: string;
        at: string;
      };
      approvedBy: {
        id: string | null;
        name: string;
        at: string;
      } | null;
      /** @description An admin's own override, approved without a second person. */
      selfApproved: boolean;
    };
    /** @description One override as the report shows it. `status`: `approved` (in effect), `awaiting_approval`, `lapsed` (its finding changed or went, or its peer left the team: it no longer applies) or `replaced` (asked for again later). */
    OverrideRow: {
      caseId: string;
      councilGssCode: string;
      councilName: string;
      findingId: string;
      rule: string;
      peerId: string;
      peerName: string;
      finding: string;
      justification: string;
      requestedBy: string;
      requestedAt: string;
      approvedBy: string | null;
      approvedAt: string | null;
      selfApproved: boolean;
      /** @enum {string} */
      status: 'approved' | 'awaiting_approval' | 'lapsed' | 'replaced';
    };
    Overrides: {
      from: string | null;
      to: string | null;
      overrides: components['schemas']['OverrideRow'][];
    };
    PageOfAuditView: {
      items: components['schemas']['AuditView'][];
      total: number;
      limit: number;
      offset: number;
    };
    PageOfCaseSummary: {
      items: components['schemas']['CaseSummary'][];
      total: number;
      limit: number;
      offset: number;
    };
    PageOfCouncilSummary: {
      items: components['schemas']['CouncilSummary'][];
      total: number;
      limit: number;
      offset: number;
    };
    PageOfPeerView: {
      items: components['schemas']['PeerView'][];
      total: number;
      limit: number;
      offset: number;
    };
    PageOfUserView: {
      items: components['schemas']['UserView'][];
      total: number;
      limit: number;
      offset: number;
    };
    PasswordChanged: {
      sessionsEnded: number;
    };
    /** @enum {string} */
    PasswordLinkKind: 'reset' | 'invitation';
    PasswordLinkSent: {
      kind: components['schemas']['PasswordLinkKind'];
      expiresAt: string;
    };
    PasswordResetRequested: {
      message: string;
    };
    Peer: components['schemas']['PeerDetail'];
    /** @description A peer with their dealings and unavailable periods: what reading, adding or changing a peer answers. */
    PeerDetail: {
      dealings: components['schemas']['DealingView'][];
      unavailability: components['schemas']['UnavailabilityView'][];
      id: string;
      name: string;
      email: string;
      kind: components['schemas']['PeerKind'];
      homeCouncil: {
        gssCode: string;
        name: string;
      } | null;
      politicalGroup: components['schemas']['PoliticalGroup'] | null;
      role: components['schemas']['PeerRole'] | null;
      expertise: string[];
      financeExpertise: boolean;
      trainedOn: string | null;
      active: boolean;
      createdAt: string;
      updatedAt: string;
    };
    /** @enum {string} */
    PeerKind: 'officer' | 'member' | 'external';
    PeerList: components['schemas']['PageOfPeerView'];
    /** @enum {string} */
    PeerRole:
      'chief_executive' | 'director' | 'section_151_officer' | 'leader' | 'cabinet_member' | 'councillor' | 'other';
    PeerView: {
      id: string;
      name: string;
      email: string;
      kind: components['schemas']['PeerKind'];
      homeCouncil: {
        gssCode: string;
        name: string;
      } | null;
      politicalGroup: components['schemas']['PoliticalGroup'] | null;
      role: components['schemas']['PeerRole'] | null;
      expertise: string[];
      financeExpertise: boolean;
      trainedOn: string | null;
      active: boolean;
      createdAt: string;
      updatedAt: string;
    };
    Plan: components['schemas']['StoredPlan'];
    PlanConstraint: {
      gssCode: string;
      name: string;
      notBefore: string | null;
      notAfter: string | null;
      reason: string;
      updatedAt: string;
      updatedBy: string | null;
    };
    PlanMove: {
      gssCode: string;
      from: string | null;
      to: string | null;
    };
    PlanMoves: {
      planId: string;
      moves: components['schemas']['PlanMove'][];
    };
    PlanSettings: {
      horizonQuarters: number;
      capacityPerQuarter: number;
      capacityByRegion: {
        [key: string]: number;
      } | null;
      preElectionWeeks: number;
      quietPeriods: {
        from: string;
        to: string;
        reason?: string;
      }[];
      updatedAt: string;
      updatedBy: string | null;
    };
    PlanSummary: {
      councils: number;
      onTime: number;
      late: number;
      unplaceable: number;
      /** @description Councils abolished before they are due: their successors are planned instead (`replacedBy`). */
      replaced: number;
      byQuarter: {
        quarter: string;
        planned: number;
        capacity: number;
      }[];
    };
    PlannedCouncil: {
      gssCode: string;
      name: string;
      region: string;
      dueQuarter: string;
      plannedQuarter: string | null;
      /** @description Quarters after the due quarter (0 when on time); for an unplaceable council, past the horizon's end. */
      lateBy: number;
      reason?: string;
      /** @description Set for a council abolished before it is due: it is not planned (plannedQuarter null, lateBy 0), as the successors named here take over its area and its history and are planned instead. */
      replacedBy?: string[];
    };
    /** @enum {string} */
    PoliticalGroup: 'conservative' | 'labour' | 'liberal_democrat' | 'independent' | 'green' | 'other';
    PreCheck: {
      peerId: string;
      councilGssCode: string;
      role: components['schemas']['TeamRole'];
      caseType: components['schemas']['CaseType'];
      firstCpc: boolean;
      on: string;
      canServe: boolean;
      /** @description True when nothing needs action: no finding at all (soft ones need a justification). */
      clear: boolean;
      findings: components['schemas']['Finding'][];
      information: components['schemas']['InformationNote'][];
      config: components['schemas']['RulesConfig'];
    };
    Programme: components['schemas']['ProgrammeReport'];
    /** @description `GET /reports/programme`: the year's two deliverables with their pipeline and RAG. */
    ProgrammeReport: {
      financialYear: number;
      asOf: string;
      targetsFrom: number;
      deliverables: [components['schemas']['ChallengesDeliverable'], components['schemas']['NeverDeliverable']];
    };
    /**
     * @description The programme's deliverables 1.1 and 1.2 (`000`) and their RAG, as pure arithmetic.
     * @enum {string}
     */
    Rag: 'Green' | 'Amber' | 'Red';
    Readiness: {
      /** @enum {string} */
      status: 'ok' | 'error' | 'shutting_down';
    };
    /**
     * @description Who a reminder goes to; addresses are looked up when it is sent.
     * @enum {string}
     */
    RecipientRole: 'council_chief_executive' | 'case_manager' | 'principal_adviser';
    /**
     * @description The machine's vocabulary. Payloads are what the API accepted, plus the facts the service looked up when it accepted them (a proposed peer's name, kind and finance expertise; an assigned manager's name), so the timeline alone replays to the same state.
     * @enum {string}
     */
    RecommendationStatus: 'achieved' | 'in_progress' | 'not_started';
    /** @enum {string} */
    Region:
      | 'East Midlands'
      | 'East of England'
      | 'London'
      | 'North East'
      | 'North West'
      | 'South East'
      | 'South West'
      | 'West Midlands'
      | 'Yorkshire and The Humber';
    Relationships: components['schemas']['CouncilRelationships'];
    /** @enum {string} */
    ReminderKind:
      | 'position_statement_due'
      | 'position_statement_chase'
      | 'briefings_due'
      | 'draft_report_due'
      | 'publication_chase'
      | 'action_plan_due'
      | 'follow_up_due'
      | 'stalled_case';
    ReminderView: {
      kind: components['schemas']['ReminderKind'];
      dueOn: string;
      to: components['schemas']['RecipientRole'][];
      /** @enum {string} */
      status: 'scheduled' | 'sent' | 'cancelled';
      sentAt: string | null;
      note: string | null;
    };
    Reminders: components['schemas']['ReminderView'][];
    ReorganisationApplied: components['schemas']['AppliedReorganisation'];
    /** @description A successor and the councils it replaced, on its vesting day: the register's reorganisations, past and future. */
    ReorganisationView: {
      vestingDate: string;
      /**
       * @description `scheduled`: the vesting day is still to come (the predecessors are live until the day before).
       * @enum {string}
       */
      status: 'scheduled' | 'vested';
      successor: {
        gssCode: string;
        name: string;
        type: components['schemas']['CouncilType'];
        region: components['schemas']['Region'];
      };
      predecessors: {
        gssCode: string;
        name: string;
        type: components['schemas']['CouncilType'];
      }[];
    };
    Reorganisations: {
      reorganisations: components['schemas']['ReorganisationView'][];
    };
    /** @enum {string} */
    Role: 'admin' | 'peer_challenge_manager' | 'principal_adviser' | 'viewer';
    RoleSuggestions: {
      role: components['schemas']['TeamRole'];
      candidates: components['schemas']['SuggestedPeer'][];
      /** @description How many active peers a hard limit left out (not the right kind, a hard finding, training, the yearly maximum). */
      excluded: number;
    };
    RulesConfig: {
      lookBackYears: number;
      trainingRefresherYears: number;
    };
    SecondFactor: components['schemas']['TwoFactorStatus'];
    SecondFactorSetup: components['schemas']['TwoFactorSetup'];
    Settings: components['schemas']['PlanSettings'];
    SignedIn: {
      accessToken: string;
      expiresAt: string;
      user: {
        id: string;
        email: string;
        name: string;
        roles: components['schemas']['Role'][];
      };
    };
    /** @description A stored plan as the API gives it (docs/API.md, Plans). */
    StoredPlan: {
      id: string;
      createdAt: string;
      createdBy: string;
      inputs: {
        asOf: string;
        startQuarter: string;
        horizonQuarters: number;
        capacityPerQuarter: number;
        capacityByRegion: {
          [key: string]: number;
        } | null;
        preElectionWeeks: number;
        quietPeriods: {
          from: string;
          to: string;
          reason?: string;
        }[];
        constraints: {
          gssCode: string;
          notBefore: string | null;
          notAfter: string | null;
          reason: string | null;
        }[];
        openCases: {
          gssCode: string;
          quarter: string;
        }[];
      };
      summary: components['schemas']['PlanSummary'];
      councils: components['schemas']['PlannedCouncil'][];
      byRegion: {
        region: string;
        quarter: string;
        planned: number;
        capacity: number | null;
      }[];
    };
    /** @description A suggested peer as the contract answers it. */
    SuggestedPeer: {
      peerId: string;
      name: string;
      score: number;
      reasons: string[];
      findings: components['schemas']['Finding'][];
    };
    SuggestedTeam: components['schemas']['SuggestedTeamView'];
    SuggestedTeamView: {
      size: number;
      /** @description The sum of the members' scores: the most any team keeping the rules could reach. */
      total: number;
      /** @description False when no politically balanced team could be made from the pool: the best unbalanced one is given. */
      balanced: boolean;
      members: {
        role: components['schemas']['TeamRole'];
        onTeam: boolean;
        kept: boolean;
        peerId: string;
        name: string;
        score: number;
        reasons: string[];
        findings: components['schemas']['Finding'][];
      }[];
      notes: string[];
    };
    TakeUp: components['schemas']['TakeUpReport'];
    /** @description Councils by take-up status: the report's counts, and each group's in a breakdown. */
    TakeUpCounts: {
      never: number;
      current: number;
      due: number;
      overdue: number;
    };
    /** @description `GET /reports/take-up`: the counts, each breakdown (adding up to them) and the councils. */
    TakeUpReport: {
      asOf: string;
      baselineDate: string;
      councilsTotal: number;
      counts: components['schemas']['TakeUpCounts'];
      byRegion: {
        [key: string]: components['schemas']['TakeUpCounts'];
      };
      byType: {
        [key: string]: components['schemas']['TakeUpCounts'];
      };
      byPoliticalControl: {
        [key: string]: components['schemas']['TakeUpCounts'];
      };
      byMembership: {
        [key: string]: components['schemas']['TakeUpCounts'];
      };
      councils: components['schemas']['CouncilSummary'][];
    };
    /** @enum {string} */
    TakeUpStatus: 'never' | 'current' | 'due' | 'overdue';
    Targets: {
      financialYear: number;
      challengesTotal: number;
      corporateOrFinance: number;
      neverReductionPercent: number;
    };
    /** @description A change of a year's targets: what they became, who changed them and when. */
    TargetsChange: {
      financialYear: number;
      challengesTotal: number;
      corporateOrFinance: number;
      neverReductionPercent: number;
      changedAt: string;
      changedBy: {
        id: string | null;
        email: string | null;
      };
    };
    TargetsHistory: components['schemas']['TargetsChange'][];
    /** @enum {string} */
    TeamRole:
      'lead_officer_peer' | 'lead_member_peer' | 'member_peer' | 'officer_peer' | 'external_peer' | 'shadow_peer';
    TeamSuggestions: components['schemas']['RoleSuggestions'];
    Timeline: components['schemas']['TimelineEntry'][];
    /** @description An accepted event (with its seq), or a system activity that changed nothing (seq null). */
    TimelineEntry: {
      seq: number | null;
      type: string;
      payload: {
        [key: string]: unknown;
      };
      actor: {
        id: string | null;
        label: string;
      };
      at: string;
      fromState: string | null;
      toState: string | null;
      requestId: string | null;
    };
    Token: components['schemas']['IssuedToken'];
    /** @description A second factor being set up: what the enrolment page shows. */
    TwoFactorSetup: {
      /** @description Base32, for typing into an app that cannot scan. */
      secret: string;
      /** @description The `otpauth://` URI the QR code holds. */
      uri: string;
      /** @description The QR code as a `data:image/svg+xml` URL (the page's CSP allows data: images). */
      qrCode: string;
    };
    TwoFactorStatus: {
      enabled: boolean;
      enabledAt: string | null;
      /** @description Whether this user must keep one: admins, except the development admin where the development defaults apply. */
      required: boolean;
    };
    Unavailability: components['schemas']['UnavailabilityView'];
    /** @description A period the peer has said they cannot serve, both days included. */
    UnavailabilityView: {
      id: string;
      from: string;
      to: string;
      reason: string | null;
    };
    User: components['schemas']['UserView'];
    UserList: components['schemas']['PageOfUserView'];
    UserView: {
      id: string;
      email: string;
      name: string;
      roles: components['schemas']['Role'][];
      region: components['schemas']['Region'] | null;
      active: boolean;
      createdAt: string;
      updatedAt: string;
    };
    YearTargets: components['schemas']['Targets'];
  };
  responses: never;
  parameters: never;
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  HealthController_liveness: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Health */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
      /** @description Health */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  HealthController_ready: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Readiness */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Readiness'];
        };
      };
      /** @description Readiness */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Readiness'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  HealthController_details: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description HealthDetails */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HealthDetails'];
        };
      };
      /** @description HealthDetails */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HealthDetails'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  AuthController_login: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['LoginDto'];
      };
    };
    responses: {
      /** @description SignedIn */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SignedIn'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  AuthController_logout: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description no content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  AuthController_refresh: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Token */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Token'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  AuthController_me: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description User */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['User'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  AuthController_changePassword: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ChangePasswordDto'];
      };
    };
    responses: {
      /** @description PasswordChanged */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PasswordChanged'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  AuthController_requestPasswordReset: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PasswordResetRequestDto'];
      };
    };
    responses: {
      /** @description PasswordResetRequested */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PasswordResetRequested'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  AuthController_completePasswordReset: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PasswordResetDto'];
      };
    };
    responses: {
      /** @description no content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  AuthController_twoFactorStatus: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description SecondFactor */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SecondFactor'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  AuthController_beginTwoFactor: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description SecondFactorSetup */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SecondFactorSetup'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  AuthController_confirmTwoFactor: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TwoFactorCodeDto'];
      };
    };
    responses: {
      /** @description no content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  AuthController_removeTwoFactor: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TwoFactorCodeDto'];
      };
    };
    responses: {
      /** @description no content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  UsersController_list: {
    parameters: {
      query?: {
        limit?: number;
        offset?: number;
        role?: 'admin' | 'peer_challenge_manager' | 'principal_adviser' | 'viewer';
        region?:
          | 'East Midlands'
          | 'East of England'
          | 'London'
          | 'North East'
          | 'North West'
          | 'South East'
          | 'South West'
          | 'West Midlands'
          | 'Yorkshire and The Humber';
        active?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description UserList */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserList'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  UsersController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateUserDto'];
      };
    };
    responses: {
      /** @description User */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['User'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  UsersController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description User */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['User'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  UsersController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateUserDto'];
      };
    };
    responses: {
      /** @description User */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['User'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  UsersController_sendPasswordLink: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description PasswordLinkSent */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PasswordLinkSent'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  UsersController_resetTwoFactor: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description no content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  CouncilsController_list: {
    parameters: {
      query?: {
        limit?: number;
        offset?: number;
        region?:
          | 'East Midlands'
          | 'East of England'
          | 'London'
          | 'North East'
          | 'North West'
          | 'South East'
          | 'South West'
          | 'West Midlands'
          | 'Yorkshire and The Humber';
        type?: 'county' | 'district' | 'unitary' | 'metropolitan_district' | 'london_borough' | 'sui_generis';
        /** @description part of the name, or a GSS code */
        q?: string;
        takeUp?: 'never' | 'current' | 'due' | 'overdue';
        /** @description the principal adviser assigned to the council */
        principalAdviserId?: string;
        /** @description true: only councils that exist on asOf; false: only those abolished by then; absent: both */
        existing?: 'true' | 'false';
        /** @description the date take-up is reckoned on (default today) */
        asOf?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description CouncilList */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CouncilList'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  CouncilsController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        gssCode: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Council */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Council'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  CouncilsController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        gssCode: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateCouncilDto'];
      };
    };
    responses: {
      /** @description Council */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Council'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  CouncilsController_history: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        gssCode: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description CouncilHistoryAnswer */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CouncilHistoryAnswer'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  CouncilsController_relationships: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        gssCode: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Relationships */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Relationships'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  CouncilsController_addRelationship: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        gssCode: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateArrangementDto'];
      };
    };
    responses: {
      /** @description Arrangement */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Arrangement'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  CouncilsController_listFacts: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        gssCode: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Facts */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Facts'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  CouncilsController_recordFact: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        gssCode: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CouncilFactDto'];
      };
    };
    responses: {
      /** @description Facts */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Facts'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  CouncilsController_addNote: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        gssCode: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CouncilNoteDto'];
      };
    };
    responses: {
      /** @description CouncilNote */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CouncilNote'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  ReorganisationsController_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Reorganisations */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Reorganisations'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  ReorganisationsController_apply: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description CSV with a header line predecessor_gss_code,predecessor_name,successor_gss_code,successor_name,successor_type,successor_region,successor_start_date,end_date (end_date optional), one row per predecessor and successor, or a JSON array of objects with those fields; all or nothing */
    requestBody: {
      content: {
        'text/csv': string;
        'application/json': string;
      };
    };
    responses: {
      /** @description ReorganisationApplied */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReorganisationApplied'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  PeersController_list: {
    parameters: {
      query?: {
        limit?: number;
        offset?: number;
        /** @description part of the name or email */
        q?: string;
        expertise?: string;
        kind?: 'officer' | 'member' | 'external';
        homeCouncilGssCode?: string;
        active?: 'true' | 'false';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description PeerList */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PeerList'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  PeersController_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreatePeerDto'];
      };
    };
    responses: {
      /** @description Peer */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Peer'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  PeersController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Peer */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Peer'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  PeersController_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdatePeerDto'];
      };
    };
    responses: {
      /** @description Peer */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Peer'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  PeersController_addDealing: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateDealingDto'];
      };
    };
    responses: {
      /** @description Dealing */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Dealing'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  PeersController_addUnavailability: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateUnavailabilityDto'];
      };
    };
    responses: {
      /** @description Unavailability */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Unavailability'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  PeersController_removeUnavailability: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        periodId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description no content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  PeersController_preCheck: {
    parameters: {
      query: {
        councilGssCode: string;
        role:
          'lead_officer_peer' | 'lead_member_peer' | 'member_peer' | 'officer_peer' | 'external_peer' | 'shadow_peer';
        caseType?: 'corporate_peer_challenge' | 'finance_peer_review' | 'fire_and_rescue' | 'other';
        /** @description whether it would be the council’s first CPC */
        firstCpc?: 'true' | 'false';
        /** @description the date to check on (default: today) */
        on?: string;
        /** @description first day on site of the visit, to check double-booking (with onsiteEnd) */
        onsiteStart?: string;
        /** @description last day on site of the visit (with onsiteStart) */
        onsiteEnd?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description ConflictPreCheck */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ConflictPreCheck'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  CasesController_list: {
    parameters: {
      query?: {
        limit?: number;
        offset?: number;
        stage?: 'scoping' | 'team_assembly' | 'onsite' | 'report' | 'follow_up' | 'closed' | 'cancelled';
        councilGssCode?: string;
        managerId?: string;
        type?: 'corporate_peer_challenge' | 'finance_peer_review' | 'fire_and_rescue' | 'other';
        onHold?: 'true' | 'false';
        /** @description true: only open cases (not closed or cancelled) */
        open?: 'true' | 'false';
        /** @description the council's region */
        region?:
          | 'East Midlands'
          | 'East of England'
          | 'London'
          | 'North East'
          | 'North West'
          | 'South East'
          | 'South West'
          | 'West Midlands'
          | 'Yorkshire and The Humber';
        /** @description part of the council name */
        q?: string;
        /** @description `changed` (the default): most recently changed first; `visit`: open cases first, earliest visit first; `council`: by council name A to Z; `type`: by type A to Z; `stage`: by stage, scoping first, cancelled last */
        sort?: 'changed' | 'visit' | 'council' | 'type' | 'stage';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description CaseList */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CaseList'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  CasesController_open: {
    parameters: {
      query?: never;
      header?: {
        /** @description the same key (per user, 24 hours) returns the first answer and opens nothing new */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['OpenCaseDto'];
      };
    };
    responses: {
      /** @description Case */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  CasesController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Case */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  CasesController_timeline: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Timeline */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Timeline'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  CasesController_remindersOf: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Reminders */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Reminders'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  CasesController_briefingPack: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description no content */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document': string;
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  CasesController_event: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    /** @description { type, expectedVersion, …payload }: one schema per type; see the events table in docs/API.md */
    requestBody: {
      content: {
        'application/json': components['schemas']['CaseEvent'];
      };
    };
    responses: {
      /** @description Case */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  CasesController_note: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CaseNoteDto'];
      };
    };
    responses: {
      /** @description Case */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  CasesController_document: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DocumentLinkDto'];
      };
    };
    responses: {
      /** @description Case */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Case'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  TeamSuggestionsController_candidates: {
    parameters: {
      query: {
        role:
          'lead_officer_peer' | 'lead_member_peer' | 'member_peer' | 'officer_peer' | 'external_peer' | 'shadow_peer';
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description TeamSuggestions */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TeamSuggestions'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  TeamSuggestionsController_team: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SuggestTeamDto'];
      };
    };
    responses: {
      /** @description SuggestedTeam */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SuggestedTeam'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  ImportsController_councilFacts: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description CSV with a header line gssCode,kind,value,from (kind political_control or lga_membership), or a JSON array of { gssCode, kind, value, from }; all or nothing */
    requestBody: {
      content: {
        'text/csv': string;
        'application/json': string;
      };
    };
    responses: {
      /** @description FactsImported */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FactsImported'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  ImportsController_peerChallenges: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** @description A JSON array of { councilGssCode, type, onsiteStart, onsiteEnd?, feedbackPresented?, reportPublished? }, or CSV with those columns and a header line */
    requestBody: {
      content: {
        'application/json': string;
        'text/csv': string;
      };
    };
    responses: {
      /** @description ChallengesImported */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ChallengesImported'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  ReportsController_takeUp: {
    parameters: {
      query?: {
        /** @description the date take-up is reckoned on (default today) */
        asOf?: string;
        format?: 'json' | 'csv';
        region?:
          | 'East Midlands'
          | 'East of England'
          | 'London'
          | 'North East'
          | 'North West'
          | 'South East'
          | 'South West'
          | 'West Midlands'
          | 'Yorkshire and The Humber';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description TakeUp */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TakeUp'];
          'text/csv': string;
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  ReportsController_neverOverTime: {
    parameters: {
      query?: {
        region?:
          | 'East Midlands'
          | 'East of England'
          | 'London'
          | 'North East'
          | 'North West'
          | 'South East'
          | 'South West'
          | 'West Midlands'
          | 'Yorkshire and The Humber';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description NeverOverTimeReport */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NeverOverTimeReport'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  ReportsController_programme: {
    parameters: {
      query: {
        /** @description 2018 is the financial year 2018/19 */
        financialYear: number;
        /** @description default: the end of the year, or today during it */
        asOf?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Programme */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Programme'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  ReportsController_boardReport: {
    parameters: {
      query: {
        /** @description 2016 is the financial year 2016/17 */
        financialYear: number;
        /** @description 1 April–June, 2 July–September, 3 October–December, 4 January–March */
        quarter: number;
        format?: 'json' | 'docx';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Board */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Board'];
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document': string;
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  ReportsController_nonEngaged: {
    parameters: {
      query?: {
        format?: 'json' | 'csv';
        asOf?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description NonEngaged */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NonEngaged'];
          'text/csv': string;
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  ReportsController_targets: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        financialYear: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description YearTargets */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['YearTargets'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  ReportsController_setTargets: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        financialYear: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TargetsDto'];
      };
    };
    responses: {
      /** @description YearTargets */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['YearTargets'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  ReportsController_targetsHistory: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        financialYear: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description TargetsHistory */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TargetsHistory'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  OverridesController_list: {
    parameters: {
      query?: {
        /** @description first day (asked for on or after), YYYY-MM-DD */
        from?: string;
        /** @description last day (asked for on or before), YYYY-MM-DD */
        to?: string;
        format?: 'json' | 'csv';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Overrides */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Overrides'];
          'text/csv': string;
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  NudgesController_preview: {
    parameters: {
      query?: {
        /** @description the day to reckon on (default today) */
        asOf?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description NudgesPreview */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NudgesPreview'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  NudgesController_run: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description NudgesRun */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NudgesRun'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  NudgesController_unsubscribe: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description no content */
      303: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  PlansController_getSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Settings */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Settings'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  PlansController_putSettings: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PlanSettingsDto'];
      };
    };
    responses: {
      /** @description Settings */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Settings'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  PlansController_constraints: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Constraints */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Constraints'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  PlansController_putConstraint: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        gssCode: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PlanConstraintDto'];
      };
    };
    responses: {
      /** @description Constraint */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Constraint'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  PlansController_deleteConstraint: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        gssCode: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description no content */
      204: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  PlansController_run: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Plan */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Plan'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  PlansController_latest: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Plan */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Plan'];
          'text/csv': string;
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  PlansController_moves: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description PlanMoves */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PlanMoves'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  PlansController_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Plan */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Plan'];
          'text/csv': string;
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
  AuditController_list: {
    parameters: {
      query?: {
        limit?: number;
        offset?: number;
        /** @description the actor's user id or email */
        actor?: string;
        entity?: string;
        entityId?: string;
        action?: string;
        /** @description from this date or time (inclusive) */
        from?: string;
        /** @description up to this date (inclusive) or time (exclusive) */
        to?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description AuditList */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditList'];
        };
      };
      /** @description an error */
      default: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiError'];
        };
      };
    };
  };
}
