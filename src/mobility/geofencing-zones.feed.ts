import type { GeoJsonMultiPolygon } from './geofencing-geometry.js';
import type { GeofencingRule, GeofencingZone } from './geofencing-zone.entity.js';

/** The `data` of GBFS 3.0 `geofencing_zones.json`: a GeoJSON FeatureCollection, and the system's global rules. */
export interface GbfsGeofencingZones {
  geofencing_zones: {
    type: 'FeatureCollection';
    features: Array<{
      type: 'Feature';
      geometry: GeoJsonMultiPolygon;
      properties: { name: Array<{ text: string; language: string }>; start?: string; end?: string; rules: GeofencingRule[] };
    }>;
  };
  global_rules: GeofencingRule[];
}

/**
 * The zones as GBFS publishes them, in precedence order (a consumer applies the first zone that
 * holds a point), and the global rules that hold where no zone has a rule for a vehicle.
 */
export function toGbfsGeofencingZones(zones: GeofencingZone[], globalRules: GeofencingRule[], language: string): GbfsGeofencingZones {
  return {
    geofencing_zones: {
      type: 'FeatureCollection',
      features: zones.map((zone) => ({
        type: 'Feature',
        geometry: zone.geometry,
        properties: {
          name: [{ text: zone.name, language }],
          ...(zone.startsAt ? { start: zone.startsAt.toISOString() } : {}),
          ...(zone.endsAt ? { end: zone.endsAt.toISOString() } : {}),
          rules: zone.rules,
        },
      })),
    },
    global_rules: globalRules,
  };
}
