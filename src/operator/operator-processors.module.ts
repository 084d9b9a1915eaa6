import { Module } from '@nestjs/common';
import { GeotaxiForwarder } from './geotaxi.forwarder.js';
import { HailRecoveryService } from './hail-recovery.service.js';
import { HailWorkHandlers } from './hail.work.js';
import { OperatorModule } from './operator.module.js';
import { TaxiStatusWorkHandlers } from './taxi-status.work.js';

/**
 * The operator module's workers: its durable-work handlers and their safety-net sweep, and the geotaxi forwarder. Loaded by the worker entry point, and by API processes unless
 * RUN_PROCESSORS=false, so that API and worker processes can be scaled apart.
 */
@Module({
  imports: [OperatorModule],
  providers: [HailWorkHandlers, HailRecoveryService, TaxiStatusWorkHandlers, GeotaxiForwarder],
})
export class OperatorProcessorsModule {}
