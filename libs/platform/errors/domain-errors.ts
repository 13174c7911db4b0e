/**
 * What went wrong, in the domain's words (issue #20): libraries throw these, never HTTP exceptions. The API's
 * error filter says each in the contract's shape and status (`apps/api/src/http/error.filter.ts`), the web pages
 * as a GOV.UK error summary, and a job decides by the class whether to retry.
 */
export abstract class DomainError extends Error {
  /** Extra facts a caller may act on (the API sends them as `details`). */
  abstract readonly details?: unknown;
}

/** What is wrong with one field of what was sent, in the contract's shape (`details: [{ field, problems }]`). */
export interface FieldProblem {
  field: string;
  problems: string[];
}

/** Something sent is not acceptable as it is (a field names it): the API's 400. */
export class Invalid extends DomainError {
  constructor(
    message: string,
    readonly details: FieldProblem[],
  ) {
    super(message);
  }
}

/** A refused row of an import file: its line (CSV) or position (JSON), and every problem with it. */
export interface RowProblem {
  line: number;
  problems: string[];
}

/** An all-or-nothing import with bad rows, every one listed (`details: { rows }`); nothing was written. The API's 400. */
export class RowsRefused extends DomainError {
  readonly details: { rows: RowProblem[] };

  constructor(readonly rows: RowProblem[]) {
    super(`${rows.length} row(s) cannot be imported; nothing was imported`);
    this.details = { rows };
  }
}

/** Sent well-formed but not right for this user (a current password that is not theirs): the API's 422, by field. */
export class Incorrect extends DomainError {
  constructor(
    message: string,
    readonly details: FieldProblem[],
  ) {
    super(message);
  }
}

/** The caller is not signed in, or their credentials are not right: the API's 401. */
export class NotSignedIn extends DomainError {
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Too many attempts: wait `retryAfterSeconds` (the API's 429, with a Retry-After header). */
export class TooManyAttempts extends DomainError {
  readonly details: { retryAfterSeconds: number };

  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.details = { retryAfterSeconds };
  }
}

/** No such thing: an unknown id, or one the caller may not know of. */
export class NotFound extends DomainError {
  readonly details = undefined;
}

/** The request is understood, but the rules refuse it now: every reason, in sentences for a person. */
export class Refused extends DomainError {
  constructor(
    readonly reasons: string[],
    message = reasons.join(' '),
  ) {
    super(message);
  }

  get details(): { reasons: string[] } | undefined {
    return { reasons: this.reasons };
  }
}

/** A refusal in one sentence ("The security code is not correct"): the API's 422 with that message alone. */
export class Declined extends Refused {
  constructor(message: string) {
    super([message], message);
  }

  override get details(): undefined {
    return undefined;
  }
}

/** Not for this caller, whoever they are signed in as ("Admins must keep two-factor authentication"): the API's 403. */
export class NotPermitted extends DomainError {
  readonly details = undefined;
}

/** The thing changed since the caller read it: read it again (at `currentVersion`), then retry. */
export class Stale extends DomainError {
  readonly details: { currentVersion: number };

  constructor(
    message: string,
    readonly currentVersion: number,
  ) {
    super(message);
    this.details = { currentVersion };
  }
}

/** Another record already has what must be unique (an email address): the API's 409. */
export class Duplicate extends DomainError {
  readonly details = undefined;
}

/** The same work is already under way (a plan being computed): try again when it has finished. The API's 409. */
export class Busy extends DomainError {
  readonly details = undefined;
}
