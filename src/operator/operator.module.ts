import { Module } from '@nestjs/common';
import { DomainErrors } from '../common/errors/domain-error.js';
import { repositoryForDialect } from '../database/dialect.js';
import { EventsModule } from '../events/events.module.js';
import { DriverController } from './driver.controller.js';
import { DriverEventsHub } from './driver-events.hub.js';
import { DriverTaxiController } from './driver-taxi.controller.js';
import { FleetRepository } from './fleet.repository.js';
import { HailAdmissionService } from './hail-admission.service.js';
import { HailEventsRelay } from './hail-events.relay.js';
import { HailLifecycleService } from './hail-lifecycle.service.js';
import { HailMetrics } from './hail.metrics.js';
import { HailRepository } from './hail.repository.js';
import { PortableHailRepository } from './hail.repository.portable.js';
import { PostgresHailRepository } from './hail.repository.postgres.js';
import { HailsController } from './hails.controller.js';
import { HailsService } from './hails.service.js';
import { OPERATOR_ERRORS } from './operator.errors.js';
import { RegistryClient } from './registry.client.js';
import { RegistryTaxisClient } from './registry-taxis.client.js';
import { RegistryHeaderGuard } from './registry-header.guard.js';
import { ListOnlyTaxiNotifier, TAXI_NOTIFIER } from './taxi-notifier.js';
import { TaxiPositionsService } from './taxi-positions.service.js';
import { TaxiStatusService } from './taxi-status.service.js';
import { TaxiTokenGuard } from './taxi-token.guard.js';
import { TaxisController } from './taxis.controller.js';
import { TaxisService } from './taxis.service.js';

/** The operator module: the taxi operator for the api.taxi registry (docs/contracts/operator.md). */
@Module({
  imports: [EventsModule],
  controllers: [HailsController, TaxisController, DriverController, DriverTaxiController],
  providers: [
    repositoryForDialect(HailRepository, { postgres: PostgresHailRepository, sqlite: PortableHailRepository }),
    TaxisService,
    HailsService,
    HailEventsRelay,
    HailAdmissionService,
    HailLifecycleService,
    HailMetrics,
    RegistryClient,
    RegistryTaxisClient,
    FleetRepository,
    TaxiStatusService,
    TaxiPositionsService,
    DriverEventsHub,
    RegistryHeaderGuard,
    TaxiTokenGuard,
    { provide: TAXI_NOTIFIER, useClass: ListOnlyTaxiNotifier },
  ],
  exports: [HailLifecycleService, HailsService, TaxisService, HailEventsRelay, TaxiStatusService, FleetRepository, RegistryTaxisClient],
})
export class OperatorModule {
  constructor(errors: DomainErrors) {
    errors.register(OPERATOR_ERRORS);
  }
}
