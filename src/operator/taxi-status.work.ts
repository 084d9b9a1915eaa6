import { Injectable, OnModuleInit } from '@nestjs/common';
import { DueWorkRunner } from '../database/due-work/due-work.runner.js';
import { TaxiStatusService } from './taxi-status.service.js';
import { TAXI_WORK } from './taxi-work.requests.js';

/**
 * The taxis' registry work, registered with the runner. Two of each at once per process: an item
 * holds a connection only between its network waits, and the hail work keeps most of the pool.
 */
@Injectable()
export class TaxiStatusWorkHandlers implements OnModuleInit {
  constructor(
    private readonly runner: DueWorkRunner,
    private readonly status: TaxiStatusService,
  ) {}

  onModuleInit(): void {
    this.runner.register({ kind: TAXI_WORK.setStatus, concurrency: 2, run: (work) => this.status.deliver(work.key, work.deadlineAt) });
    this.runner.register({ kind: TAXI_WORK.readStatus, concurrency: 2, run: (work) => this.status.read(work.key) });
  }
}
