import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseLastEventId } from './driver-events.hub.js';
import { registryTaxiStatusOf, unknownTaxiIndexes } from './registry-taxis.client.js';

describe('the registry taxi answers', () => {
  it('reads the indexes geotaxi names as unknown taxis, and nothing from any other 400', () => {
    const body = {
      errors: {
        data: {
          '0': { positions: { '3': { taxi_id: ['Identifiant de taxi inconnu'] }, '41': { taxi_id: ['Identifiant de taxi inconnu'] } } },
        },
      },
    };
    expect(unknownTaxiIndexes(body).sort((a, b) => a - b)).toEqual([3, 41]);
    expect(unknownTaxiIndexes({ errors: { data: { '0': { positions: ['Up to 50 positions are accepted'] } } } })).toEqual([]);
    expect(unknownTaxiIndexes({ errors: { data: { '0': { positions: { '2': { lat: ['Not a valid number.'] } } } } } })).toEqual([]);
    fc.assert(fc.property(fc.jsonValue(), (value) => Array.isArray(unknownTaxiIndexes(value))));
  });

  it("reads the taxi's status from {data:[{status}]} only", () => {
    expect(registryTaxiStatusOf({ data: [{ status: 'off' }] })).toBe('off');
    expect(registryTaxiStatusOf({ data: [] })).toBeUndefined();
    expect(registryTaxiStatusOf(undefined)).toBeUndefined();
    fc.assert(fc.property(fc.jsonValue(), (value) => ['string', 'undefined'].includes(typeof registryTaxiStatusOf(value))));
  });

  it('parses Last-Event-ID as <digits>.<digits> and nothing else', () => {
    expect(parseLastEventId(undefined)).toBeNull();
    expect(parseLastEventId('12.7')).toEqual({ transition: 12, status: 7 });
    fc.assert(
      fc.property(fc.nat(), fc.nat(), (t, s) => {
        expect(parseLastEventId(`${t}.${s}`)).toEqual({ transition: t, status: s });
      }),
    );
    fc.assert(
      fc.property(
        fc.string().filter((value) => value !== '' && !/^\d{1,15}\.\d{1,15}$/.test(value)),
        (value) => parseLastEventId(value) === 'invalid',
      ),
    );
  });
});
