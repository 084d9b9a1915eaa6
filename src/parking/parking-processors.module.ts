import { Module } from '@nestjs/common';
import { LockInWork } from './lock-in.work.js';
import { ParkingModule } from './parking.module.js';

/**
 * The parking module's workers (the lock-in handler). Loaded by the worker entry point, and by API processes unless
 * RUN_PROCESSORS=false, so that API and worker processes can be scaled apart.
 */
@Module({
  imports: [ParkingModule],
  providers: [LockInWork],
})
export class ParkingProcessorsModule {}
