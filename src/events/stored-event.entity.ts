import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { columnTypes } from '../database/column-types.js';

/** One appended envelope with its server-assigned id and sequence. */
@Entity({ name: 'events' })
@Index('UQ_events_stream_name_sequence', ['stream', 'eventName', 'sequence'], { unique: true })
export class StoredEvent {
  @PrimaryColumn({ type: 'uuid' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  stream: string;

  @Column({ name: 'event_name', type: 'varchar', length: 200 })
  eventName: string;

  @Column({ type: 'integer' })
  sequence: number;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: columnTypes.json })
  system: Record<string, unknown>;

  @Column({ type: columnTypes.json })
  trigger: Record<string, unknown>;

  @Column({ type: columnTypes.json })
  payload: Record<string, unknown>;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;
}
