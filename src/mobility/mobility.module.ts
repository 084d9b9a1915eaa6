import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module.js';
import { Bike } from './bike.entity.js';
import { BIKE_LOCATIONS_QUEUE } from './bike-location.job.js';
import { BikesController } from './bikes.controller.js';
import { BikesService } from './bikes.service.js';
import { GbfsController } from './gbfs.controller.js';
import { GbfsService } from './gbfs.service.js';
import { MemberOrAdminGuard } from './member-or-admin.guard.js';
import { ParkedBikeMoves } from './parked-bike-moves.js';
import { Trip } from './trip.entity.js';
import { TripsController } from './trips.controller.js';
import { TripsService } from './trips.service.js';

/** The mobility module: bike sharing and its GBFS feed (spec/mobility.md). */
@Module({
  imports: [
    TypeOrmModule.forFeature([Bike, Trip]),
    // Position reports are many and short-lived: keep few finished jobs in Redis. Applying one is
    // idempotent (a replay is stale), so a failure (database away) is simply retried.
    BullModule.registerQueue({
      name: BIKE_LOCATIONS_QUEUE,
      defaultJobOptions: { removeOnComplete: 100, removeOnFail: 1000, attempts: 5, backoff: { type: 'exponential', delay: 200 } },
    }),
    EventsModule,
  ],
  controllers: [BikesController, TripsController, GbfsController],
  providers: [BikesService, ParkedBikeMoves, TripsService, GbfsService, MemberOrAdminGuard],
  exports: [BikesService, TripsService, BullModule],
})
export class MobilityModule {}
