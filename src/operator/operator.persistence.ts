import { HailTransition } from './hail-transition.entity.js';
import { HailUpdate } from './hail-update.entity.js';
import { Hail } from './hail.entity.js';
import { CreateOperatorTables1795300200000 } from './migrations/1795300200000-CreateOperatorTables.js';
import { RegistryCall } from './registry-call.entity.js';
import { Taxi } from './taxi.entity.js';

/**
 * The operator module's tables: its entities and migrations (both dialects), listed here so that
 * `src/database` can hand them to the one DataSource definition.
 */
export const operatorEntities: Function[] = [Taxi, Hail, HailTransition, RegistryCall, HailUpdate];
export const operatorMigrations: Function[] = [CreateOperatorTables1795300200000];
