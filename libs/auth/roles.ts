export const ROLES = ['admin', 'peer_challenge_manager', 'principal_adviser', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who may do what, as the contract lists it. Controllers name these groups rather than spelling roles out. */
export const CAN = {
  read: ROLES,
  changeCases: ['admin', 'peer_challenge_manager'],
  writeCouncilNotes: ['admin', 'peer_challenge_manager', 'principal_adviser'],
  /** The contract names admin; managers record peers and dealings day to day too (the peer-pool issue). */
  managePeers: ['admin', 'peer_challenge_manager'],
  administer: ['admin'],
  /** The team's briefing pack gathers contacts and notes for the team: those who brief teams, not viewers. */
  briefTeams: ['admin', 'peer_challenge_manager', 'principal_adviser'],
  /** A council's not-before / not-after dates for the five-year plan: its principal adviser records them (#19). */
  constrainPlans: ['admin', 'principal_adviser'],
} as const satisfies Record<string, readonly Role[]>;
