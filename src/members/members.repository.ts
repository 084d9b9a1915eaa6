import type { Member, ShownMember } from './member.entity.js';

/** What `GET /v1/membres` asks for: filters, a search, an order, one page. */
export interface MemberListQuery {
  isActive?: boolean;
  isStaff?: boolean;
  /** Username contains, ignoring case: the text (NFC) and its `memberKey`; ranked when no `ordering` is given. */
  search?: { text: string; key: string };
  /** A field of `MEMBER_ORDERINGS`, `-` first for descending. */
  ordering?: string;
  offset: number;
  limit: number;
}

/** A page of the list, how many members match in all, and the list's version the page is at (or after). */
export interface MemberPage {
  /** Only the fields the list shows. */
  members: ShownMember[];
  total: number;
  /** `listVersion()` as of the page's rows, or read before them: never newer than the bytes. */
  version: string;
}

/** The keys an account would hold: who holds any of them already. */
export interface MemberKeys {
  usernameKey?: string;
  usernameFold?: string;
  emailKey?: string;
}

/** Fields a profile change writes, and whether it moves the session version (a new password). */
export type ProfileChanges = Partial<Omit<Member, 'id' | 'version' | 'sessionVersion'>> & { closeSessions?: boolean };

/**
 * The members module's persistence port (the injection token; `members-sql.repository.ts` holds
 * one implementation per dialect). Every write runs through the `TransactionRunner`: on SQLite the
 * one transaction queue, so no write lands inside another request's open transaction. Writes that
 * a unique index refuses throw the members' 409 (`USERNAME_TAKEN`, `EMAIL_TAKEN`, `ACCOUNT_CONFLICT`).
 */
export abstract class MembersRepository {
  abstract findById(id: number): Promise<Member | null>;

  abstract findActiveById(id: number): Promise<Member | null>;

  /** Only what the session check needs: active, and the session version. */
  abstract findSessionState(id: number): Promise<Pick<Member, 'id' | 'isActive' | 'sessionVersion'> | null>;

  abstract findByUsernameFold(usernameFold: string): Promise<Member | null>;

  abstract findByEmailKey(emailKey: string): Promise<Member | null>;

  /** The (at most three) members holding any of these keys, with their keys. */
  abstract findKeyHolders(keys: MemberKeys): Promise<Array<Pick<Member, 'id' | 'usernameKey' | 'usernameFold' | 'emailKey'>>>;

  /**
   * One page of the members matching the query, and how many match in all. An explicit ordering
   * wins; otherwise a search ranks, a plain list shows the newest first; the id breaks the last ties.
   */
  abstract findPage(query: MemberListQuery): Promise<MemberPage>;

  /**
   * The list's version: moves, in the writing transaction, with every write that can change any
   * page of the list (`members_list_version`, kept by triggers). Read it BEFORE the page it tags: a
   * write landing in between then gives new bytes an old tag (a needless 200 later), never the
   * reverse (a stale 304).
   */
  abstract listVersion(): Promise<string>;

  /** Inserts a new account (its id is set on `member`). */
  abstract insert(member: Member): Promise<void>;

  /**
   * Writes a profile change in one UPDATE that moves the version, only where the row is still at
   * `expected` (a version, a password hash): false when it no longer is, or the member is gone.
   */
  abstract updateProfile(id: number, changes: ProfileChanges, expected: { version?: number; passwordHash?: string }): Promise<boolean>;

  /** Activates or deactivates, closing every session either way. */
  abstract setActive(id: number, active: boolean): Promise<void>;

  /** Closes every session: tokens issued so far stop counting. */
  abstract closeSessions(id: number): Promise<void>;

  /** A login: `last_visit` shows in the profile, so it moves the version. */
  abstract recordVisit(id: number, at: Date): Promise<void>;
}
