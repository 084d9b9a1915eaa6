import { Injectable, OnModuleInit } from '@nestjs/common';
import { withTimeout } from '../common/with-timeout.js';
import { DueWorkRepository } from '../database/due-work/due-work.repository.js';
import { MetricsService } from './metrics.service.js';

/**
 * Durable work per kind (registry PUTs, watches, decision timeouts, lock-ins, position reports), read
 * from `due_work` at scrape time: how much is waiting, and how late the oldest due item is, the
 * figure that tells a deadline is about to be missed. One query for both gauges, shared by a scrape.
 */
@Injectable()
export class DueWorkMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly repository: DueWorkRepository,
  ) {}

  onModuleInit(): void {
    let pending: { at: number; backlog: ReturnType<DueWorkRepository['backlog']> } | undefined;
    // Both gauges are collected in one scrape (prom-client starts every collect in the same turn), so
    // they share the read that is in flight. Nothing outlives it: a scrape that follows another must
    // see what was committed in between, never a cached table that contradicts the counters beside it.
    const backlog = () => {
      if (pending !== undefined) return pending;
      const at = Date.now();
      const read = { at, backlog: withTimeout(this.repository.backlog(at), 1000) };
      pending = read;
      const release = () => {
        if (pending === read) pending = undefined;
      };
      read.backlog.then(release, release);
      return read;
    };
    this.metrics.gauge({
      name: 'citymove_due_work_items',
      help: 'Durable work not done yet, per kind: all of it, the part due now, the part a worker holds',
      labelNames: ['kind', 'state'],
      async collect() {
        const rows = await backlog().backlog;
        this.reset();
        for (const row of rows) {
          this.set({ kind: row.kind, state: 'pending' }, row.total);
          this.set({ kind: row.kind, state: 'due' }, row.due);
          this.set({ kind: row.kind, state: 'leased' }, row.leased);
        }
      },
    });
    this.metrics.gauge({
      name: 'citymove_due_work_oldest_due_seconds',
      help: 'Per kind, how long the oldest due item has been due (0 when none is due)',
      labelNames: ['kind'],
      async collect() {
        const { at, backlog: rows } = backlog();
        this.reset();
        for (const row of await rows)
          this.set({ kind: row.kind }, row.oldestDueAt === null ? 0 : Math.max(0, (at - row.oldestDueAt) / 1000));
      },
    });
  }
}
