import { Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { pgPoolOf } from '../database/pg-pool.js';
import { MetricsService } from './metrics.service.js';

/**
 * The database connection pool, read at each scrape: connections open, idle, and callers waiting for
 * one (the first sign that the database is too slow for the load). PostgreSQL only: the embedded
 * SQLite has one connection and no pool.
 */
@Injectable()
export class DatabaseMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    // No series at all on SQLite, rather than a pool of size 0.
    if (this.dataSource.options.type !== 'postgres') return;
    const pool = () => pgPoolOf(this.dataSource);
    this.metrics.gauge({
      name: 'citymove_db_pool_connections',
      help: 'Database pool connections by state: open (total), idle, and callers waiting for one',
      labelNames: ['state'],
      collect() {
        const current = pool();
        if (current === undefined) return;
        this.set({ state: 'total' }, current.totalCount);
        this.set({ state: 'idle' }, current.idleCount);
        this.set({ state: 'waiting' }, current.waitingCount);
      },
    });
    this.metrics.gauge({
      name: 'citymove_db_pool_max_connections',
      help: 'The most connections the pool opens',
      collect() {
        const current = pool();
        if (current !== undefined) this.set(current.options.max);
      },
    });
  }
}
