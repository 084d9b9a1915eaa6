import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { FailureLimiter } from './failure-limiter.js';
import { challenges, type JwtPrincipal, type VerifiedToken } from './realms.js';
import { Sessions } from './sessions.js';

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

/**
 * After a JWT strategy verified the token: is its session still open (account active, session
 * version current)? Replaces `request.user` with the principal. Every guard admitting a JWT calls it.
 */
export async function requireOpenSession(
  sessions: Sessions,
  request: { user?: unknown },
  challenge: string,
  message: string,
): Promise<void> {
  const token = request.user as VerifiedToken;
  if (!(await sessions.isOpen(token.realm, token.id, token.sessionVersion))) throw ApiError.unauthorized(message, challenge);
  request.user = { realm: token.realm, id: token.id } satisfies JwtPrincipal;
}

/** A JWT realm: a token the strategy verified, whose session is still open. */
function jwtRealmGuard(strategy: string, challenge: string, message: string) {
  @Injectable()
  class JwtRealmGuard extends realmGuard(strategy, challenge, message) {
    constructor(private readonly sessions: Sessions) {
      super();
    }

    async canActivate(context: ExecutionContext): Promise<boolean> {
      await super.canActivate(context);
      await requireOpenSession(this.sessions, context.switchToHttp().getRequest(), challenge, message);
      return true;
    }
  }
  return JwtRealmGuard;
}

/** Bearer JWT from `POST /v1/login` (members, mobility riders). */
export class MemberJwtGuard extends jwtRealmGuard('member-jwt', challenges.member, 'a valid member token is required') {}

/** Bearer JWT from `POST /parking/user/auth`. */
export class ParkingJwtGuard extends jwtRealmGuard('parking-jwt', challenges.parking, 'a valid parking token is required') {}

/**
 * A Basic realm: a password can be guessed, so failures from one client address are counted
 * (`FailureLimiter`) and, past AUTH_FAILURE_RATE_LIMIT, every attempt from there is a 429.
 */
function basicRealmGuard(strategy: string, challenge: string, message: string) {
  @Injectable()
  class BasicRealmGuard extends realmGuard(strategy, challenge, message) {
    constructor(private readonly failures: FailureLimiter) {
      super();
    }

    canActivate(context: ExecutionContext): Promise<boolean> {
      const request = context.switchToHttp().getRequest<FastifyRequest>();
      const presented = request.headers.authorization !== undefined;
      return this.failures.guard(strategy, request.ip, presented, async () => (await super.canActivate(context)) as boolean);
    }
  }
  return BasicRealmGuard;
}

/** HTTP Basic with ADMIN_USER / ADMIN_PASSWORD. */
export class AdminBasicGuard extends basicRealmGuard('admin-basic', challenges.admin, 'admin credentials are required') {}

/** HTTP Basic with a pair of EVENTS_CLIENTS. */
export class EventsBasicGuard extends basicRealmGuard('events-basic', challenges.events, 'Unauthorized') {}

/**
 * A parking JWT if one is sent (and valid), anonymous otherwise: for routes whose answer grows with
 * the caller's rights. An invalid token is still refused, rather than silently downgraded.
 */
@Injectable()
export class OptionalParkingJwtGuard extends AuthGuard('parking-jwt') {
  constructor(private readonly sessions: Sessions) {
    super();
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: unknown }>();
    if (!request.headers.authorization) return true;
    await super.canActivate(context);
    await requireOpenSession(this.sessions, request, challenges.parking, 'the parking token is invalid');
    return true;
  }

  handleRequest<T>(error: unknown, principal: T): T {
    if (error || !principal) throw ApiError.unauthorized('the parking token is invalid', challenges.parking);
    return principal;
  }
}
