import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { columnTypes } from '../database/column-types.js';
import type { Schedule } from './schedule.js';

/** An organisation whose parking passes its members share. */
@Entity('parking_orgs')
export class Org {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** IANA zone: dates, "today" and the lock-in time are read in it. */
  @Column({ type: 'varchar', length: 64, default: 'UTC' })
  timezone: string;

  @Column({ type: 'text', default: '' })
  greeting: string;

  @Column({ type: 'text', default: '' })
  rules: string;

  /** `HH:mm` on the day before a date, when that date's offers and requests are matched. */
  @Column({ name: 'lock_in', type: 'varchar', length: 5, default: '18:00' })
  lockIn: string;

  /** Kept whole with the org: it is always read and replaced as one document. */
  @Column({ type: columnTypes.json, nullable: true })
  schedule: Schedule | null;

  @CreateDateColumn({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;
}
