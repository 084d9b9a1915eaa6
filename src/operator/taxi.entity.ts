import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { columnTypes } from '../database/column-types.js';

/** A taxi of our fleet, known to the registry by the same id. */
@Entity('operator_taxis')
export class Taxi {
  /** The registry's taxi id: hails name it. */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  id: string;

  @Column({ name: 'phone_number', type: 'varchar', length: 32 })
  phoneNumber: string;

  @Column({ name: 'driver_name', type: 'varchar', length: 200, nullable: true })
  driverName: string | null;

  @Column({ name: 'licence_plate', type: 'varchar', length: 32, nullable: true })
  licencePlate: string | null;

  /** SHA-256 of the driver app's token: the token itself is shown once and never stored. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64, unique: true, select: false })
  tokenHash: string;

  @CreateDateColumn({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;

  /** Set by `DELETE /operator/taxis/:id`: the row stays for its hails' history, the taxi is gone from the fleet. */
  @Column({ name: 'removed_at', type: columnTypes.timestamp, nullable: true })
  removedAt: Date | null;
}
