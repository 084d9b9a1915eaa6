import { Column, Entity, PrimaryColumn } from 'typeorm';
import { columnTypes } from '../database/column-types.js';
import type { GeofencingRule } from './geofencing-zone.entity.js';

/**
 * The system's GBFS global rules: what holds where no zone has a rule for the vehicle (GBFS 3.0
 * `global_rules`), e.g. "rides may not end outside the service area". One row, replaced whole by
 * an admin; no row is no global rule.
 */
@Entity('geofencing_global_rules')
export class GeofencingGlobalRules {
  /** Always `system`: one set of global rules per deployment. */
  @PrimaryColumn({ type: 'varchar', length: 20 })
  scope: string;

  @Column({ type: columnTypes.json })
  rules: GeofencingRule[];

  @Column({ name: 'updated_at', type: columnTypes.timestamp })
  updatedAt: Date;
}
