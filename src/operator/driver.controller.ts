import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiGoneResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Principal } from '../common/auth/principal.decorator.js';
import { ReportIncidentDto } from './dto/report-incident.dto.js';
import type { DriverAction } from './hail-status.js';
import { driverHailView } from './hail.views.js';
import { HailsService } from './hails.service.js';
import { TaxiTokenGuard, type TaxiPrincipal } from './taxi-token.guard.js';

/** The driver app's side: its hails and its answers, authenticated by the taxi token. */
@ApiTags('operator')
@ApiBearerAuth('taxi-token')
@ApiUnauthorizedResponse({ description: 'A valid taxi token is required' })
@UseGuards(TaxiTokenGuard)
@Controller('operator/driver/hails')
export class DriverController {
  constructor(private readonly hails: HailsService) {}

  @Get()
  @ApiOperation({ summary: "This taxi's hails waiting for its answer, and its current ride" })
  @ApiOkResponse({ description: 'An array of hails, newest first' })
  async list(@Principal() taxi: TaxiPrincipal) {
    return (await this.hails.driverHails(taxi.id)).map(driverHailView);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: 'Accepts the hail (the taxi phone goes to the registry)' })
  @ApiActionResponses()
  accept(@Principal() taxi: TaxiPrincipal, @Param('id') id: string) {
    return this.act(taxi, id, 'accept');
  }

  @Post(':id/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Declines the hail' })
  @ApiActionResponses()
  decline(@Principal() taxi: TaxiPrincipal, @Param('id') id: string) {
    return this.act(taxi, id, 'decline');
  }

  @Post(':id/customer-on-board')
  @HttpCode(200)
  @ApiOperation({ summary: 'The customer is on board (only once the customer has accepted: 409 before)' })
  @ApiActionResponses()
  customerOnBoard(@Principal() taxi: TaxiPrincipal, @Param('id') id: string) {
    return this.act(taxi, id, 'customer-on-board');
  }

  @Post(':id/finish')
  @HttpCode(200)
  @ApiOperation({ summary: 'The ride is over' })
  @ApiActionResponses()
  finish(@Principal() taxi: TaxiPrincipal, @Param('id') id: string) {
    return this.act(taxi, id, 'finish');
  }

  @Post(':id/incident')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reports an incident on the taxi side, with an optional reason' })
  @ApiActionResponses()
  incident(@Principal() taxi: TaxiPrincipal, @Param('id') id: string, @Body() dto: ReportIncidentDto) {
    return this.act(taxi, id, 'incident', dto.reason);
  }

  private async act(taxi: TaxiPrincipal, id: string, action: DriverAction, reason?: ReportIncidentDto['reason']) {
    return driverHailView(await this.hails.driverAct(taxi.id, id, action, reason));
  }
}

function ApiActionResponses(): MethodDecorator {
  return (target, key, descriptor) => {
    ApiOkResponse({ description: 'The hail, in its new status; the registry update is queued' })(target, key, descriptor);
    ApiNotFoundResponse({ description: "No such hail for this taxi (another taxi's hail included)" })(target, key, descriptor);
    ApiConflictResponse({ description: 'Impossible from the hail’s current status' })(target, key, descriptor);
    ApiGoneResponse({ description: 'The decision window has passed (timeout_taxi) or the hail failed' })(target, key, descriptor);
  };
}
