import { Global, Module } from '@nestjs/common';
import { AuthModule } from './auth/auth.module.js';
import { AllowedMethods } from './errors/allowed-methods.js';
import { AllExceptionsFilter } from './errors/all-exceptions.filter.js';
import { RateLimitGuard } from './http/rate-limit.guard.js';
import { ErrorFormats } from './errors/error-formats.js';

/** What every module shares, once: auth, the error filter and its per-module formats. */
@Global()
@Module({
  imports: [AuthModule],
  providers: [ErrorFormats, AllowedMethods, AllExceptionsFilter, RateLimitGuard],
  exports: [ErrorFormats, AllowedMethods, AllExceptionsFilter, RateLimitGuard, AuthModule],
})
export class CommonModule {}
