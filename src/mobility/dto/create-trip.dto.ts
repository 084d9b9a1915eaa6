import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class CreateTripDto {
  @ApiProperty({ format: 'uuid', example: '3f1c2b7e-8a43-4f0e-9b1d-2c5e6f7a8b9c' })
  @IsUUID('all', { message: 'bike_id must be a UUID' })
  bike_id: string;
}
