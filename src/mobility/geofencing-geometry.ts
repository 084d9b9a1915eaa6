/**
 * GeoJSON MultiPolygons for geofencing zones (RFC 7946, section 3.1.7): strict validation, the
 * right-hand rule GBFS requires, a bounding box for the index, and point-in-polygon with holes.
 * Planar in degrees, which is exact enough for city-sized zones that do not cross the antimeridian.
 */
import type { LonLat } from './geo.js';

export type Position = [number, number];
export type LinearRing = Position[];
export type Polygon = LinearRing[];

export interface GeoJsonMultiPolygon {
  type: 'MultiPolygon';
  coordinates: Polygon[];
}

export interface BoundingBoxOf {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/** What one zone may hold: enough for any city district, small enough to check on every trip end. */
export const MULTIPOLYGON_LIMITS = { polygons: 100, ringsPerPolygon: 50, positions: 10_000 } as const;

/**
 * Why a value is not a MultiPolygon a zone may hold, or undefined when it is one. One message, the
 * first problem, with where it is (`coordinates[0][1][3]`), so a client learns what to fix.
 */
export function multiPolygonProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'must be a GeoJSON MultiPolygon object {"type":"MultiPolygon","coordinates":[[[[lon,lat],...]]]}';
  }
  const record = value as Record<string, unknown>;
  const unknownKeys = Object.keys(record).filter((key) => key !== 'type' && key !== 'coordinates');
  if (unknownKeys.length > 0) return `unknown member "${unknownKeys[0]}": a MultiPolygon has only "type" and "coordinates"`;
  if (record.type !== 'MultiPolygon') return 'type must be "MultiPolygon"';
  const polygons = record.coordinates;
  if (!Array.isArray(polygons) || polygons.length === 0) return 'coordinates must be a non-empty array of polygons';
  if (polygons.length > MULTIPOLYGON_LIMITS.polygons) return `coordinates may hold at most ${MULTIPOLYGON_LIMITS.polygons} polygons`;
  let positions = 0;
  for (const [p, polygon] of polygons.entries()) {
    const at = `coordinates[${p}]`;
    if (!Array.isArray(polygon) || polygon.length === 0)
      return `${at} must be a non-empty array of linear rings (the exterior, then holes)`;
    if (polygon.length > MULTIPOLYGON_LIMITS.ringsPerPolygon) return `${at} may hold at most ${MULTIPOLYGON_LIMITS.ringsPerPolygon} rings`;
    for (const [r, ring] of polygon.entries()) {
      const ringAt = `${at}[${r}]`;
      if (!Array.isArray(ring) || ring.length < 4) return `${ringAt} must be a linear ring of at least 4 positions`;
      positions += ring.length;
      if (positions > MULTIPOLYGON_LIMITS.positions)
        return `coordinates may hold at most ${MULTIPOLYGON_LIMITS.positions} positions in all`;
      for (const [i, position] of ring.entries()) {
        const problem = positionProblem(position);
        if (problem !== undefined) return `${ringAt}[${i}] ${problem}`;
      }
      const first = ring[0] as Position;
      const last = ring[ring.length - 1] as Position;
      if (first[0] !== last[0] || first[1] !== last[1]) return `${ringAt} is not closed: its last position must equal its first`;
      if (signedArea(ring as LinearRing) === 0) return `${ringAt} encloses no area`;
    }
  }
  return undefined;
}

function positionProblem(position: unknown): string | undefined {
  if (!Array.isArray(position) || position.length !== 2) return 'must be a position [lon, lat] of two numbers, longitude first';
  const [lon, lat] = position as unknown[];
  if (typeof lon !== 'number' || !Number.isFinite(lon) || typeof lat !== 'number' || !Number.isFinite(lat)) {
    return 'must be two finite numbers [lon, lat]';
  }
  if (lon < -180 || lon > 180) return `longitude (first coordinate) must be within [-180, 180], got ${lon}`;
  if (lat < -90 || lat > 90) return `latitude (second coordinate) must be within [-90, 90], got ${lat}`;
  return undefined;
}

/** Twice the signed area of a closed ring (shoelace): positive when counterclockwise. */
function signedArea(ring: LinearRing): number {
  let sum = 0;
  for (let i = 1; i < ring.length; i++) sum += ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1];
  return sum;
}

/**
 * The same shape under the right-hand rule GBFS requires (RFC 7946 3.1.6): exteriors
 * counterclockwise, holes clockwise. Admins draw rings either way; the feed must not care.
 */
export function withRightHandRule(shape: GeoJsonMultiPolygon): GeoJsonMultiPolygon {
  return {
    type: 'MultiPolygon',
    coordinates: shape.coordinates.map((polygon) =>
      polygon.map((ring, r) => {
        const counterclockwise = signedArea(ring) > 0;
        const wanted = r === 0;
        return counterclockwise === wanted ? ring.map(([lon, lat]) => [lon, lat] as Position) : [...ring].reverse();
      }),
    ),
  };
}

export function boundingBoxOf(shape: GeoJsonMultiPolygon): BoundingBoxOf {
  const box = { minLon: Infinity, minLat: Infinity, maxLon: -Infinity, maxLat: -Infinity };
  // Holes lie inside their exterior: the exteriors alone bound the shape.
  for (const polygon of shape.coordinates) {
    for (const [lon, lat] of polygon[0]) {
      box.minLon = Math.min(box.minLon, lon);
      box.minLat = Math.min(box.minLat, lat);
      box.maxLon = Math.max(box.maxLon, lon);
      box.maxLat = Math.max(box.maxLat, lat);
    }
  }
  return box;
}

/** Even-odd crossing test of one ring (a point exactly on an edge may fall either way). */
function insideRing(point: LonLat, ring: LinearRing): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > point.lat !== yj > point.lat && point.lon < ((xj - xi) * (point.lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Inside one of the polygons: within its exterior ring and in none of its holes. */
export function multiPolygonContains(shape: GeoJsonMultiPolygon, point: LonLat): boolean {
  return shape.coordinates.some(([exterior, ...holes]) => insideRing(point, exterior) && !holes.some((hole) => insideRing(point, hole)));
}
