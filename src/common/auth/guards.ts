import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { ApiError } from '../errors/api-error.js';
import { challenges } from './realms.js';

/**
 * One guard per realm. Each refuses with a 401 in the caller module's error format and the realm's
 * `WWW-Authenticate` challenge; on success `request.user` holds the principal (see `@Principal()`).
 */
function realmGuard(strategy: string, challenge: string, message: string) {
  @Injectable()
  class RealmGuard extends AuthGuard(strategy) {
    handleRequest<T>(error: unknown, principal: T): T {
      if (error || !principal) throw ApiError.unauthorized(message, challenge);
      return principal;
    }
  }
  return RealmGuard;
}

/** Bearer JWT from `POST /v1/login` (members, mobility riders). */
export class MemberJwtGuard extends realmGuard('member-jwt', challenges.member, 'a valid member token is required') {}

/** Bearer JWT from `POST /parking/user/auth`. */
export class ParkingJwtGuard extends realmGuard('parking-jwt', challenges.parking, 'a valid parking token is required') {}

/** HTTP Basic with ADMIN_USER / ADMIN_PASSWORD. */
export class AdminBasicGuard extends realmGuard('admin-basic', challenges.admin, 'admin credentials are required') {}

/** HTTP Basic with a pair of EVENTS_CLIENTS. */
export class EventsBasicGuard extends realmGuard('events-basic', challenges.events, 'Unauthorized') {}

/**
 * A parking JWT if one is sent (and valid), anonymous otherwise: for routes whose answer grows with
 * the caller's rights. An invalid token is still refused, rather than silently downgraded.
 */
@Injectable()
export class OptionalParkingJwtGuard extends AuthGuard('parking-jwt') {
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>();
    if (!request.headers.authorization) return true;
    return (await super.canActivate(context)) as boolean;
  }

  handleRequest<T>(error: unknown, principal: T): T {
    if (error || !principal) throw ApiError.unauthorized('the parking token is invalid', challenges.parking);
    return principal;
  }
}
