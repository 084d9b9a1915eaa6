import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AdminBasicGuard, EventsBasicGuard, MemberJwtGuard, OptionalParkingJwtGuard, ParkingJwtGuard } from './guards.js';
import { PasswordHasher } from './password-hasher.js';
import { FailureLimiter } from './failure-limiter.js';
import { Sessions } from './sessions.js';
import { authStrategies } from './strategies.js';
import { TokenService } from './token.service.js';

const guards = [MemberJwtGuard, ParkingJwtGuard, AdminBasicGuard, EventsBasicGuard, OptionalParkingJwtGuard];

/** The auth machinery every module uses: realms, guards, tokens, password hashing. */
@Global()
@Module({
  imports: [PassportModule, JwtModule.register({})],
  providers: [TokenService, PasswordHasher, Sessions, FailureLimiter, ...authStrategies, ...guards],
  exports: [TokenService, PasswordHasher, Sessions, FailureLimiter, ...guards],
})
export class AuthModule {}
