import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Response shapes: the OpenAPI document's types, and what the view functions (`*.views.ts`) return. */

export class CreatedIdResponse {
  @ApiProperty({ example: 1 })
  id: number;
}

export class ParkingTokenResponse {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…' })
  access_token: string;

  @ApiProperty({ example: 'Bearer' })
  token_type: string;

  @ApiProperty({ example: 3600 })
  expires_in: number;
}

export class OrgSummaryResponse {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty({ example: 'Lycée Victor Hugo' })
  name: string;
}

export class OrgResponse extends OrgSummaryResponse {
  @ApiPropertyOptional({ example: 'Europe/Paris', description: 'members only' })
  timezone?: string;

  @ApiPropertyOptional({ example: 'Welcome', description: 'members only' })
  greeting?: string;

  @ApiPropertyOptional({ example: 'Park nose in', description: 'members only' })
  rules?: string;

  @ApiPropertyOptional({ example: '18:00', description: 'members only' })
  lock_in?: string;
}

export class DayStateResponse {
  @ApiProperty({ example: 1 })
  id: number;

  @ApiProperty({ example: 'A' })
  identifier: string;

  @ApiProperty({ example: 'Today is an A day' })
  greeting: string;
}

export class CurrentDayStateResponse {
  @ApiProperty({ example: '2026-12-01' })
  date: string;

  @ApiProperty({ type: DayStateResponse, nullable: true })
  daystate: DayStateResponse | null;
}

export class PassResponse {
  @ApiProperty({ example: 1 }) id: number;
  @ApiProperty({ example: 1 }) org_id: number;
  @ApiProperty({ example: 3 }) owner_id: number;
  @ApiProperty({ example: 1 }) requested_state_id: number;
  @ApiProperty({ example: 14 }) requested_spot_num: number;
  @ApiProperty({ example: 1, nullable: true, type: Number }) state_id: number | null;
  @ApiProperty({ example: 14, nullable: true, type: Number }) spot_num: number | null;
  @ApiProperty({ example: true }) verified: boolean;
  @ApiProperty({ example: '2026-11-22T10:15:30.000Z' }) requested_at: string;
  @ApiProperty({ example: '2026-11-22T11:00:00.000Z', nullable: true, type: String }) verified_at: string | null;
}

export class LentResponse {
  @ApiProperty({ example: 1, nullable: true, type: Number }) pass_id: number | null;
  @ApiProperty({ example: '2026-12-01' }) date: string;
  @ApiProperty({ example: 7, nullable: true, type: Number, description: 'null until matched' }) borrower_id: number | null;
}

export class BorrowedResponse {
  @ApiProperty({ example: 1, nullable: true, type: Number }) pass_id: number | null;
  @ApiProperty({ example: 1 }) org_id: number;
  @ApiProperty({ example: '2026-12-01' }) date: string;
  @ApiProperty({ example: 1, nullable: true, type: Number }) state_id: number | null;
  @ApiProperty({ example: 14, nullable: true, type: Number }) spot_num: number | null;
}

export class MyPassesResponse {
  @ApiProperty({ type: [PassResponse] }) pending: PassResponse[];
  @ApiProperty({ type: [PassResponse] }) owned: PassResponse[];
  @ApiProperty({ type: [LentResponse] }) lent: LentResponse[];
  @ApiProperty({ type: [BorrowedResponse] }) borrowed: BorrowedResponse[];
}

export class MeResponse {
  @ApiProperty({ example: 3 }) id: number;
  @ApiProperty({ example: 'Ada' }) first_name: string;
  @ApiProperty({ example: 'Lovelace' }) last_name: string;
  @ApiProperty({ example: 'ada@example.org' }) email: string;
  @ApiProperty({ type: [OrgSummaryResponse] }) participates: OrgSummaryResponse[];
  @ApiProperty({ type: [OrgSummaryResponse] }) moderates: OrgSummaryResponse[];
  @ApiProperty({ type: MyPassesResponse }) passes: MyPassesResponse;
}

export class DateAnswerResponse {
  @ApiProperty({ example: true }) enqueued: boolean;
  @ApiPropertyOptional({ example: 12, description: 'borrow only, when enqueued' }) request_id?: number;
  @ApiPropertyOptional({ example: 'past date', description: 'when not enqueued' }) reason?: string;
}

export class MatchResponse {
  @ApiProperty({ example: 1, nullable: true, type: Number }) pass_id: number | null;
  @ApiProperty({ example: '2026-12-01' }) date: string;
  @ApiProperty({ example: 3 }) lender_id: number;
  @ApiProperty({ example: 7 }) borrower_id: number;
  @ApiProperty({ example: 12, nullable: true, type: Number }) request_id: number | null;
  @ApiProperty({ example: '2026-11-30T17:00:00.000Z' }) matched_at: string;
}

export class OfferResponse {
  @ApiProperty({ example: 4 }) id: number;
  @ApiProperty({ example: 1, nullable: true, type: Number }) pass_id: number | null;
  @ApiProperty({ example: 3 }) lender_id: number;
  @ApiProperty({ example: '2026-11-25T08:00:00.000Z' }) offered_at: string;
  @ApiProperty({ example: null, nullable: true, type: Number }) borrower_id: number | null;
}

export class QueuedRequestResponse {
  @ApiProperty({ example: 12 }) id: number;
  @ApiProperty({ example: 1, description: '1-based place in the queue' }) position: number;
  @ApiProperty({ example: 'first come, first served', description: 'why the request stands there' }) reason: string;
  @ApiProperty({ example: 7 }) borrower_id: number;
  @ApiProperty({ example: false }) indefinite: boolean;
  @ApiProperty({ example: false, description: 'lost a loan to a deleted pass' }) front_of_queue: boolean;
  @ApiProperty({ example: '2026-11-25T08:00:00.000Z' }) requested_at: string;
  @ApiProperty({ example: '2026-11-25T08:00:00.000Z', description: 'later of requested_at and the last service' }) priority_key: string;
}

export class LoansResponse {
  @ApiProperty({ example: '2026-12-01' }) date: string;
  @ApiProperty({ type: DayStateResponse, nullable: true }) daystate: DayStateResponse | null;
  @ApiProperty({ example: '2026-11-30T17:00:00.000Z' }) lock_in_at: string;
  @ApiProperty({ example: true }) locked_in: boolean;
  @ApiProperty({ example: '2026-11-30T17:00:00.120Z', nullable: true, type: String }) locked_at: string | null;
  @ApiProperty({ type: [OfferResponse], description: 'in offer order' }) offers: OfferResponse[];
  @ApiProperty({ type: [QueuedRequestResponse], description: 'open requests in queue order' }) requests: QueuedRequestResponse[];
  @ApiProperty({ type: [MatchResponse] }) matches: MatchResponse[];
}

export class MyRequestResponse {
  @ApiProperty({ example: 12 }) request_id: number;
  @ApiProperty({ example: 1 }) org_id: number;
  @ApiProperty({ example: '2026-12-01', nullable: true, type: String, description: 'null for an indefinite request' }) date: string | null;
  @ApiProperty({ example: false }) indefinite: boolean;
  @ApiProperty({ example: 2, nullable: true, type: Number, description: "1-based place in its date's queue; null when indefinite" })
  position: number | null;
  @ApiProperty({ example: 3, nullable: true, type: Number, description: "how many requests the date's queue holds" }) queue_length:
    number | null;
  @ApiProperty({ example: '2026-11-25T08:00:00.000Z', description: 'later of the request time and the last service' }) priority_key: string;
  @ApiProperty({ example: 'served recently: queued from the last service', description: 'why the request stands where it does' })
  reason: string;
}

export class ReleaseResponse {
  @ApiProperty({ example: '2026-12-01' }) date: string;
  @ApiProperty({ example: 1 }) pass_id: number;
  @ApiProperty({ example: 7, description: 'the borrower who lost the loan, now at the front of the queue' }) borrower_id: number;
  @ApiProperty({ example: 2, nullable: true, type: Number, description: 'the pass they were matched with again at once, if one was free' })
  rematched_pass_id: number | null;
}
