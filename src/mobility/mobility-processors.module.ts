import { Module } from '@nestjs/common';
import { BikeLocationsProcessor } from './bike-locations.processor.js';
import { BikeLocationsWorkHandler } from './bike-locations.work.js';
import { MobilityModule } from './mobility.module.js';
import { ReservationExpiryWork } from './reservations.work.js';

/**
 * The mobility module's Bull processor and durable work handlers (position reports, reservation expiries). Loaded by the worker entry point,
 * and by API processes unless RUN_PROCESSORS=false, so that API and worker processes can be scaled apart.
 */
@Module({
  imports: [MobilityModule],
  providers: [BikeLocationsProcessor, BikeLocationsWorkHandler, ReservationExpiryWork],
})
export class MobilityProcessorsModule {}
