import { describe, expect, it } from '@jest/globals';
import { boundingBox, geoJsonPointProblem, haversineMetres, pathLengthMetres } from './geo.js';

describe('geo', () => {
  it('measures great-circle distances', () => {
    // Paris Notre-Dame to the Eiffel Tower: about 4.1 km.
    expect(haversineMetres({ lon: 2.3499, lat: 48.853 }, { lon: 2.2945, lat: 48.8584 })).toBeGreaterThan(4_000);
    expect(haversineMetres({ lon: 2.3499, lat: 48.853 }, { lon: 2.2945, lat: 48.8584 })).toBeLessThan(4_200);
    // One degree of latitude: R·π/180.
    expect(haversineMetres({ lon: 0, lat: 0 }, { lon: 0, lat: 1 })).toBeCloseTo(111_195, 0);
    // Across the antimeridian the short way.
    expect(haversineMetres({ lon: 179.999, lat: 0 }, { lon: -179.999, lat: 0 })).toBeCloseTo(222.4, 0);
    expect(haversineMetres({ lon: 5, lat: 5 }, { lon: 5, lat: 5 })).toBe(0);
  });

  it('sums a path, zero for one point', () => {
    expect(pathLengthMetres([{ lon: 0, lat: 0 }])).toBe(0);
    expect(
      pathLengthMetres([
        { lon: 0, lat: 0 },
        { lon: 0, lat: 1 },
        { lon: 0, lat: 0 },
      ]),
    ).toBeCloseTo(2 * 111_195, 0);
  });

  it('bounds a circle by a box that holds it', () => {
    const box = boundingBox({ lon: 2.35, lat: 48.85 }, 500);
    expect(box.lonRanges).toHaveLength(1);
    const [[minLon, maxLon]] = box.lonRanges;
    expect(haversineMetres({ lon: 2.35, lat: 48.85 }, { lon: 2.35, lat: box.maxLat })).toBeCloseTo(500, 3);
    expect(haversineMetres({ lon: 2.35, lat: 48.85 }, { lon: maxLon, lat: 48.85 })).toBeGreaterThanOrEqual(500);
    expect(minLon).toBeLessThan(2.35);
  });

  it('splits the box across the antimeridian and opens it at the poles', () => {
    expect(boundingBox({ lon: 179.999, lat: 0 }, 1_000).lonRanges).toHaveLength(2);
    expect(boundingBox({ lon: -179.999, lat: 0 }, 1_000).lonRanges).toHaveLength(2);
    expect(boundingBox({ lon: 0, lat: 89.99 }, 5_000)).toMatchObject({ maxLat: 90, lonRanges: [[-180, 180]] });
  });

  it('says what is wrong with a GeoJSON Point, nothing for a good one', () => {
    expect(geoJsonPointProblem({ type: 'Point', coordinates: [2.35, 48.85] })).toBeUndefined();
    expect(geoJsonPointProblem({ type: 'Point', coordinates: [-180, 90] })).toBeUndefined();
    expect(geoJsonPointProblem(null)).toMatch(/GeoJSON Point/);
    expect(geoJsonPointProblem([2, 48])).toMatch(/GeoJSON Point/);
    expect(geoJsonPointProblem({ type: 'point', coordinates: [2, 48] })).toMatch(/"Point"/);
    expect(geoJsonPointProblem({ type: 'Point', coordinates: [2, Number.NaN] })).toMatch(/finite/);
    expect(geoJsonPointProblem({ type: 'Point', coordinates: [-180.1, 0] })).toMatch(/longitude/);
    expect(geoJsonPointProblem({ type: 'Point', coordinates: [0, -90.1] })).toMatch(/latitude/);
    expect(geoJsonPointProblem({ type: 'Point', coordinates: [2, 48], bbox: [] })).toMatch(/unknown member/);
  });
});
