import { Module } from '@nestjs/common';
import { BikeLocationsProcessor } from './bike-locations.processor.js';
import { MobilityModule } from './mobility.module.js';

/**
 * The mobility module's Bull processors. Loaded by the worker entry point, and by API processes unless
 * RUN_PROCESSORS=false, so that API and worker processes can be scaled apart.
 */
@Module({
  imports: [MobilityModule],
  providers: [BikeLocationsProcessor],
})
export class MobilityProcessorsModule {}
