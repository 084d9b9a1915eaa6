import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { QueryFailedError, Repository, SelectQueryBuilder } from 'typeorm';
import { AccessToken, TokenService } from '../common/auth/token.service.js';
import { PasswordHasher } from '../common/auth/password-hasher.js';
import { challenges } from '../common/auth/realms.js';
import { ApiError } from '../common/errors/api-error.js';
import { fieldErrors } from '../common/errors/validation.js';
import { ifMatchMatches, strongEtag } from '../common/http/etag.js';
import type { PageRequest } from '../common/http/pagination.js';
import { isPostgres } from '../database/column-types.js';
import { isUniqueViolation } from '../database/database-errors.js';
import { CreateMemberDto } from './dto/create-member.dto.js';
import type { ListMembersQueryDto } from './dto/list-members-query.dto.js';
import type { LoginDto } from './dto/login.dto.js';
import type { UpdateMemberDto } from './dto/update-member.dto.js';
import { Member } from './member.entity.js';
import { memberRepresentation, MemberRepresentation } from './member.representation.js';

/** Ids are PostgreSQL `integer`s: a larger one cannot exist (and must not reach the database). */
const MAX_MEMBER_ID = 2_147_483_647;

export const MEMBER_NOT_FOUND = 'member does not exist';
const BAD_CREDENTIALS = 'invalid username, e-mail or password';

/** What a new account is made of, whoever creates it (sign-up or the staff CLI). */
export interface NewMember {
  username: string;
  email: string;
  password: string;
  showEmail?: boolean;
  emailForAnswer?: boolean;
  site?: string | null;
  avatarUrl?: string | null;
  biography?: string | null;
  sign?: string | null;
  isStaff?: boolean;
}

/** The lower-cased form uniqueness and case-insensitive search compare (NFC first, as usernames are stored). */
export function memberKey(text: string): string {
  return text.normalize('NFC').toLowerCase();
}

/**
 * The members domain: accounts, profiles, login, the searchable list. Other modules reach members
 * through this service only (`findActiveById` for mobility riders).
 */
@Injectable()
export class MembersService {
  constructor(
    @InjectRepository(Member) private readonly members: Repository<Member>,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
  ) {}

  /** The member with this id if it exists and is active, for other modules (riders). */
  async findActiveById(id: number): Promise<Member | null> {
    if (!isMemberId(id)) return null;
    return this.members.findOneBy({ id, isActive: true });
  }

  /** A member's public representation, 404 when there is none. */
  async publicProfile(id: number): Promise<MemberRepresentation> {
    const member = isMemberId(id) ? await this.members.findOneBy({ id }) : null;
    if (member === null) throw ApiError.notFound(MEMBER_NOT_FOUND);
    return memberRepresentation(member, { ownProfile: false });
  }

  /** The caller's own profile (e-mail shown). A token for a member that no longer exists is refused. */
  async ownProfile(id: number): Promise<MemberRepresentation> {
    const member = await this.members.findOneBy({ id });
    if (member === null) throw memberOfTokenGone();
    return memberRepresentation(member, { ownProfile: true });
  }

  /** One page of the (filtered, searched, ordered) list and the total it is a page of. */
  async list(query: ListMembersQueryDto, page: PageRequest): Promise<{ members: MemberRepresentation[]; total: number }> {
    const filtered = this.members.createQueryBuilder('member');
    if (query.is_active !== undefined) filtered.andWhere('member.isActive = :isActive', { isActive: query.is_active === 'true' });
    if (query.is_staff !== undefined) filtered.andWhere('member.isStaff = :isStaff', { isStaff: query.is_staff === 'true' });
    if (query.search !== undefined && query.search !== '') {
      filtered.andWhere(`${POSITION}(member.username_key, :searchKey) > 0`, { searchKey: memberKey(query.search) });
    }
    // One round trip in the common case: the window count rides along with the page's rows. A page
    // past the end has no row to carry it, so only then is the total counted separately.
    const ordered = this.ordered(filtered.clone(), query)
      .addSelect('COUNT(*) OVER ()', 'total_count')
      .offset(page.offset)
      .limit(page.perPage);
    const { entities, raw } = await ordered.getRawAndEntities<{ total_count: string | number }>();
    const total = raw.length > 0 ? Number(raw[0].total_count) : await filtered.getCount();
    return { members: entities.map((member) => memberRepresentation(member, { ownProfile: false })), total };
  }

  /**
   * An explicit `ordering` wins; otherwise a search ranks (exact, exact ignoring case, starts with,
   * starts with ignoring case, contains, contains ignoring case; ties by username) and a plain list
   * shows the newest first. The id always breaks the last ties, so pages never overlap.
   */
  private ordered(builder: SelectQueryBuilder<Member>, query: ListMembersQueryDto): SelectQueryBuilder<Member> {
    if (query.ordering !== undefined) {
      const descending = query.ordering.startsWith('-');
      const direction = descending ? 'DESC' : 'ASC';
      switch (query.ordering.replace(/^-/, '')) {
        case 'username':
          builder.orderBy(`member.username_key${CODE_POINT_ORDER}`, direction).addOrderBy(`member.username${CODE_POINT_ORDER}`, direction);
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
    if (query.search !== undefined && query.search !== '') {
      const search = query.search.normalize('NFC');
      return builder
        .orderBy(
          `CASE WHEN member.username = :search THEN 0
                WHEN member.username_key = :searchKey THEN 1
                WHEN ${POSITION}(member.username, :search) = 1 THEN 2
                WHEN ${POSITION}(member.username_key, :searchKey) = 1 THEN 3
                WHEN ${POSITION}(member.username, :search) > 0 THEN 4
                ELSE 5 END`,
          'ASC',
        )
        .addOrderBy(`member.username_key${CODE_POINT_ORDER}`, 'ASC')
        .addOrderBy(`member.username${CODE_POINT_ORDER}`, 'ASC')
        .addOrderBy('member.id', 'ASC')
        .setParameter('search', search);
    }
    return builder.orderBy('member.dateJoined', 'DESC').addOrderBy('member.id', 'DESC');
  }

  /** Signs a member up: active at once, never staff. */
  async register(dto: CreateMemberDto): Promise<MemberRepresentation> {
    const member = await this.create({
      username: dto.username,
      email: dto.email,
      password: dto.password,
      showEmail: dto.show_email,
      emailForAnswer: dto.email_for_answer,
      site: dto.site,
      avatarUrl: dto.avatar_url,
      biography: dto.biography,
      sign: dto.sign,
    });
    return memberRepresentation(member, { ownProfile: true });
  }

  /**
   * Creates an active staff member (the CLI's one job: the API never makes staff), checked by the
   * same rules as a sign-up: 400 entries per faulty field, 409 when taken.
   */
  async createStaff(account: { username: string; email: string; password: string }): Promise<Member> {
    const dto = plainToInstance(CreateMemberDto, account);
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
    if (errors.length > 0) throw ApiError.invalidFields(fieldErrors(errors));
    return this.create({ username: dto.username, email: dto.email, password: dto.password, isStaff: true });
  }

  /** Creates an active account; 409 when the username or e-mail is taken, ignoring case. */
  async create(account: NewMember): Promise<Member> {
    const member = this.members.create({
      username: account.username,
      usernameKey: memberKey(account.username),
      email: account.email,
      emailKey: memberKey(account.email),
      passwordHash: await this.hasher.hash(account.password),
      showEmail: account.showEmail ?? false,
      emailForAnswer: account.emailForAnswer ?? false,
      isStaff: account.isStaff ?? false,
      isActive: true,
      site: account.site ?? null,
      avatarUrl: account.avatarUrl ?? null,
      biography: account.biography ?? null,
      sign: account.sign ?? null,
      lastVisit: null,
      dateJoined: new Date(),
      version: 1,
    });
    try {
      await this.members.insert(member);
    } catch (error) {
      throw conflictFrom(error) ?? error;
    }
    return member;
  }

  /**
   * Updates the caller's profile with one UPDATE whose condition the database checks, on both
   * dialects and without a transaction or row lock:
   * - with `If-Match`, `WHERE version = <the version whose tag matched>`: of parallel PUTs carrying
   *   the same tag exactly one writes, the others get 412;
   * - with a password check, `WHERE password_hash = <the hash verified>`: a password changed in the
   *   meantime makes the current_password just verified stale;
   * - otherwise the fields sent simply win (last write wins, field by field).
   * bcrypt runs before the write, never while the row or a transaction is held.
   */
  async updateOwnProfile(id: number, dto: UpdateMemberDto, ifMatch: string | undefined): Promise<MemberRepresentation> {
    const member = await this.members.findOneBy({ id });
    if (member === null) throw memberOfTokenGone();
    if (!ifMatchMatches(ifMatch, ownProfileEtag(member))) throw profileChanged();
    const passwordChecked = await this.checkCurrentPassword(member, dto);

    const changes = await this.profileChanges(dto);
    if (Object.keys(changes).length === 0) return memberRepresentation(member, { ownProfile: true });
    const update = this.members
      .createQueryBuilder()
      .update(Member)
      .set({ ...changes, version: () => 'version + 1' })
      .where('id = :id', { id });
    if (ifMatch !== undefined) update.andWhere('version = :version', { version: member.version });
    if (passwordChecked) update.andWhere('password_hash = :passwordHash', { passwordHash: member.passwordHash });
    let written: boolean;
    try {
      written = (await update.execute()).affected === 1;
    } catch (error) {
      throw conflictFrom(error) ?? error;
    }
    if (!written) {
      if (ifMatch !== undefined) throw profileChanged();
      if (passwordChecked) throw ApiError.badRequest('current_password is wrong', { field: 'current_password' });
      throw memberOfTokenGone();
    }
    if (ifMatch !== undefined) {
      // The write applied to exactly the version read: the result is known without reading it back.
      return memberRepresentation(Object.assign(member, changes, { version: member.version + 1 }), { ownProfile: true });
    }
    return this.ownProfile(id);
  }

  private async profileChanges(dto: UpdateMemberDto): Promise<Partial<Member>> {
    const changes: Partial<Member> = {};
    if (dto.username !== undefined) Object.assign(changes, { username: dto.username, usernameKey: memberKey(dto.username) });
    if (dto.email !== undefined) Object.assign(changes, { email: dto.email, emailKey: memberKey(dto.email) });
    if (dto.show_email !== undefined) changes.showEmail = dto.show_email;
    if (dto.email_for_answer !== undefined) changes.emailForAnswer = dto.email_for_answer;
    if (dto.site !== undefined) changes.site = dto.site;
    if (dto.avatar_url !== undefined) changes.avatarUrl = dto.avatar_url;
    if (dto.biography !== undefined) changes.biography = dto.biography;
    if (dto.sign !== undefined) changes.sign = dto.sign;
    if (dto.password !== undefined) changes.passwordHash = await this.hasher.hash(dto.password);
    return changes;
  }

  /**
   * A password change needs the current password; a current_password sent at all must be right.
   * Returns whether it was checked (the write then requires the hash it was checked against).
   */
  private async checkCurrentPassword(member: Member, dto: UpdateMemberDto): Promise<boolean> {
    if (dto.password === undefined && dto.current_password === undefined) return false;
    if (dto.current_password === undefined) {
      throw ApiError.badRequest('current_password is required to change the password', { field: 'current_password' });
    }
    if (!(await this.hasher.verify(dto.current_password, member.passwordHash))) {
      throw ApiError.badRequest('current_password is wrong', { field: 'current_password' });
    }
    return true;
  }

  /**
   * Checks the credentials and issues a member JWT. Unknown account and wrong password answer the
   * same 401 after the same bcrypt cost; only a correct password learns that an account is inactive.
   */
  async login(dto: LoginDto): Promise<AccessToken> {
    if (dto.username !== undefined && dto.email !== undefined) {
      throw ApiError.badRequest('send a username or an email, not both', { field: 'email' });
    }
    const member =
      dto.username !== undefined
        ? await this.members.findOneBy({ usernameKey: memberKey(dto.username.trim()) })
        : await this.members.findOneBy({ emailKey: memberKey((dto.email ?? '').trim()) });
    const passwordMatches = await this.hasher.verify(dto.password, member?.passwordHash);
    if (member === null || !passwordMatches) throw ApiError.unauthorized(BAD_CREDENTIALS, challenges.member);
    if (!member.isActive) throw ApiError.forbidden('this account is inactive');
    // last_visit shows in the profile, so it moves the version like any other change.
    await this.members.update({ id: member.id }, { lastVisit: new Date(), version: () => 'version + 1' });
    return this.tokens.issue('member', member.id);
  }
}

/** `strpos` on PostgreSQL, `instr` on SQLite: a case-sensitive substring position from 1, 0 when absent. */
const POSITION = isPostgres ? 'strpos' : 'instr';

/**
 * Usernames sort by code point (lower-cased first), as SQLite's default does, whatever collation the
 * PostgreSQL database was created with: the same list reads the same on every deployment.
 */
const CODE_POINT_ORDER = isPostgres ? ' COLLATE "C"' : '';

/** The tag `GET /v1/membres/monprofil` sends for this state of the member (same function, same bytes). */
function ownProfileEtag(member: Member): string {
  return strongEtag(JSON.stringify(memberRepresentation(member, { ownProfile: true })));
}

function memberOfTokenGone(): ApiError {
  return ApiError.unauthorized('the member of this token does not exist', challenges.member);
}

function profileChanged(): ApiError {
  return ApiError.preconditionFailed('the profile has changed since this version (If-Match does not match its ETag)');
}

function isMemberId(id: number): boolean {
  return Number.isSafeInteger(id) && id > 0 && id <= MAX_MEMBER_ID;
}

/** Maps a unique violation on the username or e-mail key to a 409 naming the field; otherwise undefined. */
function conflictFrom(error: unknown): ApiError | undefined {
  if (!(error instanceof QueryFailedError) || !isUniqueViolation(error)) return undefined;
  const driverError = error.driverError as { constraint?: string; message?: string };
  const where = `${driverError.constraint ?? ''} ${driverError.message ?? ''}`;
  if (/username_key/.test(where)) return ApiError.conflict('this username is already taken', { field: 'username' });
  if (/email_key/.test(where)) return ApiError.conflict('this e-mail is already taken', { field: 'email' });
  return ApiError.of(HttpStatus.CONFLICT, 'this account conflicts with an existing one');
}
