import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBasicAuth,
  ApiBadRequestResponse,
  ApiConflictResponse,
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
import { assertPageExists, parsePageRequest, setPaginationHeaders } from '../common/http/pagination.js';
import { CreateTaxiDto } from './dto/create-taxi.dto.js';
import { UpdateTaxiDto } from './dto/driver-taxi.dto.js';
import { toRegisteredTaxiView, toTaxiView } from './hail.views.js';
import { TaxisService } from './taxis.service.js';
import { RegisteredTaxiResponse, RotatedTokenResponse, TaxiResponse } from './dto/operator-responses.dto.js';

@ApiTags('operator')
@ApiBasicAuth('admin-basic')
@ApiUnauthorizedResponse({ description: 'Admin credentials required' })
@UseGuards(AdminBasicGuard)
@Controller('operator/taxis')
export class TaxisController {
  constructor(private readonly taxis: TaxisService) {}

  @Post()
  @ApiOperation({ summary: "Registers a taxi under the registry's id; its driver token is shown once" })
  @ApiCreatedResponse({ description: 'The taxi and `token`, the driver app token (not retrievable later)', type: RegisteredTaxiResponse })
  @ApiBadRequestResponse({ description: 'Invalid fields' })
  @ApiConflictResponse({ description: 'A taxi with this id is already registered' })
  async register(@Body() dto: CreateTaxiDto) {
    const { taxi, token } = await this.taxis.register(dto);
    return toRegisteredTaxiView(taxi, token);
  }

  @Get()
  @ApiOperation({ summary: 'The fleet (paginated: Link, X-Total-Count)' })
  @ApiOkResponse({ description: 'An array of taxis', type: [TaxiResponse] })
  async list(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const page = parsePageRequest(request.query as Record<string, unknown>);
    const [taxis, total] = await this.taxis.listPage(page);
    assertPageExists(page, total);
    setPaginationHeaders(request, reply, page, total);
    return taxis.map(toTaxiView);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One taxi' })
  @ApiOkResponse({ description: 'The taxi', type: TaxiResponse })
  @ApiNotFoundResponse({ description: 'No such taxi' })
  async get(@Param('id') id: string) {
    return toTaxiView(await this.taxis.getById(id));
  }

  @Patch(':id')
  @ApiOperation({ summary: "Changes a taxi's phone number, driver name or licence plate (its id is the registry's and never changes)" })
  @ApiOkResponse({ description: 'The taxi after the change', type: TaxiResponse })
  @ApiBadRequestResponse({ description: 'Invalid fields, or none' })
  @ApiNotFoundResponse({ description: 'No such taxi' })
  async update(@Param('id') id: string, @Body() dto: UpdateTaxiDto) {
    return toTaxiView(await this.taxis.update(id, dto));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Removes a taxi from the fleet: its token stops working, it gets no more hails and goes off at the registry; its hails stay',
  })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiNotFoundResponse({ description: 'No such taxi' })
  async remove(@Param('id') id: string): Promise<void> {
    await this.taxis.remove(id);
  }

  @Post(':id/token')
  @HttpCode(201)
  @ApiOperation({ summary: 'A new driver app token; the previous one stops working at once (open event streams end)' })
  @ApiCreatedResponse({ description: 'The new token, shown once', type: RotatedTokenResponse })
  @ApiNotFoundResponse({ description: 'No such taxi' })
  async rotateToken(@Param('id') id: string) {
    const { taxi, token } = await this.taxis.rotateToken(id);
    return { id: taxi.id, token };
  }
}
