import type { EntityClass, MigrationClass } from '../database/data-source-options.js';
import { Bike } from './bike.entity.js';
import { GeofencingGlobalRules } from './geofencing-global-rules.entity.js';
import { GeofencingZone } from './geofencing-zone.entity.js';
import { CreateBikesAndTrips1795300300000 } from './migrations/1795300300000-CreateBikesAndTrips.js';
import { CreateGeofencingZonesAndReservations1795430010000 } from './migrations/1795430010000-CreateGeofencingZonesAndReservations.js';
import { CreateGeofencingGlobalRules1795440000000 } from './migrations/1795440000000-CreateGeofencingGlobalRules.js';
import { Reservation } from './reservation.entity.js';
import { GbfsRevision } from './gbfs-revision.entity.js';
import { VehicleTypesPricingAlerts1795420000000 } from './migrations/1795420000000-VehicleTypesPricingAlerts.js';
import { PricingPlan } from './pricing-plan.entity.js';
import { SystemAlert } from './system-alert.entity.js';
import { Trip } from './trip.entity.js';
import { VehicleType } from './vehicle-type.entity.js';

/**
 * The mobility module's tables: its entities and migrations (both dialects), listed here for the
 * composition root (`src/app.persistence.ts`), which hands every module's to the one DataSource.
 */
export const mobilityEntities: EntityClass[] = [
  Bike,
  Trip,
  VehicleType,
  PricingPlan,
  SystemAlert,
  GbfsRevision,
  GeofencingZone,
  GeofencingGlobalRules,
  Reservation,
];
export const mobilityMigrations: MigrationClass[] = [
  CreateBikesAndTrips1795300300000,
  VehicleTypesPricingAlerts1795420000000,
  CreateGeofencingZonesAndReservations1795430010000,
  CreateGeofencingGlobalRules1795440000000,
];
