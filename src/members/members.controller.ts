import {
  Body,
  Controller,
  Get,
  Header,
  Headers,
  HttpCode,
  HttpStatus,
  Options,
  Param,
  Post,
  Put,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotAcceptableResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiQuery,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MemberJwtGuard } from '../common/auth/guards.js';
import { Principal } from '../common/auth/principal.decorator.js';
import type { JwtPrincipal } from '../common/auth/realms.js';
import { ApiError } from '../common/errors/api-error.js';
import { createValidationPipe } from '../common/errors/validation.js';
import { ifNoneMatchMatches } from '../common/http/etag.js';
import { assertPageExists, parsePageRequest, setPaginationHeaders } from '../common/http/pagination.js';
import { RateLimit, RateLimitGuard } from '../common/http/rate-limit.guard.js';
import { CreateMemberDto } from './dto/create-member.dto.js';
import { ListMembersQueryDto, MEMBER_ORDERINGS } from './dto/list-members-query.dto.js';
import { ErrorResponseDto, MemberResponseDto } from './dto/member-response.dto.js';
import { UpdateMemberDto } from './dto/update-member.dto.js';
import { MembersHttpPolicy } from './members-http.policy.js';
import { MembersService } from './members.service.js';
import { memberListEtag, toOwnMemberView, toPublicMemberView } from './member.views.js';

// The list keeps query parameters it does not know (they are echoed in `Link`), so its filters are
// validated by a tolerant pipe; `page`/`perPage` are the pagination helper's, with their own codes.
const listQueryPipe = createValidationPipe({ forbidNonWhitelisted: false });

/** The list's query fields that class-validator checks (`ListMembersQueryDto`). */
const LIST_FILTERS = ['search', 'is_active', 'is_staff', 'ordering'] as const;

const POSITIVE_INTEGER = /^[1-9]\d*$/;

/**
 * A member id in a path. The members contract answers a malformed id with a 400 naming the field
 * (not the platform's 404 of `SerialIdPipe`); a well-formed id beyond any serial names no member,
 * which the service answers 404 without asking the database. Parsed here rather than in a pipe:
 * the global validation pipe would first turn `1e3` and `01` into numbers that look well formed.
 */
function memberIdOf(id: string): number {
  if (!POSITIVE_INTEGER.test(id) || !Number.isSafeInteger(Number(id))) {
    throw ApiError.badRequest('the member id must be a positive integer', { field: 'id' });
  }
  return Number(id);
}

const requestRulesResponses = [
  ApiBadRequestResponse({ description: 'Invalid input, or no User-Agent header (code 400).', type: ErrorResponseDto }),
  ApiNotAcceptableResponse({
    description: 'Accept does not admit JSON, or a body that is not application/json (code 406).',
    type: ErrorResponseDto,
  }),
];

function RequestRules(): MethodDecorator {
  return (target, key, descriptor) => {
    for (const decorator of requestRulesResponses) decorator(target, key, descriptor);
  };
}

const ETAG_HEADER = { ETag: { description: 'strong tag of the exact body bytes', schema: { type: 'string' } } };
const LIST_HEADERS = {
  ...ETAG_HEADER,
  Link: { description: 'first, prev, next, last: absolute URLs keeping the other query parameters', schema: { type: 'string' } },
  'X-Total-Count': { description: 'members matching the query', schema: { type: 'integer' } },
};

const conditionalGetHeader = ApiHeader({
  name: 'If-None-Match',
  required: false,
  description: 'a previous ETag (or *): 304 when still current',
});

@ApiTags('members')
@Controller('v1/membres')
export class MembersController {
  constructor(
    private readonly members: MembersService,
    private readonly http: MembersHttpPolicy,
  ) {}

  @Get('monprofil')
  @UseGuards(MemberJwtGuard)
  // Personal data: a shared cache must not keep it, a browser must revalidate it (ETag makes that cheap).
  @Header('Cache-Control', 'private, no-cache')
  @ApiBearerAuth('member-jwt')
  @ApiOperation({ summary: "The caller's own profile, e-mail included" })
  @conditionalGetHeader
  @ApiOkResponse({ type: MemberResponseDto, description: 'With a strong ETag.', headers: ETAG_HEADER })
  @ApiUnauthorizedResponse({ description: 'No valid member token.', type: ErrorResponseDto })
  @RequestRules()
  async ownProfile(@Principal() principal: JwtPrincipal): Promise<MemberResponseDto> {
    return toOwnMemberView(await this.members.ownProfile(principal.id));
  }

  @Get(':id')
  @ApiOperation({ summary: "A member's profile" })
  @conditionalGetHeader
  @ApiOkResponse({
    type: MemberResponseDto,
    description: 'With a strong ETag; `email` absent when show_email is false.',
    headers: ETAG_HEADER,
  })
  @ApiNotFoundResponse({ description: 'member does not exist (code 404)', type: ErrorResponseDto })
  @RequestRules()
  async findOne(@Param('id') id: string): Promise<MemberResponseDto> {
    return toPublicMemberView(await this.members.publicProfile(memberIdOf(id)));
  }

  @Get()
  @ApiOperation({ summary: 'The members, paginated, searchable, filterable, sortable' })
  @ApiQuery({ name: 'search', required: false, example: 'andr' })
  @ApiQuery({ name: 'is_active', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'is_staff', required: false, enum: ['true', 'false'] })
  @ApiQuery({ name: 'ordering', required: false, enum: MEMBER_ORDERINGS.flatMap((field) => [field, `-${field}`]) })
  @ApiQuery({
    name: 'page',
    required: false,
    example: 1,
    description: 'not a positive integer → 400 code 4001; beyond the last page → 404 code 4002',
  })
  @ApiQuery({ name: 'perPage', required: false, example: 50, description: '1..100 (default 50), else 400 code 4003' })
  @conditionalGetHeader
  @ApiOkResponse({
    type: MemberResponseDto,
    isArray: true,
    description: 'A JSON array; `Link` (first, prev, next, last) and `X-Total-Count` headers; a strong ETag.',
    headers: LIST_HEADERS,
  })
  @ApiNotFoundResponse({ description: 'The page does not exist (code 4002).', type: ErrorResponseDto })
  @ApiBadRequestResponse({
    description: 'page not a positive integer (4001), perPage outside 1..100 (4003), unknown ordering or filter value (400).',
    type: ErrorResponseDto,
  })
  @RequestRules()
  async list(
    @Query() rawQuery: Record<string, unknown>,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MemberResponseDto[] | undefined> {
    // Only the filters carry rules: a plain page (`?page=2`, or nothing) skips class-validator.
    const query = LIST_FILTERS.some((filter) => rawQuery[filter] !== undefined)
      ? ((await listQueryPipe.transform(rawQuery, { type: 'query', metatype: ListMembersQueryDto })) as ListMembersQueryDto)
      : new ListMembersQueryDto();
    const page = parsePageRequest(rawQuery);
    const listQuery = this.members.listQuery(query, page);
    // A conditional request learns the tag without the page (one indexed read): a client whose copy
    // is current costs no page. `*` means "any current page", which only building it can tell (the
    // page may not exist): it takes the long way, as does a request with no tag at all, whose page
    // brings its own version in the same statement.
    const ifNoneMatch = request.headers['if-none-match'];
    if (ifNoneMatch !== undefined && ifNoneMatch.trim() !== '*') {
      const etag = await this.members.listEtag(listQuery);
      if (ifNoneMatchMatches(ifNoneMatch, etag)) {
        reply.status(HttpStatus.NOT_MODIFIED).header('ETag', etag);
        return undefined;
      }
    }
    const { members, total, version } = await this.members.list(listQuery);
    assertPageExists(page, total);
    setPaginationHeaders(request, reply, page, total);
    reply.header('ETag', memberListEtag(version, listQuery));
    return members.map(toPublicMemberView);
  }

  @Post()
  @HttpCode(HttpStatus.CREATED)
  // Each sign-up costs a bcrypt hash and its 409 tells whether an e-mail has an account.
  @RateLimit({ name: 'members-signup', policy: 'signup' })
  @UseGuards(RateLimitGuard)
  @ApiOperation({ summary: 'Sign up: an active, non-staff account' })
  @ApiTooManyRequestsResponse({
    description: 'More sign-ups from one address than SIGNUP_RATE_LIMIT allows (code 429, Retry-After).',
    type: ErrorResponseDto,
  })
  @ApiCreatedResponse({
    type: MemberResponseDto,
    description: 'The new profile (e-mail included).',
    headers: { Location: { description: '/v1/membres/<id>', schema: { type: 'string' } } },
  })
  @ApiConflictResponse({ description: 'The username or e-mail is taken, ignoring case (code 409).', type: ErrorResponseDto })
  @RequestRules()
  async create(@Body() dto: CreateMemberDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<MemberResponseDto> {
    const member = await this.members.register(dto);
    reply.header('Location', `/v1/membres/${member.id}`);
    return toOwnMemberView(member);
  }

  @Put()
  @UseGuards(MemberJwtGuard)
  @ApiBearerAuth('member-jwt')
  @ApiOperation({ summary: "Update the caller's own profile" })
  @ApiHeader({ name: 'If-Match', required: false, description: "the ETag of the caller's current profile (GET /v1/membres/monprofil)" })
  @ApiOkResponse({
    type: MemberResponseDto,
    description: 'The updated profile, with its ETag (usable as the next If-Match).',
    headers: ETAG_HEADER,
  })
  @ApiUnauthorizedResponse({ description: 'No valid member token.', type: ErrorResponseDto })
  @ApiConflictResponse({ description: 'The username or e-mail is taken (code 409).', type: ErrorResponseDto })
  @ApiPreconditionFailedResponse({ description: 'If-Match does not match the current profile (code 412).', type: ErrorResponseDto })
  @RequestRules()
  async update(
    @Principal() principal: JwtPrincipal,
    @Body() dto: UpdateMemberDto,
    @Headers('if-match') ifMatch: string | undefined,
  ): Promise<MemberResponseDto> {
    return toOwnMemberView(await this.members.updateOwnProfile(principal.id, dto, ifMatch));
  }

  @Options()
  @ApiOperation({ summary: 'CORS preflight' })
  @ApiNoContentResponse({ description: 'Access-Control-Allow-Methods and -Headers.' })
  preflightList(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    this.http.preflight(request, reply);
  }

  @Options('monprofil')
  @ApiOperation({ summary: 'CORS preflight' })
  @ApiNoContentResponse({ description: 'Access-Control-Allow-Methods and -Headers.' })
  preflightOwnProfile(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    this.http.preflight(request, reply);
  }

  @Options(':id')
  @ApiOperation({ summary: 'CORS preflight' })
  @ApiNoContentResponse({ description: 'Access-Control-Allow-Methods and -Headers.' })
  preflightMember(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply): void {
    this.http.preflight(request, reply);
  }
}
