import { Column, Entity, PrimaryColumn } from 'typeorm';
import { columnTypes } from '../database/column-types.js';

/** A user's roles in one org, and when the org last served them a borrowed pass. */
@Entity('parking_memberships')
export class Membership {
  @PrimaryColumn({ name: 'org_id', type: 'integer' })
  orgId: number;

  @PrimaryColumn({ name: 'user_id', type: 'integer' })
  userId: number;

  @Column({ type: 'boolean', default: false })
  participant: boolean;

  @Column({ type: 'boolean', default: false })
  moderator: boolean;

  /** Per org: being served in one org does not push the user back in another's queues. */
  @Column({ name: 'last_served_at', type: columnTypes.timestamp, nullable: true })
  lastServedAt: Date | null;
}
