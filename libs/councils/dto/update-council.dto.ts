import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsObject,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsOmittable } from '#libs/platform';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class ContactDto {
  @ApiPropertyOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional()
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;
}

/** Admin changes to a council's record. `null` clears a contact or the principal adviser. */
export class UpdateCouncilDto {
  @ApiPropertyOptional({ type: ContactDto, nullable: true })
  @ValidateIf((dto: UpdateCouncilDto) => dto.chiefExecutive !== undefined && dto.chiefExecutive !== null)
  @IsObject({ message: 'chiefExecutive must be { name, email } or null' })
  @ValidateNested()
  @Type(() => ContactDto)
  chiefExecutive?: ContactDto | null;

  @ApiPropertyOptional({ type: ContactDto, nullable: true })
  @ValidateIf((dto: UpdateCouncilDto) => dto.leader !== undefined && dto.leader !== null)
  @IsObject({ message: 'leader must be { name, email } or null' })
  @ValidateNested()
  @Type(() => ContactDto)
  leader?: ContactDto | null;

  @ApiPropertyOptional({ nullable: true, description: 'a user with the principal_adviser role' })
  @ValidateIf((dto: UpdateCouncilDto) => dto.principalAdviserId !== undefined && dto.principalAdviserId !== null)
  @IsUUID('all', { message: 'principalAdviserId must be a user id' })
  principalAdviserId?: string | null;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean({ message: 'nudgesSuppressed must be true or false' })
  nudgesSuppressed?: boolean;
}

export class CouncilNoteDto {
  @ApiPropertyOptional()
  @Transform(trim)
  @IsString({ message: 'text must be a string' })
  @MinLength(1, { message: 'text must not be empty' })
  @MaxLength(5000, { message: 'text must be at most 5000 characters' })
  text: string;

  @ApiPropertyOptional({ description: "For the peer team: the note goes into the team's briefing pack" })
  @IsOmittable()
  @IsBoolean({ message: 'forTeam must be true or false' })
  forTeam?: boolean;
}
