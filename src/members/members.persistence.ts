/**
 * The members module's tables: its entities and migrations (both dialects), listed here so that
 * `src/database` can hand them to the one DataSource definition.
 */
export const membersEntities: Function[] = [];
export const membersMigrations: Function[] = [];
