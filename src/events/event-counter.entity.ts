import { Column, Entity, PrimaryColumn } from 'typeorm';
import { columnTypes } from '../database/column-types.js';

/**
 * The last sequence handed out per (stream, event name). Appends increment it in their own
 * transaction, so its row lock orders them: sequence k+1 cannot be taken before the append of k has
 * committed, which keeps sequences gapless and in commit order (a database sequence is neither).
 */
@Entity({ name: 'event_counters' })
export class EventCounter {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  stream: string;

  @PrimaryColumn({ name: 'event_name', type: 'varchar', length: 200 })
  eventName: string;

  @Column({ name: 'last_sequence', type: 'integer' })
  lastSequence: number;

  @Column({ name: 'last_event_at', type: columnTypes.timestamp })
  lastEventAt: Date;
}
