import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BoundedMemo } from '../common/bounded-memo.js';
import { requestOrigin } from '../common/http/public-origin.js';
import { describeFile, SerializedFile } from './gbfs-http.policy.js';
import { type GbfsFile, type GbfsFileName, GbfsService } from './gbfs.service.js';

const GBFS_PATH = 'mobility/gbfs';

/** Base URLs whose configuration-made files are kept serialized (PUBLIC_URL makes it one; else a few Hosts). */
const MAX_REMEMBERED_BASES = 64;

const CACHING =
  'Cache-Control `public, max-age=<ttl>`, a strong ETag and Last-Modified (304 on If-None-Match / If-Modified-Since), CORS `*`';

/** The public GBFS 3.0 feed; every route answers with the caching headers of its file (see `GbfsHttpPolicy`). */
@ApiTags('mobility: GBFS 3.0 feed')
@Controller(GBFS_PATH)
export class GbfsController {
  /** The configuration-made files, serialized once per base URL (see `SerializedFile`). */
  private readonly serialized = new BoundedMemo<string, SerializedFile>(MAX_REMEMBERED_BASES * 3);

  constructor(private readonly gbfs: GbfsService) {}

  @Get('gbfs.json')
  @ApiOperation({ summary: 'GBFS discovery file: every other file with its absolute URL (PUBLIC_URL when set)', description: CACHING })
  @ApiOkResponse({ description: 'GBFS 3.0 gbfs.json' })
  discovery(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const baseUrl = feedUrl(request);
    return this.configurationFile('gbfs', baseUrl, () => this.gbfs.discovery(baseUrl)).send(reply);
  }

  @Get('gbfs_versions.json')
  @ApiOperation({ summary: 'GBFS versions served (3.0 only)', description: CACHING })
  @ApiOkResponse({ description: 'GBFS 3.0 gbfs_versions.json' })
  versions(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const baseUrl = feedUrl(request);
    return this.configurationFile('gbfs_versions', baseUrl, () => this.gbfs.versions(baseUrl)).send(reply);
  }

  @Get('system_information.json')
  @ApiOperation({ summary: 'GBFS system information (from the GBFS_* configuration)', description: CACHING })
  @ApiOkResponse({ description: 'GBFS 3.0 system_information.json' })
  systemInformation(@Res({ passthrough: true }) reply: FastifyReply) {
    return this.configurationFile('system_information', '', () => this.gbfs.systemInformation()).send(reply);
  }

  @Get('vehicle_types.json')
  @ApiOperation({ summary: 'GBFS vehicle types (admin catalog)', description: CACHING })
  @ApiOkResponse({ description: 'GBFS 3.0 vehicle_types.json' })
  async vehicleTypes(@Res({ passthrough: true }) reply: FastifyReply) {
    return describeFile(reply, await this.gbfs.vehicleTypes());
  }

  @Get('vehicle_status.json')
  @ApiOperation({
    summary: 'GBFS vehicle status: bikes in the street that reported lately, under rotating public ids',
    description: CACHING,
  })
  @ApiOkResponse({ description: 'GBFS 3.0 vehicle_status.json' })
  async vehicleStatus(@Res({ passthrough: true }) reply: FastifyReply) {
    return describeFile(reply, await this.gbfs.vehicleStatus());
  }

  @Get('system_pricing_plans.json')
  @ApiOperation({ summary: 'GBFS pricing plans (the rules trips are priced with)', description: CACHING })
  @ApiOkResponse({ description: 'GBFS 3.0 system_pricing_plans.json' })
  async pricingPlans(@Res({ passthrough: true }) reply: FastifyReply) {
    return describeFile(reply, await this.gbfs.pricingPlans());
  }

  @Get('system_alerts.json')
  @ApiOperation({ summary: 'GBFS system alerts not yet over', description: CACHING })
  @ApiOkResponse({ description: 'GBFS 3.0 system_alerts.json' })
  async systemAlerts(@Res({ passthrough: true }) reply: FastifyReply) {
    return describeFile(reply, await this.gbfs.systemAlerts());
  }

  @Get('geofencing_zones.json')
  @ApiOperation({ summary: 'GBFS geofencing zones: where rides may not start, end or go, in precedence order', description: CACHING })
  @ApiOkResponse({ description: 'GBFS 3.0 geofencing_zones.json' })
  async geofencingZones(@Res({ passthrough: true }) reply: FastifyReply) {
    return describeFile(reply, await this.gbfs.geofencingZones());
  }

  /** A file that only changes at a restart, built and serialized the first time a base URL asks for it. */
  private configurationFile(name: GbfsFileName, baseUrl: string, build: () => GbfsFile<unknown>): SerializedFile {
    return this.serialized.get(`${name} ${baseUrl}`, () => new SerializedFile(build()));
  }
}

/** The feed's base URL: PUBLIC_URL when set, else the request's origin. */
function feedUrl(request: FastifyRequest): string {
  return `${requestOrigin(request)}/${GBFS_PATH}`;
}
