import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsNotEmpty, IsNotIn, IsNumber, IsString, Max, MaxLength, Min } from 'class-validator';
import { NestedObject } from '../../common/input/dto-rules.js';

export class HailTaxiRefDto {
  @ApiProperty({ example: 'kF9XkQ2', description: "The registry's taxi id" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  id: string;
}

/**
 * One hail as the registry posts it. Only the six fields we need are validated; every other field
 * the registry sends (and it sends many, more over time) is ignored rather than refused.
 */
export class RegistryHailDto {
  @ApiProperty({ example: '3f2a9c1', description: "The registry's hail id" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  // The id becomes a path segment of our calls to the registry (PUT /hails/:id).
  @IsNotIn(['.', '..'], { message: 'id must not be "." or ".."' })
  id: string;

  @ApiProperty({ type: HailTaxiRefDto })
  @NestedObject(() => HailTaxiRefDto)
  taxi: HailTaxiRefDto;

  @ApiProperty({ example: 2.35 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  customer_lon: number;

  @ApiProperty({ example: 48.86 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  customer_lat: number;

  @ApiProperty({ example: '25 rue Quincampoix 75004 Paris' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  customer_address: string;

  @ApiProperty({ example: '0600000000', description: 'Masked by the registry at this stage' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  customer_phone_number: string;
}

/** The registry's hail webhook body: `{"data":[hail]}`, exactly one hail. */
export class CreateHailDto {
  @ApiProperty({ type: [RegistryHailDto], minItems: 1, maxItems: 1 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1)
  @NestedObject(() => RegistryHailDto, { each: true })
  data: RegistryHailDto[];
}
