import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { challenges } from '../common/auth/realms.js';
import { ApiError } from '../common/errors/api-error.js';

/**
 * A member JWT or the admin's Basic pair: for a trip, readable by its rider and by the fleet admin.
 * Passport tries the strategies in turn; the 401 offers both challenges.
 */
@Injectable()
export class MemberOrAdminGuard extends AuthGuard(['member-jwt', 'admin-basic']) {
  handleRequest<T>(error: unknown, principal: T): T {
    if (error || !principal) {
      throw ApiError.unauthorized('a member token or admin credentials are required', `${challenges.member}, ${challenges.admin}`);
    }
    return principal;
  }
}
