import { Injectable } from '@nestjs/common';
import { QueryFailedError, type EntityManager, type Repository, type SelectQueryBuilder } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import { BoundedMemo } from '../common/bounded-memo.js';
import { isUniqueViolation } from '../database/database-errors.js';
import { pgPoolOf, type PgNamedQuery } from '../database/pg-pool.js';
import { FAST_INSTANT_TYPES } from '../database/postgres-instants.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { Member, SHOWN_MEMBER_FIELDS, type ShownMember } from './member.entity.js';
import { emailTaken, MembersError, usernameTaken } from './members.errors.js';
import { MembersRepository, type MemberKeys, type MemberListQuery, type MemberPage, type ProfileChanges } from './members.repository.js';

type ListRow = Record<string, unknown> & { total_count: string | number; list_version: string | number };

/** Page statements kept built (see `pageStatement`). */
const MAX_REMEMBERED_PAGE_STATEMENTS = 256;

const LIST_VERSION_SQL = 'SELECT version FROM members_list_version WHERE id = 1';
const LIST_VERSION_STATEMENT = { name: 'members.list-version', text: LIST_VERSION_SQL, values: [] };

/**
 * The members' SQL, the same on both dialects but for two fragments each implementation names: the
 * substring position function and the collation that sorts by code point.
 */
@Injectable()
abstract class SqlMembersRepository extends MembersRepository {
  /** A case-sensitive substring position from 1, 0 when absent. */
  protected abstract readonly position: string;
  /**
   * Appended to a username column in ORDER BY: usernames sort by code point (lower-cased first),
   * whatever collation the database was created with, so the same list reads the same everywhere.
   */
  protected abstract readonly codePointOrder: string;

  constructor(protected readonly transactions: TransactionRunner) {
    super();
  }

  /** Reads see the writes of the transaction they run in, if any. */
  private get members(): Repository<Member> {
    return this.transactions.manager().getRepository(Member);
  }

  /** Every write goes through the runner (on SQLite, the one transaction queue). */
  private write<T>(work: (members: Repository<Member>, manager: EntityManager) => Promise<T>): Promise<T> {
    return this.transactions.run((manager) => work(manager.getRepository(Member), manager));
  }

  findById(id: number): Promise<Member | null> {
    return this.members.findOneBy({ id });
  }

  findActiveById(id: number): Promise<Member | null> {
    return this.members.findOneBy({ id, isActive: true });
  }

  findSessionState(id: number): Promise<Pick<Member, 'id' | 'isActive' | 'sessionVersion'> | null> {
    return this.members.findOne({ select: { id: true, isActive: true, sessionVersion: true }, where: { id } });
  }

  findByUsernameFold(usernameFold: string): Promise<Member | null> {
    return this.members.findOneBy({ usernameFold });
  }

  findByEmailKey(emailKey: string): Promise<Member | null> {
    return this.members.findOneBy({ emailKey });
  }

  async findKeyHolders(keys: MemberKeys): Promise<Array<Pick<Member, 'id' | 'usernameKey' | 'usernameFold' | 'emailKey'>>> {
    const wanted = (['usernameKey', 'usernameFold', 'emailKey'] as const)
      .filter((key) => keys[key] !== undefined)
      .map((key) => ({ [key]: keys[key] }));
    if (wanted.length === 0) return [];
    return this.members.find({ select: { id: true, usernameKey: true, usernameFold: true, emailKey: true }, where: wanted, take: 3 });
  }

  async findPage(query: MemberListQuery): Promise<MemberPage> {
    const filtered = this.members.createQueryBuilder('member');
    if (query.isActive !== undefined) filtered.andWhere('member.isActive = :isActive', { isActive: query.isActive });
    if (query.isStaff !== undefined) filtered.andWhere('member.isStaff = :isStaff', { isStaff: query.isStaff });
    if (query.search !== undefined) {
      filtered.andWhere(`${this.position}(member.username_key, :searchKey) > 0`, { searchKey: query.search.key });
    }
    // One round trip in the common case: the window count and the list's version ride along with
    // the page's rows, read in the statement's one snapshot, so the version is exactly that of the
    // rows. A page past the end has no row to carry them: then the version is read first (before
    // the rows it will tag, see `listVersion`), the page again, and the total counted.
    const ordered = () =>
      this.ordered(filtered.clone(), query)
        .select(SHOWN_MEMBER_FIELDS.map((field) => `member.${field}`))
        .addSelect('COUNT(*) OVER ()', 'total_count')
        .addSelect(`(${LIST_VERSION_SQL})`, 'list_version');
    const statement = this.pageStatement(query, ordered);
    const raw = await this.read<ListRow>(statement);
    if (raw.length > 0) return { members: this.hydrate(raw), total: Number(raw[0].total_count), version: String(raw[0].list_version) };
    const version = await this.listVersion();
    const again = await this.read<ListRow>(statement);
    if (again.length > 0) return { members: this.hydrate(again), total: Number(again[0].total_count), version };
    return { members: [], total: await filtered.getCount(), version };
  }

  /** Runs a read of the list in the caller's transaction if any (PostgreSQL overrides it outside one). */
  protected async read<T>(statement: PgNamedQuery): Promise<T[]> {
    return this.transactions.manager().query<T[]>(statement.text, statement.values);
  }

  /**
   * The page's statement, built by the query builder once per page query and kept: a back office
   * asks for the same few pages over and over, and building the SQL was a tenth of a page's CPU.
   * Bounded: a scan of many queries only builds again. LIMIT and OFFSET are parameters, so the
   * text depends only on the query's shape (which filters, search or not, which order): a few dozen
   * texts in all, each named once, which PostgreSQL keeps prepared per connection.
   */
  private pageStatement(query: MemberListQuery, build: () => SelectQueryBuilder<Member>): PgNamedQuery {
    const key = JSON.stringify([query.isActive, query.isStaff, query.search, query.ordering, query.offset, query.limit]);
    return this.pageStatements.get(key, () => {
      const [shape, values] = build().getQueryAndParameters() as [string, unknown[]];
      const { driver } = this.transactions.manager().connection;
      const text = `${shape} LIMIT ${driver.createParameter('limit', values.length)} OFFSET ${driver.createParameter('offset', values.length + 1)}`;
      let name = this.statementNames.get(text);
      if (name === undefined) {
        name = `members.page.${this.statementNames.size + 1}`;
        this.statementNames.set(text, name);
      }
      return { name, text, values: [...values, query.limit, query.offset] };
    });
  }

  private readonly pageStatements = new BoundedMemo<string, PgNamedQuery>(MAX_REMEMBERED_PAGE_STATEMENTS);
  /** One name per statement text, for as long as the process lives (the texts are few: see `pageStatement`). */
  private readonly statementNames = new Map<string, string>();

  /**
   * The shown fields of the page's members from its raw rows, each column converted by the dialect's driver as TypeORM
   * would (booleans and instants differ between PostgreSQL and SQLite). TypeORM's own
   * `getRawAndEntities` transformer, built for joins and relations, was 9 % of a page's CPU and
   * most of its garbage; a page of one entity needs none of it.
   */
  private hydrate(rows: ListRow[]): ShownMember[] {
    const connection = this.transactions.manager().connection;
    this.columns ??= connection
      .getMetadata(Member)
      .columns.filter((column) => (SHOWN_MEMBER_FIELDS as readonly string[]).includes(column.propertyName))
      .map((column) => ({ property: column.propertyName, key: `member_${column.databaseName}`, column }));
    const { driver } = connection;
    // Every row of a statement has the same columns: the first one answers for all.
    for (const { key } of this.columns) {
      if (rows.length > 0 && !(key in rows[0])) throw new Error(`members page: no column ${key} in the row (TypeORM's aliases changed)`);
    }
    return rows.map((row) => {
      const member: Record<string, unknown> = {};
      for (const { property, key, column } of this.columns!) member[property] = driver.prepareHydratedValue(row[key], column);
      return member as unknown as ShownMember;
    });
  }

  private columns: Array<{ property: string; key: string; column: ColumnMetadata }> | undefined;

  async listVersion(): Promise<string> {
    // Every conditional GET of the list reads it: prepared, like the page (`read`).
    const rows = await this.read<{ version: string | number }>(LIST_VERSION_STATEMENT);
    if (rows.length === 0) throw new Error('members_list_version has no row: the members migrations did not run');
    return String(rows[0].version);
  }

  /**
   * An explicit `ordering` wins; otherwise a search ranks (exact, exact ignoring case, starts with,
   * starts with ignoring case, contains, contains ignoring case; ties by username) and a plain list
   * shows the newest first. The id always breaks the last ties, so pages never overlap.
   */
  private ordered(builder: SelectQueryBuilder<Member>, query: MemberListQuery): SelectQueryBuilder<Member> {
    if (query.ordering !== undefined) {
      const direction = query.ordering.startsWith('-') ? 'DESC' : 'ASC';
      switch (query.ordering.replace(/^-/, '')) {
        case 'username':
          builder
            .orderBy(`member.username_key${this.codePointOrder}`, direction)
            .addOrderBy(`member.username${this.codePointOrder}`, direction);
          break;
        case 'date_joined':
          builder.orderBy('member.dateJoined', direction);
          break;
        case 'last_visit':
          // Members who never logged in come last either way: they have nothing to sort by.
          builder.orderBy('member.lastVisit', direction, 'NULLS LAST');
          break;
      }
      return builder.addOrderBy('member.id', direction);
    }
    if (query.search !== undefined) {
      return builder
        .orderBy(
          `CASE WHEN member.username = :search THEN 0
                WHEN member.username_key = :searchKey THEN 1
                WHEN ${this.position}(member.username, :search) = 1 THEN 2
                WHEN ${this.position}(member.username_key, :searchKey) = 1 THEN 3
                WHEN ${this.position}(member.username, :search) > 0 THEN 4
                ELSE 5 END`,
          'ASC',
        )
        .addOrderBy(`member.username_key${this.codePointOrder}`, 'ASC')
        .addOrderBy(`member.username${this.codePointOrder}`, 'ASC')
        .addOrderBy('member.id', 'ASC')
        .setParameter('search', query.search.text);
    }
    return builder.orderBy('member.dateJoined', 'DESC').addOrderBy('member.id', 'DESC');
  }

  async insert(member: Member): Promise<void> {
    try {
      await this.write((members) => members.insert(member));
    } catch (error) {
      throw conflictFrom(error) ?? error;
    }
  }

  async updateProfile(id: number, changes: ProfileChanges, expected: { version?: number; passwordHash?: string }): Promise<boolean> {
    const { closeSessions, ...fields } = changes;
    const set: Record<string, unknown> = { ...fields, version: () => 'version + 1' };
    // A new password revokes every token issued before the change, the caller's own included.
    if (closeSessions === true) set.sessionVersion = () => 'session_version + 1';
    try {
      return await this.write(async (_members, manager) => {
        const update = manager.createQueryBuilder().update(Member).set(set).where('id = :id', { id });
        if (expected.version !== undefined) update.andWhere('version = :version', { version: expected.version });
        if (expected.passwordHash !== undefined) update.andWhere('password_hash = :passwordHash', { passwordHash: expected.passwordHash });
        return (await update.execute()).affected === 1;
      });
    } catch (error) {
      throw conflictFrom(error) ?? error;
    }
  }

  async setActive(id: number, active: boolean): Promise<void> {
    await this.write((members) =>
      members.update({ id }, { isActive: active, sessionVersion: () => 'session_version + 1', version: () => 'version + 1' }),
    );
  }

  async closeSessions(id: number): Promise<void> {
    await this.write((members) => members.update({ id }, { sessionVersion: () => 'session_version + 1' }));
  }

  async recordVisit(id: number, at: Date): Promise<void> {
    await this.write((members) => members.update({ id }, { lastVisit: at, version: () => 'version + 1' }));
  }
}

@Injectable()
export class PostgresMembersRepository extends SqlMembersRepository {
  protected readonly position = 'strpos';
  protected readonly codePointOrder = ' COLLATE "C"';

  /**
   * Outside a transaction, the page is one named statement on a pool connection: PostgreSQL plans
   * it once per connection instead of parsing and planning it for every page, and TypeORM's query
   * runner (created, connected and released per query) is skipped, as the event store's batch does.
   * Its instants are read by `parseTimestamptz`, node-postgres' own parser being the page's costliest
   * frame after the socket.
   */
  protected override async read<T>(statement: PgNamedQuery): Promise<T[]> {
    const pool = pgPoolOf(this.transactions.manager().connection);
    if (this.transactions.active() !== undefined || pool === undefined) return super.read<T>(statement);
    return (await pool.query<T>({ ...statement, types: FAST_INSTANT_TYPES })).rows;
  }
}

/** SQLite's default collation already compares code points. */
@Injectable()
export class SqliteMembersRepository extends SqlMembersRepository {
  protected readonly position = 'instr';
  protected readonly codePointOrder = '';
}

/**
 * The 409 of a unique violation on the username or e-mail keys (PostgreSQL names the index,
 * SQLite the columns: both hold `username_key`/`username_fold`/`email_key`); otherwise undefined.
 */
function conflictFrom(error: unknown): MembersError | undefined {
  if (!(error instanceof QueryFailedError) || !isUniqueViolation(error)) return undefined;
  const driverError = error.driverError as { constraint?: string; message?: string };
  const where = `${driverError.constraint ?? ''} ${driverError.message ?? ''}`;
  if (/username_(key|fold)/.test(where)) return usernameTaken();
  if (/email_key/.test(where)) return emailTaken();
  return new MembersError('ACCOUNT_CONFLICT', 'this account conflicts with an existing one');
}
