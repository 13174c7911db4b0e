import { Invalid } from '../errors/domain-errors.js';

/** A 400 in the contract's shape naming the one field that is wrong and why. */
export function fieldError(field: string, ...problems: [string, ...string[]]): Invalid {
  return new Invalid(problems[0], [{ field, problems }]);
}
