import { Module } from '@nestjs/common';
import { LockInProcessor } from './lock-in.processor.js';
import { ParkingModule } from './parking.module.js';

/**
 * The parking module's Bull processors. Loaded by the worker entry point, and by API processes unless
 * RUN_PROCESSORS=false, so that API and worker processes can be scaled apart.
 */
@Module({
  imports: [ParkingModule],
  providers: [LockInProcessor],
})
export class ParkingProcessorsModule {}
