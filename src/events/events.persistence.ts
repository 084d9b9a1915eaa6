import type { EntityClass, MigrationClass } from '../database/data-source-options.js';
import { ConsumerOffset } from './consumer-offset.entity.js';
import { EventCounter } from './event-counter.entity.js';
import { IdempotencyKey } from './idempotency-key.entity.js';
import { CreateEventStore1795300000000 } from './migrations/1795300000000-CreateEventStore.js';
import { EventStoreReplayAndIdempotency1795450000000 } from './migrations/1795450000000-EventStoreReplayAndIdempotency.js';
import { StoredEvent } from './stored-event.entity.js';
import { Stream } from './stream.entity.js';

/**
 * The events module's tables: its entities and migrations (both dialects), listed here for the
 * composition root (`src/app.persistence.ts`), which hands every module's to the one DataSource.
 */
export const eventsEntities: EntityClass[] = [Stream, EventCounter, StoredEvent, ConsumerOffset, IdempotencyKey];
export const eventsMigrations: MigrationClass[] = [CreateEventStore1795300000000, EventStoreReplayAndIdempotency1795450000000];
