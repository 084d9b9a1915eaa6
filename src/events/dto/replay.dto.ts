import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';
import { DecimalInteger, MAX_CONSUME_LIMIT, MAX_EVENT_NAME_LENGTH, MAX_POSITION } from '../event-rules.js';

const LIMIT_RULE = `must be an integer from 1 to ${MAX_CONSUME_LIMIT}`;
const POSITION_RULE = `must be an integer from 0 to ${MAX_POSITION}`;

/** Query of `GET /api/v1/streams/:streamName/all`. */
export class ReadAllQueryDto {
  @ApiPropertyOptional({ example: 0, minimum: 0, description: 'Stream position to read after (default 0: from the start)' })
  @IsOptional()
  @DecimalInteger()
  @IsInt({ message: POSITION_RULE })
  @Min(0, { message: POSITION_RULE })
  @Max(MAX_POSITION, { message: POSITION_RULE })
  after?: number;

  @ApiProperty({ example: 100, minimum: 1, maximum: MAX_CONSUME_LIMIT })
  @IsDefined({ message: 'is required' })
  @DecimalInteger()
  @IsInt({ message: LIMIT_RULE })
  @Min(1, { message: LIMIT_RULE })
  @Max(MAX_CONSUME_LIMIT, { message: LIMIT_RULE })
  limit: number;
}

/** Query of `GET /api/v1/streams/:streamName/events/subscribe`. */
export class SubscribeQueryDto {
  @ApiProperty({ example: 'OrderPlaced', maxLength: MAX_EVENT_NAME_LENGTH })
  @IsDefined({ message: 'is required' })
  @IsString({ message: 'must be a non-empty string' })
  @IsNotEmpty({ message: 'must be a non-empty string' })
  eventName: string;
}

/** Body of `PUT /api/v1/streams/:streamName/consumers/:consumerId/offsets/:eventName`. */
export class SeekOffsetDto {
  @ApiProperty({ example: 0, minimum: 0, description: 'The sequence to stand at: 0 (replay all) to the last one (skip to the end)' })
  @IsDefined({ message: 'is required' })
  @IsInt({ message: POSITION_RULE })
  @Min(0, { message: POSITION_RULE })
  @Max(MAX_POSITION, { message: POSITION_RULE })
  offset: number;
}
