import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { withTimeout } from '../common/with-timeout.js';
import { RedisConnection } from '../queue/redis-connection.js';

export type CheckState = 'up' | 'down';

export interface DependencyStates {
  database: CheckState;
  redis: CheckState;
}

/** Bounds of each check: /health must answer within a second whatever a dependency does. */
const DATABASE_TIMEOUT_MS = 1000;
/** Half a second: a Redis that slow is down for our purposes. */
const REDIS_TIMEOUT_MS = 500;

/**
 * The dependency checks behind `GET /health`, coalesced: however many requests ask at once, one
 * database round trip and one Redis round trip are in flight. A request never gets a verdict older
 * than itself: it joins the probe that starts after it arrived (the next one, when one is already
 * in flight), so "up" always means "answered after you asked". Under 50 concurrent callers this
 * turned 50 `SELECT 1` and 50 `PING` per round trip into one of each (see docs/performance.md).
 */
@Injectable()
export class HealthProbe {
  /** The probe in flight, if any. */
  private running: Promise<DependencyStates> | undefined;
  /** The probe that starts when the running one ends: requests that arrived during the running one. */
  private next: Promise<DependencyStates> | undefined;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly redis: RedisConnection,
  ) {}

  states(): Promise<DependencyStates> {
    if (this.running === undefined) return this.start();
    this.next ??= this.running.then(
      () => this.start(),
      () => this.start(),
    );
    return this.next;
  }

  private start(): Promise<DependencyStates> {
    this.next = undefined;
    const probe = Promise.all([this.databaseState(), this.redisState()]).then(([database, redis]) => ({ database, redis }));
    this.running = probe;
    const clear = () => {
      if (this.running === probe) this.running = undefined;
    };
    void probe.then(clear, clear);
    return probe;
  }

  private async databaseState(): Promise<CheckState> {
    try {
      await withTimeout(this.dataSource.query('SELECT 1'), DATABASE_TIMEOUT_MS);
      return 'up';
    } catch {
      return 'down';
    }
  }

  private async redisState(): Promise<CheckState> {
    return (await this.redis.isUp(REDIS_TIMEOUT_MS)) ? 'up' : 'down';
  }
}
