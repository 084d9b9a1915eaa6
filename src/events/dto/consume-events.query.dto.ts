import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';
import { DecimalInteger, MAX_CONSUME_LIMIT, MAX_EVENT_NAME_LENGTH, MAX_WAIT_SECONDS } from '../event-rules.js';

/** Query of `GET /api/v1/streams/:streamName/events`. */
export class ConsumeEventsQueryDto {
  @ApiProperty({ example: 'OrderPlaced', maxLength: MAX_EVENT_NAME_LENGTH })
  @IsDefined({ message: 'is required' })
  // Its length is checked in characters (code points) by parseConsumeQuery: @MaxLength counts otherwise.
  @IsString({ message: 'must be a non-empty string' })
  @IsNotEmpty({ message: 'must be a non-empty string' })
  eventName: string;

  @ApiProperty({ example: 100, minimum: 1, maximum: MAX_CONSUME_LIMIT })
  @IsDefined({ message: 'is required' })
  @DecimalInteger()
  @IsInt({ message: `must be an integer from 1 to ${MAX_CONSUME_LIMIT}` })
  @Min(1, { message: `must be an integer from 1 to ${MAX_CONSUME_LIMIT}` })
  @Max(MAX_CONSUME_LIMIT, { message: `must be an integer from 1 to ${MAX_CONSUME_LIMIT}` })
  limit: number;

  @ApiPropertyOptional({
    example: 10,
    minimum: 1,
    maximum: MAX_WAIT_SECONDS,
    description: 'Long poll: hold the request up to this many seconds until an event is there (then `[]`)',
  })
  @IsOptional()
  @DecimalInteger()
  @IsInt({ message: `must be an integer from 1 to ${MAX_WAIT_SECONDS}` })
  @Min(1, { message: `must be an integer from 1 to ${MAX_WAIT_SECONDS}` })
  @Max(MAX_WAIT_SECONDS, { message: `must be an integer from 1 to ${MAX_WAIT_SECONDS}` })
  wait?: number;
}
