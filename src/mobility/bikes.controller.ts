import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBasicAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AdminBasicGuard } from '../common/auth/guards.js';
import { UuidPipe } from '../common/http/id-pipes.js';
import { assertPageExists, parsePageRequest, setPaginationHeaders } from '../common/http/pagination.js';
import { BikesService } from './bikes.service.js';
import { BikeView, QueuedLocationView, toBikeView, toQueuedLocationView } from './dto/bike-view.dto.js';
import { CreateBikeLocationDto } from './dto/create-bike-location.dto.js';
import { CreateBikeDto } from './dto/create-bike.dto.js';
import { ListBikesQueryDto, parseNearSearch } from './dto/list-bikes-query.dto.js';
import { UpdateBikeDto } from './dto/update-bike.dto.js';

@ApiTags('mobility: bikes')
@Controller('mobility/bikes')
export class BikesController {
  constructor(private readonly bikes: BikesService) {}

  @Get()
  @ApiOperation({ summary: 'List bikes, optionally the ones near a point (nearest first, with distance_m)' })
  @ApiOkResponse({ type: [BikeView], description: 'one page; Link and X-Total-Count headers' })
  @ApiBadRequestResponse({ description: 'bad status, near, radius (above 10 km), page or perPage' })
  @ApiNotFoundResponse({ description: 'page beyond the last (code 4002)' })
  async list(@Query() query: ListBikesQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const pageRequest = parsePageRequest(query as Record<string, unknown>, { language: 'en' });
    const { items, total } = await this.bikes.list({ status: query.status, near: parseNearSearch(query) }, pageRequest);
    assertPageExists(pageRequest, total, 'en');
    setPaginationHeaders(request, reply, pageRequest, total);
    return items.map(({ bike, distanceM }) => toBikeView(bike, distanceM));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One bike' })
  @ApiOkResponse({ type: BikeView })
  @ApiNotFoundResponse({ description: 'unknown bike' })
  async findOne(@Param('id', UuidPipe) id: string): Promise<BikeView> {
    return toBikeView(await this.bikes.findOne(id));
  }

  @Post()
  @UseGuards(AdminBasicGuard)
  @ApiBasicAuth('admin-basic')
  @ApiOperation({ summary: 'Add a bike to the fleet' })
  @ApiCreatedResponse({ type: BikeView })
  @ApiBadRequestResponse({ description: 'invalid location or status (one entry per field)' })
  @ApiUnauthorizedResponse({ description: 'admin credentials required' })
  async create(@Body() dto: CreateBikeDto): Promise<BikeView> {
    return toBikeView(await this.bikes.create(dto));
  }

  @Patch(':id')
  @UseGuards(AdminBasicGuard)
  @ApiBasicAuth('admin-basic')
  @ApiOperation({ summary: 'Set a bike available or non-operational (not while on a trip)' })
  @ApiOkResponse({ type: BikeView })
  @ApiBadRequestResponse({ description: 'invalid status' })
  @ApiNotFoundResponse({ description: 'unknown bike' })
  @ApiConflictResponse({ description: 'the bike is on a trip' })
  @ApiUnauthorizedResponse({ description: 'admin credentials required' })
  async update(@Param('id', UuidPipe) id: string, @Body() dto: UpdateBikeDto): Promise<BikeView> {
    return toBikeView(await this.bikes.updateStatus(id, dto.status));
  }

  @Post(':id/locations')
  @HttpCode(HttpStatus.ACCEPTED)
  @UseGuards(AdminBasicGuard)
  @ApiBasicAuth('admin-basic')
  @ApiOperation({
    summary: "Report a bike's position (telemetry gateway)",
    description: "Queued on Bull `bike-locations` and applied asynchronously; a report older than the bike's latest is dropped.",
  })
  @ApiAcceptedResponse({ type: QueuedLocationView })
  @ApiBadRequestResponse({ description: 'invalid location or recorded_at' })
  @ApiNotFoundResponse({ description: 'unknown bike (checked before queueing)' })
  @ApiUnauthorizedResponse({ description: 'admin credentials required' })
  async reportLocation(@Param('id', UuidPipe) id: string, @Body() dto: CreateBikeLocationDto): Promise<QueuedLocationView> {
    return toQueuedLocationView(await this.bikes.queueLocation(id, dto));
  }
}
