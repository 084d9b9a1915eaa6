import { Global, Module } from '@nestjs/common';
import { DatabaseMetrics } from './database-metrics.js';
import { DueWorkMetrics } from './due-work-metrics.js';
import { MetricsController, MetricsGuard } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';

/** `GET /metrics` and the registry every module adds its measures to (`MetricsService`). */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, MetricsGuard, DatabaseMetrics, DueWorkMetrics],
  exports: [MetricsService],
})
export class MetricsModule {}
