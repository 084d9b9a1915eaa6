import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { REPORTING_CUSTOMER_REASONS, type ReportingCustomerReason } from '../hail-state-machine.js';

/** The driver reports the customer: the registry's `reporting_customer_reason` values. */
export class ReportCustomerDto {
  @ApiProperty({ enum: REPORTING_CUSTOMER_REASONS, example: 'no_show' })
  @IsIn(REPORTING_CUSTOMER_REASONS)
  reason: ReportingCustomerReason;
}
