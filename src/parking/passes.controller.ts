import { Body, Controller, Delete, HttpCode, Param, Post, Put, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiExtraModels,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  getSchemaPath,
} from '@nestjs/swagger';
import { ParkingJwtGuard } from '../common/auth/guards.js';
import { Principal } from '../common/auth/principal.decorator.js';
import type { JwtPrincipal } from '../common/auth/realms.js';
import { BorrowDto, DatesDto, ReleaseDto } from './dto/borrow.dto.js';
import { AssignPassDto } from './dto/create-pass.dto.js';
import { DateAnswerResponse, PassResponse, ReleaseResponse } from './dto/responses.dto.js';
import { LoansService } from './loans.service.js';
import { SerialIdPipe } from '../common/http/id-pipes.js';
import { PassesService } from './passes.service.js';

@ApiTags('parking')
@ApiBearerAuth('parking-jwt')
@ApiExtraModels(DateAnswerResponse)
@ApiUnauthorizedResponse({ description: 'no valid parking token' })
@ApiBadRequestResponse({ description: 'invalid body, one entry per faulty field' })
@UseGuards(ParkingJwtGuard)
@Controller('parking/pass')
export class PassesController {
  constructor(
    private readonly passes: PassesService,
    private readonly loans: LoansService,
  ) {}

  @Post('borrow')
  @HttpCode(200)
  @ApiOperation({ summary: 'Participant: queue for a pass on a date, a range of dates, or indefinitely' })
  @ApiOkResponse({
    description: 'per date `{"enqueued": true, "request_id"}` or `{"enqueued": false, "reason"}`; or `{"indefinite": {…}}`',
    schema: { type: 'object', additionalProperties: { $ref: getSchemaPath(DateAnswerResponse) } },
  })
  @ApiForbiddenResponse({ description: 'not a participant of the org' })
  borrow(@Principal() principal: JwtPrincipal, @Body() dto: BorrowDto) {
    return this.loans.borrow(principal.id, dto);
  }

  @Delete('borrow/:requestId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw a borrow request' })
  @ApiNoContentResponse({ description: 'withdrawn' })
  @ApiNotFoundResponse({ description: 'no such request of the caller' })
  @ApiConflictResponse({ description: 'the request was served and its match is locked in' })
  async withdraw(@Principal() principal: JwtPrincipal, @Param('requestId', SerialIdPipe) requestId: number) {
    await this.loans.withdraw(principal.id, requestId);
  }

  @Put(':id')
  @ApiOperation({ summary: "Moderator of the pass's org: assign (verify) its state and spot" })
  @ApiOkResponse({ type: PassResponse })
  @ApiConflictResponse({ description: 'another verified pass holds that state and spot' })
  assign(@Param('id', SerialIdPipe) id: number, @Principal() principal: JwtPrincipal, @Body() dto: AssignPassDto) {
    return this.passes.assign(id, principal.id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Owner or moderator: delete the pass with its future offers (matched borrowers go back to the front of the queue)',
  })
  @ApiNoContentResponse({ description: 'deleted' })
  async remove(@Param('id', SerialIdPipe) id: number, @Principal() principal: JwtPrincipal) {
    await this.passes.delete(id, principal.id);
  }

  @Post(':id/lend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Owner of a verified pass: offer it on a date or a range of dates' })
  @ApiOkResponse({
    description: 'per date `{"enqueued": bool, "reason"?}`',
    schema: { type: 'object', additionalProperties: { $ref: getSchemaPath(DateAnswerResponse) } },
  })
  @ApiConflictResponse({ description: 'the pass is not verified' })
  lend(@Param('id', SerialIdPipe) id: number, @Principal() principal: JwtPrincipal, @Body() dto: DatesDto) {
    return this.loans.lend(principal.id, id, dto);
  }

  @Post(':id/release')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Owner: take back a pass lent and matched on a date that has not started; the borrower goes to the front of that date’s queue and is matched again at once if another offer is free',
  })
  @ApiOkResponse({ type: ReleaseResponse })
  @ApiConflictResponse({ description: 'the day has started, or the pass is not lent (or not matched) that date' })
  release(@Param('id', SerialIdPipe) id: number, @Principal() principal: JwtPrincipal, @Body() dto: ReleaseDto) {
    return this.loans.release(principal.id, id, dto.date);
  }

  @Post(':id/unlend')
  @HttpCode(200)
  @ApiOperation({ summary: 'Owner: withdraw offers of the pass' })
  @ApiOkResponse({ description: 'per date `{"dequeued": bool, "reason"?}`' })
  unlend(@Param('id', SerialIdPipe) id: number, @Principal() principal: JwtPrincipal, @Body() dto: DatesDto) {
    return this.loans.unlend(principal.id, id, dto);
  }
}
