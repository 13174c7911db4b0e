import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '#libs/platform';
import { ARRANGEMENT_KINDS, type ArrangementKind } from '../council-arrangement.entity.js';

export class CreateArrangementDto {
  @ApiProperty({ example: 'E07000051' })
  @IsString({ message: 'otherGssCode must be a GSS code' })
  @MaxLength(9, { message: 'otherGssCode must be a GSS code' })
  otherGssCode: string;

  @ApiProperty({ enum: ARRANGEMENT_KINDS })
  @IsIn(ARRANGEMENT_KINDS, { message: `kind must be one of: ${ARRANGEMENT_KINDS.join(', ')}` })
  kind: ArrangementKind;

  @ApiProperty({ example: '2015-04-01' })
  @IsCalendarDate()
  from: string;

  @ApiPropertyOptional({ example: '2019-03-31', description: 'absent while the arrangement continues' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}
