import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';
import { NestedObject } from '../../common/input/dto-rules.js';
import type { PricingPlan, PricingSegment } from '../pricing-plan.entity.js';

const UNITS_MESSAGE = (field: string) => `${field} must be an integer from 0 to 1000000`;

/** A GBFS rate segment: `rate` for every `interval` begun from `start` (until `end`); interval 0: once. */
export class PricingSegmentDto {
  @ApiProperty({ minimum: 0, example: 0, description: 'minutes (or km) after which the segment applies' })
  @IsInt({ message: UNITS_MESSAGE('start') })
  @Min(0, { message: UNITS_MESSAGE('start') })
  @Max(1_000_000, { message: UNITS_MESSAGE('start') })
  start: number;

  @ApiProperty({ example: 0.15, description: 'charged per interval begun; negative: a discount' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'rate must be a number from -10000 to 10000' })
  @Min(-10_000, { message: 'rate must be a number from -10000 to 10000' })
  @Max(10_000, { message: 'rate must be a number from -10000 to 10000' })
  rate: number;

  @ApiProperty({ minimum: 0, example: 1, description: '0 charges the rate once' })
  @IsInt({ message: UNITS_MESSAGE('interval') })
  @Min(0, { message: UNITS_MESSAGE('interval') })
  @Max(1_000_000, { message: UNITS_MESSAGE('interval') })
  interval: number;

  @ApiPropertyOptional({ minimum: 0, example: 10, description: 'where the segment stops applying (above start)' })
  @IsOptional()
  @IsInt({ message: UNITS_MESSAGE('end') })
  @Min(0, { message: UNITS_MESSAGE('end') })
  @Max(1_000_000, { message: UNITS_MESSAGE('end') })
  end?: number;
}

const SEGMENTS_MESSAGE = (field: string) => `${field} must be an array of at most 20 segments`;

/** A pricing plan as an admin writes it (POST creates, PUT replaces). */
export class PricingPlanInputDto {
  @ApiProperty({ example: 'E-bike standard', maxLength: 200 })
  @IsString({ message: 'name must be a string' })
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name: string;

  @ApiProperty({ example: '1 EUR to unlock, then 0.15 EUR a minute', maxLength: 1000 })
  @IsString({ message: 'description must be a string' })
  @Length(1, 1000, { message: 'description must be 1 to 1000 characters' })
  description: string;

  @ApiProperty({ example: 'EUR', description: 'ISO 4217 code' })
  @IsString({ message: 'currency must be a 3-letter ISO 4217 code such as EUR' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be a 3-letter ISO 4217 code such as EUR' })
  currency: string;

  @ApiProperty({ minimum: 0, example: 1, description: 'the fixed part of every trip' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'price must be a number from 0 to 10000' })
  @Min(0, { message: 'price must be a number from 0 to 10000' })
  @Max(10_000, { message: 'price must be a number from 0 to 10000' })
  price: number;

  @ApiProperty({ example: true })
  @IsBoolean({ message: 'is_taxable must be a boolean' })
  is_taxable: boolean;

  @ApiPropertyOptional({ type: [PricingSegmentDto], description: 'by elapsed minutes (default none)' })
  @ValidateIf((_dto, value) => value !== undefined)
  @IsArray({ message: SEGMENTS_MESSAGE('per_min_pricing') })
  @ArrayMaxSize(20, { message: SEGMENTS_MESSAGE('per_min_pricing') })
  @NestedObject(() => PricingSegmentDto, { each: true })
  per_min_pricing?: PricingSegmentDto[];

  @ApiPropertyOptional({ type: [PricingSegmentDto], description: 'by distance in km (default none)' })
  @ValidateIf((_dto, value) => value !== undefined)
  @IsArray({ message: SEGMENTS_MESSAGE('per_km_pricing') })
  @ArrayMaxSize(20, { message: SEGMENTS_MESSAGE('per_km_pricing') })
  @NestedObject(() => PricingSegmentDto, { each: true })
  per_km_pricing?: PricingSegmentDto[];
}

export class PricingPlanView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ example: 'EUR' })
  currency: string;

  @ApiProperty()
  price: number;

  @ApiProperty()
  is_taxable: boolean;

  @ApiProperty({ type: [PricingSegmentDto] })
  per_min_pricing: PricingSegment[];

  @ApiProperty({ type: [PricingSegmentDto] })
  per_km_pricing: PricingSegment[];

  @ApiProperty({ format: 'date-time' })
  updated_at: string;
}

export function toPricingPlanView(plan: PricingPlan): PricingPlanView {
  return {
    id: plan.id,
    name: plan.name,
    description: plan.description,
    currency: plan.currency,
    price: plan.price,
    is_taxable: plan.isTaxable,
    per_min_pricing: plan.perMinPricing,
    per_km_pricing: plan.perKmPricing,
    updated_at: plan.updatedAt.toISOString(),
  };
}
