import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '#libs/platform';
import { FACT_KINDS, FACT_VALUES, type FactKind } from '../council-facts.js';

/** `POST /councils/:gssCode/facts`; whether `value` fits `kind` is checked by `factProblems`. */
export class CouncilFactDto {
  @ApiProperty({ enum: FACT_KINDS })
  @IsIn(FACT_KINDS, { message: `kind must be one of: ${FACT_KINDS.join(', ')}` })
  kind: FactKind;

  @ApiProperty({
    example: 'no_overall_control',
    description: `political_control: ${FACT_VALUES.political_control.join(', ')}; lga_membership: ${FACT_VALUES.lga_membership.join(', ')}`,
  })
  @IsString({ message: 'value is required' })
  @MaxLength(40, { message: 'value must be at most 40 characters' })
  value: string;

  @ApiProperty({ example: '2019-05-02', description: 'the day it took effect' })
  @IsCalendarDate()
  from: string;
}
