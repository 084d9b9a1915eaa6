import { Injectable, OnModuleInit } from '@nestjs/common';
import { DueWorkRunner } from '../database/due-work/due-work.runner.js';
import { HailLifecycleService } from './hail-lifecycle.service.js';
import { HAIL_WORK } from './hail-work.requests.js';

/** The payload of a `hail.watch` item: how many reads of the hail this is. */
export interface WatchHailPayload {
  round: number;
}

/**
 * The hail lifecycle's work, registered with the runner. Concurrency adds up to at most the
 * database pool (20), and an item holds a connection only between its network waits, so the hail
 * endpoint always finds one: a 500 there loses the hail at the registry, while an item that waits
 * a little still has most of its 10 s.
 */
@Injectable()
export class HailWorkHandlers implements OnModuleInit {
  constructor(
    private readonly runner: DueWorkRunner,
    private readonly lifecycle: HailLifecycleService,
  ) {}

  onModuleInit(): void {
    this.runner.register({ kind: HAIL_WORK.updates, concurrency: 14, run: (work) => this.lifecycle.sendPending(work.key) });
    this.runner.register({
      kind: HAIL_WORK.watch,
      concurrency: 2,
      run: (work) => this.lifecycle.watch(work.key, (work.payload as WatchHailPayload).round ?? 1),
    });
    this.runner.register({ kind: HAIL_WORK.decisionTimeout, concurrency: 2, run: (work) => this.lifecycle.statusTimeout(work.key) });
  }
}
