import { ExecutionContext, Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import { FailureLimiter } from '../common/auth/failure-limiter.js';
import { requireOpenSession } from '../common/auth/guards.js';
import { Sessions } from '../common/auth/sessions.js';
import { challenges } from '../common/auth/realms.js';
import { ApiError } from '../common/errors/api-error.js';

const MESSAGE = 'a member token or admin credentials are required';
const CHALLENGE = `${challenges.member}, ${challenges.admin}`;

/**
 * A member JWT or the admin's Basic pair: for a trip, readable by its rider and by the fleet admin.
 * Passport tries the strategies in turn; the 401 offers both challenges.
 */
@Injectable()
export class MemberOrAdminGuard extends AuthGuard(['member-jwt', 'admin-basic']) {
  constructor(
    private readonly failures: FailureLimiter,
    private readonly sessions: Sessions,
  ) {
    super();
  }

  /**
   * A Basic pair is the admin's password: its failures count with AdminBasicGuard's. A member token
   * must belong to an open session, as behind MemberJwtGuard.
   */
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: { realm?: string } }>();
    const attempt = async () => (await super.canActivate(context)) as boolean;
    if (/^basic /i.test(request.headers.authorization ?? '')) return this.failures.guard('admin-basic', request.ip, true, attempt);
    await attempt();
    if (request.user?.realm === 'member') await requireOpenSession(this.sessions, request, CHALLENGE, MESSAGE);
    return true;
  }

  handleRequest<T>(error: unknown, principal: T): T {
    if (error || !principal) {
      throw ApiError.unauthorized(MESSAGE, CHALLENGE);
    }
    return principal;
  }
}
