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

  @CreateDateColumn({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;
}
