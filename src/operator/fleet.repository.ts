import { Injectable } from '@nestjs/common';
import { IsNull, type EntityManager } from 'typeorm';
import type { PageRequest } from '../common/http/pagination.js';
import { instantOf, isPostgres } from '../database/column-types.js';
import { positionalStatement } from '../database/dialect.js';
import { poolWaiting } from '../database/pool-pressure.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import type { HailStatus } from './hail-state-machine.js';
import {
  TaxiPosition,
  TaxiRegistryState,
  TaxiStatusChange,
  type DriverSettableStatus,
  type RegistryTaxiStatus,
} from './taxi-registry.entities.js';
import { Taxi } from './taxi.entity.js';

/** A position to forward: the taxi's latest, fresh, not yet taken by the registry. */
export interface PositionToForward {
  taxiId: string;
  lat: number;
  lon: number;
  atMs: number;
}

/** A hail transition as the driver's event stream sends it. */
export interface DriverHailTransition {
  id: number;
  hailId: string;
  taxiId: string;
  from: HailStatus | null;
  to: HailStatus;
  cause: string;
  at: Date;
}

/** The `source` of the status-change row that ends the streams of a taxi whose token changed. */
export const TOKEN_REVOKED = 'token-revoked';

/** The statuses in which a taxi is online, so that its positions go to geotaxi. */
const ONLINE_STATUSES = ['free', 'occupied', 'answering', 'oncoming'];

type Row = Record<string, unknown>;

/**
 * The fleet's side of the registry in the database: the taxis' registry statuses and requests,
 * their latest positions, the status changes the driver streams replay, and fleet changes. The
 * same statements on both dialects (raw SQL written with `$n`, rewritten for SQLite); every write
 * goes through `TransactionRunner.run`, which joins the caller's transaction.
 */
@Injectable()
export class FleetRepository {
  constructor(private readonly transactions: TransactionRunner) {}

  private get manager(): EntityManager {
    return this.transactions.manager();
  }

  private query<T = Row[]>(manager: EntityManager, sql: string, params: unknown[]): Promise<T> {
    if (isPostgres) return manager.query(sql, params);
    const statement = positionalStatement(sql, params);
    return manager.query(statement.sql, statement.params);
  }

  // ---- Taxis ---------------------------------------------------------------------------------

  /** A taxi of the fleet (not removed); the row is read with its token hash for rotation. */
  findActiveTaxi(id: string): Promise<Taxi | null> {
    return this.manager.findOneBy(Taxi, { id, removedAt: IsNull() });
  }

  pageOfActiveTaxis(page: PageRequest): Promise<[Taxi[], number]> {
    return this.manager.findAndCount(Taxi, {
      where: { removedAt: IsNull() },
      order: { createdAt: 'DESC', id: 'ASC' },
      skip: page.offset,
      take: page.perPage,
    });
  }

  /**
   * Applies `changes` to a taxi still in the fleet; answers the taxi after, or null if none. A new
   * token hash also ends the taxi's open event streams, in every process (`revokeStreams`).
   */
  updateTaxi(id: string, changes: Partial<Pick<Taxi, 'phoneNumber' | 'driverName' | 'licencePlate' | 'tokenHash'>>): Promise<Taxi | null> {
    return this.transactions.run(async (manager) => {
      const result = await manager.update(Taxi, { id, removedAt: IsNull() }, changes);
      if (!result.affected) return null;
      if (changes.tokenHash !== undefined) await this.revokeStreams(manager, id);
      return manager.findOneBy(Taxi, { id });
    });
  }

  /** A marker in the status changes: streams opened before it (with the old token) end when they read it. */
  private async revokeStreams(manager: EntityManager, taxiId: string): Promise<void> {
    await manager.insert(TaxiStatusChange, { taxiId, status: null, source: TOKEN_REVOKED, error: null, atMs: String(Date.now()) });
  }

  /**
   * Removes a taxi from the fleet: its token is replaced by `unusableTokenHash` (the old one stops
   * working at once), it leaves the list and the hail endpoint; its hails keep their history.
   * `also` runs in the same transaction (its registry status set to off).
   */
  removeTaxi(id: string, unusableTokenHash: string, at: Date, also: (manager: EntityManager) => Promise<void>): Promise<boolean> {
    return this.transactions.run(async (manager) => {
      const result = await manager.update(Taxi, { id, removedAt: IsNull() }, { removedAt: at, tokenHash: unusableTokenHash });
      if (!result.affected) return false;
      await manager.delete(TaxiPosition, { taxiId: id });
      await this.revokeStreams(manager, id);
      await also(manager);
      return true;
    });
  }

  // ---- Registry status -----------------------------------------------------------------------

  stateOf(taxiId: string): Promise<TaxiRegistryState | null> {
    return this.manager.findOneBy(TaxiRegistryState, { taxiId });
  }

  /** Records the driver's request (a newer version than any before), in the caller's transaction. */
  async request(manager: EntityManager, taxiId: string, status: DriverSettableStatus, atMs: number): Promise<TaxiRegistryState> {
    const rows = await this.query<Row[]>(
      manager,
      `INSERT INTO operator_taxi_registry_states (taxi_id, requested_status, requested_at_ms, request_version)
       VALUES ($1, $2, $3, 1)
       ON CONFLICT (taxi_id) DO UPDATE SET requested_status = excluded.requested_status,
         requested_at_ms = excluded.requested_at_ms,
         request_version = operator_taxi_registry_states.request_version + 1
       RETURNING request_version`,
      [taxiId, status, atMs],
    );
    const version = Number(returned(rows)[0]?.request_version);
    const state = await manager.findOneByOrFail(TaxiRegistryState, { taxiId });
    return Object.assign(state, { requestVersion: version });
  }

  /**
   * The registry's status, as just read or set: stored, with the change recorded if it is one
   * (`source` says who made it). A delivered request (`deliveredVersion`) is cleared unless a newer
   * one came meanwhile. Answers whether the status changed.
   */
  recordRegistryStatus(
    taxiId: string,
    status: RegistryTaxiStatus,
    source: 'driver' | 'registry',
    atMs: number,
    deliveredVersion?: number,
  ): Promise<boolean> {
    return this.transactions.run(async (manager) => {
      const state = await this.lockedState(manager, taxiId);
      const changed = state.registryStatus !== status;
      const cleared = deliveredVersion !== undefined && state.requestVersion === deliveredVersion;
      await manager.update(
        TaxiRegistryState,
        { taxiId },
        {
          registryStatus: status,
          registryReadAtMs: String(atMs),
          ...(deliveredVersion !== undefined ? { lastError: null } : {}),
          ...(cleared ? { requestedStatus: null, requestedAtMs: null } : {}),
        },
      );
      if (changed) await manager.insert(TaxiStatusChange, { taxiId, status, source, error: null, atMs: String(atMs) });
      return changed;
    });
  }

  /** A request the registry refused for good (or whose window passed): cleared, the driver told. */
  recordRequestFailed(taxiId: string, version: number, error: string, atMs: number): Promise<void> {
    return this.transactions.run(async (manager) => {
      const state = await this.lockedState(manager, taxiId);
      if (state.requestVersion !== version) return;
      await manager.update(TaxiRegistryState, { taxiId }, { requestedStatus: null, requestedAtMs: null, lastError: error.slice(0, 500) });
      await manager.insert(TaxiStatusChange, {
        taxiId,
        status: state.registryStatus,
        source: 'driver',
        error: error.slice(0, 500),
        atMs: String(atMs),
      });
    });
  }

  private async lockedState(manager: EntityManager, taxiId: string): Promise<TaxiRegistryState> {
    await this.query(manager, 'INSERT INTO operator_taxi_registry_states (taxi_id) VALUES ($1) ON CONFLICT (taxi_id) DO NOTHING', [taxiId]);
    const query = manager.createQueryBuilder(TaxiRegistryState, 'state').where('state.taxi_id = :taxiId', { taxiId });
    if (isPostgres) query.setLock('pessimistic_write');
    return query.getOneOrFail();
  }

  // ---- Positions ------------------------------------------------------------------------------

  /**
   * Keeps `position` if it is newer than the stored one; answers whether it was kept. One statement:
   * on PostgreSQL it commits on its own (no BEGIN/COMMIT round trips: 100 of these a second share
   * the pool with the hail endpoint); SQLite's goes through the one writer's queue.
   */
  async keepLatestPosition(taxiId: string, position: { lat: number; lon: number; atMs: number }, receivedAtMs: number): Promise<boolean> {
    const sql = `INSERT INTO operator_taxi_positions (taxi_id, lat, lon, at_ms, received_at_ms, forwarded_at_ms, refused_at_ms)
         VALUES ($1, $2, $3, $4, $5, NULL, NULL)
         ON CONFLICT (taxi_id) DO UPDATE SET lat = excluded.lat, lon = excluded.lon, at_ms = excluded.at_ms,
           received_at_ms = excluded.received_at_ms, forwarded_at_ms = NULL
         WHERE operator_taxi_positions.at_ms < excluded.at_ms
         RETURNING taxi_id`;
    const params = [taxiId, position.lat, position.lon, position.atMs, receivedAtMs];
    const rows = isPostgres
      ? await this.query<Row[]>(this.transactions.manager(), sql, params)
      : await this.transactions.run((manager) => this.query<Row[]>(manager, sql, params));
    return returned(rows).length > 0;
  }

  /** Queries waiting for a pooled connection now (0 on SQLite): the positions route's back-pressure. */
  queriesWaitingForConnection(): number {
    return poolWaiting(this.manager.connection);
  }

  positionOf(taxiId: string): Promise<TaxiPosition | null> {
    return this.manager.findOneBy(TaxiPosition, { taxiId });
  }

  /**
   * The positions to send: each online taxi's latest, taken at or after `freshSinceMs`, not yet
   * taken by the registry, of a taxi the registry did not refuse since `refusedBeforeMs`.
   */
  async positionsToForward(freshSinceMs: number, refusedBeforeMs: number, limit: number): Promise<PositionToForward[]> {
    const rows = await this.query<Row[]>(
      this.manager,
      `SELECT p.taxi_id, p.lat, p.lon, p.at_ms FROM operator_taxi_positions p
         JOIN operator_taxi_registry_states s ON s.taxi_id = p.taxi_id
        WHERE p.at_ms >= $1 AND p.forwarded_at_ms IS NULL
          AND (p.refused_at_ms IS NULL OR p.refused_at_ms < $2)
          AND COALESCE(s.requested_status, s.registry_status) IN (${ONLINE_STATUSES.map((_, i) => `$${i + 4}`).join(', ')})
        ORDER BY p.at_ms LIMIT $3`,
      [freshSinceMs, refusedBeforeMs, limit, ...ONLINE_STATUSES],
    );
    return rows.map((row) => ({ taxiId: String(row.taxi_id), lat: Number(row.lat), lon: Number(row.lon), atMs: Number(row.at_ms) }));
  }

  /** Marks these positions taken by the registry (unless a newer one replaced one meanwhile). */
  async markForwarded(positions: PositionToForward[], atMs: number): Promise<void> {
    if (positions.length === 0) return;
    const matches = positions.map((_, i) => `(taxi_id = $${2 * i + 2} AND at_ms = $${2 * i + 3})`).join(' OR ');
    await this.transactions.run((manager) =>
      this.query(manager, `UPDATE operator_taxi_positions SET forwarded_at_ms = $1, refused_at_ms = NULL WHERE ${matches}`, [
        atMs,
        ...positions.flatMap((position) => [position.taxiId, position.atMs]),
      ]),
    );
  }

  async markRefused(taxiIds: string[], atMs: number): Promise<void> {
    if (taxiIds.length === 0) return;
    await this.transactions.run((manager) =>
      this.query(
        manager,
        `UPDATE operator_taxi_positions SET refused_at_ms = $1 WHERE taxi_id IN (${taxiIds.map((_, i) => `$${i + 2}`).join(', ')})`,
        [atMs, ...taxiIds],
      ),
    );
  }

  // ---- The driver's event stream ---------------------------------------------------------------

  /** The latest ids of both sources: where a stream without `Last-Event-ID` starts. */
  async cursors(): Promise<{ transition: number; status: number }> {
    const [transition] = await this.query<Row[]>(this.manager, 'SELECT COALESCE(MAX(id), 0) AS id FROM operator_hail_transitions', []);
    const [status] = await this.query<Row[]>(this.manager, 'SELECT COALESCE(MAX(id), 0) AS id FROM operator_taxi_status_changes', []);
    return { transition: Number(transition.id), status: Number(status.id) };
  }

  /** Hail transitions of these taxis with an id in (`afterId`, `upToId`], in id order. */
  async transitionsAfter(afterId: number, upToId: number, taxiIds: readonly string[], limit: number): Promise<DriverHailTransition[]> {
    if (taxiIds.length === 0) return [];
    const rows = await this.query<Row[]>(
      this.manager,
      `SELECT t.id, t.hail_id, h.taxi_id, t.from_status, t.to_status, t.cause, t.at
         FROM operator_hail_transitions t JOIN operator_hails h ON h.id = t.hail_id
        WHERE t.id > $1 AND t.id <= $2 AND h.taxi_id IN (${taxiIds.map((_, i) => `$${i + 4}`).join(', ')})
        ORDER BY t.id LIMIT $3`,
      [afterId, upToId, limit, ...taxiIds],
    );
    return rows.map((row) => ({
      id: Number(row.id),
      hailId: String(row.hail_id),
      taxiId: String(row.taxi_id),
      from: (row.from_status as HailStatus | null) ?? null,
      to: row.to_status as HailStatus,
      cause: String(row.cause),
      at: instantOf(row.at as Date | string),
    }));
  }

  /** Taxi status changes of these taxis with an id in (`afterId`, `upToId`], in id order. */
  async statusChangesAfter(afterId: number, upToId: number, taxiIds: readonly string[], limit: number): Promise<TaxiStatusChange[]> {
    if (taxiIds.length === 0) return [];
    return this.manager
      .createQueryBuilder(TaxiStatusChange, 'change')
      .where('change.id > :afterId AND change.id <= :upToId', { afterId, upToId })
      .andWhere('change.taxi_id IN (:...taxiIds)', { taxiIds })
      .orderBy('change.id', 'ASC')
      .limit(limit)
      .getMany();
  }
}

/** Rows of an INSERT/UPDATE … RETURNING: TypeORM hands PostgreSQL's as `[rows, count]` for updates. */
function returned(result: unknown): Row[] {
  if (!Array.isArray(result)) return [];
  if (result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as Row[];
  return result as Row[];
}
