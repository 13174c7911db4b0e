import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '#libs/platform';
import { TEAM_ROLES, type CaseType, type TeamRole } from '../conflicts/conflict-rules.js';

export const CASE_TYPES = ['corporate_peer_challenge', 'finance_peer_review', 'fire_and_rescue', 'other'] as const;

export class ConflictQuery {
  @ApiProperty({ example: 'E06000059' })
  @IsString({ message: 'councilGssCode is required' })
  @MaxLength(9, { message: 'councilGssCode must be a GSS code' })
  councilGssCode: string;

  @ApiProperty({ enum: TEAM_ROLES })
  @IsIn(TEAM_ROLES, { message: `role must be one of: ${TEAM_ROLES.join(', ')}` })
  role: TeamRole;

  @ApiPropertyOptional({ enum: CASE_TYPES, default: 'corporate_peer_challenge' })
  @IsOptional()
  @IsIn(CASE_TYPES, { message: `caseType must be one of: ${CASE_TYPES.join(', ')}` })
  caseType: CaseType = 'corporate_peer_challenge';

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'whether it would be the council’s first CPC' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'firstCpc must be true or false' })
  firstCpc?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'the date to check on (default: today)' })
  @IsOptional()
  @IsCalendarDate()
  on?: string;

  @ApiPropertyOptional({ description: 'first day on site of the visit, to check double-booking (with onsiteEnd)' })
  @IsOptional()
  @IsCalendarDate()
  onsiteStart?: string;

  @ApiPropertyOptional({ description: 'last day on site of the visit (with onsiteStart)' })
  @IsOptional()
  @IsCalendarDate()
  onsiteEnd?: string;
}
