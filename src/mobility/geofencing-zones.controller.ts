import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Put, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBasicAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AdminBasicGuard } from '../common/auth/guards.js';
import { UuidPipe } from '../common/http/id-pipes.js';
import { BodyLimits } from '../common/input/request-body.js';
import { assertPageExists, PageQueryDto, parsePageRequest, setPaginationHeaders } from '../common/http/pagination.js';
import {
  CreateGeofencingZoneDto,
  GeofencingGlobalRulesDto,
  GeofencingGlobalRulesView,
  GeofencingZoneView,
  toGeofencingGlobalRulesView,
  toGeofencingZoneView,
  UpdateGeofencingZoneDto,
} from './dto/geofencing-zone.dto.js';
import { GeofencingZonesService } from './geofencing-zones.service.js';

/** A zone of `MULTIPOLYGON_LIMITS.positions` positions written with 6 decimals fits (about 250 KB), with room. */
const ZONE_BODY_LIMIT = 512 * 1024;

/** Admin CRUD of the geofencing zones trips obey and the GBFS feed publishes. */
@ApiTags('mobility: geofencing zones')
@ApiBasicAuth('admin-basic')
@ApiUnauthorizedResponse({ description: 'admin credentials required' })
@UseGuards(AdminBasicGuard)
@Controller('mobility/geofencing-zones')
export class GeofencingZonesController {
  constructor(private readonly zones: GeofencingZonesService) {}

  @Post()
  @BodyLimits({ bytes: ZONE_BODY_LIMIT })
  @ApiOperation({ summary: 'Create a geofencing zone (GeoJSON MultiPolygon and GBFS rules)' })
  @ApiCreatedResponse({ type: GeofencingZoneView })
  @ApiBadRequestResponse({ description: 'bad GeoJSON, rules, name or times' })
  async create(@Body() dto: CreateGeofencingZoneDto): Promise<GeofencingZoneView> {
    return toGeofencingZoneView(await this.zones.create(dto));
  }

  @Get()
  @ApiOperation({ summary: 'The zones, in the order that decides overlaps (oldest first)' })
  @ApiOkResponse({ type: [GeofencingZoneView], description: 'one page; Link and X-Total-Count headers' })
  @ApiBadRequestResponse({ description: 'bad page or perPage' })
  async list(@Query() query: PageQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const pageRequest = parsePageRequest(query as Record<string, unknown>);
    const { items, total } = await this.zones.list(pageRequest);
    assertPageExists(pageRequest, total);
    setPaginationHeaders(request, reply, pageRequest, total);
    return items.map(toGeofencingZoneView);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One geofencing zone' })
  @ApiOkResponse({ type: GeofencingZoneView })
  @ApiNotFoundResponse({ description: 'unknown zone' })
  async findOne(@Param('id', UuidPipe) id: string): Promise<GeofencingZoneView> {
    return toGeofencingZoneView(await this.zones.findOne(id));
  }

  @Patch(':id')
  @BodyLimits({ bytes: ZONE_BODY_LIMIT })
  @ApiOperation({ summary: 'Change a zone: any of its fields (start / end null clears them)' })
  @ApiOkResponse({ type: GeofencingZoneView })
  @ApiBadRequestResponse({ description: 'bad GeoJSON, rules, name or times' })
  @ApiNotFoundResponse({ description: 'unknown zone' })
  async update(@Param('id', UuidPipe) id: string, @Body() dto: UpdateGeofencingZoneDto): Promise<GeofencingZoneView> {
    return toGeofencingZoneView(await this.zones.update(id, dto));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a zone: its rules stop holding at once' })
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiNotFoundResponse({ description: 'unknown zone' })
  async remove(@Param('id', UuidPipe) id: string): Promise<void> {
    await this.zones.remove(id);
  }
}

/** The system's global rules: GBFS `global_rules`, what holds where no zone has a rule for a vehicle. */
@ApiTags('mobility: geofencing zones')
@ApiBasicAuth('admin-basic')
@ApiUnauthorizedResponse({ description: 'admin credentials required' })
@UseGuards(AdminBasicGuard)
@Controller('mobility/geofencing-global-rules')
export class GeofencingGlobalRulesController {
  constructor(private readonly zones: GeofencingZonesService) {}

  @Get()
  @ApiOperation({ summary: 'The global rules (none until set)' })
  @ApiOkResponse({ type: GeofencingGlobalRulesView })
  async get(): Promise<GeofencingGlobalRulesView> {
    return toGeofencingGlobalRulesView(await this.zones.globalRules());
  }

  @Put()
  @ApiOperation({ summary: 'Replace the global rules; they hold at once for trips, reservations and the feed' })
  @ApiOkResponse({ type: GeofencingGlobalRulesView })
  @ApiBadRequestResponse({ description: 'bad rules' })
  async replace(@Body() dto: GeofencingGlobalRulesDto): Promise<GeofencingGlobalRulesView> {
    return toGeofencingGlobalRulesView(await this.zones.setGlobalRules(dto.rules));
  }
}
