import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { segmentCharge, tripPrice } from './pricing.js';

const plan = (
  price: number,
  perMin: Array<{ start: number; rate: number; interval: number; end?: number }>,
  perKm: typeof perMin = [],
) => ({
  price,
  perMinPricing: perMin,
  perKmPricing: perKm,
});

describe('GBFS pricing (the rules the feed publishes and trips are charged by)', () => {
  it('charges the rate for every interval begun after start, until end', () => {
    expect(segmentCharge({ start: 0, rate: 0.25, interval: 1 }, 0)).toBe(0);
    expect(segmentCharge({ start: 0, rate: 0.25, interval: 1 }, 0.1)).toBe(0.25);
    expect(segmentCharge({ start: 0, rate: 0.25, interval: 1 }, 3)).toBe(0.75);
    expect(segmentCharge({ start: 0, rate: 0.25, interval: 1 }, 3.01)).toBe(1);
    expect(segmentCharge({ start: 10, rate: 1, interval: 5 }, 10)).toBe(0);
    expect(segmentCharge({ start: 10, rate: 1, interval: 5 }, 16)).toBe(2);
    expect(segmentCharge({ start: 0, rate: 1, interval: 1, end: 10 }, 25)).toBe(10);
    expect(segmentCharge({ start: 0, rate: 2, interval: 0 }, 0.5)).toBe(2);
    expect(segmentCharge({ start: 0, rate: 2, interval: 0 }, 500)).toBe(2);
  });

  it('adds the fixed price and both rates: the GBFS "2 to unlock, 0.15/min for 10 min then 0.30/min" example', () => {
    const p = plan(2, [
      { start: 0, rate: 0.15, interval: 1, end: 10 },
      { start: 10, rate: 0.3, interval: 1 },
    ]);
    expect(tripPrice(p, { durationS: 0, distanceM: 0 })).toBe(2);
    expect(tripPrice(p, { durationS: 5 * 60, distanceM: 0 })).toBe(2.75);
    expect(tripPrice(p, { durationS: 12 * 60 + 1, distanceM: 0 })).toBe(2 + 1.5 + 0.9);
    expect(tripPrice(plan(0, [], [{ start: 0, rate: 0.5, interval: 1 }]), { durationS: 60, distanceM: 2500 })).toBe(1.5);
  });

  it('never goes below zero, never decreases with time under non-negative rates, and is in cents', () => {
    const segment = fc.record({
      start: fc.integer({ min: 0, max: 60 }),
      rate: fc.double({ min: 0, max: 5, noNaN: true }),
      interval: fc.integer({ min: 0, max: 10 }),
    });
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.array(segment, { maxLength: 4 }),
        fc.nat(7200),
        fc.nat(600),
        (price, segments, s, more) => {
          const p = plan(price, segments);
          const shorter = tripPrice(p, { durationS: s, distanceM: 0 });
          const longer = tripPrice(p, { durationS: s + more, distanceM: 0 });
          expect(shorter).toBeGreaterThanOrEqual(0);
          expect(longer).toBeGreaterThanOrEqual(shorter);
          expect(Math.round(longer * 100) / 100).toBe(longer);
        },
      ),
    );
    expect(tripPrice(plan(1, [{ start: 0, rate: -5, interval: 0 }]), { durationS: 60, distanceM: 0 })).toBe(0);
  });
});
