import type { EntityClass, MigrationClass } from '../data-source-options.js';
import { CreateDueWork1795300500000 } from '../migrations/1795300500000-CreateDueWork.js';
import { DueWorkItem } from './due-work.entity.js';

/** The platform's own table: durable work (see `DueWork`). */
export const dueWorkEntities: EntityClass[] = [DueWorkItem];
export const dueWorkMigrations: MigrationClass[] = [CreateDueWork1795300500000];
