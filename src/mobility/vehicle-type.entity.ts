import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { columnTypes } from '../database/column-types.js';
import { PricingPlan } from './pricing-plan.entity.js';

/** GBFS 3.0 `form_factor` values. */
export const FORM_FACTORS = ['bicycle', 'cargo_bicycle', 'car', 'moped', 'scooter_standing', 'scooter_seated', 'other'] as const;
export type FormFactor = (typeof FORM_FACTORS)[number];

/** GBFS 3.0 `propulsion_type` values; every one but `human` is motorised (a battery or a tank). */
export const PROPULSION_TYPES = [
  'human',
  'electric_assist',
  'electric',
  'combustion',
  'combustion_diesel',
  'hybrid',
  'plug_in_hybrid',
  'hydrogen_fuel_cell',
] as const;
export type PropulsionType = (typeof PROPULSION_TYPES)[number];

export const isMotorised = (propulsion: PropulsionType): boolean => propulsion !== 'human';

/** The type the migration gives every bike that existed before types did: a plain bicycle. */
export const DEFAULT_VEHICLE_TYPE_ID = '00000000-0000-4000-8000-000000000001';

/** A kind of vehicle of the fleet (GBFS `vehicle_types.json`); every bike has one. */
@Entity('vehicle_types')
export class VehicleType {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'form_factor', type: 'varchar', length: 30 })
  formFactor: FormFactor;

  @Column({ name: 'propulsion_type', type: 'varchar', length: 30 })
  propulsionType: PropulsionType;

  /** Range on a full charge or tank: GBFS requires it for motorised types (the service does too). */
  @Column({ name: 'max_range_meters', type: 'double precision', nullable: true })
  maxRangeMeters: number | null;

  @Column({ name: 'default_pricing_plan_id', type: 'uuid', nullable: true })
  defaultPricingPlanId: string | null;

  @ManyToOne(() => PricingPlan, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'default_pricing_plan_id' })
  defaultPricingPlan?: Relation<PricingPlan>;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;

  @Column({ name: 'updated_at', type: columnTypes.timestamp })
  updatedAt: Date;
}
