import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateIf } from 'class-validator';
import {
  FORM_FACTORS,
  type FormFactor,
  isMotorised,
  PROPULSION_TYPES,
  type PropulsionType,
  type VehicleType,
} from '../vehicle-type.entity.js';

const RANGE_MESSAGE = 'max_range_meters must be a number above 0 and at most 10000000';

/** A vehicle type as an admin writes it (POST creates, PUT replaces). */
export class VehicleTypeInputDto {
  @ApiProperty({ example: 'E-bike', maxLength: 200 })
  @IsString({ message: 'name must be a string' })
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name: string;

  @ApiProperty({ enum: FORM_FACTORS, example: 'bicycle' })
  @IsIn(FORM_FACTORS, { message: `form_factor must be one of ${FORM_FACTORS.join(', ')}` })
  form_factor: FormFactor;

  @ApiProperty({ enum: PROPULSION_TYPES, example: 'electric_assist' })
  @IsIn(PROPULSION_TYPES, { message: `propulsion_type must be one of ${PROPULSION_TYPES.join(', ')}` })
  propulsion_type: PropulsionType;

  @ApiPropertyOptional({
    example: 60000,
    description: 'range on a full battery or tank in metres: required unless propulsion_type is human',
  })
  @ValidateIf((dto: VehicleTypeInputDto) => dto.max_range_meters !== undefined || isMotorised(dto.propulsion_type))
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: RANGE_MESSAGE })
  @Min(0.001, { message: RANGE_MESSAGE })
  @Max(10_000_000, { message: RANGE_MESSAGE })
  max_range_meters?: number;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String, description: 'the plan its trips are priced with' })
  @IsOptional()
  @IsUUID('all', { message: 'default_pricing_plan_id must be a UUID' })
  default_pricing_plan_id?: string | null;
}

export class VehicleTypeView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: FORM_FACTORS })
  form_factor: FormFactor;

  @ApiProperty({ enum: PROPULSION_TYPES })
  propulsion_type: PropulsionType;

  @ApiProperty({ nullable: true, type: Number })
  max_range_meters: number | null;

  @ApiProperty({ format: 'uuid', nullable: true, type: String })
  default_pricing_plan_id: string | null;

  @ApiProperty({ format: 'date-time' })
  updated_at: string;
}

export function toVehicleTypeView(type: VehicleType): VehicleTypeView {
  return {
    id: type.id,
    name: type.name,
    form_factor: type.formFactor,
    propulsion_type: type.propulsionType,
    max_range_meters: type.maxRangeMeters,
    default_pricing_plan_id: type.defaultPricingPlanId,
    updated_at: type.updatedAt.toISOString(),
  };
}
