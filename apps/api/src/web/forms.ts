import { Refused } from '#libs/platform';
import { toErrorBody } from '../http/error.filter.js';
import { validationPipe } from '../http/validation.js';

/** What the pages' forms share: the API's validation, and its refusals as problems per field. */

const bodyPipe = validationPipe();

export type FieldProblems = Record<string, string>;

/** A form field's value as text: what was typed, or '' for a field left out or sent twice. */
export const formText = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * A yes/no radio's value for the API: 'true' and 'false' become booleans, nothing chosen is undefined, and
 * anything else goes as sent so that the API's validation refuses it in its own words.
 */
export const formBoolean = (value: unknown): boolean | string | undefined =>
  value === 'true' ? true : value === 'false' ? false : formText(value) || undefined;

/**
 * The HTTP status the API would answer for an error (a library's domain error or an HTTP exception), so the pages
 * judge a refusal as the API does; a fault of ours is 500 and goes on to the error page.
 */
export const statusOf = (error: unknown) => toErrorBody(error).statusCode;

/** A refusal's reasons as sentences: a domain refusal's own, an HTTP 422's `details.reasons`, or its message. */
export function reasonsOf(error: unknown): string[] {
  if (error instanceof Refused) return error.reasons;
  const body = toErrorBody(error);
  const reasons = (body.details as { reasons?: unknown } | undefined)?.reasons;
  return Array.isArray(reasons) ? reasons.map(String) : [body.message];
}

/** A form's values validated with the API's own class, exactly as the API validates a request body. */
export async function validBody<T>(body: object, metatype: new () => T): Promise<T> {
  return (await bodyPipe.transform(body, { type: 'body', metatype })) as T;
}

/**
 * The first problem of each field of a refused request (the API's 400 details: a domain `Invalid` or the
 * validation's HTTP 400), keyed by `name(field)`.
 */
export function fieldProblems(error: unknown, name = (field: string) => field): FieldProblems {
  const details = toErrorBody(error).details as Array<{ field: string; problems: string[] }> | undefined;
  const problems: FieldProblems = {};
  for (const { field, problems: said } of Array.isArray(details) ? details : []) problems[name(field)] ??= said[0];
  return problems;
}

/** The problems per field when `check` is refused with a 400; none when it passes. Other errors go on. */
export async function problemsOf(check: () => unknown): Promise<FieldProblems> {
  try {
    await check();
    return {};
  } catch (error) {
    if (statusOf(error) !== 400) throw error;
    return fieldProblems(error);
  }
}

/** The GOV.UK error summary's list: each problem linking to its field. */
export function errorSummary(problems: FieldProblems, href = (field: string) => `#${field}`) {
  return Object.entries(problems).map(([field, text]) => ({ text, href: href(field) }));
}

/** How each form names its fields to people, and what to ask for when a choice is missing or not one offered. */
export interface Wording {
  label: string;
  choose?: string;
  enter?: string;
  /** What to say of a date that is not one, where the form asks for it another way than day, month and year. */
  date?: string;
}

/** One of the API's problems with a field in words for the form: the field's label, not its API name. */
function inWords(field: string, problem: string, wording: Record<string, Wording>): string {
  const { label, choose, enter, date } = wording[field] ?? { label: field };
  if (/must be a date written/.test(problem)) return date ?? `${label} must be a real date, for example 27 3 2024`;
  if (/must not be in the future/.test(problem)) return `${label} must be today or in the past`;
  if (/must be on or after from/.test(problem)) return `${label} must be the same as or after the from date`;
  if (
    choose &&
    /must be one of|must be true or false|must be a GSS code|^No council has|must be a user id|is required/.test(
      problem,
    )
  ) {
    return choose;
  }
  if (enter && /must not be empty|must be an email address|must be a string|is required/.test(problem)) return enter;
  if (problem.startsWith(`${field} `)) return `${label}${problem.slice(field.length)}`;
  return problem.charAt(0).toUpperCase() + problem.slice(1);
}

/** The problems in the form's field order and in words; a taken email (409) is said as the API says it. */
export function problemsInWords(problems: FieldProblems, wording: Record<string, Wording>): FieldProblems {
  const order = Object.keys(wording);
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  return Object.fromEntries(
    Object.entries(problems)
      .sort(([a], [b]) => rank(a) - rank(b))
      .map(([field, problem]) => [field, inWords(field, problem, wording)]),
  );
}
