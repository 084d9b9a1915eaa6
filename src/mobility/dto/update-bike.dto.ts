import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { ADMIN_BIKE_STATUSES, type AdminBikeStatus } from '../bike.entity.js';

export class UpdateBikeDto {
  @ApiProperty({ enum: ADMIN_BIKE_STATUSES, example: 'non_operational' })
  @IsIn(ADMIN_BIKE_STATUSES, { message: `status must be one of ${ADMIN_BIKE_STATUSES.join(', ')}` })
  status: AdminBikeStatus;
}
