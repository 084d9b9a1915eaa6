/** Geometry the mobility module needs, on a spherical Earth: enough for city-scale bike sharing. */

/** Mean Earth radius (IUGG), in metres. */
export const EARTH_RADIUS_M = 6_371_008.8;

/** A GeoJSON Point: longitude first (RFC 7946, section 3.1.1). */
export interface GeoJsonPoint {
  type: 'Point';
  coordinates: [number, number];
}

export interface LonLat {
  lon: number;
  lat: number;
}

export const toPoint = ({ lon, lat }: LonLat): GeoJsonPoint => ({ type: 'Point', coordinates: [lon, lat] });

export const fromPoint = (point: GeoJsonPoint): LonLat => ({ lon: point.coordinates[0], lat: point.coordinates[1] });

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance in metres (haversine, numerically stable at short range). */
export function haversineMetres(a: LonLat, b: LonLat): number {
  const dLat = radians(b.lat - a.lat);
  const dLon = radians(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Length of a path: the sum of the great-circle distances between consecutive points. */
export function pathLengthMetres(points: LonLat[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += haversineMetres(points[i - 1], points[i]);
  return total;
}

/** A latitude band and one or two longitude ranges (two when the box crosses the antimeridian). */
export interface BoundingBox {
  minLat: number;
  maxLat: number;
  lonRanges: Array<[number, number]>;
}

/**
 * The smallest lat/lon box holding every point within `radiusM` of `center`: what the (lat, lon)
 * index can serve, before the exact distance discards the box's corners. Near a pole the circle
 * covers every longitude; across the antimeridian the longitude range splits in two.
 */
export function boundingBox(center: LonLat, radiusM: number): BoundingBox {
  const angular = radiusM / EARTH_RADIUS_M;
  const lat = radians(center.lat);
  const minLat = center.lat - (angular * 180) / Math.PI;
  const maxLat = center.lat + (angular * 180) / Math.PI;
  if (minLat <= -90 || maxLat >= 90) {
    return { minLat: Math.max(minLat, -90), maxLat: Math.min(maxLat, 90), lonRanges: [[-180, 180]] };
  }
  // Widest longitude span of the circle (at the latitude where it touches its meridians).
  const dLon = (Math.asin(Math.min(1, Math.sin(angular) / Math.cos(lat))) * 180) / Math.PI;
  const minLon = center.lon - dLon;
  const maxLon = center.lon + dLon;
  if (dLon >= 180) return { minLat, maxLat, lonRanges: [[-180, 180]] };
  if (minLon < -180)
    return {
      minLat,
      maxLat,
      lonRanges: [
        [minLon + 360, 180],
        [-180, maxLon],
      ],
    };
  if (maxLon > 180)
    return {
      minLat,
      maxLat,
      lonRanges: [
        [minLon, 180],
        [-180, maxLon - 360],
      ],
    };
  return { minLat, maxLat, lonRanges: [[minLon, maxLon]] };
}

/**
 * Why a value is not a GeoJSON Point with `[lon, lat]` in range, or undefined when it is one.
 * One message per value, naming the first problem, so a client learns what to fix.
 */
export function geoJsonPointProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'must be a GeoJSON Point object {"type":"Point","coordinates":[lon,lat]}';
  }
  const record = value as Record<string, unknown>;
  const unknownKeys = Object.keys(record).filter((key) => key !== 'type' && key !== 'coordinates');
  if (unknownKeys.length > 0) return `unknown member "${unknownKeys[0]}": a Point has only "type" and "coordinates"`;
  if (record.type !== 'Point') return 'type must be "Point"';
  const coordinates = record.coordinates;
  if (!Array.isArray(coordinates) || coordinates.length !== 2) {
    return 'coordinates must be an array of two numbers [lon, lat], longitude first';
  }
  const [lon, lat] = coordinates as unknown[];
  if (typeof lon !== 'number' || !Number.isFinite(lon) || typeof lat !== 'number' || !Number.isFinite(lat)) {
    return 'coordinates must be two finite numbers [lon, lat]';
  }
  if (lon < -180 || lon > 180) return `longitude (first coordinate) must be within [-180, 180], got ${lon}`;
  if (lat < -90 || lat > 90) return `latitude (second coordinate) must be within [-90, 90], got ${lat}`;
  return undefined;
}
