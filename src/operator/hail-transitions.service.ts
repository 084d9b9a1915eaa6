import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { isPostgres } from '../database/column-types.js';
import { HailTransition } from './hail-transition.entity.js';
import { HailUpdate, type RegistryHailUpdate } from './hail-update.entity.js';
import { Hail } from './hail.entity.js';
import type { HailStatus } from './hail-status.js';

export interface TransitionRequest {
  hailId: string;
  /** Statuses the hail may be in for this change; anything else and nothing happens. */
  from: readonly HailStatus[];
  to: HailStatus;
  /** Who or what caused it, kept on the transition and in the event. */
  cause: string;
  /** The PUT the registry must receive for this change, queued behind the hail's earlier ones. */
  registryUpdate?: { body: RegistryHailUpdate; deadlineAt: Date };
  /** Other columns that change with the status. */
  set?: Partial<Pick<Hail, 'receivedByTaxiAt' | 'decisionDeadlineAt'>>;
  at?: Date;
  /** The hail as the caller already read it under `lock()` in this transaction. */
  locked?: Hail;
}

export type TransitionResult =
  | { applied: true; hail: Hail; previous: HailStatus; update?: HailUpdate }
  | { applied: false; hail: Hail | null };

/**
 * The one way a hail's status changes: inside the caller's transaction, under the hail's row lock
 * (PostgreSQL; SQLite serialises writers), a conditional update on the status it was read in, the
 * transition row (which `HailEventsRelay` turns into the domain event) and the outbox row of the
 * registry update all commit together.
 */
@Injectable()
export class HailTransitions {
  /** Reads the hail for update: concurrent changes to the same hail queue up behind this one. */
  async lock(manager: EntityManager, hailId: string): Promise<Hail | null> {
    const query = manager.getRepository(Hail).createQueryBuilder('hail').where('hail.id = :hailId', { hailId });
    if (isPostgres) query.setLock('pessimistic_write');
    return query.getOne();
  }

  async apply(manager: EntityManager, request: TransitionRequest): Promise<TransitionResult> {
    const at = request.at ?? new Date();
    const changed = request.locked
      ? await this.updateLocked(manager, request.locked, request, at)
      : isPostgres && request.from.length === 1
        ? await this.updateIfStatus(manager, request, at)
        : await this.updateLocked(manager, await this.lock(manager, request.hailId), request, at);
    if (!changed.applied) return changed;
    const { hail, previous } = changed;

    await manager.insert(HailTransition, { hailId: hail.id, fromStatus: previous, toStatus: request.to, cause: request.cause, at });
    const update = request.registryUpdate ? await this.queueRegistryUpdate(manager, hail.id, request.registryUpdate, at) : undefined;
    return { applied: true, hail, previous, update };
  }

  /**
   * The status in the WHERE clause is what makes two racing writers safe on any dialect; the row
   * lock taken before lets the caller see the status it is replacing.
   */
  private async updateLocked(
    manager: EntityManager,
    hail: Hail | null,
    request: TransitionRequest,
    at: Date,
  ): Promise<{ applied: true; hail: Hail; previous: HailStatus } | { applied: false; hail: Hail | null }> {
    if (!hail || !request.from.includes(hail.status)) return { applied: false, hail };
    const previous = hail.status;
    const result = await manager
      .createQueryBuilder()
      .update(Hail)
      .set({ status: request.to, updatedAt: at, ...request.set })
      .where('id = :id AND status = :previous', { id: hail.id, previous })
      .execute();
    if (!result.affected) return { applied: false, hail };
    Object.assign(hail, { status: request.to, updatedAt: at, ...request.set });
    return { applied: true, hail, previous };
  }

  /**
   * One status to leave, on PostgreSQL: a single conditional UPDATE … RETURNING both checks and
   * changes (it takes the row lock itself), one round trip fewer on the jobs' hot path.
   */
  private async updateIfStatus(
    manager: EntityManager,
    request: TransitionRequest,
    at: Date,
  ): Promise<{ applied: true; hail: Hail; previous: HailStatus } | { applied: false; hail: null }> {
    const previous = request.from[0];
    const result = await manager
      .createQueryBuilder()
      .update(Hail)
      .set({ status: request.to, updatedAt: at, ...request.set })
      .where('id = :id AND status = :previous', { id: request.hailId, previous })
      .returning('*')
      .execute();
    const row = (result.raw as Array<Record<string, unknown>>)[0];
    if (!row) return { applied: false, hail: null };
    return { applied: true, hail: hailFromRow(manager, row), previous };
  }

  /** Appends an update to the hail's outbox, after its last one. Needs the hail's lock held. */
  async queueRegistryUpdate(
    manager: EntityManager,
    hailId: string,
    update: { body: RegistryHailUpdate; deadlineAt: Date },
    at: Date,
  ): Promise<HailUpdate> {
    const last = await manager
      .getRepository(HailUpdate)
      .createQueryBuilder('u')
      .select('MAX(u.seq)', 'seq')
      .where('u.hail_id = :hailId', { hailId })
      .getRawOne<{ seq: number | string | null }>();
    const row = manager.getRepository(HailUpdate).create({
      hailId,
      seq: Number(last?.seq ?? 0) + 1,
      body: update.body,
      state: 'pending',
      deadlineAt: update.deadlineAt,
      attempts: 0,
      createdAt: at,
      doneAt: null,
    });
    return manager.save(row);
  }
}

/** A hail from the raw columns an UPDATE … RETURNING * gives back. */
function hailFromRow(manager: EntityManager, row: Record<string, unknown>): Hail {
  const date = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string));
  return manager.create(Hail, {
    id: row.id as string,
    taxiId: row.taxi_id as string,
    status: row.status as HailStatus,
    customerLon: Number(row.customer_lon),
    customerLat: Number(row.customer_lat),
    customerAddress: row.customer_address as string,
    customerPhoneNumber: row.customer_phone_number as string,
    registryFields: (typeof row.registry_fields === 'string' ? JSON.parse(row.registry_fields) : row.registry_fields) as Hail['registryFields'],
    receivedAt: date(row.received_at)!,
    receivedByTaxiAt: date(row.received_by_taxi_at),
    decisionDeadlineAt: date(row.decision_deadline_at),
    updatedAt: date(row.updated_at)!,
  });
}
