import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { IsCalendarDate } from '#libs/platform';

/** A period the peer cannot serve, both days included. */
export class CreateUnavailabilityDto {
  @ApiProperty({ example: '2027-04-01' })
  @IsCalendarDate()
  from: string;

  @ApiProperty({ example: '2027-04-14' })
  @IsCalendarDate()
  to: string;

  @ApiPropertyOptional({ example: 'Annual leave', description: 'seen by managers on the peer page, never by councils' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(500)
  reason?: string;
}
