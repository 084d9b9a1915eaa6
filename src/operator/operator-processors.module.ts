import { Module } from '@nestjs/common';

/**
 * The operator module's Bull processors. Loaded by the worker entry point, and by API processes unless
 * RUN_PROCESSORS=false, so that API and worker processes can be scaled apart.
 */
@Module({})
export class OperatorProcessorsModule {}
