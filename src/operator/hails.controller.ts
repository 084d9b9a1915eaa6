import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBasicAuth,
  ApiBadRequestResponse,
  ApiBody,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AdminBasicGuard } from '../common/auth/guards.js';
import { ApiError } from '../common/errors/api-error.js';
import { createValidationPipe } from '../common/errors/validation.js';
import { assertPageExists, parsePageRequest, setPaginationHeaders } from '../common/http/pagination.js';
import { CreateHailDto } from './dto/create-hail.dto.js';
import { ListHailsQueryDto } from './dto/list-hails-query.dto.js';
import { toHailDetailView, toHailSummaryView } from './hail.views.js';
import { HailsService, type HailReceipt } from './hails.service.js';
import { RegistryHeaderGuard } from './registry-header.guard.js';
import { HailDetailResponse, HailSummaryResponse } from './dto/operator-responses.dto.js';

/**
 * The registry's hail payload grows over time: unknown keys are dropped, not refused. The global
 * pipe skips this route's `Record` body (it validates class-typed bodies only), and this one runs.
 */
const tolerantHailPipe = createValidationPipe({ forbidNonWhitelisted: false });

@ApiTags('operator')
@Controller('operator/hails')
export class HailsController {
  constructor(private readonly hails: HailsService) {}

  @Post()
  @HttpCode(200)
  @UseGuards(RegistryHeaderGuard)
  @ApiSecurity('registry-header')
  @ApiOperation({ summary: "The registry's hail webhook: stores the hail and its job, then answers" })
  @ApiBody({ type: CreateHailDto })
  @ApiOkResponse({ description: '`{"data":[{"taxi_phone_number":"…"}]}`, or `{}` when the taxi has no phone' })
  @ApiBadRequestResponse({ description: 'A required field is missing or invalid; nothing stored' })
  @ApiUnauthorizedResponse({ description: 'Wrong or missing registry header' })
  @ApiNotFoundResponse({ description: 'The taxi is not one of ours' })
  async receive(@Body() body: Record<string, unknown>): Promise<HailReceipt> {
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw ApiError.invalidFields([{ field: 'data', message: 'the body must be an object {"data":[hail]}' }]);
    }
    const dto = (await tolerantHailPipe.transform(body, { type: 'body', metatype: CreateHailDto })) as CreateHailDto;
    return this.hails.receive(dto, body);
  }

  @Get()
  @UseGuards(AdminBasicGuard)
  @ApiBasicAuth('admin-basic')
  @ApiOperation({ summary: 'Hails, newest first (paginated: Link, X-Total-Count)' })
  @ApiOkResponse({ description: 'An array of hails', type: [HailSummaryResponse] })
  @ApiUnauthorizedResponse({ description: 'Admin credentials required' })
  async list(@Query() query: ListHailsQueryDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const page = parsePageRequest(request.query as Record<string, unknown>);
    const [hails, total] = await this.hails.listPage({ status: query.status, taxiId: query.taxi_id }, page);
    assertPageExists(page, total);
    setPaginationHeaders(request, reply, page, total);
    return hails.map(toHailSummaryView);
  }

  @Get(':id')
  @UseGuards(AdminBasicGuard)
  @ApiBasicAuth('admin-basic')
  @ApiOperation({ summary: 'One hail with its transitions and every registry call' })
  @ApiOkResponse({ description: 'The hail', type: HailDetailResponse })
  @ApiNotFoundResponse({ description: 'No such hail' })
  @ApiUnauthorizedResponse({ description: 'Admin credentials required' })
  async get(@Param('id') id: string) {
    const { hail, transitions, calls } = await this.hails.getDetail(id);
    return toHailDetailView(hail, transitions, calls);
  }
}
