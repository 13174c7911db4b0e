import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { REGIONS, type Region } from '#libs/councils';
import { CASE_TYPES, type CaseType } from '#libs/peers';
import { UUID, PageQuery } from '#libs/platform';

/** The stages of a case still under way, in order. */
export const OPEN_STAGES = ['scoping', 'team_assembly', 'onsite', 'report', 'follow_up'] as const;
export const STAGES = [...OPEN_STAGES, 'closed', 'cancelled'] as const;
export type Stage = (typeof STAGES)[number];

export class OpenCaseDto {
  @ApiProperty({ example: 'E06000059' })
  @IsString({ message: 'councilGssCode is required' })
  @MaxLength(9, { message: 'councilGssCode must be a GSS code' })
  councilGssCode: string;

  @ApiProperty({ enum: CASE_TYPES })
  @IsIn(CASE_TYPES, { message: `type must be one of: ${CASE_TYPES.join(', ')}` })
  type: CaseType;

  @ApiPropertyOptional({ description: 'an active peer challenge manager' })
  @IsOptional()
  @Matches(UUID, { message: 'managerId must be the id of a user' })
  managerId?: string;
}

/** The orders a caseload can be listed in. */
export const CASE_ORDERS = ['changed', 'visit', 'council', 'type', 'stage'] as const;
export type CaseOrder = (typeof CASE_ORDERS)[number];

export class ListCasesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: STAGES })
  @IsOptional()
  @IsIn(STAGES, { message: `stage must be one of: ${STAGES.join(', ')}` })
  stage?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(9, { message: 'councilGssCode must be a GSS code' })
  councilGssCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(UUID, { message: 'managerId must be the id of a user' })
  managerId?: string;

  @ApiPropertyOptional({ enum: CASE_TYPES })
  @IsOptional()
  @IsIn(CASE_TYPES, { message: `type must be one of: ${CASE_TYPES.join(', ')}` })
  type?: CaseType;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'onHold must be true or false' })
  onHold?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only open cases (not closed or cancelled)' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'open must be true or false' })
  open?: 'true' | 'false';

  @ApiPropertyOptional({ enum: REGIONS, description: "the council's region" })
  @IsOptional()
  @IsIn(REGIONS, { message: `region must be one of: ${REGIONS.join(', ')}` })
  region?: Region;

  @ApiPropertyOptional({ description: 'part of the council name' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({
    enum: CASE_ORDERS,
    description:
      '`changed` (the default): most recently changed first; `visit`: open cases first, earliest visit first; ' +
      '`council`: by council name A to Z; `type`: by type A to Z; `stage`: by stage, scoping first, cancelled last',
  })
  @IsOptional()
  @IsIn(CASE_ORDERS, { message: `sort must be one of: ${CASE_ORDERS.join(', ')}` })
  sort?: CaseOrder;
}
