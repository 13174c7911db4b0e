import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '#libs/platform';
import { DEALING_KINDS, type DealingKind } from '../conflicts/conflict-rules.js';

export class CreateDealingDto {
  @ApiProperty({ example: 'E06000059' })
  @IsString({ message: 'councilGssCode must be a GSS code' })
  @MaxLength(9, { message: 'councilGssCode must be a GSS code' })
  councilGssCode: string;

  @ApiProperty({ enum: DEALING_KINDS })
  @IsIn(DEALING_KINDS, { message: `kind must be one of: ${DEALING_KINDS.join(', ')}` })
  kind: DealingKind;

  @ApiProperty({ example: '2015-04-01' })
  @IsCalendarDate()
  from: string;

  @ApiPropertyOptional({ example: '2019-03-31', description: 'absent while the dealing continues' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(2000)
  note?: string;
}
