import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { columnTypes } from '../database/column-types.js';

/**
 * A member of the community, also the platform's identity (mobility riders log in as members).
 * `usernameKey` and `emailKey` hold the lower-cased forms, computed in JS: case-insensitive
 * uniqueness is then a plain unique index that behaves the same on PostgreSQL and SQLite, whatever
 * the database's collation does with accented letters.
 */
@Entity('members')
export class Member {
  @PrimaryGeneratedColumn('increment', { type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 30 })
  username: string;

  @Index('UQ_members_username_key', { unique: true })
  @Column({ name: 'username_key', type: 'varchar', length: 120 })
  usernameKey: string;

  /**
   * `foldUsername(username)`: NFKC, case-folded, without format characters. Its unique index is
   * what makes "alice", "ＡＬＩＣＥ" and "ali\u200Bce" one name. Nullable only because rows from
   * before the column were filled by its migration; every write sets it.
   */
  @Index('UQ_members_username_fold', { unique: true })
  @Column({ name: 'username_fold', type: 'varchar', length: 1024, nullable: true })
  usernameFold: string | null;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Index('UQ_members_email_key', { unique: true })
  // Lower-casing can lengthen a string ('İ' → 'i̇'): the keys have room to spare.
  @Column({ name: 'email_key', type: 'varchar', length: 512 })
  emailKey: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 100 })
  passwordHash: string;

  @Column({ name: 'show_email', type: 'boolean', default: false })
  showEmail: boolean;

  @Column({ name: 'is_staff', type: 'boolean', default: false })
  isStaff: boolean;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  @Column({ type: 'varchar', length: 200, nullable: true })
  site: string | null;

  @Column({ name: 'avatar_url', type: 'varchar', length: 500, nullable: true })
  avatarUrl: string | null;

  @Column({ type: 'text', nullable: true })
  biography: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  sign: string | null;

  @Column({ name: 'email_for_answer', type: 'boolean', default: false })
  emailForAnswer: boolean;

  @Column({ name: 'last_visit', type: columnTypes.timestamp, nullable: true })
  lastVisit: Date | null;

  /**
   * Bumped by every write that changes the representation: `PUT` writes only `WHERE version = <the
   * version it read>`, so a concurrent change is detected by the database, without row locks.
   */
  @Column({ type: 'integer', default: 1 })
  version: number;

  /**
   * The session version tokens are issued under (their `ver` claim): a logout or a password change
   * moves it on, which revokes every token issued before. Not part of the representation.
   */
  @Column({ name: 'session_version', type: 'integer', default: 0 })
  sessionVersion: number;

  @Index('IDX_members_date_joined')
  @Column({ name: 'date_joined', type: columnTypes.timestamp })
  dateJoined: Date;
}

/**
 * The fields the API shows of a member (`toMemberView`): all a page of the list reads from the
 * database, so that a public page never loads password hashes and keys it does not show.
 */
export const SHOWN_MEMBER_FIELDS = [
  'id',
  'username',
  'showEmail',
  'email',
  'isStaff',
  'isActive',
  'site',
  'avatarUrl',
  'biography',
  'sign',
  'emailForAnswer',
  'lastVisit',
  'dateJoined',
] as const satisfies ReadonlyArray<keyof Member>;

export type ShownMember = Pick<Member, (typeof SHOWN_MEMBER_FIELDS)[number]>;
