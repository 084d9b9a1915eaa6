import type { DataSourceOptions } from 'typeorm';
import { dueWorkEntities, dueWorkMigrations } from './database/due-work/due-work.persistence.js';
import { buildDataSourceOptions, type DatabaseSettings, type PersistenceTables } from './database/data-source-options.js';
import { eventsEntities, eventsMigrations } from './events/events.persistence.js';
import { membersEntities, membersMigrations } from './members/members.persistence.js';
import { mobilityEntities, mobilityMigrations } from './mobility/mobility.persistence.js';
import { operatorEntities, operatorMigrations } from './operator/operator.persistence.js';
import { parkingEntities, parkingMigrations } from './parking/parking.persistence.js';

/**
 * Every table of the application, gathered at the composition root: each module lists its own
 * entities and migrations in `<module>.persistence.ts`, and `src/database` stays below the modules.
 * TypeORM orders migrations by the timestamp in their class name, so modules' migrations interleave
 * by creation time whatever the order of this list.
 */
export const appTables: PersistenceTables = {
  entities: [...eventsEntities, ...membersEntities, ...operatorEntities, ...mobilityEntities, ...parkingEntities, ...dueWorkEntities],
  migrations: [
    ...eventsMigrations,
    ...membersMigrations,
    ...operatorMigrations,
    ...mobilityMigrations,
    ...parkingMigrations,
    ...dueWorkMigrations,
  ],
};

/** The application's DataSource options: Nest's, the TypeORM CLI's (`ormconfig.ts`), `migrate.ts`'s and the scripts'. */
export function appDataSourceOptions(settings: DatabaseSettings): DataSourceOptions {
  return buildDataSourceOptions(settings, appTables);
}
