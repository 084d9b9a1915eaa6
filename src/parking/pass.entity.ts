import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { columnTypes } from '../database/column-types.js';

/**
 * A parking pass: requested by its owner, verified once a moderator assigns its state and spot.
 * A unique index over (org, state, spot) keeps two verified passes off one spot; pending passes have
 * NULLs there, which unique indexes ignore on both dialects.
 */
@Entity('parking_passes')
export class Pass {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'org_id', type: 'integer' })
  orgId: number;

  @Column({ name: 'owner_id', type: 'integer' })
  ownerId: number;

  @Column({ name: 'requested_state_id', type: 'integer' })
  requestedStateId: number;

  @Column({ name: 'requested_spot_num', type: 'integer' })
  requestedSpotNum: number;

  @Column({ name: 'state_id', type: 'integer', nullable: true })
  stateId: number | null;

  @Column({ name: 'spot_num', type: 'integer', nullable: true })
  spotNum: number | null;

  @Column({ name: 'requested_at', type: columnTypes.timestamp })
  requestedAt: Date;

  @Column({ name: 'verified_at', type: columnTypes.timestamp, nullable: true })
  verifiedAt: Date | null;
}
