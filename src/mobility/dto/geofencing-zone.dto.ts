import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { NestedObject, WhenPresent } from '../../common/input/dto-rules.js';
import type { GeoJsonMultiPolygon } from '../geofencing-geometry.js';
import type { GeofencingRule, GeofencingZone } from '../geofencing-zone.entity.js';
import type { GlobalRules } from '../geofencing-zones.service.js';
import { IsGeoJsonMultiPolygon } from '../geojson-multipolygon.validator.js';

/** RFC 3339 with its offset: a time without one would be read in some host's local time. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const RFC3339_MESSAGE = (field: string) => `${field} must be an RFC 3339 date-time with its offset (2026-12-01T10:00:00Z)`;

/** One GBFS 3.0 rule, as the feed publishes it. */
export class GeofencingRuleDto implements GeofencingRule {
  @ApiPropertyOptional({
    type: [String],
    description: 'vehicle_type_id values the rule applies to (ids as given, no foreign key); absent: every vehicle',
    example: ['ebike'],
  })
  @IsOptional()
  @IsArray({ message: 'vehicle_type_ids must be an array of vehicle_type_id strings' })
  @ArrayMinSize(1, { message: 'vehicle_type_ids must not be empty: leave it out for a rule on every vehicle' })
  @ArrayMaxSize(50)
  @ArrayUnique({ message: 'vehicle_type_ids must not repeat an id' })
  @IsString({ each: true, message: 'each vehicle_type_id must be a string' })
  @Length(1, 100, { each: true, message: 'each vehicle_type_id must be 1 to 100 characters' })
  vehicle_type_ids?: string[];

  @ApiProperty()
  @IsBoolean({ message: 'ride_start_allowed must be a boolean' })
  ride_start_allowed: boolean;

  @ApiProperty()
  @IsBoolean({ message: 'ride_end_allowed must be a boolean' })
  ride_end_allowed: boolean;

  @ApiProperty()
  @IsBoolean({ message: 'ride_through_allowed must be a boolean' })
  ride_through_allowed: boolean;

  @ApiPropertyOptional({ minimum: 0, maximum: 200 })
  @IsOptional()
  @IsInt({ message: 'maximum_speed_kph must be an integer' })
  @Min(0)
  @Max(200)
  maximum_speed_kph?: number;
}

export class CreateGeofencingZoneDto {
  @ApiProperty({ example: 'Parvis Notre-Dame: no parking', minLength: 1, maxLength: 200 })
  @IsString({ message: 'name must be a string' })
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name: string;

  @ApiProperty({
    description: 'GeoJSON MultiPolygon, [lon, lat] positions, closed rings (exterior then holes); at most 100 polygons, 10,000 positions',
    example: {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [2.348, 48.852],
            [2.352, 48.852],
            [2.352, 48.854],
            [2.348, 48.854],
            [2.348, 48.852],
          ],
        ],
      ],
    },
  })
  @IsGeoJsonMultiPolygon()
  geometry: GeoJsonMultiPolygon;

  @ApiProperty({ type: [GeofencingRuleDto], description: 'GBFS rules; where several apply to a vehicle, the first wins' })
  @IsArray({ message: 'rules must be an array of rules' })
  @ArrayMinSize(1, { message: 'rules must hold at least one rule' })
  @ArrayMaxSize(20)
  @NestedObject(() => GeofencingRuleDto, { each: true })
  rules: GeofencingRuleDto[];

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String, description: 'the zone holds from then on (absent: always)' })
  @IsOptional()
  @Matches(RFC3339, { message: RFC3339_MESSAGE('start') })
  start?: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String, description: 'the zone holds until then (absent: for ever)' })
  @IsOptional()
  @Matches(RFC3339, { message: RFC3339_MESSAGE('end') })
  end?: string | null;
}

/** A change to a zone: any of its fields; `start` / `end` null clears them. */
export class UpdateGeofencingZoneDto {
  @ApiPropertyOptional({ example: 'Parvis Notre-Dame: no parking' })
  @WhenPresent()
  @IsString({ message: 'name must be a string' })
  @Length(1, 200, { message: 'name must be 1 to 200 characters' })
  name?: string;

  @ApiPropertyOptional({ description: 'GeoJSON MultiPolygon (replaces the shape)' })
  @WhenPresent()
  @IsGeoJsonMultiPolygon()
  geometry?: GeoJsonMultiPolygon;

  @ApiPropertyOptional({ type: [GeofencingRuleDto], description: 'replaces the rules' })
  @WhenPresent()
  @IsArray({ message: 'rules must be an array of rules' })
  @ArrayMinSize(1, { message: 'rules must hold at least one rule' })
  @ArrayMaxSize(20)
  @NestedObject(() => GeofencingRuleDto, { each: true })
  rules?: GeofencingRuleDto[];

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String, description: 'null: always held from the start' })
  @IsOptional()
  @Matches(RFC3339, { message: RFC3339_MESSAGE('start') })
  start?: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String, description: 'null: held for ever' })
  @IsOptional()
  @Matches(RFC3339, { message: RFC3339_MESSAGE('end') })
  end?: string | null;
}

/** A zone as the admin API shows it. */
export class GeofencingZoneView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ description: 'GeoJSON MultiPolygon, under the right-hand rule (exteriors counterclockwise)' })
  geometry: GeoJsonMultiPolygon;

  @ApiProperty({ type: [GeofencingRuleDto] })
  rules: GeofencingRule[];

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  start: string | null;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  end: string | null;

  @ApiProperty({ format: 'date-time' })
  created_at: string;

  @ApiProperty({ format: 'date-time' })
  updated_at: string;
}

export function toGeofencingZoneView(zone: GeofencingZone): GeofencingZoneView {
  return {
    id: zone.id,
    name: zone.name,
    geometry: zone.geometry,
    rules: zone.rules,
    start: zone.startsAt?.toISOString() ?? null,
    end: zone.endsAt?.toISOString() ?? null,
    created_at: zone.createdAt.toISOString(),
    updated_at: zone.updatedAt.toISOString(),
  };
}

/** The system's global rules, replaced whole: they hold where no zone has a rule for the vehicle. */
export class GeofencingGlobalRulesDto {
  @ApiProperty({
    type: [GeofencingRuleDto],
    description: 'GBFS global rules; where several apply to a vehicle, the first wins; [] clears them (everything allowed outside zones)',
    example: [{ ride_start_allowed: false, ride_end_allowed: false, ride_through_allowed: true }],
  })
  @IsArray({ message: 'rules must be an array of rules' })
  @ArrayMaxSize(20)
  @NestedObject(() => GeofencingRuleDto, { each: true })
  rules: GeofencingRuleDto[];
}

export class GeofencingGlobalRulesView {
  @ApiProperty({ type: [GeofencingRuleDto] })
  rules: GeofencingRule[];

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'null: never set' })
  updated_at: string | null;
}

export function toGeofencingGlobalRulesView(global: GlobalRules): GeofencingGlobalRulesView {
  return { rules: global.rules, updated_at: global.updatedAt?.toISOString() ?? null };
}
