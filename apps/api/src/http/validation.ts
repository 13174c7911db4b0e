import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

export interface FieldProblem {
  field: string;
  problems: string[];
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    // One field's checks may share their words ("must be a whole number from 2 to 12"): each said once.
    const own = error.constraints ? [{ field, problems: [...new Set(Object.values(error.constraints))] }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** Validates bodies and queries; unknown fields are refused. A 400 lists each offending field and why. */
export function validationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidNonWhitelisted: true,
    exceptionFactory: (errors) => {
      const details = flatten(errors);
      const message = details.map((d) => d.problems.join('; ')).join('; ');
      return new BadRequestException({ message: message || 'The request is not valid', details });
    },
  });
}
