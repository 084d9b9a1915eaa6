import { wholeValueRule } from '../common/input/whole-value-rule.js';
import { multiPolygonProblem } from './geofencing-geometry.js';

/**
 * A GeoJSON MultiPolygon a zone may hold: closed rings of at least four `[lon, lat]` positions in
 * range, within `MULTIPOLYGON_LIMITS`.
 */
export const IsGeoJsonMultiPolygon = wholeValueRule('isGeoJsonMultiPolygon', multiPolygonProblem);
