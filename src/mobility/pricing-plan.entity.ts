import { Column, Entity, PrimaryColumn } from 'typeorm';
import { columnTypes } from '../database/column-types.js';

/**
 * One segment of a GBFS 3.0 rate (`per_min_pricing` / `per_km_pricing`): from `start` units on
 * (and until `end`, when set), `rate` is charged for every `interval` units begun; `interval` 0
 * charges it once. See `pricing.ts` for the one computation the feed's plans and trip prices share.
 */
export interface PricingSegment {
  start: number;
  rate: number;
  interval: number;
  end?: number;
}

/** A pricing plan as GBFS 3.0 `system_pricing_plans.json` publishes it (texts in GBFS_LANGUAGE). */
@Entity('pricing_plans')
export class PricingPlan {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 1000 })
  description: string;

  /** ISO 4217 code, upper case. */
  @Column({ type: 'varchar', length: 3 })
  currency: string;

  /** The fixed part, charged on every trip (GBFS `price`), in the currency's units. */
  @Column({ type: 'double precision' })
  price: number;

  @Column({ name: 'is_taxable', type: 'boolean' })
  isTaxable: boolean;

  @Column({ name: 'per_min_pricing', type: columnTypes.json })
  perMinPricing: PricingSegment[];

  @Column({ name: 'per_km_pricing', type: columnTypes.json })
  perKmPricing: PricingSegment[];

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;

  @Column({ name: 'updated_at', type: columnTypes.timestamp })
  updatedAt: Date;
}
