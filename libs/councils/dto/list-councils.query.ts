import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { UUID, IsCalendarDate, PageQuery } from '#libs/platform';
import { TAKE_UP_STATUSES, type TakeUpStatus } from '../councils.service.js';
import { COUNCIL_TYPES, REGIONS, type CouncilType, type Region } from '../council.entity.js';

export class ListCouncilsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: REGIONS })
  @IsOptional()
  @IsIn(REGIONS, { message: `region must be one of: ${REGIONS.join(', ')}` })
  region?: Region;

  @ApiPropertyOptional({ enum: COUNCIL_TYPES })
  @IsOptional()
  @IsIn(COUNCIL_TYPES, { message: `type must be one of: ${COUNCIL_TYPES.join(', ')}` })
  type?: CouncilType;

  @ApiPropertyOptional({ description: 'part of the name, or a GSS code' })
  @IsOptional()
  @IsString()
  @MaxLength(100, { message: 'q must be at most 100 characters' })
  q?: string;

  @ApiPropertyOptional({ enum: TAKE_UP_STATUSES })
  @IsOptional()
  @IsIn(TAKE_UP_STATUSES, { message: `takeUp must be one of: ${TAKE_UP_STATUSES.join(', ')}` })
  takeUp?: TakeUpStatus;

  @ApiPropertyOptional({ description: 'the principal adviser assigned to the council' })
  @IsOptional()
  @Matches(UUID, {
    message: 'principalAdviserId must be the id of a user',
  })
  principalAdviserId?: string;

  @ApiPropertyOptional({
    enum: ['true', 'false'],
    description: 'true: only councils that exist on asOf; false: only those abolished by then; absent: both',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'existing must be true or false' })
  existing?: 'true' | 'false';

  @ApiPropertyOptional({ description: 'the date take-up is reckoned on (default today)' })
  @IsOptional()
  @IsCalendarDate()
  asOf?: string;
}
