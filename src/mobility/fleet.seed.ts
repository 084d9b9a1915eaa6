import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Bike, type BikeStatus } from './bike.entity.js';
import { EARTH_RADIUS_M, type LonLat } from './geo.js';
import { DEFAULT_VEHICLE_TYPE_ID } from './vehicle-type.entity.js';

export interface DemoFleetOptions {
  /** How many bikes (default 100). */
  count?: number;
  /** Centre of the fleet (default Paris, Notre-Dame). */
  center?: LonLat;
  /** Bikes are spread uniformly over a disc of this radius, in metres (default 3 km). */
  radiusM?: number;
  /** Share of bikes marked `non_operational` (default 0.1). */
  brokenShare?: number;
  /** Random source, for reproducible fleets (default Math.random). */
  random?: () => number;
}

export const DEMO_FLEET_CENTER: LonLat = { lon: 2.3499, lat: 48.853 };

const BATCH = 500;

/**
 * Loads a demo fleet: `count` bikes spread over a disc around `center`, about one in ten broken.
 * Works on both dialects through the entity (no bulk SQL), in batches inside one transaction so a
 * failed seed leaves nothing half-loaded. Returns the ids of the bikes created.
 */
export async function seedDemoFleet(dataSource: DataSource, options: DemoFleetOptions = {}): Promise<string[]> {
  const count = options.count ?? 100;
  const center = options.center ?? DEMO_FLEET_CENTER;
  const radiusM = options.radiusM ?? 3_000;
  const brokenShare = options.brokenShare ?? 0.1;
  const random = options.random ?? Math.random;
  const now = new Date();

  const bikes: Bike[] = Array.from({ length: count }, () => {
    // sqrt keeps the density uniform over the disc rather than crowding the centre.
    const distance = radiusM * Math.sqrt(random());
    const bearing = 2 * Math.PI * random();
    const dLat = ((distance * Math.cos(bearing)) / EARTH_RADIUS_M) * (180 / Math.PI);
    const dLon = ((distance * Math.sin(bearing)) / (EARTH_RADIUS_M * Math.cos((center.lat * Math.PI) / 180))) * (180 / Math.PI);
    const status: BikeStatus = random() < brokenShare ? 'non_operational' : 'available';
    return Object.assign(new Bike(), {
      id: randomUUID(),
      status,
      lon: Math.round((center.lon + dLon) * 1e6) / 1e6,
      lat: Math.round((center.lat + dLat) * 1e6) / 1e6,
      locationRecordedAt: now,
      publicId: randomUUID(),
      vehicleTypeId: DEFAULT_VEHICLE_TYPE_ID,
      currentFuelPercent: null,
      currentRangeMeters: null,
      createdAt: now,
      updatedAt: now,
    });
  });

  await dataSource.transaction(async (manager) => {
    for (let i = 0; i < bikes.length; i += BATCH) await manager.insert(Bike, bikes.slice(i, i + BATCH));
  });
  return bikes.map((bike) => bike.id);
}
