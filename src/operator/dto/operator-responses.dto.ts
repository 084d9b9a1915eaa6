import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HAIL_STATUSES, type HailStatus } from '../hail-state-machine.js';

/** The Swagger description of the operator's answers (`hail.views.ts` builds them). */

export class TaxiResponse {
  @ApiProperty({ example: 'kF9XkQ2', description: "the registry's taxi id" })
  id: string;

  @ApiProperty({ example: '0612345678' })
  phone_number: string;

  @ApiProperty({ type: String, nullable: true, example: 'Jeanne Martin' })
  driver_name: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'AB-123-CD' })
  licence_plate: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  created_at: string | null;
}

export class RegisteredTaxiResponse extends TaxiResponse {
  @ApiProperty({ description: 'the driver app token: shown once, never retrievable later' })
  token: string;
}

/** What the driver app sees of a hail. */
export class DriverHailResponse {
  @ApiProperty({ example: 'a1b2c3d4' })
  id: string;

  @ApiProperty({ enum: HAIL_STATUSES, example: 'received_by_taxi' })
  status: HailStatus;

  @ApiProperty({ example: 2.3522 })
  customer_lon: number;

  @ApiProperty({ example: 48.8566 })
  customer_lat: number;

  @ApiProperty({ example: '1 rue de Rivoli, Paris' })
  customer_address: string;

  @ApiProperty({
    example: '0698765432',
    description: "the customer's phone: the registry's mask 0600000000 until the customer accepts, then the real number",
  })
  customer_phone_number: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  created_at: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when the decision window closes' })
  decision_deadline_at: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description:
      "when the registry's timer on the current status runs out (accepted_by_taxi 30 s, accepted_by_customer 30 min, customer_on_board 2 h)",
  })
  status_deadline_at: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'traffic' })
  incident_taxi_reason: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'no_show', description: 'set once the driver reported the customer' })
  reporting_customer_reason: string | null;
}

/** What an admin sees of a hail: the driver's view, and the taxi, the registry's fields and the timeline. */
export class HailSummaryResponse extends DriverHailResponse {
  @ApiProperty({ example: 'kF9XkQ2' })
  taxi_id: string;

  @ApiPropertyOptional({ description: "the registry's fields, as it sent them" })
  operateur?: string;

  @ApiPropertyOptional()
  session_id?: string;

  @ApiPropertyOptional()
  customer_id?: string;

  @ApiPropertyOptional()
  creation_datetime?: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  received_by_taxi_at: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  updated_at: string | null;
}

export class HailTransitionResponse {
  // null is listed as well as nullable: JSON Schema validators check enum before nullable.
  @ApiProperty({ type: String, enum: [...HAIL_STATUSES, null], nullable: true, description: 'null for the first status' })
  from: HailStatus | null;

  @ApiProperty({ enum: HAIL_STATUSES })
  to: HailStatus;

  @ApiProperty({ example: 'driver', description: 'who or what made the change' })
  cause: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  at: string | null;
}

export class RegistryCallResponse {
  @ApiProperty({ example: 'PUT' })
  method: string;

  @ApiProperty({ description: 'what we sent', type: 'object', additionalProperties: true, nullable: true })
  body: unknown;

  @ApiProperty({ type: Number, nullable: true, example: 200 })
  answer_status: number | null;

  @ApiProperty({ type: String, nullable: true })
  error: string | null;

  @ApiProperty({ type: Number, nullable: true })
  duration_ms: number | null;

  @ApiProperty({ example: 1 })
  attempt: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  at: string | null;
}

export class HailDetailResponse extends HailSummaryResponse {
  @ApiProperty({ type: [HailTransitionResponse] })
  transitions: HailTransitionResponse[];

  @ApiProperty({ type: [RegistryCallResponse] })
  registry_calls: RegistryCallResponse[];
}

/** A taxi's status at the registry, as the driver sees it. */
export class DriverStatusResponse {
  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['free', 'occupied', 'off', 'answering', 'oncoming'],
    description: "the registry's status as citymove last read or set it; null before the first",
  })
  status: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'when citymove last read or set it' })
  read_at: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['free', 'occupied', 'off'],
    description: 'the status asked for and still on its way to the registry',
  })
  requested: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  requested_at: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'why the last request failed for good (the registry refused it or could not be reached in time)',
  })
  last_error: string | null;
}

export class PositionsAcceptedResponse {
  @ApiProperty({ description: 'how many positions were given' })
  received: number;

  @ApiProperty({ description: 'whether the newest of them became the taxi’s latest position' })
  stored: boolean;

  @ApiProperty({ description: 'positions older than 120 s: never sent to the registry' })
  stale: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'the taxi’s latest position’s timestamp' })
  latest_at: string | null;
}

export class RotatedTokenResponse {
  @ApiProperty({ example: 'kF9XkQ2' })
  id: string;

  @ApiProperty({ description: 'the new driver app token: shown once; the previous one no longer works' })
  token: string;
}
