import { Column, Entity, PrimaryColumn } from 'typeorm';
import { columnTypes } from '../database/column-types.js';

/** The highest sequence a consumer has acknowledged for one (stream, event name). */
@Entity({ name: 'event_consumer_offsets' })
export class ConsumerOffset {
  @PrimaryColumn({ name: 'consumer_id', type: 'varchar', length: 128 })
  consumerId: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  stream: string;

  @PrimaryColumn({ name: 'event_name', type: 'varchar', length: 200 })
  eventName: string;

  /** `offset` is an SQL keyword; the column says what it holds instead. */
  @Column({ name: 'acknowledged_sequence', type: 'integer' })
  offset: number;

  @Column({ name: 'moved_at', type: columnTypes.timestamp })
  movedAt: Date;
}
