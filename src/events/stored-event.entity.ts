import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { columnTypes } from '../database/column-types.js';

/** One appended envelope with its server-assigned id and sequence. */
@Entity({ name: 'events' })
@Index('UQ_events_stream_name_sequence', ['stream', 'eventName', 'sequence'], { unique: true })
@Index('UQ_events_stream_position', ['stream', 'streamPosition'], { unique: true })
@Index('IDX_events_created_at', ['createdAt'])
export class StoredEvent {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  stream: string;

  @Column({ name: 'event_name', type: 'varchar', length: 200 })
  eventName: string;

  @Column({ type: 'integer' })
  sequence: number;

  /** Its place among every event of the stream, all names together, in commit order. */
  @Column({ name: 'stream_position', type: 'bigint' })
  streamPosition: number;

  @Column({ type: 'integer' })
  version: number;

  /** The JSON text as the producer sent it (validated, never re-serialised). */
  @Column({ type: 'text' })
  system: string;

  /** The JSON text as the producer sent it (validated, never re-serialised). */
  @Column({ type: 'text' })
  trigger: string;

  /** The JSON text as the producer sent it (validated, never re-serialised). */
  @Column({ type: 'text' })
  payload: string;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;
}
