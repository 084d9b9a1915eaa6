import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { requestOrigin } from '../common/http/pagination.js';
import { GbfsService } from './gbfs.service.js';

const GBFS_PATH = 'mobility/gbfs';

@ApiTags('mobility: GBFS 3.0 feed')
@Controller(GBFS_PATH)
export class GbfsController {
  constructor(private readonly gbfs: GbfsService) {}

  @Get('gbfs.json')
  @ApiOperation({ summary: 'GBFS discovery file: the feeds with absolute URLs' })
  @ApiOkResponse({ description: 'GBFS 3.0 gbfs.json' })
  discovery(@Req() request: FastifyRequest) {
    return this.gbfs.discovery(`${requestOrigin(request)}/${GBFS_PATH}`);
  }

  @Get('system_information.json')
  @ApiOperation({ summary: 'GBFS system information (from the GBFS_* configuration)' })
  @ApiOkResponse({ description: 'GBFS 3.0 system_information.json' })
  systemInformation() {
    return this.gbfs.systemInformation();
  }

  @Get('vehicle_status.json')
  @ApiOperation({ summary: 'GBFS vehicle status: bikes not on a trip, under rotating public ids' })
  @ApiOkResponse({ description: 'GBFS 3.0 vehicle_status.json' })
  vehicleStatus() {
    return this.gbfs.vehicleStatus();
  }
}
