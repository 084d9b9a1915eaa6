import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiSecurity,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { OptionalParkingJwtGuard, ParkingJwtGuard } from '../common/auth/guards.js';
import { Principal } from '../common/auth/principal.decorator.js';
import type { JwtPrincipal } from '../common/auth/realms.js';
import { ApiError } from '../common/errors/api-error.js';
import { CreateDayStateDto } from './dto/create-day-state.dto.js';
import { CreateOrgDto, UpdateOrgDto } from './dto/create-org.dto.js';
import { CreatePassDto } from './dto/create-pass.dto.js';
import { UserReferenceDto } from './dto/participant.dto.js';
import {
  CreatedIdResponse,
  CurrentDayStateResponse,
  DayStateResponse,
  LoansResponse,
  OrgResponse,
  OrgSummaryResponse,
  PassResponse,
} from './dto/responses.dto.js';
import { ScheduleDto } from './dto/schedule.dto.js';
import { LoansService } from './loans.service.js';
import { OrgsService } from './orgs.service.js';
import { ParkingClock } from './parking-clock.js';
import { SerialIdPipe } from '../common/http/id-pipes.js';
import { PassesService } from './passes.service.js';
import { isCalendarDate, todayIn } from './schedule.js';
import { BodyLimits } from '../common/input/request-body.js';

function optionalDate(date: unknown): string | undefined {
  if (date === undefined) return undefined;
  if (!isCalendarDate(date)) throw ApiError.badRequest('date must be a calendar date YYYY-MM-DD', { field: 'date' });
  return date;
}

@ApiTags('parking')
@ApiBearerAuth('parking-jwt')
@ApiNotFoundResponse({ description: 'no such org' })
@ApiUnauthorizedResponse({ description: 'no valid parking token (or an invalid one on optional-auth routes)' })
@ApiForbiddenResponse({ description: 'the caller lacks the role the route needs' })
@ApiBadRequestResponse({ description: 'invalid body or query, one entry per faulty field' })
@Controller('parking/org')
export class OrgsController {
  constructor(
    private readonly orgs: OrgsService,
    private readonly passes: PassesService,
    private readonly loans: LoansService,
    private readonly clock: ParkingClock,
  ) {}

  @Post()
  @UseGuards(ParkingJwtGuard)
  @ApiOperation({ summary: 'Create an org; the caller moderates it' })
  @ApiCreatedResponse({ type: CreatedIdResponse, description: 'with a `Location` header' })
  async create(@Principal() principal: JwtPrincipal, @Body() dto: CreateOrgDto, @Res({ passthrough: true }) reply: FastifyReply) {
    const created = await this.orgs.create(principal.id, dto);
    reply.header('Location', `/parking/org/${created.id}`);
    return created;
  }

  @Get('search')
  @UseGuards(OptionalParkingJwtGuard)
  // The token is optional here: `{}` beside the controller's parking-jwt says "or none".
  @ApiSecurity({})
  @ApiOperation({ summary: 'Orgs whose name contains q (case-insensitive), at most 50' })
  @ApiQuery({ name: 'q', example: 'lycée' })
  @ApiOkResponse({ type: [OrgSummaryResponse] })
  @ApiBadRequestResponse({ description: 'q is empty' })
  search(@Query('q') q: string | undefined) {
    return this.orgs.search(q);
  }

  @Get(':id')
  @UseGuards(OptionalParkingJwtGuard)
  @ApiSecurity({})
  @ApiOperation({ summary: '`{id, name}` for anyone; members also get timezone, greeting, rules and lock_in' })
  @ApiOkResponse({ type: OrgResponse })
  view(@Param('id', SerialIdPipe) id: number, @Principal() principal: JwtPrincipal | undefined) {
    return this.orgs.view(id, principal?.id);
  }

  @Patch(':id')
  @UseGuards(ParkingJwtGuard)
  @ApiOperation({ summary: "Moderator: change the org's name, timezone, greeting, rules or lock_in" })
  @ApiOkResponse({ type: OrgResponse })
  @ApiForbiddenResponse({ description: 'not a moderator of this org' })
  update(@Param('id', SerialIdPipe) id: number, @Principal() principal: JwtPrincipal, @Body() dto: UpdateOrgDto) {
    return this.orgs.update(id, principal.id, dto);
  }

  @Post(':id/participants')
  @HttpCode(204)
  @UseGuards(ParkingJwtGuard)
  @ApiOperation({ summary: 'Moderator: add a participant by user_id or email' })
  @ApiNoContentResponse({ description: 'added (or already a participant)' })
  async addParticipant(@Param('id', SerialIdPipe) id: number, @Principal() principal: JwtPrincipal, @Body() dto: UserReferenceDto) {
    await this.orgs.addMember(id, principal.id, 'participant', dto);
  }

  @Delete(':id/participants/:userId')
  @HttpCode(204)
  @UseGuards(ParkingJwtGuard)
  @ApiOperation({ summary: 'Moderator: remove a participant (their open requests go with them)' })
  @ApiNoContentResponse({ description: 'removed' })
  async removeParticipant(
    @Param('id', SerialIdPipe) id: number,
    @Param('userId', SerialIdPipe) userId: number,
    @Principal() principal: JwtPrincipal,
  ) {
    await this.orgs.removeParticipant(id, principal.id, userId);
  }

  @Post(':id/moderators')
  @HttpCode(204)
  @UseGuards(ParkingJwtGuard)
  @ApiOperation({ summary: 'Moderator: add a moderator by user_id or email' })
  @ApiNoContentResponse({ description: 'added (or already a moderator)' })
  async addModerator(@Param('id', SerialIdPipe) id: number, @Principal() principal: JwtPrincipal, @Body() dto: UserReferenceDto) {
    await this.orgs.addMember(id, principal.id, 'moderator', dto);
  }

  @Post(':id/daystates')
  @UseGuards(ParkingJwtGuard)
  @ApiOperation({ summary: 'Moderator: create a day state' })
  @ApiCreatedResponse({ type: DayStateResponse })
  @ApiConflictResponse({ description: 'the org already has a day state with this identifier' })
  createDayState(@Param('id', SerialIdPipe) id: number, @Principal() principal: JwtPrincipal, @Body() dto: CreateDayStateDto) {
    return this.orgs.createDayState(id, principal.id, dto);
  }

  @Get(':id/daystates')
  @UseGuards(ParkingJwtGuard)
  @ApiOperation({ summary: "Members: the org's day states" })
  @ApiOkResponse({ type: [DayStateResponse] })
  listDayStates(@Param('id', SerialIdPipe) id: number, @Principal() principal: JwtPrincipal) {
    return this.orgs.listDayStates(id, principal.id);
  }

  @Get(':id/daystates/current')
  @UseGuards(ParkingJwtGuard)
  @ApiOperation({ summary: "Members: a date's day state (default: today in the org's time zone)" })
  @ApiQuery({ name: 'date', required: false, example: '2026-12-01' })
  @ApiOkResponse({ type: CurrentDayStateResponse })
  currentDayState(@Param('id', SerialIdPipe) id: number, @Principal() principal: JwtPrincipal, @Query('date') date: unknown) {
    return this.orgs.currentDayState(id, principal.id, optionalDate(date));
  }

  @Put(':id/schedule')
  // Up to 5,000 exceptions: about 235 KB compact, 400 KB pretty-printed; the 64 KiB default is too small.
  @BodyLimits({ bytes: 512 * 1024 })
  @UseGuards(ParkingJwtGuard)
  @ApiOperation({
    summary:
      "Moderator: set the org's schedule; future offers and requests on the dates it shifts are revisited (locked-in loans are kept unless cancel_locked_in=true)",
  })
  @ApiQuery({
    name: 'cancel_locked_in',
    required: false,
    enum: ['true', 'false'],
    description: 'also cancel loans of locked-in dates that changed',
  })
  @ApiOkResponse({ type: ScheduleDto })
  async setSchedule(
    @Param('id', SerialIdPipe) id: number,
    @Principal() principal: JwtPrincipal,
    @Body() dto: ScheduleDto,
    @Query('cancel_locked_in') cancelLockedIn: unknown,
  ) {
    if (cancelLockedIn !== undefined && cancelLockedIn !== 'true' && cancelLockedIn !== 'false') {
      throw ApiError.badRequest('cancel_locked_in must be true or false', { field: 'cancel_locked_in' });
    }
    return this.orgs.setSchedule(id, principal.id, dto, { cancelLockedIn: cancelLockedIn === 'true' });
  }

  @Get(':id/schedule')
  @UseGuards(ParkingJwtGuard)
  @ApiOperation({ summary: "Members: the org's schedule" })
  @ApiOkResponse({ type: ScheduleDto })
  @ApiNotFoundResponse({ description: 'no schedule set yet' })
  getSchedule(@Param('id', SerialIdPipe) id: number, @Principal() principal: JwtPrincipal) {
    return this.orgs.getSchedule(id, principal.id);
  }

  @Post(':id/pass')
  @UseGuards(ParkingJwtGuard)
  @ApiOperation({ summary: 'Participant or moderator: request a pass (pending until a moderator verifies it)' })
  @ApiCreatedResponse({ type: CreatedIdResponse })
  requestPass(@Param('id', SerialIdPipe) id: number, @Principal() principal: JwtPrincipal, @Body() dto: CreatePassDto) {
    return this.passes.request(id, principal.id, dto);
  }

  @Get(':id/passes')
  @UseGuards(ParkingJwtGuard)
  @ApiOperation({ summary: "Moderator: the org's passes, optionally only verified or pending ones" })
  @ApiQuery({ name: 'verified', required: false, enum: ['true', 'false'] })
  @ApiOkResponse({ type: [PassResponse] })
  listPasses(@Param('id', SerialIdPipe) id: number, @Principal() principal: JwtPrincipal, @Query('verified') verified: string | undefined) {
    return this.passes.list(id, principal.id, verified);
  }

  @Post(':id/lock-in')
  @HttpCode(200)
  @UseGuards(ParkingJwtGuard)
  @ApiOperation({ summary: 'Moderator: lock a date in now, as the scheduled job does at lock_in' })
  @ApiQuery({ name: 'date', required: true, example: '2026-12-01' })
  @ApiOkResponse({ type: LoansResponse, description: "the date's loans after lock-in" })
  async lockIn(@Param('id', SerialIdPipe) id: number, @Principal() principal: JwtPrincipal, @Query('date') date: unknown) {
    const day = optionalDate(date);
    if (day === undefined) throw ApiError.badRequest('date is required', { field: 'date' });
    await this.orgs.requireModerator(id, principal.id);
    return this.loans.lockIn(id, day);
  }

  @Get(':id/loans')
  @UseGuards(ParkingJwtGuard)
  @ApiOperation({ summary: "Moderator: a date's offers, its queue in order and its matches (default: today)" })
  @ApiQuery({ name: 'date', required: false, example: '2026-12-01' })
  @ApiOkResponse({ type: LoansResponse })
  async loansOf(@Param('id', SerialIdPipe) id: number, @Principal() principal: JwtPrincipal, @Query('date') date: unknown) {
    const org = await this.orgs.requireModerator(id, principal.id);
    return this.loans.loansOn(org, optionalDate(date) ?? todayIn(org.timezone, this.clock.now()));
  }
}
