import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBasicAuth,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AdminBasicGuard, MemberJwtGuard } from '../common/auth/guards.js';
import { Principal } from '../common/auth/principal.decorator.js';
import type { JwtPrincipal } from '../common/auth/realms.js';
import { UuidPipe } from '../common/http/id-pipes.js';
import { assertPageExists, parsePageRequest, setPaginationHeaders } from '../common/http/pagination.js';
import { CreateTripDto } from './dto/create-trip.dto.js';
import { ListMyTripsQueryDto, ListTripsQueryDto } from './dto/list-trips-query.dto.js';
import { toTripView, TripView } from './dto/trip-view.dto.js';
import { MemberOrAdminGuard } from './member-or-admin.guard.js';
import { type TripReader, TripsService } from './trips.service.js';

@ApiTags('mobility: trips')
@Controller('mobility')
export class TripsController {
  constructor(private readonly trips: TripsService) {}

  @Post('trips')
  @UseGuards(MemberJwtGuard)
  @ApiBearerAuth('member-jwt')
  @ApiOperation({ summary: 'Start a trip on an available bike' })
  @ApiCreatedResponse({ type: TripView })
  @ApiBadRequestResponse({ description: 'bike_id missing or not a UUID' })
  @ApiNotFoundResponse({ description: 'unknown bike' })
  @ApiConflictResponse({ description: 'the bike is not available, or the rider already has a trip in progress' })
  @ApiUnauthorizedResponse({ description: 'member token required' })
  async start(@Principal() rider: JwtPrincipal, @Body() dto: CreateTripDto): Promise<TripView> {
    return toTripView(await this.trips.start(rider.id, dto.bike_id));
  }

  @Post('trips/:id/end')
  @HttpCode(HttpStatus.OK)
  @UseGuards(MemberJwtGuard)
  @ApiBearerAuth('member-jwt')
  @ApiOperation({ summary: 'End your trip: the bike becomes available where it last reported' })
  @ApiOkResponse({ type: TripView })
  @ApiNotFoundResponse({ description: 'unknown trip' })
  @ApiForbiddenResponse({ description: "another rider's trip" })
  @ApiConflictResponse({ description: 'the trip has already ended' })
  @ApiUnauthorizedResponse({ description: 'member token required' })
  async end(@Principal() rider: JwtPrincipal, @Param('id', UuidPipe) id: string): Promise<TripView> {
    return toTripView(await this.trips.end(rider.id, id));
  }

  @Get('trips/:id')
  @UseGuards(MemberOrAdminGuard)
  @ApiBearerAuth('member-jwt')
  @ApiBasicAuth('admin-basic')
  @ApiOperation({ summary: 'One trip, for its rider or an admin' })
  @ApiOkResponse({ type: TripView })
  @ApiNotFoundResponse({ description: 'unknown trip' })
  @ApiForbiddenResponse({ description: "another rider's trip" })
  @ApiUnauthorizedResponse({ description: 'member token or admin credentials required' })
  async findOne(@Principal() reader: TripReader, @Param('id', UuidPipe) id: string): Promise<TripView> {
    return toTripView(await this.trips.findForReader(id, reader));
  }

  @Get('trips')
  @UseGuards(AdminBasicGuard)
  @ApiBasicAuth('admin-basic')
  @ApiOperation({ summary: 'All trips, newest first (admin)' })
  @ApiOkResponse({ type: [TripView], description: 'one page; Link and X-Total-Count headers' })
  @ApiBadRequestResponse({ description: 'bad bike_id, status, page or perPage' })
  @ApiUnauthorizedResponse({ description: 'admin credentials required' })
  async list(@Query() query: ListTripsQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const pageRequest = parsePageRequest(query as Record<string, unknown>, { language: 'en' });
    const { items, total } = await this.trips.list({ bikeId: query.bike_id, status: query.status }, pageRequest);
    assertPageExists(pageRequest, total, 'en');
    setPaginationHeaders(request, reply, pageRequest, total);
    return items.map(toTripView);
  }

  @Get('me/trips')
  @UseGuards(MemberJwtGuard)
  @ApiBearerAuth('member-jwt')
  @ApiOperation({ summary: 'Your trips, newest first' })
  @ApiOkResponse({ type: [TripView], description: 'one page; Link and X-Total-Count headers' })
  @ApiBadRequestResponse({ description: 'bad status, page or perPage' })
  @ApiUnauthorizedResponse({ description: 'member token required' })
  async listMine(
    @Principal() rider: JwtPrincipal,
    @Query() query: ListMyTripsQueryDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const pageRequest = parsePageRequest(query as Record<string, unknown>, { language: 'en' });
    const { items, total } = await this.trips.list({ riderId: rider.id, status: query.status }, pageRequest);
    assertPageExists(pageRequest, total, 'en');
    setPaginationHeaders(request, reply, pageRequest, total);
    return items.map(toTripView);
  }
}
