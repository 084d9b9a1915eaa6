import { Global, Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module.js';
import { AllowedMethods } from './errors/allowed-methods.js';
import { AllExceptionsFilter } from './errors/all-exceptions.filter.js';
import { PublicOrigin } from './http/public-origin.js';
import { EventLoopGuard } from './http/event-loop-guard.js';
import { RateLimitGuard } from './http/rate-limit.guard.js';
import { DomainErrors } from './errors/domain-error.js';
import { ErrorFormats } from './errors/error-formats.js';

/** What every module shares, once: auth, the error filter and its per-module formats. */
@Global()
@Module({
  imports: [AuthModule],
  providers: [ErrorFormats, DomainErrors, AllowedMethods, AllExceptionsFilter, RateLimitGuard, PublicOrigin, EventLoopGuard],
  exports: [ErrorFormats, DomainErrors, AllowedMethods, AllExceptionsFilter, RateLimitGuard, EventLoopGuard, AuthModule],
})
export class CommonModule {}
