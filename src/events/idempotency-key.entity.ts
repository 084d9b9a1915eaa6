import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { columnTypes } from '../database/column-types.js';

/**
 * An append's Idempotency-Key, remembered for EVENTS_IDEMPOTENCY_KEY_HOURS: a repeat of the request
 * answers `eventId` and stores nothing. The primary key makes one of parallel retries the append.
 */
@Entity({ name: 'event_idempotency_keys' })
@Index('IDX_event_idempotency_keys_created_at', ['createdAt'])
export class IdempotencyKey {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  stream: string;

  @PrimaryColumn({ name: 'idempotency_key', type: 'varchar', length: 255 })
  key: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  /** SHA-256 of the request body as sent: the same key with another body is refused. */
  @Column({ name: 'request_digest', type: 'varchar', length: 64 })
  requestDigest: string;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;
}
