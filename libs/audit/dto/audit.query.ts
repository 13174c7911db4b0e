import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsDateOrTime, PageQuery } from '#libs/platform';

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
  @IsDateOrTime()
  from?: string;

  @ApiPropertyOptional({ description: 'up to this date (inclusive) or time (exclusive)' })
  @IsOptional()
  @IsDateOrTime()
  to?: string;
}
