import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Max,
  Min,
  registerDecorator,
  ValidateNested,
  ArrayMaxSize,
} from 'class-validator';
import { REGIONS } from '#libs/councils';
import { IsCalendarDate } from '#libs/platform';

const count = (field: string, max?: number) => (target: object, key: string) => {
  IsInt({ message: `${field} must be a whole number` })(target, key);
  Min(0, { message: `${field} must not be below zero` })(target, key);
  if (max !== undefined) Max(max, { message: `${field} must be at most ${max}` })(target, key);
};

/** `{ region: capacity }` with regions of the register and whole capacities of zero or more. */
function IsRegionCapacities() {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name: 'isRegionCapacities',
      target: target.constructor,
      propertyName,
      options: {
        message: `capacityByRegion must map regions (${REGIONS.join(', ')}) to whole numbers of zero or more`,
      },
      validator: {
        validate: (value: unknown) =>
          value === null ||
          (typeof value === 'object' &&
            !Array.isArray(value) &&
            Object.entries(value as object).every(
              ([region, cap]) =>
                (REGIONS as readonly string[]).includes(region) && Number.isInteger(cap) && (cap as number) >= 0,
            )),
      },
    });
}

export class QuietPeriodDto {
  @ApiProperty({ example: '2027-12-20' })
  @IsCalendarDate({ message: 'from must be a date written YYYY-MM-DD' })
  from: string;

  @ApiProperty({ example: '2028-01-03' })
  @IsCalendarDate({ message: 'to must be a date written YYYY-MM-DD' })
  to: string;

  @ApiPropertyOptional({ example: 'Christmas' })
  @IsOptional()
  @IsString()
  @Length(0, 200, { message: 'reason must be at most 200 characters' })
  reason?: string;
}

/** `PUT /plans/settings`: the planner's settings (docs/PLANNING.md, Settings). */
export class PlanSettingsDto {
  @ApiProperty({ example: 20, description: 'quarters planned, from the next calendar quarter (1–40)' })
  @IsInt({ message: 'horizonQuarters must be a whole number' })
  @Min(1, { message: 'horizonQuarters must be at least 1' })
  @Max(40, { message: 'horizonQuarters must be at most 40' })
  horizonQuarters: number;

  @ApiProperty({ example: 25, description: 'challenges the programme can deliver in a quarter, all regions' })
  @count('capacityPerQuarter', 100_000)
  capacityPerQuarter: number;

  @ApiPropertyOptional({
    example: { London: 4 },
    description: 'per-quarter capacity of the regions named (the others: the total only); null: none',
  })
  @IsOptional()
  @IsRegionCapacities()
  capacityByRegion?: Record<string, number> | null;

  @ApiPropertyOptional({ example: 6, description: 'weeks before the first Thursday in May with no challenges' })
  @IsOptional()
  @count('preElectionWeeks', 26)
  preElectionWeeks?: number;

  @ApiPropertyOptional({ type: [QuietPeriodDto], description: 'more quiet periods (inclusive dates)' })
  @IsOptional()
  @IsArray({ message: 'quietPeriods must be a list' })
  @ArrayMaxSize(200, { message: 'quietPeriods must have at most 200 periods' })
  @ValidateNested({ each: true })
  @Type(() => QuietPeriodDto)
  quietPeriods?: QuietPeriodDto[];
}

/** `PUT /plans/constraints/:gssCode`: a principal adviser's dates for a council, with the reason. */
export class PlanConstraintDto {
  @ApiPropertyOptional({ example: '2027-06-01', description: 'not before this day' })
  @IsOptional()
  @IsCalendarDate({ message: 'notBefore must be a date written YYYY-MM-DD' })
  notBefore?: string | null;

  @ApiPropertyOptional({ example: '2028-03-31', description: 'not after this day' })
  @IsOptional()
  @IsCalendarDate({ message: 'notAfter must be a date written YYYY-MM-DD' })
  notAfter?: string | null;

  @ApiProperty({ example: 'new chief executive from June' })
  @IsString({ message: 'reason must be text' })
  @Length(1, 500, { message: 'reason must be 1–500 characters' })
  reason: string;
}
