import { ConsumerOffset } from './consumer-offset.entity.js';
import { EventCounter } from './event-counter.entity.js';
import { CreateEventStore1795300000000 } from './migrations/1795300000000-CreateEventStore.js';
import { StoredEvent } from './stored-event.entity.js';
import { Stream } from './stream.entity.js';

/**
 * The events module's tables: its entities and migrations (both dialects), listed here so that
 * `src/database` can hand them to the one DataSource definition.
 */
export const eventsEntities: Function[] = [Stream, EventCounter, StoredEvent, ConsumerOffset];
export const eventsMigrations: Function[] = [CreateEventStore1795300000000];
