import { Body, Controller, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBasicAuth,
  ApiBadRequestResponse,
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
import { assertPageExists, parsePageRequest, setPaginationHeaders } from '../common/http/pagination.js';
import { CreateTaxiDto } from './dto/create-taxi.dto.js';
import { taxiView } from './hail.views.js';
import { TaxisService } from './taxis.service.js';

@ApiTags('operator')
@ApiBasicAuth('admin-basic')
@ApiUnauthorizedResponse({ description: 'Admin credentials required' })
@UseGuards(AdminBasicGuard)
@Controller('operator/taxis')
export class TaxisController {
  constructor(private readonly taxis: TaxisService) {}

  @Post()
  @ApiOperation({ summary: "Registers a taxi under the registry's id; its driver token is shown once" })
  @ApiCreatedResponse({ description: 'The taxi and `token`, the driver app token (not retrievable later)' })
  @ApiBadRequestResponse({ description: 'Invalid fields' })
  @ApiConflictResponse({ description: 'A taxi with this id is already registered' })
  async register(@Body() dto: CreateTaxiDto) {
    const { taxi, token } = await this.taxis.register(dto);
    return { ...taxiView(taxi), token };
  }

  @Get()
  @ApiOperation({ summary: 'The fleet (paginated: Link, X-Total-Count)' })
  @ApiOkResponse({ description: 'An array of taxis' })
  async list(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const page = parsePageRequest(request.query as Record<string, unknown>);
    const [taxis, total] = await this.taxis.listPage(page);
    assertPageExists(page, total);
    setPaginationHeaders(request, reply, page, total);
    return taxis.map(taxiView);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One taxi' })
  @ApiOkResponse({ description: 'The taxi' })
  @ApiNotFoundResponse({ description: 'No such taxi' })
  async get(@Param('id') id: string) {
    return taxiView(await this.taxis.getById(id));
  }
}
