import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/** Registers a taxi of the fleet under the registry's id for it. */
export class CreateTaxiDto {
  @ApiProperty({ example: 'kF9XkQ2', description: "The registry's taxi id" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  id: string;

  @ApiProperty({ example: '0612345678', description: 'Given to the registry (and so the customer) when the taxi accepts' })
  @IsString()
  @Matches(/^\+?[0-9][0-9 .-]{3,30}$/, { message: 'phone_number must be a phone number' })
  phone_number: string;

  @ApiPropertyOptional({ example: 'Jeanne Martin' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  driver_name?: string;

  @ApiPropertyOptional({ example: 'AB-123-CD' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  licence_plate?: string;
}
