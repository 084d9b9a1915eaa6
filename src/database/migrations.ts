import { eventsMigrations } from '../events/events.persistence.js';
import { membersMigrations } from '../members/members.persistence.js';
import { mobilityMigrations } from '../mobility/mobility.persistence.js';
import { operatorMigrations } from '../operator/operator.persistence.js';
import { parkingMigrations } from '../parking/parking.persistence.js';

/**
 * Every migration of every module. TypeORM orders them by the timestamp in their class name, so
 * modules' migrations interleave by creation time whatever the order of this list.
 */
export const allMigrations = [
  ...eventsMigrations,
  ...membersMigrations,
  ...operatorMigrations,
  ...mobilityMigrations,
  ...parkingMigrations,
];
