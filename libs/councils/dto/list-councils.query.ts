import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '#libs/platform';
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
}
