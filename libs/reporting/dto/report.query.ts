import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { REGIONS, type Region } from '#libs/councils';
import { IsCalendarDate } from '#libs/platform';

export class TakeUpReportQuery {
  @ApiPropertyOptional({ description: 'the date take-up is reckoned on (default today)' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'] })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format?: 'json' | 'csv';

  @ApiPropertyOptional({ enum: REGIONS })
  @IsOptional()
  @IsIn(REGIONS, { message: `region must be one of: ${REGIONS.join(', ')}` })
  region?: Region;
}

export class NonEngagedQuery {
  @ApiPropertyOptional({ enum: ['json', 'csv'] })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format?: 'json' | 'csv';

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

const year = (target: object, key: string) => {
  Type(() => Number)(target, key);
  IsInt({ message: `${key} must be a year such as 2018 (for 2018/19)` })(target, key);
  Min(2012, { message: `${key} must be 2012 or later` })(target, key);
  Max(2100, { message: `${key} must be 2100 or earlier` })(target, key);
};

export class ProgrammeReportQuery {
  @ApiProperty({ example: 2018, description: '2018 is the financial year 2018/19' })
  @year
  financialYear: number;

  @ApiPropertyOptional({ description: 'default: the end of the year, or today during it' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}

const count = (target: object, key: string) => {
  IsInt({ message: `${key} must be a whole number` })(target, key);
  Min(0, { message: `${key} must be 0 or more` })(target, key);
  Max(100000, { message: `${key} must be at most 100000` })(target, key);
};

export class TargetsDto {
  @ApiProperty({ example: 110 })
  @count
  challengesTotal: number;

  @ApiProperty({ example: 70 })
  @count
  corporateOrFinance: number;

  @ApiProperty({ example: 50, description: 'per cent fewer councils without a CPC since 2012 by the year end' })
  @IsInt({ message: 'neverReductionPercent must be a whole number' })
  @Min(0, { message: 'neverReductionPercent must be between 0 and 100' })
  @Max(100, { message: 'neverReductionPercent must be between 0 and 100' })
  neverReductionPercent: number;
}

export class NeverOverTimeQuery {
  @ApiPropertyOptional({ enum: REGIONS })
  @IsOptional()
  @IsIn(REGIONS, { message: `region must be one of: ${REGIONS.join(', ')}` })
  region?: Region;
}

export class BoardReportQuery {
  @ApiProperty({ example: 2016, description: '2016 is the financial year 2016/17' })
  @year
  financialYear: number;

  @ApiProperty({ example: 2, description: '1 April–June, 2 July–September, 3 October–December, 4 January–March' })
  @Type(() => Number)
  @IsInt({ message: 'quarter must be 1, 2, 3 or 4' })
  @Min(1, { message: 'quarter must be 1, 2, 3 or 4' })
  @Max(4, { message: 'quarter must be 1, 2, 3 or 4' })
  quarter: number;

  @ApiPropertyOptional({ enum: ['json', 'docx'] })
  @IsOptional()
  @IsIn(['json', 'docx'], { message: 'format must be json or docx' })
  format?: 'json' | 'docx';
}
