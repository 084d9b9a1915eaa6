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
import { ReportCustomerDto } from './dto/report-customer.dto.js';
import { ReportIncidentDto } from './dto/report-incident.dto.js';
import type { DriverAction } from './hail-state-machine.js';
import { toDriverHailView } from './hail.views.js';
import { HailsService } from './hails.service.js';
import { TaxiTokenGuard, type TaxiPrincipal } from './taxi-token.guard.js';
import { DriverHailResponse } from './dto/operator-responses.dto.js';

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
  @ApiOkResponse({ description: 'An array of hails, newest first', type: [DriverHailResponse] })
  async list(@Principal() taxi: TaxiPrincipal) {
    return (await this.hails.driverHails(taxi.id)).map(toDriverHailView);
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
  @ApiOperation({
    summary: 'Reports an incident on the taxi side, with an optional reason',
    description: 'The reason may also come later: the incident again with a reason sends it (as the registry allows).',
  })
  @ApiActionResponses()
  incident(@Principal() taxi: TaxiPrincipal, @Param('id') id: string, @Body() dto: ReportIncidentDto) {
    return this.act(taxi, id, 'incident', dto.reason);
  }

  @Post(':id/report')
  @HttpCode(200)
  @ApiOperation({
    summary: "Reports the customer (the registry's reporting_customer: the customer cannot hail for 24 h)",
    description: 'Taken in any status, as the registry does; the same reason again changes nothing.',
  })
  @ApiOkResponse({ description: 'The hail; the report is queued for the registry', type: DriverHailResponse })
  @ApiNotFoundResponse({ description: "No such hail for this taxi (another taxi's hail included)" })
  async report(@Principal() taxi: TaxiPrincipal, @Param('id') id: string, @Body() dto: ReportCustomerDto) {
    return toDriverHailView(await this.hails.reportCustomer(taxi.id, id, dto.reason));
  }

  private async act(taxi: TaxiPrincipal, id: string, action: DriverAction, reason?: ReportIncidentDto['reason']) {
    return toDriverHailView(await this.hails.driverAct(taxi.id, id, action, reason));
  }
}

function ApiActionResponses(): MethodDecorator {
  return (target, key, descriptor) => {
    ApiOkResponse({
      description: 'The hail, in its new status (the registry update is queued); the same answer again: 200, nothing re-sent',
      type: DriverHailResponse,
    })(target, key, descriptor);
    ApiNotFoundResponse({ description: "No such hail for this taxi (another taxi's hail included)" })(target, key, descriptor);
    ApiConflictResponse({ description: 'Impossible from the hail’s current status' })(target, key, descriptor);
    ApiGoneResponse({
      description:
        "The hail is over without the driver (timeout_taxi, timeout_customer, timeout_accepted_by_customer, failure) or the registry's window for its status has passed",
    })(target, key, descriptor);
  };
}
