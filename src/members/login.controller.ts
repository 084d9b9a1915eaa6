import { Body, Controller, Header, HttpCode, HttpStatus, Options, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotAcceptableResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccessToken } from '../common/auth/token.service.js';
import { RateLimit, RateLimitGuard } from '../common/http/rate-limit.guard.js';
import { LoginDto } from './dto/login.dto.js';
import { AccessTokenResponseDto, ErrorResponseDto } from './dto/member-response.dto.js';
import { MembersHttpPolicy } from './members-http.policy.js';
import { MembersService } from './members.service.js';

@ApiTags('members')
@ApiHeader({ name: 'User-Agent', required: true, description: 'required on every members request (400 without)' })
@Controller('v1/login')
export class LoginController {
  constructor(
    private readonly members: MembersService,
    private readonly http: MembersHttpPolicy,
  ) {}

  // The guard runs before body validation, so every attempt counts, malformed ones included.
  @Post()
  @HttpCode(HttpStatus.OK)
  @RateLimit({ name: 'members-login', limit: 10, windowSeconds: 60 })
  @UseGuards(RateLimitGuard)
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Log in with a username or an e-mail: a member JWT' })
  @ApiOkResponse({ type: AccessTokenResponseDto })
  @ApiBadRequestResponse({ description: 'Invalid body, or no User-Agent header.', type: ErrorResponseDto })
  @ApiUnauthorizedResponse({ description: 'Bad credentials: the same answer whether the account exists or not.', type: ErrorResponseDto })
  @ApiForbiddenResponse({ description: 'The account is inactive.', type: ErrorResponseDto })
  @ApiNotAcceptableResponse({ description: 'Accept does not admit JSON, or the body is not application/json.', type: ErrorResponseDto })
  @ApiTooManyRequestsResponse({ description: 'The 11th attempt within a minute from one address (code 429, Retry-After).', type: ErrorResponseDto })
  login(@Body() dto: LoginDto): Promise<AccessToken> {
    return this.members.login(dto);
  }

  @Options()
  @ApiOperation({ summary: 'CORS preflight' })
  @ApiNoContentResponse({ description: 'Access-Control-Allow-Methods and -Headers.' })
  preflight(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    this.http.preflight(request, reply);
  }
}
