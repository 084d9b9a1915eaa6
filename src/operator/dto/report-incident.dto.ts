import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { INCIDENT_TAXI_REASONS, type IncidentTaxiReason } from '../hail-state-machine.js';

export class ReportIncidentDto {
  @ApiPropertyOptional({ enum: INCIDENT_TAXI_REASONS, example: 'traffic' })
  @IsOptional()
  @IsIn(INCIDENT_TAXI_REASONS)
  reason?: IncidentTaxiReason;
}
