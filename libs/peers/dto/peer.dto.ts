import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsCalendarDate, IsOmittable, PageQuery } from '#libs/platform';
import type { PeerKind, PeerRole } from '../conflicts/conflict-rules.js';
import { PEER_KINDS, PEER_ROLES, POLITICAL_GROUPS, type PoliticalGroup } from '../peer.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const tags = ({ value }: { value: unknown }) =>
  Array.isArray(value) ? value.map((tag) => (typeof tag === 'string' ? tag.trim().toLowerCase() : tag)) : value;

export class CreatePeerDto {
  @ApiProperty()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name: string;

  @ApiProperty()
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @ApiProperty({ enum: PEER_KINDS })
  @IsIn(PEER_KINDS, { message: `kind must be one of: ${PEER_KINDS.join(', ')}` })
  kind: PeerKind;

  @ApiPropertyOptional({ example: 'E07000223' })
  @IsOptional()
  @IsString()
  @MaxLength(9, { message: 'homeCouncilGssCode must be a GSS code' })
  homeCouncilGssCode?: string;

  @ApiPropertyOptional({ enum: POLITICAL_GROUPS, description: 'member peers only' })
  @IsOptional()
  @IsIn(POLITICAL_GROUPS, { message: `politicalGroup must be one of: ${POLITICAL_GROUPS.join(', ')}` })
  politicalGroup?: PoliticalGroup;

  @ApiPropertyOptional({ enum: PEER_ROLES })
  @IsOptional()
  @IsIn(PEER_ROLES, { message: `role must be one of: ${PEER_ROLES.join(', ')}` })
  role?: PeerRole;

  @ApiProperty({ example: ['finance', 'housing'], description: 'free tags; `finance` marks finance expertise' })
  @Transform(tags)
  @IsArray({ message: 'expertise must be a list of tags' })
  @ArrayMaxSize(30)
  @Matches(/^[a-z0-9][a-z0-9 _-]{0,39}$/, {
    each: true,
    message: 'each expertise tag must be 1-40 letters, digits, spaces, - or _',
  })
  expertise: string[];

  @ApiPropertyOptional({ example: '2024-09-12' })
  @IsOptional()
  @IsCalendarDate()
  trainedOn?: string;
}

/**
 * A change to a peer: any field may be left out; null clears the home council, political group, role and training
 * date, and is refused for the rest.
 */
export class UpdatePeerDto extends PartialType(CreatePeerDto, { skipNullProperties: false }) {
  @ApiPropertyOptional({ description: 'false takes the peer out of the pool' })
  @IsOmittable()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({ example: 'E07000223', nullable: true })
  @IsOptional()
  declare homeCouncilGssCode?: string;

  @ApiPropertyOptional({ enum: POLITICAL_GROUPS, nullable: true })
  @IsOptional()
  declare politicalGroup?: PoliticalGroup;

  @ApiPropertyOptional({ enum: PEER_ROLES, nullable: true })
  @IsOptional()
  declare role?: PeerRole;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  declare trainedOn?: string;
}

export class ListPeersQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'part of the name or email' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ example: 'finance' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @IsString()
  @MaxLength(40)
  expertise?: string;

  @ApiPropertyOptional({ enum: PEER_KINDS })
  @IsOptional()
  @IsIn(PEER_KINDS, { message: `kind must be one of: ${PEER_KINDS.join(', ')}` })
  kind?: PeerKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(9)
  homeCouncilGssCode?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'active must be true or false' })
  active?: 'true' | 'false';
}
