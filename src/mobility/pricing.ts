import type { PricingPlan, PricingSegment } from './pricing-plan.entity.js';

/**
 * The price of a trip under a GBFS 3.0 plan, by the rules the feed publishes (gbfs.md v3.0,
 * `system_pricing_plans.json`): the plan's `price` (the fixed part), plus for every segment of
 * `per_min_pricing` (elapsed minutes) and `per_km_pricing` (distance in km) its `rate` once per
 * `interval` begun between `start` and `end` (or the trip's end); an `interval` of 0 charges the
 * rate once, as soon as the trip goes past `start`. A trip exactly at a segment's `start` has not
 * entered it. Segments add up (they may overlap; a negative rate is a discount), and the total is
 * never below zero, rounded to the currency's cents.
 */
export function segmentCharge(segment: PricingSegment, amount: number): number {
  const reached = Math.min(amount, segment.end ?? Infinity);
  if (!(reached > segment.start)) return 0;
  if (segment.interval === 0) return segment.rate;
  // The epsilon keeps 3 minutes from counting as 3.0000000001 intervals of one minute.
  return segment.rate * Math.ceil((reached - segment.start) / segment.interval - 1e-9);
}

export interface TripMeasure {
  durationS: number;
  distanceM: number;
}

export function tripPrice(plan: Pick<PricingPlan, 'price' | 'perMinPricing' | 'perKmPricing'>, trip: TripMeasure): number {
  const minutes = trip.durationS / 60;
  const km = trip.distanceM / 1000;
  let total = plan.price;
  for (const segment of plan.perMinPricing) total += segmentCharge(segment, minutes);
  for (const segment of plan.perKmPricing) total += segmentCharge(segment, km);
  return Math.max(0, Math.round(total * 100) / 100);
}
