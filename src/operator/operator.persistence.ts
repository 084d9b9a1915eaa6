import type { EntityClass, MigrationClass } from '../database/data-source-options.js';
import { HailTransition } from './hail-transition.entity.js';
import { HailUpdate } from './hail-update.entity.js';
import { Hail } from './hail.entity.js';
import { CreateOperatorTables1795300200000 } from './migrations/1795300200000-CreateOperatorTables.js';
import { HailFollowUp1795400000000 } from './migrations/1795400000000-HailFollowUp.js';
import { RegistryCall } from './registry-call.entity.js';
import { CreateTaxiRegistryTables1795410000000 } from './migrations/1795410000000-CreateTaxiRegistryTables.js';
import { TaxiPosition, TaxiRegistryState, TaxiStatusChange } from './taxi-registry.entities.js';
import { Taxi } from './taxi.entity.js';

/**
 * The operator module's tables: its entities and migrations (both dialects), listed here for the
 * composition root (`src/app.persistence.ts`), which hands every module's to the one DataSource.
 */
export const operatorEntities: EntityClass[] = [
  Taxi,
  Hail,
  HailTransition,
  RegistryCall,
  HailUpdate,
  TaxiRegistryState,
  TaxiPosition,
  TaxiStatusChange,
];
export const operatorMigrations: MigrationClass[] = [
  CreateOperatorTables1795300200000,
  HailFollowUp1795400000000,
  CreateTaxiRegistryTables1795410000000,
];
