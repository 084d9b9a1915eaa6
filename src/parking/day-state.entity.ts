import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A kind of day in an org's schedule (`A`, `B`, `Monday`…); passes are valid on days of their state. */
@Entity('parking_day_states')
export class DayState {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'org_id', type: 'integer' })
  orgId: number;

  @Column({ type: 'varchar', length: 50 })
  identifier: string;

  @Column({ type: 'text', default: '' })
  greeting: string;
}
