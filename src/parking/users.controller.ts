import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ParkingJwtGuard } from '../common/auth/guards.js';
import { Principal } from '../common/auth/principal.decorator.js';
import { RateLimit, RateLimitGuard } from '../common/http/rate-limit.guard.js';
import type { JwtPrincipal } from '../common/auth/realms.js';
import { AuthDto, CreateUserDto } from './dto/create-user.dto.js';
import { CreatedIdResponse, MeResponse, MyPassesResponse, MyRequestResponse, ParkingTokenResponse } from './dto/responses.dto.js';
import { LoansService } from './loans.service.js';
import { ProfileService } from './profile.service.js';
import { UsersService } from './users.service.js';

@ApiTags('parking')
@Controller('parking')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly profile: ProfileService,
    private readonly loans: LoansService,
  ) {}

  @Post('user')
  // Each sign-up costs a bcrypt hash and its 409 tells whether an e-mail has an account.
  @RateLimit({ name: 'parking-signup', policy: 'signup' })
  @UseGuards(RateLimitGuard)
  @ApiOperation({ summary: 'Create a parking account' })
  @ApiTooManyRequestsResponse({ description: 'more sign-ups from one address than SIGNUP_RATE_LIMIT allows' })
  @ApiCreatedResponse({ type: CreatedIdResponse })
  @ApiBadRequestResponse({ description: 'one entry per faulty field' })
  @ApiConflictResponse({ description: 'the e-mail address already has an account' })
  createUser(@Body() dto: CreateUserDto) {
    return this.users.create(dto);
  }

  @Post('user/auth')
  @HttpCode(200)
  @RateLimit(
    { name: 'parking-login', policy: 'login' },
    { name: 'parking-login-account', policy: 'loginAccount', perAddress: false, keyBy: loginEmail },
  )
  @UseGuards(RateLimitGuard)
  @ApiOperation({ summary: 'Sign in: a parking Bearer token' })
  @ApiOkResponse({ type: ParkingTokenResponse })
  @ApiUnauthorizedResponse({ description: 'wrong e-mail or password' })
  @ApiTooManyRequestsResponse({
    description:
      'the 11th attempt within a minute from one address, or naming one account from anywhere (LOGIN_RATE_LIMIT, LOGIN_ACCOUNT_RATE_LIMIT)',
  })
  authenticate(@Body() dto: AuthDto) {
    return this.users.authenticate(dto);
  }

  @Post('user/logout')
  @HttpCode(204)
  @UseGuards(ParkingJwtGuard)
  @ApiBearerAuth('parking-jwt')
  @ApiOperation({ summary: 'Sign out: every token issued to the caller so far stops working' })
  @ApiNoContentResponse({ description: 'signed out, on every device' })
  @ApiUnauthorizedResponse({ description: 'no valid parking token' })
  logout(@Principal() principal: JwtPrincipal) {
    return this.users.logout(principal.id);
  }

  @Get('me')
  @UseGuards(ParkingJwtGuard)
  @ApiBearerAuth('parking-jwt')
  @ApiOperation({ summary: 'The caller, the orgs they participate in and moderate, and their passes' })
  @ApiOkResponse({ type: MeResponse })
  @ApiUnauthorizedResponse({ description: 'no valid parking token' })
  me(@Principal() principal: JwtPrincipal) {
    return this.profile.me(principal.id);
  }

  @Get('me/requests')
  @UseGuards(ParkingJwtGuard)
  @ApiBearerAuth('parking-jwt')
  @ApiOperation({ summary: "The caller's open borrow requests, each with its place in its date's queue and why it is there" })
  @ApiOkResponse({ type: [MyRequestResponse] })
  @ApiUnauthorizedResponse({ description: 'no valid parking token' })
  myRequests(@Principal() principal: JwtPrincipal) {
    return this.loans.myRequests(principal.id);
  }

  @Get('me/passes')
  @UseGuards(ParkingJwtGuard)
  @ApiBearerAuth('parking-jwt')
  @ApiOperation({ summary: "The caller's passes: pending, owned, lent and borrowed" })
  @ApiOkResponse({ type: MyPassesResponse })
  @ApiUnauthorizedResponse({ description: 'no valid parking token' })
  myPasses(@Principal() principal: JwtPrincipal) {
    return this.profile.myPasses(principal.id);
  }
}

/**
 * The account a sign-in names, for its per-account counter (whatever the address): spraying one
 * account from many addresses is stopped too. Hashed: a Redis key never holds what a client typed.
 */
function loginEmail(request: FastifyRequest): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return createHash('sha256')
    .update(typeof email === 'string' ? email.trim().toLowerCase() : '')
    .digest('base64url');
}
