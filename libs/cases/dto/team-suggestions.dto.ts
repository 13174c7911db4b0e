import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { TEAM_ROLES, type TeamRole } from '#libs/peers';
import { UUID } from '#libs/platform';

const ROLE_MESSAGE = `role must be one of: ${TEAM_ROLES.join(', ')}`;

/** `GET /cases/:id/team-suggestions`: the best candidates for one role. */
export class TeamSuggestionsQuery {
  @ApiProperty({ enum: TEAM_ROLES })
  @IsIn(TEAM_ROLES, { message: ROLE_MESSAGE })
  role: TeamRole;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 10 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number from 1 to 50' })
  @Min(1, { message: 'limit must be a whole number from 1 to 50' })
  @Max(50, { message: 'limit must be a whole number from 1 to 50' })
  limit: number = 10;
}

/** A peer the manager keeps on the suggested team while another seat is swapped. */
export class KeptPeer {
  @ApiProperty()
  @Matches(UUID, { message: 'peerId must be the id of a peer' })
  peerId: string;

  @ApiProperty({ enum: TEAM_ROLES })
  @IsIn(TEAM_ROLES, { message: ROLE_MESSAGE })
  role: TeamRole;
}

/** `POST /cases/:id/team-suggestions/team`: the best whole team of `size`. */
export class SuggestTeamDto {
  @ApiProperty({ minimum: 2, maximum: 12, example: 5 })
  @IsInt({ message: 'size must be a whole number from 2 to 12' })
  @Min(2, { message: 'size must be a whole number from 2 to 12' })
  @Max(12, { message: 'size must be a whole number from 2 to 12' })
  size: number;

  @ApiPropertyOptional({
    enum: TEAM_ROLES,
    isArray: true,
    description: 'every seat of the team, `size` of them, with one lead officer peer and one lead member peer',
  })
  @IsOptional()
  @IsArray({ message: 'roles must be a list of team roles' })
  @ArrayMaxSize(12, { message: 'roles must list at most 12 seats' })
  @IsIn(TEAM_ROLES, { each: true, message: `each of roles must be one of: ${TEAM_ROLES.join(', ')}` })
  roles?: TeamRole[];

  @ApiPropertyOptional({ type: [KeptPeer], description: 'peers to keep on the team, each in a seat of their role' })
  @IsOptional()
  @IsArray({ message: 'keep must be a list of peers and roles' })
  @ArrayMaxSize(12, { message: 'keep must list at most 12 peers' })
  @ValidateNested({ each: true })
  @Type(() => KeptPeer)
  keep?: KeptPeer[];

  @ApiPropertyOptional({ type: [String], description: 'peers not to suggest (those the manager swapped out)' })
  @IsOptional()
  @IsArray({ message: 'without must be a list of peer ids' })
  @ArrayMaxSize(500, { message: 'without must list at most 500 peers' })
  @Matches(UUID, { each: true, message: 'each of without must be the id of a peer' })
  without?: string[];
}
