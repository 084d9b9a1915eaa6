import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { columnTypes } from '../database/column-types.js';

/**
 * A stream and its owner. The row is written by the stream's first event and never changes: the
 * primary key on `name` is what makes exactly one of several racing producers the owner.
 */
@Entity({ name: 'event_streams' })
export class Stream {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'producer_id', type: 'varchar', length: 128 })
  producerId: string;

  /** The last stream-wide position handed out (events of all names, in commit order). */
  @Column({ name: 'last_position', type: 'bigint', default: 0 })
  lastPosition: number;

  @CreateDateColumn({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;
}
