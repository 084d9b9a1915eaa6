import { Injectable, OnModuleInit } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AccessToken, TokenService } from '../common/auth/token.service.js';
import { FailureLimiter } from '../common/auth/failure-limiter.js';
import { PasswordHasher } from '../common/auth/password-hasher.js';
import { challenges } from '../common/auth/realms.js';
import { SessionState, Sessions } from '../common/auth/sessions.js';
import { fieldErrors } from '../common/errors/validation.js';
import { ifMatchMatches } from '../common/http/etag.js';
import { MAX_SERIAL_ID } from '../common/http/id-pipes.js';
import type { PageRequest } from '../common/http/pagination.js';
import { CreateMemberDto } from './dto/create-member.dto.js';
import type { ListMembersQueryDto } from './dto/list-members-query.dto.js';
import type { LoginDto } from './dto/login.dto.js';
import type { UpdateMemberDto } from './dto/update-member.dto.js';
import { Member } from './member.entity.js';
import { memberListEtag, ownProfileEtag } from './member.views.js';
import { emailTaken, MembersError, usernameTaken } from './members.errors.js';
import { type MemberListQuery, type MemberPage, MembersRepository, type ProfileChanges } from './members.repository.js';
import { foldUsername, memberKey } from './username.js';

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

/**
 * The members domain: accounts, profiles, login, the searchable list. Other modules reach members
 * through this service only: `findActiveById`, and the member JWT guard, which asks this service
 * (registered in `Sessions`) whether a token's member is active and its session still open.
 * It answers entities; the controllers show them (`member.views.ts`).
 */
@Injectable()
export class MembersService implements OnModuleInit {
  constructor(
    private readonly members: MembersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly sessions: Sessions,
    private readonly failures: FailureLimiter,
  ) {}

  onModuleInit(): void {
    this.sessions.register('member', (id) => this.sessionState(id));
  }

  /** Whether the member's tokens may count: active, and under which session version. */
  async sessionState(id: number): Promise<SessionState | null> {
    if (!isMemberId(id)) return null;
    const member = await this.members.findSessionState(id);
    return member === null ? null : { active: member.isActive, version: member.sessionVersion };
  }

  /**
   * Activates or deactivates a member by username (the staff CLI `members:set-active`), moving the
   * session version on either way: the tokens issued before a deactivation stay dead after a later
   * reactivation. Returns the member's id, or null when no member has that name.
   */
  async setActive(username: string, active: boolean): Promise<number | null> {
    const member = await this.members.findByUsernameFold(foldUsername(username.trim()));
    if (member === null) return null;
    await this.members.setActive(member.id, active);
    this.sessions.forget('member', member.id);
    return member.id;
  }

  /** Revokes every token issued to the member so far (`POST /v1/logout`). */
  async logout(id: number): Promise<void> {
    await this.members.closeSessions(id);
    this.sessions.forget('member', id);
  }

  /** The member with this id if it exists and is active, for other modules (riders). */
  async findActiveById(id: number): Promise<Member | null> {
    if (!isMemberId(id)) return null;
    return this.members.findActiveById(id);
  }

  /** A member others may see; `MEMBER_NOT_FOUND` when there is none. */
  async publicProfile(id: number): Promise<Member> {
    const member = isMemberId(id) ? await this.members.findById(id) : null;
    if (member === null) throw new MembersError('MEMBER_NOT_FOUND', 'member does not exist');
    return member;
  }

  /** The caller's own profile. A token for a member that no longer exists is refused. */
  async ownProfile(id: number): Promise<Member> {
    const member = await this.members.findById(id);
    if (member === null) throw memberOfTokenGone();
    return member;
  }

  /** One page of the (filtered, searched, ordered) list and the total it is a page of. */
  list(query: MemberListQuery): Promise<MemberPage> {
    return this.members.findPage(query);
  }

  /** The list's current tag for this page (see `memberListEtag`): one read of the list's version. */
  async listEtag(query: MemberListQuery): Promise<string> {
    return memberListEtag(await this.members.listVersion(), query);
  }

  /** What a list request asks the repository for. */
  listQuery(query: ListMembersQueryDto, page: PageRequest): MemberListQuery {
    const search = query.search === undefined || query.search === '' ? undefined : query.search.normalize('NFC');
    return {
      isActive: query.is_active === undefined ? undefined : query.is_active === 'true',
      isStaff: query.is_staff === undefined ? undefined : query.is_staff === 'true',
      search: search === undefined ? undefined : { text: search, key: memberKey(search) },
      ordering: query.ordering,
      offset: page.offset,
      limit: page.perPage,
    };
  }

  /** Signs a member up: active at once, never staff. */
  register(dto: CreateMemberDto): Promise<Member> {
    return this.create({
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
  }

  /**
   * Creates an active staff member (the CLI's one job: the API never makes staff), checked by the
   * same rules as a sign-up: `ACCOUNT_FIELDS_INVALID` naming each faulty field, 409 codes when taken.
   */
  async createStaff(account: { username: string; email: string; password: string }): Promise<Member> {
    const dto = plainToInstance(CreateMemberDto, account);
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
    if (errors.length > 0) {
      const faults = fieldErrors(errors);
      throw new MembersError('ACCOUNT_FIELDS_INVALID', faults.map((fault) => `${fault.field}: ${fault.message}`).join('; '), { faults });
    }
    return this.create({ username: dto.username, email: dto.email, password: dto.password, isStaff: true });
  }

  /**
   * Creates an active account; taken when the username or e-mail is, ignoring case. Taken names
   * are looked for before bcrypt runs, so a sign-up that can only fail costs no hash; the unique
   * indexes still decide between parallel identical sign-ups.
   */
  async create(account: NewMember): Promise<Member> {
    await this.assertNotTaken(account.username, account.email);
    const member = Object.assign(new Member(), {
      username: account.username,
      usernameKey: memberKey(account.username),
      usernameFold: foldUsername(account.username),
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
      sessionVersion: 0,
    });
    await this.members.insert(member);
    return member;
  }

  /** Throws the 409 an account with this username or e-mail would get (ignoring member `exceptId`), if any: one query. */
  private async assertNotTaken(username: string | undefined, email: string | undefined, exceptId?: number): Promise<void> {
    const keys = {
      usernameKey: username === undefined ? undefined : memberKey(username),
      usernameFold: username === undefined ? undefined : foldUsername(username),
      emailKey: email === undefined ? undefined : memberKey(email),
    };
    const holders = (await this.members.findKeyHolders(keys)).filter((member) => member.id !== exceptId);
    const nameTaken = holders.some((m) => m.usernameKey === keys.usernameKey || m.usernameFold === keys.usernameFold);
    if (username !== undefined && nameTaken) throw usernameTaken();
    if (email !== undefined && holders.some((m) => m.emailKey === keys.emailKey)) throw emailTaken();
  }

  /**
   * Updates the caller's profile with one UPDATE whose condition the database checks, on both
   * dialects and without a row lock:
   * - with `If-Match`, `WHERE version = <the version whose tag matched>`: of parallel PUTs carrying
   *   the same tag exactly one writes, the others get 412;
   * - with a password check, `WHERE password_hash = <the hash verified>`: a password changed in the
   *   meantime makes the current_password just verified stale;
   * - otherwise the fields sent simply win (last write wins, field by field).
   * bcrypt runs before the write, never while the row or a transaction is held.
   */
  async updateOwnProfile(id: number, dto: UpdateMemberDto, ifMatch: string | undefined): Promise<Member> {
    const member = await this.members.findById(id);
    if (member === null) throw memberOfTokenGone();
    if (!ifMatchMatches(ifMatch, ownProfileEtag(member))) throw profileChanged();
    await this.assertNotTaken(dto.username, dto.email, id);
    const passwordChecked = await this.checkCurrentPassword(member, dto);

    const changes = await this.profileChanges(dto);
    if (Object.keys(changes).length === 0) return member;
    const written = await this.members.updateProfile(id, changes, {
      version: ifMatch !== undefined ? member.version : undefined,
      passwordHash: passwordChecked ? member.passwordHash : undefined,
    });
    if (!written) {
      if (ifMatch !== undefined) throw profileChanged();
      if (passwordChecked) throw currentPasswordWrong();
      throw memberOfTokenGone();
    }
    // A new password closed every session (the UPDATE moved session_version): this process forgets
    // the old state at once, the others within SESSION_CACHE_MS.
    if (changes.closeSessions === true) this.sessions.forget('member', id);
    if (ifMatch !== undefined) {
      // The write applied to exactly the version read: the result is known without reading it back.
      const { closeSessions: _closed, ...fields } = changes;
      return Object.assign(member, fields, { version: member.version + 1 });
    }
    return this.ownProfile(id);
  }

  private async profileChanges(dto: UpdateMemberDto): Promise<ProfileChanges> {
    const changes: ProfileChanges = {};
    if (dto.username !== undefined) {
      Object.assign(changes, { username: dto.username, usernameKey: memberKey(dto.username), usernameFold: foldUsername(dto.username) });
    }
    if (dto.email !== undefined) Object.assign(changes, { email: dto.email, emailKey: memberKey(dto.email) });
    if (dto.show_email !== undefined) changes.showEmail = dto.show_email;
    if (dto.email_for_answer !== undefined) changes.emailForAnswer = dto.email_for_answer;
    if (dto.site !== undefined) changes.site = dto.site;
    if (dto.avatar_url !== undefined) changes.avatarUrl = dto.avatar_url;
    if (dto.biography !== undefined) changes.biography = dto.biography;
    if (dto.sign !== undefined) changes.sign = dto.sign;
    if (dto.password !== undefined) {
      changes.passwordHash = await this.hasher.hash(dto.password);
      // Revokes every token issued before the change, the caller's own included.
      changes.closeSessions = true;
    }
    return changes;
  }

  /**
   * A password change needs the current password; a current_password sent at all must be right.
   * Returns whether it was checked (the write then requires the hash it was checked against).
   */
  private async checkCurrentPassword(member: Member, dto: UpdateMemberDto): Promise<boolean> {
    if (dto.password === undefined && dto.current_password === undefined) return false;
    if (dto.current_password === undefined) {
      const message = 'current_password is required to change the password';
      throw new MembersError('CURRENT_PASSWORD_REQUIRED', message, { field: 'current_password' });
    }
    // Per account: a stolen token must not make this route a password oracle.
    await this.failures.assertAllowed('members-current-password', String(member.id));
    if (!(await this.hasher.verify(dto.current_password, member.passwordHash))) {
      await this.failures.recordFailure('members-current-password', String(member.id));
      throw currentPasswordWrong();
    }
    return true;
  }

  /**
   * Checks the credentials and issues a member JWT. Unknown account and wrong password answer the
   * same 401 after the same bcrypt cost; only a correct password learns that an account is inactive.
   */
  async login(dto: LoginDto): Promise<AccessToken> {
    if (dto.username !== undefined && dto.email !== undefined) {
      throw new MembersError('MEMBER_LOGIN_AMBIGUOUS', 'send a username or an email, not both', { field: 'email' });
    }
    const member =
      dto.username !== undefined
        ? await this.members.findByUsernameFold(foldUsername(dto.username.trim()))
        : await this.members.findByEmailKey(memberKey((dto.email ?? '').trim()));
    const passwordMatches = await this.hasher.verify(dto.password, member?.passwordHash);
    if (member === null || !passwordMatches) {
      throw new MembersError('MEMBER_BAD_CREDENTIALS', 'invalid username, e-mail or password', { headers: memberChallenge() });
    }
    if (!member.isActive) throw new MembersError('MEMBER_INACTIVE', 'this account is inactive');
    await this.members.recordVisit(member.id, new Date());
    return this.tokens.issue('member', member.id, member.sessionVersion);
  }
}

function memberOfTokenGone(): MembersError {
  return new MembersError('MEMBER_OF_TOKEN_GONE', 'the member of this token does not exist', { headers: memberChallenge() });
}

/** The member realm's `WWW-Authenticate`, which every 401 of this realm carries. */
function memberChallenge(): Record<string, string> {
  return { 'WWW-Authenticate': challenges.member };
}

function profileChanged(): MembersError {
  return new MembersError('PROFILE_CHANGED', 'the profile has changed since this version (If-Match does not match its ETag)');
}

function currentPasswordWrong(): MembersError {
  return new MembersError('CURRENT_PASSWORD_WRONG', 'current_password is wrong', { field: 'current_password' });
}

/** Ids are PostgreSQL `integer`s: a larger one cannot exist (and must not reach the database). */
function isMemberId(id: number): boolean {
  return Number.isSafeInteger(id) && id > 0 && id <= MAX_SERIAL_ID;
}
