import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { MetricsService } from '../metrics/metrics.service.js';

/** How a status update to the registry ended, against the registry's window for it. */
export type RegistryUpdateOutcome = 'in_time' | 'late' | 'missed' | 'refused';

/**
 * The registry's deadlines as Prometheus sees them: each status update we owe the registry
 * (received_by_taxi within 10 s of our 200, the driver's answers within theirs) counted once it
 * ends: taken in time, taken late, never taken before its window closed (missed), or refused.
 * Counted by the process that sent it: in split mode, the workers' METRICS_PORT.
 */
@Injectable()
export class HailMetrics {
  private readonly updates: Counter<'status' | 'outcome'>;

  constructor(metrics: MetricsService) {
    this.updates = metrics.counter({
      name: 'citymove_hail_registry_updates_total',
      help: "Hail status updates sent to the registry, by status and outcome against the registry's window",
      labelNames: ['status', 'outcome'],
    });
  }

  updateEnded(status: string, outcome: RegistryUpdateOutcome): void {
    this.updates.inc({ status, outcome });
  }
}
