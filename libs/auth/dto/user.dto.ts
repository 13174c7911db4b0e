import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { IsOmittable, PageQuery } from '#libs/platform';
import { REGIONS, type Region } from '#libs/councils';
import { PASSWORD_MAX_LENGTH } from '../passwords.js';
import { ROLES, type Role } from '../roles.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateUserDto {
  @ApiProperty()
  @Transform(trim)
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({
    minLength: 12,
    description:
      'For scripts that set up an installation. Left out, as the web does, the user is emailed an invitation ' +
      'to choose their own password.',
  })
  @IsOmittable()
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;

  @ApiProperty({ enum: ROLES, isArray: true })
  @IsArray()
  @ArrayMinSize(1, { message: 'roles must name at least one role' })
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: `each role must be one of: ${ROLES.join(', ')}` })
  roles: Role[];

  @ApiPropertyOptional({ enum: REGIONS, description: 'required for a principal adviser' })
  @ValidateIf((dto: CreateUserDto) => dto.region !== undefined || dto.roles?.includes?.('principal_adviser'))
  @IsIn(REGIONS, { message: `region must be one of: ${REGIONS.join(', ')} (a principal adviser needs one)` })
  region?: Region;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @Transform(trim)
  @IsString()
  @MinLength(1, { message: 'name must not be empty' })
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: ROLES, isArray: true })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1, { message: 'roles must name at least one role' })
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  @IsIn(ROLES, { each: true, message: `each role must be one of: ${ROLES.join(', ')}` })
  roles?: Role[];

  @ApiPropertyOptional({ enum: REGIONS, nullable: true })
  @ValidateIf((dto: UpdateUserDto) => dto.region !== undefined && dto.region !== null)
  @IsIn(REGIONS, { message: `region must be one of: ${REGIONS.join(', ')}` })
  region?: Region | null;

  @ApiPropertyOptional({ description: 'false deactivates the user and ends their sessions' })
  @IsOmittable()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: `role must be one of: ${ROLES.join(', ')}` })
  role?: Role;

  @ApiPropertyOptional({ enum: REGIONS })
  @IsOptional()
  @IsIn(REGIONS, { message: `region must be one of: ${REGIONS.join(', ')}` })
  region?: Region;

  @ApiPropertyOptional()
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'active must be true or false' })
  active?: 'true' | 'false';
}

export class LoginDto {
  @ApiProperty()
  @IsString({ message: 'email must be a string' })
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString({ message: 'password must be a string' })
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;

  @ApiPropertyOptional({
    description: "The 6-digit code of the account's authenticator app, where it has a second factor",
    example: '123456',
  })
  @IsOptional()
  @IsString({ message: 'code must be a string' })
  @MaxLength(12)
  code?: string;
}

export class TwoFactorCodeDto {
  @ApiProperty({ description: 'The 6-digit code the authenticator app shows now', example: '123456' })
  @IsString({ message: 'code must be a string' })
  @MaxLength(12)
  code: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString({ message: 'currentPassword must be a string' })
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @ApiProperty({ minLength: 12 })
  @IsString({ message: 'newPassword must be a string' })
  @MaxLength(PASSWORD_MAX_LENGTH)
  newPassword: string;
}

export class PasswordResetRequestDto {
  @ApiProperty()
  @IsString({ message: 'email must be a string' })
  @MaxLength(320)
  email: string;
}

export class PasswordResetDto {
  @ApiProperty({ description: 'The token of the emailed link' })
  @IsString({ message: 'token must be a string' })
  @MaxLength(100)
  token: string;

  @ApiProperty({ minLength: 12 })
  @IsString({ message: 'password must be a string' })
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}
