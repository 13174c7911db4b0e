import { registerAs } from '@nestjs/config';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsIP,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  NotEquals,
  ValidateIf,
} from 'class-validator';
import { ConfigurationError, environmentProblems, namespace } from './environment.js';
import { OperationsEnvironment } from './operations.js';
import { derivedApplicationUrl } from '../database/application-role.js';

const PROXY_ADDRESS = String.raw`(?:loopback|linklocal|uniquelocal|(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F]*:[0-9a-fA-F:.]*)(?:/\d{1,3})?)`;
const TRUST_PROXY = new RegExp(String.raw`^(?:[1-9]|${PROXY_ADDRESS}(?:\s*,\s*${PROXY_ADDRESS})*)$`);

/** The addresses that reach this machine only: an API listening on one of them is a developer's own. */
export const LOOPBACK_HOSTS = ['127.0.0.1', '::1', 'localhost'];

/**
 * Whether the development conveniences apply: the admin password `peer-challenge-local-dev` for the first admin, an
 * AUTH_SECRET generated into the data folder, session cookies without Secure (and `npm start`'s mail inbox, decided
 * the same way in scripts/lib/development.mjs). Only with NODE_ENV=development set explicitly, or, unless
 * NODE_ENV=production, when the API listens on loopback only (HOST, 127.0.0.1 when unset: `npm start`). Anything else
 * needs AUTH_SECRET, and ADMIN_PASSWORD until the first admin exists.
 */
export function developmentDefaults(env: { NODE_ENV?: string; HOST?: string } = process.env): boolean {
  if (env.NODE_ENV === 'development') return true;
  return env.NODE_ENV !== 'production' && LOOPBACK_HOSTS.includes(env.HOST ?? '127.0.0.1');
}

class AppEnvironment {
  @IsIn(['development', 'test', 'production'], { message: 'must be development, test or production' })
  NODE_ENV = 'development';

  @Type(() => Number)
  @Min(1, { message: 'must be between 1 and 65535' })
  @Max(65535, { message: 'must be between 1 and 65535' })
  @IsInt({ message: 'must be a whole number' })
  PORT = 3000;

  @ValidateIf((env: AppEnvironment) => env.HOST !== 'localhost')
  @IsIP(undefined, { message: 'must be an IP address to listen on, e.g. 127.0.0.1 or 0.0.0.0' })
  HOST = '127.0.0.1';

  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'must be an http(s) URL' },
  )
  PUBLIC_URL?: string;

  @IsOptional()
  @IsString()
  LGA_DATA_DIR?: string;

  /**
   * Behind a reverse proxy: how many proxies to trust (1–9), or their addresses / CIDRs (comma-separated, or
   * `loopback`, `uniquelocal`), so a request's address is the client's from X-Forwarded-For (login throttling
   * and the audit log). Unset: the socket's address, and X-Forwarded-For is ignored.
   */
  @IsOptional()
  @Matches(TRUST_PROXY, { message: 'must be a number of proxies from 1 to 9, or comma-separated addresses or CIDRs' })
  TRUST_PROXY?: string;
}

class DatabaseEnvironment {
  NODE_ENV?: string;

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be set to a postgres:// URL' })
  DATABASE_URL: string;

  /**
   * The API's and the worker's own connection, signed in as a member of the application role `lga_app` (which may
   * not change the audit log); DATABASE_URL is then the owner's, for migrations and the CLI. Unset: the same server
   * as DATABASE_URL, signed in as `lga_app` with a password derived from the owner's (application-role.ts).
   */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgres:// URL' })
  DATABASE_APP_URL?: string;

  /**
   * Whether the API and the worker apply pending migrations when they start (one at a time, under an advisory
   * lock). Unset: yes, except with NODE_ENV=production, where one process applies them before the others start
   * (`npm run cli -- migrate`, compose's `migrate` service) and the API and the worker refuse to start while any
   * is pending.
   */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  MIGRATE_ON_START?: string;
}

/** Whether a starting process applies pending migrations itself (DatabaseEnvironment.MIGRATE_ON_START). */
export function migrateOnStart(env: { NODE_ENV?: string; MIGRATE_ON_START?: string } = process.env): boolean {
  if (env.MIGRATE_ON_START) return env.MIGRATE_ON_START === 'true';
  return env.NODE_ENV !== 'production';
}

class RedisEnvironment {
  @Matches(/^rediss?:\/\/.+/, { message: 'must be set to a redis:// URL' })
  REDIS_URL: string;

  @Matches(/^[a-z0-9_-]{1,40}$/i, { message: 'must be 1-40 letters, digits, - or _' })
  QUEUE_PREFIX = 'lga';

  /** How long a worker's hold on a running job lasts unrenewed: a dead worker's jobs run again after 1-2 times this. */
  @Type(() => Number)
  @Min(5, { message: 'must be between 5 and 600 seconds' })
  @Max(600, { message: 'must be between 5 and 600 seconds' })
  @IsInt({ message: 'must be a whole number of seconds' })
  JOB_LOCK_SECONDS = 30;
}

export const DEV_ADMIN_EMAIL = 'admin@example.org';
export const DEV_ADMIN_PASSWORD = 'peer-challenge-local-dev';
class AuthEnvironment {
  NODE_ENV?: string;
  HOST?: string;

  /** Signs tokens and links; generated into the data folder where the development defaults apply and it is unset. */
  @ValidateIf((env: AuthEnvironment) => !developmentDefaults(env) || env.AUTH_SECRET !== undefined)
  @MinLength(32, { message: 'must be set to a random string of at least 32 characters' })
  AUTH_SECRET?: string;

  /** During a rotation only: the secret AUTH_SECRET replaced; what it signed still verifies. Empty is unset. */
  @ValidateIf((env: AuthEnvironment) => !!env.AUTH_SECRET_PREVIOUS)
  @MinLength(32, { message: 'must be the previous AUTH_SECRET: a random string of at least 32 characters' })
  AUTH_SECRET_PREVIOUS?: string;

  @IsEmail({}, { message: 'must be an email address' })
  ADMIN_EMAIL = DEV_ADMIN_EMAIL;

  /**
   * The first admin's password, read only while there is no admin (checkApiEnvironment, AdminBootstrap). Empty is
   * unset: an env file may keep the line once the admin exists.
   */
  @ValidateIf((env: AuthEnvironment) => !developmentDefaults(env) && !!env.ADMIN_PASSWORD)
  @NotEquals(DEV_ADMIN_PASSWORD, { message: 'must not be the development default' })
  @MinLength(16, { message: 'must be at least 16 characters' })
  ADMIN_PASSWORD?: string;

  @Type(() => Number)
  @Min(1, { message: 'must be between 1 and 1440 minutes' })
  @Max(1440, { message: 'must be between 1 and 1440 minutes' })
  @IsInt({ message: 'must be a whole number of minutes' })
  ACCESS_TOKEN_TTL_MINUTES = 15;

  @IsOptional()
  @Matches(/^https?:\/\/[^,\s]+(,https?:\/\/[^,\s]+)*$/, { message: 'must be a comma-separated list of origins' })
  CORS_ORIGINS?: string;
}

class ChecksEnvironment {
  @Type(() => Number)
  @Min(1, { message: 'must be between 1 and 20 years' })
  @Max(20, { message: 'must be between 1 and 20 years' })
  @IsInt({ message: 'must be a whole number of years' })
  CONFLICT_LOOKBACK_YEARS = 5;

  @Type(() => Number)
  @Min(1, { message: 'must be between 1 and 20 years' })
  @Max(20, { message: 'must be between 1 and 20 years' })
  @IsInt({ message: 'must be a whole number of years' })
  TRAINING_REFRESHER_YEARS = 3;
}

/** The weights a team suggestion may be given (issue #23; `docs/TEAM-SUGGESTIONS.md`), each 0 to 20 points. */
export const SUGGESTION_WEIGHT_NAMES = [
  'focusArea',
  'finance',
  'sameType',
  'noSoftFindings',
  'lighterLoad',
  'returning',
  'available',
] as const;
const WEIGHT = `(${SUGGESTION_WEIGHT_NAMES.join('|')})=([0-9]|1[0-9]|20)`;

/** The team suggestions (issue #23): the yearly maximum is a hard limit, the weights override the defaults. */
class SuggestionsEnvironment {
  @Type(() => Number)
  @Min(1, { message: 'must be between 1 and 52 challenges' })
  @Max(52, { message: 'must be between 1 and 52 challenges' })
  @IsInt({ message: 'must be a whole number of challenges' })
  PEER_MAX_CHALLENGES_PER_YEAR = 6;

  @IsOptional()
  @Matches(new RegExp(`^${WEIGHT}(,${WEIGHT})*$`), {
    message: `must be name=points pairs separated by commas (points 0 to 20), the names among: ${SUGGESTION_WEIGHT_NAMES.join(', ')}`,
  })
  SUGGESTION_WEIGHTS?: string;
}

/**
 * Single sign-on by OpenID Connect (issue #22): all three set, or none (local passwords only). The issuer is an https
 * address; plain http only on loopback (a provider run locally for tests).
 */
class OidcEnvironment {
  @ValidateIf((env: OidcEnvironment) => !!(env.OIDC_ISSUER || env.OIDC_CLIENT_ID || env.OIDC_CLIENT_SECRET))
  @Matches(/^(https:\/\/[^\s/?#]+|http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?)(\/[^\s?#]*)?$/, {
    message: "must be the identity provider's https:// issuer address (http:// only on loopback)",
  })
  OIDC_ISSUER?: string;

  @ValidateIf((env: OidcEnvironment) => !!(env.OIDC_ISSUER || env.OIDC_CLIENT_ID || env.OIDC_CLIENT_SECRET))
  @MinLength(1, { message: 'must be set with OIDC_ISSUER and OIDC_CLIENT_SECRET' })
  OIDC_CLIENT_ID?: string;

  @ValidateIf((env: OidcEnvironment) => !!(env.OIDC_ISSUER || env.OIDC_CLIENT_ID || env.OIDC_CLIENT_SECRET))
  @MinLength(1, { message: 'must be set with OIDC_ISSUER and OIDC_CLIENT_ID' })
  OIDC_CLIENT_SECRET?: string;

  /**
   * Whether an identity token's email must say email_verified: true. Only for a provider whose every address the
   * organisation itself manages (a Microsoft Entra ID tenant, which sends no email_verified) may this be false.
   */
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  OIDC_REQUIRE_VERIFIED_EMAIL = 'true';

  /** The button's words on the sign-in page. */
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  OIDC_PROVIDER_NAME = 'your LGA account';
}

class MailEnvironment {
  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @Matches(/^[^\r\n<>]*<[^\s@<>\r\n]+@[^\s@<>\r\n]+>$|^[^\s@<>\r\n]+@[^\s@<>\r\n]+$/, {
    message: 'must be an address, or a name and an address: Peer Challenge <peer.challenge@example.org>',
  })
  MAIL_FROM = 'LGA Peer Challenge <peer.challenge@example.org>';

  @Type(() => Number)
  @Min(1, { message: 'must be between 1 and 100000 emails a minute' })
  @Max(100000, { message: 'must be between 1 and 100000 emails a minute' })
  @IsInt({ message: 'must be a whole number' })
  MAIL_RATE_PER_MINUTE = 60;

  @Type(() => Number)
  @Min(1, { message: 'must be between 1 and 3600 seconds' })
  @Max(3600, { message: 'must be between 1 and 3600 seconds' })
  @IsInt({ message: 'must be a whole number of seconds' })
  MAIL_RETRY_SECONDS = 60;
}

const workingDays = (min: number, max: number) => (target: object, key: string) => {
  Type(() => Number)(target, key);
  Min(min, { message: `must be between ${min} and ${max} working days` })(target, key);
  Max(max, { message: `must be between ${min} and ${max} working days` })(target, key);
  IsInt({ message: 'must be a whole number of working days' })(target, key);
};

/** When each reminder falls due (`docs/REMINDERS.md`). */
class RemindersEnvironment {
  @workingDays(1, 60)
  REMINDER_POSITION_STATEMENT_DAYS = 10;

  @workingDays(1, 30)
  REMINDER_POSITION_STATEMENT_CHASE_DAYS = 3;

  @workingDays(1, 60)
  REMINDER_BRIEFINGS_DAYS = 5;

  @workingDays(1, 60)
  REMINDER_DRAFT_REPORT_DAYS = 15;

  @workingDays(1, 120)
  REMINDER_PUBLICATION_DAYS = 20;

  @workingDays(1, 120)
  REMINDER_ACTION_PLAN_DAYS = 40;

  @Type(() => Number)
  @Min(1, { message: 'must be between 1 and 24 months' })
  @Max(24, { message: 'must be between 1 and 24 months' })
  @IsInt({ message: 'must be a whole number of months' })
  REMINDER_FOLLOW_UP_MONTHS = 12;

  @Type(() => Number)
  @Min(7, { message: 'must be between 7 and 365 days' })
  @Max(365, { message: 'must be between 7 and 365 days' })
  @IsInt({ message: 'must be a whole number of days' })
  REMINDER_STALLED_DAYS = 60;
}

/** Nudges to councils without a CPC since 2012 (`docs/NUDGES.md`). */
class NudgesEnvironment {
  @Matches(/^(\S+\s+){4}\S+$/, { message: 'must be a cron pattern of five fields, e.g. 0 9 * * 1' })
  NUDGE_SCHEDULE = '0 9 * * 1';

  @IsIn(['true', 'false'], { message: 'must be true or false' })
  NUDGE_INCLUDE_OVERDUE = 'false';

  @Type(() => Number)
  @Min(1, { message: 'must be between 1 and 730 days' })
  @Max(730, { message: 'must be between 1 and 730 days' })
  @IsInt({ message: 'must be a whole number of days' })
  NUDGE_COOL_DOWN_DAYS = 90;

  @Type(() => Number)
  @Min(0, { message: 'must be between 0 and 12 weeks' })
  @Max(12, { message: 'must be between 0 and 12 weeks' })
  @IsInt({ message: 'must be a whole number of weeks' })
  NUDGE_PRE_ELECTION_WEEKS = 6;

  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}(,\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2})*$/, {
    message: 'must be date ranges such as 2027-12-20..2028-01-03, separated by commas',
  })
  NUDGE_QUIET_DATES?: string;

  /** Where replies to a nudge go when the council has no principal adviser: the programme's inbox. */
  @IsOptional()
  @Matches(/^[^\s@<>,;"\r\n]+@[^\s@<>,;"\r\n]+$/, { message: 'must be an email address' })
  NUDGE_REPLY_TO?: string;
}

/** The API's general rate limit (issue #22): requests a minute per session, or per address when not signed in. */
class RateLimitEnvironment {
  @Type(() => Number)
  @Min(0, { message: 'must be between 0 (no limit) and 1000000 requests a minute' })
  @Max(1_000_000, { message: 'must be between 0 (no limit) and 1000000 requests a minute' })
  @IsInt({ message: 'must be a whole number of requests a minute' })
  API_RATE_LIMIT_PER_MINUTE = 600;
}

/** The variables each process reads, validated before it boots. */
export const SERVER_ENVIRONMENT = [
  AppEnvironment,
  DatabaseEnvironment,
  RedisEnvironment,
  AuthEnvironment,
  OidcEnvironment,
  ChecksEnvironment,
  SuggestionsEnvironment,
  MailEnvironment,
  RemindersEnvironment,
  NudgesEnvironment,
  RateLimitEnvironment,
  OperationsEnvironment,
];
export const CLI_ENVIRONMENT = [
  AppEnvironment,
  DatabaseEnvironment,
  AuthEnvironment,
  ChecksEnvironment,
  RemindersEnvironment,
];

export const FIRST_ADMIN_PROBLEM =
  'ADMIN_PASSWORD: must be set (at least 16 characters) to create the first admin: there is none yet';

/** Refuses with every problem at once; when a secret is among them, says why the development defaults do not apply. */
function refuse(problems: string[], env: NodeJS.ProcessEnv): void {
  if (problems.length === 0) return;
  const secrets = problems.some((p) => /^(AUTH_SECRET|ADMIN_PASSWORD):/.test(p)) && !developmentDefaults(env);
  const note =
    `The development defaults (a generated AUTH_SECRET, the development admin password) apply only with ` +
    `NODE_ENV=development or HOST ${LOOPBACK_HOSTS.join(', ')}; here NODE_ENV is ${env.NODE_ENV ?? 'unset'} and ` +
    `HOST ${env.HOST ?? 'unset'}.`;
  throw new ConfigurationError(problems, secrets ? note : undefined);
}

/** Checks the variables of `classes` before a process boots: a ConfigurationError names every bad one. */
export function checkEnvironment(classes = SERVER_ENVIRONMENT, env: NodeJS.ProcessEnv = process.env): void {
  refuse(environmentProblems(classes, env), env);
}

/**
 * The API's check before it boots: checkEnvironment's, and, where the development defaults do not apply and
 * ADMIN_PASSWORD is unset, whether the first admin still has to be created (`adminExists` asks the database; after the
 * first start ADMIN_PASSWORD is not needed), so that one message names every missing variable.
 */
export async function checkApiEnvironment(
  adminExists: (databaseUrl: string) => Promise<boolean>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const problems = environmentProblems(SERVER_ENVIRONMENT, env);
  const database = problems.some((p) => p.startsWith('DATABASE_URL:')) ? null : env.DATABASE_URL!;
  if (!developmentDefaults(env) && !env.ADMIN_PASSWORD && database && !(await adminExists(database))) {
    problems.push(FIRST_ADMIN_PROBLEM);
  }
  refuse(problems, env);
}

export const appConfig = registerAs('app', () => {
  const env = namespace(AppEnvironment);
  return {
    environment: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    dataDir: env.LGA_DATA_DIR ?? '.data',
    // Of the environment itself: NODE_ENV defaults to development here, and unset is not the same thing.
    developmentDefaults: developmentDefaults(process.env),
    trustProxy:
      env.TRUST_PROXY === undefined
        ? undefined
        : /^\d$/.test(env.TRUST_PROXY)
          ? Number(env.TRUST_PROXY)
          : env.TRUST_PROXY,
  };
});

export const databaseConfig = registerAs('database', () => {
  const env = namespace(DatabaseEnvironment);
  return {
    /** The owner of the tables: migrations, and the CLI's connection. */
    ownerUrl: env.DATABASE_URL,
    /** The application role's: the API's and the worker's pool. */
    applicationUrl: env.DATABASE_APP_URL ?? derivedApplicationUrl(env.DATABASE_URL),
    /** Whether the application's sign-in is derived from the owner's, so the process that migrates sets it up. */
    derivedLogin: !env.DATABASE_APP_URL,
    migrateOnStart: migrateOnStart(env),
  };
});

export const oidcConfig = registerAs('oidc', () => {
  const env = namespace(OidcEnvironment);
  return {
    /** Whether single sign-on is configured (all three variables set). */
    enabled: !!env.OIDC_ISSUER,
    issuer: env.OIDC_ISSUER ?? '',
    clientId: env.OIDC_CLIENT_ID ?? '',
    clientSecret: env.OIDC_CLIENT_SECRET ?? '',
    requireVerifiedEmail: env.OIDC_REQUIRE_VERIFIED_EMAIL === 'true',
    providerName: env.OIDC_PROVIDER_NAME,
  };
});

export const redisConfig = registerAs('redis', () => {
  const env = namespace(RedisEnvironment);
  return { url: env.REDIS_URL, queuePrefix: env.QUEUE_PREFIX, jobLockSeconds: env.JOB_LOCK_SECONDS };
});

export const authConfig = registerAs('auth', () => {
  const env = namespace(AuthEnvironment);
  return {
    secret: env.AUTH_SECRET ?? null,
    previousSecret: env.AUTH_SECRET_PREVIOUS || null,
    adminEmail: env.ADMIN_EMAIL.toLowerCase(),
    /** ADMIN_PASSWORD, or the development default where it applies: null when the first admin cannot be made. */
    adminPassword: env.ADMIN_PASSWORD || (developmentDefaults(env) ? DEV_ADMIN_PASSWORD : null),
    /** Outside the development defaults the first admin's password came from the environment: they replace it. */
    adminMustChangePassword: !developmentDefaults(env),
    accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_MINUTES * 60,
    corsOrigins: env.CORS_ORIGINS?.split(',') ?? [],
  };
});

export const checksConfig = registerAs('checks', () => {
  const env = namespace(ChecksEnvironment);
  return { lookBackYears: env.CONFLICT_LOOKBACK_YEARS, trainingRefresherYears: env.TRAINING_REFRESHER_YEARS };
});

export const suggestionsConfig = registerAs('suggestions', () => {
  const env = namespace(SuggestionsEnvironment);
  const weights: Partial<Record<(typeof SUGGESTION_WEIGHT_NAMES)[number], number>> = {};
  for (const pair of env.SUGGESTION_WEIGHTS?.split(',') ?? []) {
    const [name, points] = pair.split('=') as [(typeof SUGGESTION_WEIGHT_NAMES)[number], string];
    weights[name] = Number(points);
  }
  return { maxChallengesPerYear: env.PEER_MAX_CHALLENGES_PER_YEAR, weights };
});

export const mailConfig = registerAs('mail', () => {
  const env = namespace(MailEnvironment);
  return {
    smtpUrl: env.SMTP_URL ?? null,
    from: env.MAIL_FROM,
    ratePerMinute: env.MAIL_RATE_PER_MINUTE,
    retrySeconds: env.MAIL_RETRY_SECONDS,
  };
});

export const remindersConfig = registerAs('reminders', () => {
  const env = namespace(RemindersEnvironment);
  return {
    positionStatementDays: env.REMINDER_POSITION_STATEMENT_DAYS,
    positionStatementChaseDays: env.REMINDER_POSITION_STATEMENT_CHASE_DAYS,
    briefingsDays: env.REMINDER_BRIEFINGS_DAYS,
    draftReportDays: env.REMINDER_DRAFT_REPORT_DAYS,
    publicationDays: env.REMINDER_PUBLICATION_DAYS,
    actionPlanDays: env.REMINDER_ACTION_PLAN_DAYS,
    followUpMonths: env.REMINDER_FOLLOW_UP_MONTHS,
    stalledDays: env.REMINDER_STALLED_DAYS,
  };
});

export const nudgesConfig = registerAs('nudges', () => {
  const env = namespace(NudgesEnvironment);
  return {
    schedule: env.NUDGE_SCHEDULE,
    includeOverdue: env.NUDGE_INCLUDE_OVERDUE === 'true',
    coolDownDays: env.NUDGE_COOL_DOWN_DAYS,
    preElectionWeeks: env.NUDGE_PRE_ELECTION_WEEKS,
    quietDates: (env.NUDGE_QUIET_DATES?.split(',') ?? []).map((range) => {
      const [from, to] = range.split('..');
      return { from, to };
    }),
    /** The programme's inbox; unset, the address nudges are sent from (`MAIL_FROM`). */
    replyTo: env.NUDGE_REPLY_TO ?? senderAddress(namespace(MailEnvironment).MAIL_FROM),
  };
});

/** The address of a sender such as `LGA Peer Challenge <peer.challenge@example.org>`. */
export function senderAddress(from: string): string {
  return /<([^>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
}

/** The domain of a sender's address: `example.org` for `… <peer.challenge@example.org>`. */
export function senderDomain(from: string): string {
  return senderAddress(from).split('@').pop()!;
}

export const rateLimitConfig = registerAs('rateLimit', () => ({
  perMinute: namespace(RateLimitEnvironment).API_RATE_LIMIT_PER_MINUTE,
}));
