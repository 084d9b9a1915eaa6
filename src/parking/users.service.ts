import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { PasswordHasher } from '../common/auth/password-hasher.js';
import { challenges } from '../common/auth/realms.js';
import { AccessToken, TokenService } from '../common/auth/token.service.js';
import { ApiError } from '../common/errors/api-error.js';
import { isUniqueViolation } from '../database/database-errors.js';
import { AuthDto, CreateUserDto } from './dto/create-user.dto.js';
import { ParkingUser } from './parking-user.entity.js';

const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** Parking accounts: sign-up, sign-in and the caller's own view. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(ParkingUser) private readonly users: Repository<ParkingUser>,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
  ) {}

  async create(dto: CreateUserDto): Promise<{ id: number }> {
    const emailNormalized = normalizeEmail(dto.email);
    const taken = () => ApiError.conflict('this e-mail address already has an account', { field: 'email' });
    if (await this.users.existsBy({ emailNormalized })) throw taken();
    const passwordHash = await this.hasher.hash(dto.password);
    try {
      const user = await this.dataSource.transaction((manager) =>
        manager.save(
          manager.create(ParkingUser, { firstName: dto.first_name, lastName: dto.last_name, email: dto.email.trim(), emailNormalized, passwordHash }),
        ),
      );
      return { id: user.id };
    } catch (error) {
      // Two sign-ups with one address at once: the unique index lets one through.
      if (isUniqueViolation(error)) throw taken();
      throw error;
    }
  }

  async authenticate(dto: AuthDto): Promise<AccessToken> {
    const user = await this.users.findOneBy({ emailNormalized: normalizeEmail(dto.email) });
    if (!(await this.hasher.verify(dto.password, user?.passwordHash))) {
      throw ApiError.unauthorized('wrong e-mail or password', challenges.parking);
    }
    return this.tokens.issue('parking', user!.id);
  }

  /** The user behind a valid token; a token of a user that no longer exists is refused. */
  async require(userId: number): Promise<ParkingUser> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw ApiError.unauthorized('the parking token names no user', challenges.parking);
    return user;
  }

  async findByEmail(email: string): Promise<ParkingUser | null> {
    return this.users.findOneBy({ emailNormalized: normalizeEmail(email) });
  }

  async exists(userId: number): Promise<boolean> {
    return this.users.existsBy({ id: userId });
  }
}
