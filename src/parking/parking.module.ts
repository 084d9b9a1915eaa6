import { Module } from '@nestjs/common';

/** The parking module: parking-pass sharing for organisations (spec/parking.md). */
@Module({})
export class ParkingModule {}
