import { ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * The field may be left out of a change, but not sent as null: class-validator's IsOptional lets null through,
 * and null would reach a column that must have a value. Use IsOptional only where null means "clear it".
 */
export function IsOmittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined, options);
}
