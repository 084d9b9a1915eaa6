import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { columnTypes } from '../database/column-types.js';

/** Someone who parks at or moderates orgs: the parking realm's own accounts, apart from members. */
@Entity('parking_users')
export class ParkingUser {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'first_name', type: 'varchar', length: 100 })
  firstName: string;

  @Column({ name: 'last_name', type: 'varchar', length: 100 })
  lastName: string;

  /** As given at sign-up, for display. */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  /** Lower-cased e-mail: its unique index makes e-mails unique case-insensitively on both dialects. */
  @Column({ name: 'email_normalized', type: 'varchar', length: 254 })
  emailNormalized: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 100 })
  passwordHash: string;

  /** The session version tokens are issued under (`ver`): a logout moves it on, revoking them all. */
  @Column({ name: 'session_version', type: 'integer', default: 0 })
  sessionVersion: number;

  @CreateDateColumn({ name: 'created_at', type: columnTypes.timestamp })
  createdAt: Date;
}
