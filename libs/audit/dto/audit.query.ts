import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '#libs/platform';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional({ description: "the actor's user id or email" })
  @IsOptional()
  @IsString()
  @MaxLength(320)
  actor?: string;

  @ApiPropertyOptional({ example: 'council' })
  @IsOptional()
  @Matches(/^[a-z_]{1,40}$/, { message: 'entity must be a lower-case word such as case, council, peer or user' })
  entity?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @ApiPropertyOptional({ example: 'council.history.read' })
  @IsOptional()
  @Matches(/^[a-z_.]{1,60}$/, { message: 'action must look like council.history.read' })
  action?: string;

  @ApiPropertyOptional({ description: 'from this date or time (inclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be a date (YYYY-MM-DD) or an ISO 8601 time' })
  from?: string;

  @ApiPropertyOptional({ description: 'up to this date (inclusive) or time (exclusive)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be a date (YYYY-MM-DD) or an ISO 8601 time' })
  to?: string;
}
