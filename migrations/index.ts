import { CouncilRegister1763798400000 } from './1763798400000-CouncilRegister.js';
import { AuthAndAudit1763802000000 } from './1763802000000-AuthAndAudit.js';
import { PeerPool1763805600000 } from './1763805600000-PeerPool.js';
import { Cases1763892000000 } from './1763892000000-Cases.js';
import { RemindersAndEmail1763899200000 } from './1763899200000-RemindersAndEmail.js';
import { HistoryAndTakeUp1763906400000 } from './1763906400000-HistoryAndTakeUp.js';
import { TakeUpChecks1763910000000 } from './1763910000000-TakeUpChecks.js';
import { EmailClaimJob1763913600000 } from './1763913600000-EmailClaimJob.js';
import { RegisterStatistics1764000000000 } from './1764000000000-RegisterStatistics.js';
import { CouncilLastChallenge1764100000000 } from './1764100000000-CouncilLastChallenge.js';
import { CouncilLastCorporate1764200000000 } from './1764200000000-CouncilLastCorporate.js';
import { ProgrammeTargetChanges1764300000000 } from './1764300000000-ProgrammeTargetChanges.js';
import { CouncilFacts1764400000000 } from './1764400000000-CouncilFacts.js';
import { EmailReplyTo1764500000000 } from './1764500000000-EmailReplyTo.js';
import { SignInLocks1764600000000 } from './1764600000000-SignInLocks.js';
import { IdempotencyKeys1764610000000 } from './1764610000000-IdempotencyKeys.js';
import { ListUnsubscribe1764620000000 } from './1764620000000-ListUnsubscribe.js';
import { EmailBodyRetention1764900000000 } from './1764900000000-EmailBodyRetention.js';
import { CouncilNotesForTeam1765100000000 } from './1765100000000-CouncilNotesForTeam.js';
import { PlanSettings1765450000000 } from './1765450000000-PlanSettings.js';
import { TwoFactor1765700000000 } from './1765700000000-TwoFactor.js';
import { PasswordResets1765800000000 } from './1765800000000-PasswordResets.js';
import { AuditIntegrity1765900000000 } from './1765900000000-AuditIntegrity.js';
import { FirstPassword1766000000000 } from './1766000000000-FirstPassword.js';
import { PeerUnavailability1766100000000 } from './1766100000000-PeerUnavailability.js';

/** Every migration, oldest first. A new migration is added here as well as in its own file. */
export const MIGRATIONS = [
  CouncilRegister1763798400000,
  AuthAndAudit1763802000000,
  PeerPool1763805600000,
  Cases1763892000000,
  RemindersAndEmail1763899200000,
  HistoryAndTakeUp1763906400000,
  TakeUpChecks1763910000000,
  EmailClaimJob1763913600000,
  RegisterStatistics1764000000000,
  CouncilLastChallenge1764100000000,
  CouncilLastCorporate1764200000000,
  ProgrammeTargetChanges1764300000000,
  CouncilFacts1764400000000,
  EmailReplyTo1764500000000,
  SignInLocks1764600000000,
  IdempotencyKeys1764610000000,
  ListUnsubscribe1764620000000,
  EmailBodyRetention1764900000000,
  CouncilNotesForTeam1765100000000,
  PlanSettings1765450000000,
  TwoFactor1765700000000,
  PasswordResets1765800000000,
  AuditIntegrity1765900000000,
  FirstPassword1766000000000,
  PeerUnavailability1766100000000,
];
