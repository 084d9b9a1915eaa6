import { Body, Controller, Header, HttpCode, HttpStatus, Options, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotAcceptableResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { MemberJwtGuard } from '../common/auth/guards.js';
import { Principal } from '../common/auth/principal.decorator.js';
import type { JwtPrincipal } from '../common/auth/realms.js';
import type { AccessToken } from '../common/auth/token.service.js';
import { RateLimit, RateLimitGuard } from '../common/http/rate-limit.guard.js';
import { LoginDto } from './dto/login.dto.js';
import { AccessTokenResponseDto, ErrorResponseDto } from './dto/member-response.dto.js';
import { MembersHttpPolicy } from './members-http.policy.js';
import { MembersService } from './members.service.js';
import { foldUsername, memberKey } from './username.js';

@ApiTags('members')
@Controller('v1')
export class LoginController {
  constructor(
    private readonly members: MembersService,
    private readonly http: MembersHttpPolicy,
  ) {}

  // The guard runs before body validation, so every attempt counts, malformed ones included.
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @RateLimit(
    { name: 'members-login', policy: 'login' },
    { name: 'members-login-account', policy: 'loginAccount', perAddress: false, keyBy: loginAccount },
  )
  @UseGuards(RateLimitGuard)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Log in with a username or an e-mail: a member JWT' })
  @ApiOkResponse({ type: AccessTokenResponseDto })
  @ApiBadRequestResponse({ description: 'Invalid body, or no User-Agent header.', type: ErrorResponseDto })
  @ApiUnauthorizedResponse({ description: 'Bad credentials: the same answer whether the account exists or not.', type: ErrorResponseDto })
  @ApiForbiddenResponse({ description: 'The account is inactive.', type: ErrorResponseDto })
  @ApiNotAcceptableResponse({ description: 'Accept does not admit JSON, or the body is not application/json.', type: ErrorResponseDto })
  @ApiTooManyRequestsResponse({
    description:
      'The 11th attempt within a minute from one address, or naming one account from anywhere (LOGIN_RATE_LIMIT, LOGIN_ACCOUNT_RATE_LIMIT; code 429, Retry-After).',
    type: ErrorResponseDto,
  })
  login(@Body() dto: LoginDto): Promise<AccessToken> {
    return this.members.login(dto);
  }

  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  @UseGuards(MemberJwtGuard)
  @ApiBearerAuth('member-jwt')
  @ApiOperation({ summary: 'Log out: every token issued to the caller so far stops working, on every device' })
  @ApiNoContentResponse({ description: 'Logged out.' })
  @ApiUnauthorizedResponse({ description: 'No valid member token.', type: ErrorResponseDto })
  logout(@Principal() principal: JwtPrincipal): Promise<void> {
    return this.members.logout(principal.id);
  }

  @Options('login')
  @ApiOperation({ summary: 'CORS preflight' })
  @ApiNoContentResponse({ description: 'Access-Control-Allow-Methods and -Headers.' })
  preflight(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    this.http.preflight(request, reply);
  }

  @Options('logout')
  @ApiOperation({ summary: 'CORS preflight' })
  @ApiNoContentResponse({ description: 'Access-Control-Allow-Methods and -Headers.' })
  preflightLogout(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    this.http.preflight(request, reply);
  }
}

/**
 * The account a login names, for its per-account counter (whatever the address): password spraying
 * from many addresses at one account is stopped too. Hashed, so a Redis key never holds what a
 * client typed.
 */
function loginAccount(request: FastifyRequest): string {
  const body = (request.body ?? {}) as { username?: unknown; email?: unknown };
  const account =
    typeof body.username === 'string'
      ? `username:${foldUsername(body.username.trim())}`
      : typeof body.email === 'string'
        ? `email:${memberKey(body.email.trim())}`
        : '';
  return createHash('sha256').update(account).digest('base64url');
}
