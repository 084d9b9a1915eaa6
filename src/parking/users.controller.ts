import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ParkingJwtGuard } from '../common/auth/guards.js';
import { Principal } from '../common/auth/principal.decorator.js';
import { RateLimit, RateLimitGuard } from '../common/http/rate-limit.guard.js';
import type { JwtPrincipal } from '../common/auth/realms.js';
import { AuthDto, CreateUserDto } from './dto/create-user.dto.js';
import { CreatedIdResponse, MeResponse, MyPassesResponse, ParkingTokenResponse } from './dto/responses.dto.js';
import { ProfileService } from './profile.service.js';
import { UsersService } from './users.service.js';

@ApiTags('parking')
@Controller('parking')
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly profile: ProfileService,
  ) {}

  @Post('user')
  @ApiOperation({ summary: 'Create a parking account' })
  @ApiCreatedResponse({ type: CreatedIdResponse })
  @ApiBadRequestResponse({ description: 'one entry per faulty field' })
  @ApiConflictResponse({ description: 'the e-mail address already has an account' })
  createUser(@Body() dto: CreateUserDto) {
    return this.users.create(dto);
  }

  @Post('user/auth')
  @HttpCode(200)
  @RateLimit({ name: 'parking-login', limit: 10, windowSeconds: 60, keyBy: loginEmail })
  @UseGuards(RateLimitGuard)
  @ApiOperation({ summary: 'Sign in: a parking Bearer token' })
  @ApiOkResponse({ type: ParkingTokenResponse })
  @ApiUnauthorizedResponse({ description: 'wrong e-mail or password' })
  @ApiTooManyRequestsResponse({ description: 'the 11th attempt on one account from one address within a minute' })
  authenticate(@Body() dto: AuthDto) {
    return this.users.authenticate(dto);
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

/** The account a sign-in names: attempts are counted per address and account. */
function loginEmail(request: FastifyRequest): string {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : '';
}
