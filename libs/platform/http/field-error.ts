import { BadRequestException } from '@nestjs/common';

/** A 400 in the contract's shape naming the one field that is wrong and why. */
export function fieldError(field: string, ...problems: [string, ...string[]]): BadRequestException {
  return new BadRequestException({ message: problems[0], details: [{ field, problems }] });
}
