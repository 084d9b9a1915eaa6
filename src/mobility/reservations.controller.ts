import { Body, Controller, Delete, Get, Param, Post, UseGuards } from '@nestjs/common';
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
import { MemberJwtGuard } from '../common/auth/guards.js';
import { Principal } from '../common/auth/principal.decorator.js';
import type { JwtPrincipal } from '../common/auth/realms.js';
import { UuidPipe } from '../common/http/id-pipes.js';
import { CreateReservationDto, ReservationView, toReservationView } from './dto/reservation.dto.js';
import { MemberOrAdminGuard } from './member-or-admin.guard.js';
import { type ReservationReader, ReservationsService } from './reservations.service.js';

@ApiTags('mobility: reservations')
@Controller('mobility')
export class ReservationsController {
  constructor(private readonly reservations: ReservationsService) {}

  @Post('reservations')
  @UseGuards(MemberJwtGuard)
  @ApiBearerAuth('member-jwt')
  @ApiOperation({ summary: 'Reserve an available bike: only you may start a trip on it until the reservation expires' })
  @ApiCreatedResponse({ type: ReservationView })
  @ApiBadRequestResponse({ description: 'bike_id missing or not a UUID' })
  @ApiNotFoundResponse({ description: 'unknown bike' })
  @ApiConflictResponse({ description: 'the bike is not available or is reserved, or you already hold a reservation' })
  @ApiUnauthorizedResponse({ description: 'member token required' })
  async reserve(@Principal() rider: JwtPrincipal, @Body() dto: CreateReservationDto): Promise<ReservationView> {
    return toReservationView(await this.reservations.reserve(rider.id, dto.bike_id));
  }

  @Get('me/reservation')
  @UseGuards(MemberJwtGuard)
  @ApiBearerAuth('member-jwt')
  @ApiOperation({ summary: 'Your reservation holding a bike now' })
  @ApiOkResponse({ type: ReservationView })
  @ApiNotFoundResponse({ description: 'you hold no reservation' })
  @ApiUnauthorizedResponse({ description: 'member token required' })
  async findMine(@Principal() rider: JwtPrincipal): Promise<ReservationView> {
    return toReservationView(await this.reservations.findActiveOf(rider.id));
  }

  @Get('reservations/:id')
  @UseGuards(MemberOrAdminGuard)
  @ApiBearerAuth('member-jwt')
  @ApiBasicAuth('admin-basic')
  @ApiOperation({ summary: 'One reservation, for its rider or an admin' })
  @ApiOkResponse({ type: ReservationView })
  @ApiNotFoundResponse({ description: 'unknown reservation' })
  @ApiForbiddenResponse({ description: "another rider's reservation" })
  @ApiUnauthorizedResponse({ description: 'member token or admin credentials required' })
  async findOne(@Principal() reader: ReservationReader, @Param('id', UuidPipe) id: string): Promise<ReservationView> {
    return toReservationView(await this.reservations.findForReader(id, reader));
  }

  @Delete('reservations/:id')
  @UseGuards(MemberJwtGuard)
  @ApiBearerAuth('member-jwt')
  @ApiOperation({ summary: 'Cancel your reservation: the bike is free at once' })
  @ApiOkResponse({ type: ReservationView, description: 'the cancelled reservation' })
  @ApiNotFoundResponse({ description: 'unknown reservation' })
  @ApiForbiddenResponse({ description: "another rider's reservation" })
  @ApiConflictResponse({ description: 'the reservation no longer holds its bike (used, cancelled or expired)' })
  @ApiUnauthorizedResponse({ description: 'member token required' })
  async cancel(@Principal() rider: JwtPrincipal, @Param('id', UuidPipe) id: string): Promise<ReservationView> {
    return toReservationView(await this.reservations.cancel(rider.id, id));
  }
}
