import { Injectable, OnModuleInit } from '@nestjs/common';
import { withTimeout } from '../common/with-timeout.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { BIKE_STATUSES } from './bike.entity.js';
import { BikesRepository } from './bikes.repository.js';

/** The fleet as the GBFS feed shows it, counted at scrape time. */
@Injectable()
export class MobilityMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly bikes: BikesRepository,
  ) {}

  onModuleInit(): void {
    const bikes = this.bikes;
    this.metrics.gauge({
      name: 'citymove_gbfs_vehicles',
      help: 'Bikes by status (vehicle_status.json offers the available ones that reported lately and, if motorised, are charged)',
      labelNames: ['status'],
      async collect() {
        const counts = await withTimeout(bikes.countByStatus(), 1000);
        for (const status of BIKE_STATUSES) this.set({ status }, counts.get(status) ?? 0);
      },
    });
  }
}
