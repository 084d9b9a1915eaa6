import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EventsModule } from '../events/events.module.js';
import { DriverController } from './driver.controller.js';
import { HailEventsRelay } from './hail-events.relay.js';
import { HailJobsScheduler } from './hail-jobs.scheduler.js';
import { HAILS_QUEUE } from './hail-jobs.js';
import { HailLifecycle } from './hail-lifecycle.service.js';
import { HailTransitions } from './hail-transitions.service.js';
import { HailUpdate } from './hail-update.entity.js';
import { Hail } from './hail.entity.js';
import { HailsController } from './hails.controller.js';
import { HailsService } from './hails.service.js';
import { RegistryClient } from './registry.client.js';
import { RegistryHeaderGuard } from './registry-header.guard.js';
import { ListOnlyTaxiNotifier, TAXI_NOTIFIER } from './taxi-notifier.js';
import { TaxiTokenGuard } from './taxi-token.guard.js';
import { Taxi } from './taxi.entity.js';
import { TaxisController } from './taxis.controller.js';
import { TaxisService } from './taxis.service.js';

/** The operator module: the taxi operator for the api.taxi registry (spec/operator.md). */
@Module({
  imports: [TypeOrmModule.forFeature([Taxi, Hail, HailUpdate]), BullModule.registerQueue({ name: HAILS_QUEUE }), EventsModule],
  controllers: [HailsController, TaxisController, DriverController],
  providers: [
    TaxisService,
    HailsService,
    HailTransitions,
    HailEventsRelay,
    HailJobsScheduler,
    HailLifecycle,
    RegistryClient,
    RegistryHeaderGuard,
    TaxiTokenGuard,
    { provide: TAXI_NOTIFIER, useClass: ListOnlyTaxiNotifier },
  ],
  exports: [HailLifecycle, HailsService, TaxisService, HailEventsRelay],
})
export class OperatorModule {}
