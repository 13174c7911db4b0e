import { HttpException } from '@nestjs/common';
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

/** The HTTP status of a refusal, or 0 for anything else. */
export const statusOf = (error: unknown) => (error instanceof HttpException ? error.getStatus() : 0);

/** A form's values validated with the API's own class, exactly as the API validates a request body. */
export async function validBody<T>(body: object, metatype: new () => T): Promise<T> {
  return (await bodyPipe.transform(body, { type: 'body', metatype })) as T;
}

/** The first problem of each field of a refused request (the API's 400 details), keyed by `name(field)`. */
export function fieldProblems(error: HttpException, name = (field: string) => field): FieldProblems {
  const details = (error.getResponse() as { details?: Array<{ field: string; problems: string[] }> }).details;
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
    return fieldProblems(error as HttpException);
  }
}

/** The GOV.UK error summary's list: each problem linking to its field. */
export function errorSummary(problems: FieldProblems, href = (field: string) => `#${field}`) {
  return Object.entries(problems).map(([field, text]) => ({ text, href: href(field) }));
}
