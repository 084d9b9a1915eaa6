import type { EntityClass, MigrationClass } from '../database/data-source-options.js';
import { Member } from './member.entity.js';
import { CreateMembers1795300100000 } from './migrations/1795300100000-CreateMembers.js';
import { MemberSessionsAndUsernameFold1795301300000 } from './migrations/1795301300000-MemberSessionsAndUsernameFold.js';
import { MembersListVersion1795460000000 } from './migrations/1795460000000-MembersListVersion.js';

/**
 * The members module's tables: its entities and migrations (both dialects), listed here for the
 * composition root (`src/app.persistence.ts`), which hands every module's to the one DataSource.
 */
export const membersEntities: EntityClass[] = [Member];
export const membersMigrations: MigrationClass[] = [
  CreateMembers1795300100000,
  MemberSessionsAndUsernameFold1795301300000,
  MembersListVersion1795460000000,
];
