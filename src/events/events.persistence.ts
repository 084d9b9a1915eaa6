/**
 * The events module's tables: its entities and migrations (both dialects), listed here so that
 * `src/database` can hand them to the one DataSource definition.
 */
export const eventsEntities: Function[] = [];
export const eventsMigrations: Function[] = [];
