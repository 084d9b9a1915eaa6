import { Module } from '@nestjs/common';
import { HailJobsProcessor } from './hail-jobs.processor.js';
import { HailRecovery } from './hail-recovery.service.js';
import { OperatorModule } from './operator.module.js';

/**
 * The operator module's Bull processors. Loaded by the worker entry point, and by API processes unless
 * RUN_PROCESSORS=false, so that API and worker processes can be scaled apart.
 */
@Module({
  imports: [OperatorModule],
  providers: [HailJobsProcessor, HailRecovery],
})
export class OperatorProcessorsModule {}
