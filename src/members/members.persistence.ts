import { Member } from './member.entity.js';
import { CreateMembers1795300100000 } from './migrations/1795300100000-CreateMembers.js';

/**
 * The members module's tables: its entities and migrations (both dialects), listed here so that
 * `src/database` can hand them to the one DataSource definition.
 */
export const membersEntities: Function[] = [Member];
export const membersMigrations: Function[] = [CreateMembers1795300100000];
