import { Column, Entity, PrimaryColumn } from 'typeorm';
import { columnTypes } from '../database/column-types.js';

/**
 * When each GBFS file's data last changed, bumped in the transaction of every write that changes
 * it (a deletion included, which no row's `updated_at` could show): the file's `last_updated` and
 * `Last-Modified`, so an `If-Modified-Since` never answers 304 over a change.
 */
@Entity('gbfs_revisions')
export class GbfsRevision {
  /** The GBFS file name, e.g. `system_pricing_plans`. */
  @PrimaryColumn({ type: 'varchar', length: 40 })
  file: string;

  @Column({ name: 'changed_at', type: columnTypes.timestamp })
  changedAt: Date;
}
