import { Bike } from './bike.entity.js';
import { CreateBikesAndTrips1795300300000 } from './migrations/1795300300000-CreateBikesAndTrips.js';
import { Trip } from './trip.entity.js';

/**
 * The mobility module's tables: its entities and migrations (both dialects), listed here so that
 * `src/database` can hand them to the one DataSource definition.
 */
export const mobilityEntities: Function[] = [Bike, Trip];
export const mobilityMigrations: Function[] = [CreateBikesAndTrips1795300300000];
