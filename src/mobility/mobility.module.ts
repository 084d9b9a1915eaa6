import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DomainErrors } from '../common/errors/domain-error.js';
import { repositoryForDialect } from '../database/dialect.js';
import { EventsModule } from '../events/events.module.js';
import { BIKE_LOCATIONS_QUEUE } from './bike-locations.processor.js';
import { BikePositionsService } from './bike-positions.service.js';
import { PostgresBikesRepository, SqliteBikesRepository } from './bikes-sql.repository.js';
import { BikesController } from './bikes.controller.js';
import { BikesRepository } from './bikes.repository.js';
import { BikesService } from './bikes.service.js';
import { GbfsCatalogRepository } from './gbfs-catalog.repository.js';
import { PricingPlansController, SystemAlertsController, VehicleTypesController } from './gbfs-catalog.controller.js';
import { GbfsCatalogService } from './gbfs-catalog.service.js';
import { GbfsHttpPolicy } from './gbfs-http.policy.js';
import { GbfsController } from './gbfs.controller.js';
import { GbfsService } from './gbfs.service.js';
import { GeofencingGlobalRulesController, GeofencingZonesController } from './geofencing-zones.controller.js';
import { GeofencingZonesRepository } from './geofencing-zones.repository.js';
import { GeofencingZonesService } from './geofencing-zones.service.js';
import { mobilityEntities } from './mobility.persistence.js';
import { MemberOrAdminGuard } from './member-or-admin.guard.js';
import { MOBILITY_ERRORS } from './mobility.errors.js';
import { MobilityMetrics } from './mobility.metrics.js';
import { ReservationsController } from './reservations.controller.js';
import { ReservationsRepository } from './reservations.repository.js';
import { ReservationsService } from './reservations.service.js';
import { PostgresTripsRepository, SqliteTripsRepository } from './trips-sql.repository.js';
import { TripsController } from './trips.controller.js';
import { TripsRepository } from './trips.repository.js';
import { TripsService } from './trips.service.js';

/** The mobility module: bike sharing and its GBFS feed (docs/contracts/mobility.md). */
@Module({
  imports: [
    TypeOrmModule.forFeature(mobilityEntities),
    // Position reports are many and short-lived: keep few finished jobs in Redis. Applying one is
    // idempotent (a replay is stale), so a failure (database away) is simply retried.
    BullModule.registerQueue({
      name: BIKE_LOCATIONS_QUEUE,
      defaultJobOptions: { removeOnComplete: 100, removeOnFail: 1000, attempts: 5, backoff: { type: 'exponential', delay: 200 } },
    }),
    EventsModule,
  ],
  controllers: [
    BikesController,
    TripsController,
    GbfsController,
    VehicleTypesController,
    PricingPlansController,
    SystemAlertsController,
    GeofencingZonesController,
    GeofencingGlobalRulesController,
    ReservationsController,
  ],
  providers: [
    BikesService,
    BikePositionsService,
    TripsService,
    GbfsService,
    GeofencingZonesService,
    GeofencingZonesRepository,
    ReservationsService,
    ReservationsRepository,
    GbfsHttpPolicy,
    GbfsCatalogService,
    GbfsCatalogRepository,
    MemberOrAdminGuard,
    MobilityMetrics,
    repositoryForDialect(BikesRepository, { postgres: PostgresBikesRepository, sqlite: SqliteBikesRepository }),
    repositoryForDialect(TripsRepository, { postgres: PostgresTripsRepository, sqlite: SqliteTripsRepository }),
  ],
  exports: [BikesService, BikePositionsService, TripsService, ReservationsService, BullModule],
})
export class MobilityModule {
  constructor(errors: DomainErrors) {
    errors.register(MOBILITY_ERRORS);
  }
}
