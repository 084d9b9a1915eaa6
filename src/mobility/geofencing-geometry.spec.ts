import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  boundingBoxOf,
  type GeoJsonMultiPolygon,
  type LinearRing,
  multiPolygonContains,
  multiPolygonProblem,
  withRightHandRule,
} from './geofencing-geometry.js';

/** A closed counterclockwise rectangle. */
const rectangle = (minLon: number, minLat: number, maxLon: number, maxLat: number): LinearRing => [
  [minLon, minLat],
  [maxLon, minLat],
  [maxLon, maxLat],
  [minLon, maxLat],
  [minLon, minLat],
];
const shape = (...polygons: LinearRing[][]): GeoJsonMultiPolygon => ({ type: 'MultiPolygon', coordinates: polygons });
const signedArea = (ring: LinearRing) => ring.slice(1).reduce((sum, [lon, lat], i) => sum + ring[i][0] * lat - lon * ring[i][1], 0);

/** A rectangle with a rectangular hole, and a point drawn anywhere around it. */
const framedPoint = fc.record({
  lon: fc.double({ min: -10, max: 10, noNaN: true }),
  lat: fc.double({ min: -10, max: 10, noNaN: true }),
  outer: fc.double({ min: 2, max: 5, noNaN: true }),
  inner: fc.double({ min: 0.1, max: 1.9, noNaN: true }),
  dx: fc.double({ min: -6, max: 6, noNaN: true }),
  dy: fc.double({ min: -6, max: 6, noNaN: true }),
});

describe('geofencing geometry', () => {
  it('a point is in a polygon with a hole exactly when it is in the exterior box and not in the hole box', () => {
    fc.assert(
      fc.property(framedPoint, ({ lon, lat, outer, inner, dx, dy }) => {
        const exterior = rectangle(lon - outer, lat - outer, lon + outer, lat + outer);
        const hole = rectangle(lon - inner, lat - inner, lon + inner, lat + inner);
        const point = { lon: lon + dx, lat: lat + dy };
        // Points on an edge may fall either way: keep clear of them.
        const near = (value: number, edge: number) => Math.abs(Math.abs(value) - edge) < 1e-9;
        fc.pre(![dx, dy].some((d) => near(d, outer) || near(d, inner)));
        const inExterior = Math.abs(dx) < outer && Math.abs(dy) < outer;
        const inHole = Math.abs(dx) < inner && Math.abs(dy) < inner;
        expect(multiPolygonContains(shape([exterior, hole]), point)).toBe(inExterior && !inHole);
        // Winding does not change containment, and a second polygon adds its own area.
        expect(multiPolygonContains(withRightHandRule(shape([[...exterior].reverse(), hole])), point)).toBe(inExterior && !inHole);
        expect(multiPolygonContains(shape([exterior, hole], [hole]), point)).toBe(inExterior);
      }),
    );
  });

  it('rewinds exteriors counterclockwise and holes clockwise, keeping every position', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), (reverseExterior, reverseHole) => {
        const exterior = rectangle(0, 0, 4, 4);
        const hole = rectangle(1, 1, 2, 2);
        const given = shape([reverseExterior ? [...exterior].reverse() : exterior, reverseHole ? [...hole].reverse() : hole]);
        const [[outer, inner]] = withRightHandRule(given).coordinates;
        expect(signedArea(outer)).toBeGreaterThan(0);
        expect(signedArea(inner)).toBeLessThan(0);
        expect(new Set(outer.map(String))).toEqual(new Set(exterior.map(String)));
      }),
    );
  });

  it('bounds the shape by its exteriors', () => {
    expect(boundingBoxOf(shape([rectangle(1, 2, 3, 4)], [rectangle(-1, 0, 0, 5)]))).toEqual({
      minLon: -1,
      minLat: 0,
      maxLon: 3,
      maxLat: 5,
    });
  });

  it('accepts any closed rectangle in range, and names the first problem of a broken one', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -179, max: 178, noNaN: true }),
        fc.double({ min: -89, max: 88, noNaN: true }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        (lon, lat, size) => {
          const ring = rectangle(lon, lat, lon + size, lat + size);
          expect(multiPolygonProblem(shape([ring]))).toBeUndefined();
          expect(multiPolygonProblem(shape([ring.slice(0, -1).concat([[lon + size / 2, lat]])]))).toMatch(/not closed/);
          expect(multiPolygonProblem(shape([ring], [[ring[0], ring[1], ring[0], ring[0]]]))).toMatch(
            /coordinates\[1\]\[0\] encloses no area/,
          );
        },
      ),
    );
  });
});
