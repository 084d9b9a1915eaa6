import { Column, Entity, PrimaryColumn } from 'typeorm';
import { columnTypes } from '../database/column-types.js';

/** GBFS 3.0 alert types (the system has no stations, but the values are the standard's). */
export const ALERT_TYPES = ['system_closure', 'station_closure', 'station_move', 'other'] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

/** A system alert riders and trip planners see (GBFS `system_alerts.json`). */
@Entity('system_alerts')
export class SystemAlert {
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 20 })
  type: AlertType;

  @Column({ type: 'varchar', length: 200 })
  summary: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  description: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  url: string | null;

  /** When the alert is in effect: from `startsAt`, until `endsAt` (open when null). */
  @Column({ name: 'starts_at', type: columnTypes.timestamp })
  startsAt: Date;

  @Column({ name: 'ends_at', type: columnTypes.timestamp, nullable: true })
  endsAt: Date | null;

  @Column({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;

  @Column({ name: 'updated_at', type: columnTypes.timestamp })
  updatedAt: Date;
}
