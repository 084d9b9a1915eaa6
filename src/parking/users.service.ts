import { Injectable, OnModuleInit } from '@nestjs/common';
import { PasswordHasher } from '../common/auth/password-hasher.js';
import { challenges } from '../common/auth/realms.js';
import { SessionState, Sessions } from '../common/auth/sessions.js';
import { AccessToken, TokenService } from '../common/auth/token.service.js';
import { isUniqueViolation } from '../database/database-errors.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { AuthDto, CreateUserDto } from './dto/create-user.dto.js';
import { ParkingError } from './parking.errors.js';
import type { ParkingUser } from './parking-user.entity.js';
import { ParkingUsersRepository } from './parking-users.repository.js';

const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** The answer to a sign-in or a token the parking realm refuses: a challenge naming the realm. */
const unauthorized = (code: 'PARKING_WRONG_CREDENTIALS' | 'PARKING_TOKEN_USER_GONE', message: string) =>
  new ParkingError(code, message, { headers: { 'WWW-Authenticate': challenges.parking } });

/** Parking accounts: sign-up, sign-in, sign-out and the caller's own view. */
@Injectable()
export class UsersService implements OnModuleInit {
  constructor(
    private readonly transactions: TransactionRunner,
    private readonly users: ParkingUsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly sessions: Sessions,
  ) {}

  onModuleInit(): void {
    this.sessions.register('parking', (id) => this.sessionState(id));
  }

  /** Parking accounts have no inactive state: a user's tokens count while their session version does. */
  async sessionState(id: number): Promise<SessionState | null> {
    if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) return null;
    const version = await this.users.sessionVersion(id);
    return version === null ? null : { active: true, version };
  }

  /** Revokes every token issued to the user so far (`POST /parking/user/logout`). */
  async logout(id: number): Promise<void> {
    await this.transactions.run(() => this.users.bumpSessionVersion(id));
    this.sessions.forget('parking', id);
  }

  async create(dto: CreateUserDto): Promise<{ id: number }> {
    const emailNormalized = normalizeEmail(dto.email);
    const taken = () => new ParkingError('PARKING_EMAIL_TAKEN', 'this e-mail address already has an account', { field: 'email' });
    if (await this.users.emailTaken(emailNormalized)) throw taken();
    const passwordHash = await this.hasher.hash(dto.password);
    const user = { firstName: dto.first_name, lastName: dto.last_name, email: dto.email.trim(), emailNormalized, passwordHash };
    try {
      const id = await this.transactions.run(() => this.users.insertUser(user));
      return { id };
    } catch (error) {
      // Two sign-ups with one address at once: the unique index lets one through.
      if (isUniqueViolation(error)) throw taken();
      throw error;
    }
  }

  async authenticate(dto: AuthDto): Promise<AccessToken> {
    const user = await this.users.userByEmail(normalizeEmail(dto.email));
    if (!(await this.hasher.verify(dto.password, user?.passwordHash))) {
      throw unauthorized('PARKING_WRONG_CREDENTIALS', 'wrong e-mail or password');
    }
    return this.tokens.issue('parking', user!.id, user!.sessionVersion);
  }

  /** The user behind a valid token; a token of a user that no longer exists is refused. */
  async require(userId: number): Promise<ParkingUser> {
    const user = await this.users.user(userId);
    if (!user) throw unauthorized('PARKING_TOKEN_USER_GONE', 'the parking token names no user');
    return user;
  }

  async findByEmail(email: string): Promise<ParkingUser | null> {
    return this.users.userByEmail(normalizeEmail(email));
  }

  async exists(userId: number): Promise<boolean> {
    return this.users.exists(userId);
  }
}
