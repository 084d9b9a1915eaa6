import { Injectable } from '@nestjs/common';
import { In, type EntityManager } from 'typeorm';
import type { PageRequest } from '../common/http/pagination.js';
import { instantOf } from '../database/column-types.js';
import { DatabaseLocks } from '../database/database-locks.js';
import { isUniqueViolation } from '../database/database-errors.js';
import { poolWaiting } from '../database/pool-pressure.js';
import { DueWork } from '../database/due-work/due-work.service.js';
import type { DueWorkRequest } from '../database/due-work/due-work.types.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { DRIVER_VISIBLE_STATUSES, FOLLOWED_STATUSES, HAIL_MOVES, isTerminal, type HailStatus } from './hail-state-machine.js';
import { HailTransition } from './hail-transition.entity.js';
import { HailUpdate, type HailUpdateState, type RegistryHailUpdate } from './hail-update.entity.js';
import { Hail } from './hail.entity.js';
import {
  HailRepository,
  type HailColumnsSet,
  type NewRegistryCall,
  type ReceivedByTaxiTaken,
  type ReceivedHail,
  type StatusChange,
  type StatusChangeResult,
  type UnpublishedTransition,
} from './hail.repository.js';
import { RegistryCall } from './registry-call.entity.js';
import { READ_AFTER_HAIL_DELAY_MS } from './taxi-status.service.js';
import { taxiWork } from './taxi-work.requests.js';
import { Taxi } from './taxi.entity.js';

/** Where an update stands once the registry took it or it was given up. */
type EndedState = Exclude<HailUpdateState, 'pending'>;

/** A transition as the relay's query reads it. */
interface TransitionRow {
  id: number;
  hail_id: string;
  taxi_id: string;
  from_status: HailStatus | null;
  to_status: HailStatus;
  cause: string;
  at: Date | string;
}

/** A status change as written, before its transition and outbox rows. */
export type StatusWritten = { applied: true; hail: Hail; previous: HailStatus } | { applied: false; hail: Hail | null };

/**
 * The operator's tables through TypeORM, the same statements on both dialects: SQLite's
 * implementation, and PostgreSQL's wherever it needs no statement of its own
 * (`hail.repository.postgres.ts` overrides the hot paths). Multi-statement writes run in
 * `TransactionRunner.run`, which joins the caller's transaction and, on SQLite, its one queue.
 */
@Injectable()
export class PortableHailRepository extends HailRepository {
  constructor(
    protected readonly transactions: TransactionRunner,
    protected readonly locks: DatabaseLocks,
    protected readonly dueWork: DueWork,
  ) {
    super();
  }

  /** The manager of the caller's transaction, or the root one outside any. */
  protected get manager(): EntityManager {
    return this.transactions.manager();
  }

  queriesWaitingForConnection(): number {
    return poolWaiting(this.manager.connection);
  }

  // ---- The fleet -----------------------------------------------------------------------------

  addTaxi(taxi: Taxi): Promise<boolean> {
    // insert, not save: save would silently update an existing taxi of the same id.
    return this.unlessIdTaken(() => this.transactions.run((manager) => manager.insert(Taxi, taxi)));
  }

  findTaxi(id: string): Promise<Taxi | null> {
    return this.manager.findOneBy(Taxi, { id });
  }

  findTaxiByTokenHash(tokenHash: string): Promise<Taxi | null> {
    return this.manager.findOneBy(Taxi, { tokenHash });
  }

  pageOfTaxis(page: PageRequest): Promise<[Taxi[], number]> {
    return this.manager.findAndCount(Taxi, { order: { createdAt: 'DESC', id: 'ASC' }, skip: page.offset, take: page.perPage });
  }

  // ---- Hails -----------------------------------------------------------------------------------

  recordReceived(hail: ReceivedHail, receivedByTaxiDeadline: Date, work: DueWorkRequest): Promise<boolean> {
    return this.unlessIdTaken(() =>
      this.transactions.run(async (manager) => {
        await manager.insert(Hail, hail);
        const at = hail.receivedAt;
        await manager.insert(HailTransition, { hailId: hail.id, fromStatus: null, toStatus: hail.status, cause: 'registry', at });
        await manager.insert(HailUpdate, {
          hailId: hail.id,
          seq: 1,
          body: { status: 'received_by_taxi' },
          state: 'pending',
          deadlineAt: receivedByTaxiDeadline,
          attempts: 0,
          createdAt: hail.receivedAt,
          doneAt: null,
        });
        await this.dueWork.schedule(manager, work);
      }),
    );
  }

  /** Runs an insert; false when a primary key or unique index refused it (the row exists already). */
  protected async unlessIdTaken(insert: () => Promise<unknown>): Promise<boolean> {
    try {
      await insert();
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  findHail(id: string): Promise<Hail | null> {
    return this.manager.findOneBy(Hail, { id });
  }

  findHailWithTaxi(id: string): Promise<Hail | null> {
    return this.manager.findOne(Hail, { where: { id }, relations: { taxi: true } });
  }

  pageOfHails(filter: { status?: HailStatus; taxiId?: string }, page: PageRequest): Promise<[Hail[], number]> {
    return this.manager.findAndCount(Hail, {
      where: { ...(filter.status ? { status: filter.status } : {}), ...(filter.taxiId ? { taxiId: filter.taxiId } : {}) },
      order: { receivedAt: 'DESC', id: 'DESC' },
      skip: page.offset,
      take: page.perPage,
    });
  }

  hailsForDriver(taxiId: string): Promise<Hail[]> {
    return this.manager.find(Hail, {
      where: { taxiId, status: In([...DRIVER_VISIBLE_STATUSES]) },
      order: { receivedAt: 'DESC', id: 'DESC' },
      take: 100,
    });
  }

  transitionsOf(hailId: string): Promise<HailTransition[]> {
    return this.manager.find(HailTransition, { where: { hailId }, order: { id: 'ASC' } });
  }

  registryCallsOf(hailId: string): Promise<RegistryCall[]> {
    return this.manager.find(RegistryCall, { where: { hailId }, order: { id: 'ASC' } });
  }

  // ---- Status changes --------------------------------------------------------------------------

  async lockHail(id: string): Promise<Hail | null> {
    const [hail] = await this.locks.lockRows(this.manager, Hail, 'id', [id]);
    return hail ?? null;
  }

  async changeStatus(change: StatusChange): Promise<StatusChangeResult> {
    return this.transactions.run(async (manager) => {
      const at = change.at ?? new Date();
      const written = await this.writeStatus(manager, change, at);
      if (!written.applied) return written;
      const { hail, previous } = written;
      const { to, cause } = change.move;
      await manager.insert(HailTransition, { hailId: hail.id, fromStatus: previous, toStatus: to, cause, at });
      const update = change.registryUpdate ? await this.queueRegistryUpdate(manager, hail.id, change.registryUpdate, at) : undefined;
      // The registry may have turned the taxi off (declined_by_taxi, timeout_taxi) or free: read it back.
      if (isTerminal(to))
        await this.dueWork.schedule(manager, taxiWork.readStatus(hail.taxiId, new Date(Date.now() + READ_AFTER_HAIL_DELAY_MS)));
      return { applied: true, hail, previous, update };
    });
  }

  async amendHail(
    hailId: string,
    set: HailColumnsSet,
    options: { registryUpdate?: { body: RegistryHailUpdate; deadlineAt: Date }; onlyIn?: readonly HailStatus[]; at?: Date } = {},
  ): Promise<{ applied: boolean; update?: HailUpdate }> {
    return this.transactions.run(async (manager) => {
      const at = options.at ?? new Date();
      const query = manager
        .createQueryBuilder()
        .update(Hail)
        .set({ ...set, updatedAt: at })
        .where('id = :id', { id: hailId });
      if (options.onlyIn) query.andWhere('status IN (:...statuses)', { statuses: [...options.onlyIn] });
      const result = await query.execute();
      if (!result.affected) return { applied: false };
      const update = options.registryUpdate ? await this.queueRegistryUpdate(manager, hailId, options.registryUpdate, at) : undefined;
      return { applied: true, update };
    });
  }

  /** The status itself: under the hail's row lock, on the status it was read in. */
  protected async writeStatus(manager: EntityManager, change: StatusChange, at: Date): Promise<StatusWritten> {
    const hail = change.locked ?? (await this.lockHail(change.hailId));
    if (!hail || !change.move.from.includes(hail.status)) return { applied: false, hail };
    const previous = hail.status;
    const result = await manager
      .createQueryBuilder()
      .update(Hail)
      .set({ status: change.move.to, updatedAt: at, ...change.set })
      .where('id = :id AND status = :previous', { id: hail.id, previous })
      .execute();
    if (!result.affected) return { applied: false, hail };
    Object.assign(hail, { status: change.move.to, updatedAt: at, ...change.set });
    return { applied: true, hail, previous };
  }

  /** Appends an update to the hail's outbox, after its last one. Needs the hail's lock held. */
  private async queueRegistryUpdate(
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

  // ---- The registry's outbox -------------------------------------------------------------------

  pendingUpdates(hailId: string): Promise<HailUpdate[]> {
    return this.manager.find(HailUpdate, { where: { hailId, state: 'pending' }, order: { seq: 'ASC' } });
  }

  async recordAttempt(update: HailUpdate, call: NewRegistryCall): Promise<void> {
    await this.transactions.run(async (manager) => {
      await manager.insert(RegistryCall, call);
      await manager.update(HailUpdate, { id: update.id }, { attempts: update.attempts });
    });
  }

  recordUpdateTaken(update: HailUpdate, call: NewRegistryCall, at: Date): Promise<boolean> {
    return this.transactions.run(async (manager) => {
      await manager.insert(RegistryCall, call);
      return this.markSent(manager, update, at);
    });
  }

  async recordReceivedByTaxiTaken(
    update: HailUpdate,
    call: NewRegistryCall,
    taken: { at: Date; decisionDeadlineAt: Date; work: DueWorkRequest[] },
  ): Promise<ReceivedByTaxiTaken> {
    return this.transactions.run(async (manager) => {
      await manager.insert(RegistryCall, call);
      if (!(await this.markSent(manager, update, taken.at))) return { marked: false, moved: null };
      const received = await this.changeStatus({
        hailId: update.hailId,
        move: HAIL_MOVES.receivedByTaxi,
        set: { receivedByTaxiAt: taken.at, decisionDeadlineAt: taken.decisionDeadlineAt },
        at: taken.at,
      });
      if (!received.applied) {
        // The driver answered before the registry took received_by_taxi: keep the instant anyway.
        await manager.update(Hail, { id: update.hailId }, { receivedByTaxiAt: taken.at });
        return { marked: true, moved: null };
      }
      if (taken.work.length > 0) await this.dueWork.schedule(manager, taken.work);
      return { marked: true, moved: { taxiId: received.hail.taxiId } };
    });
  }

  private async markSent(manager: EntityManager, update: HailUpdate, at: Date): Promise<boolean> {
    return this.endPending(manager, update, 'sent', at);
  }

  /** Moves a pending update to `state`; false when it was no longer pending (another worker ended it). */
  private async endPending(manager: EntityManager, update: HailUpdate, state: EndedState, at: Date): Promise<boolean> {
    const ended = await manager.update(HailUpdate, { id: update.id, state: 'pending' }, { state, doneAt: at, attempts: update.attempts });
    return Boolean(ended.affected);
  }

  closeUpdate(update: HailUpdate, state: Extract<HailUpdateState, 'rejected' | 'expired'>, at: Date): Promise<boolean> {
    return this.transactions.run((manager) => this.endPending(manager, update, state, at));
  }

  async cancelPendingUpdates(hailId: string, at: Date): Promise<void> {
    await this.transactions.run((manager) => manager.update(HailUpdate, { hailId, state: 'pending' }, { state: 'cancelled', doneAt: at }));
  }

  async recordRegistryRead(call: NewRegistryCall): Promise<void> {
    await this.transactions.run((manager) => manager.insert(RegistryCall, call));
  }

  // ---- The events' outbox ----------------------------------------------------------------------

  async unpublishedTransitions(limit: number): Promise<UnpublishedTransition[]> {
    const rows: TransitionRow[] = await this.manager.query(
      `SELECT t.id, t.hail_id, h.taxi_id, t.from_status, t.to_status, t.cause, t.at
         FROM operator_hail_transitions t JOIN operator_hails h ON h.id = t.hail_id
         WHERE t.published_at IS NULL ORDER BY t.id LIMIT ${Math.trunc(limit)}`,
    );
    return rows.map((row) => ({
      id: row.id,
      hailId: row.hail_id,
      taxiId: row.taxi_id,
      fromStatus: row.from_status,
      toStatus: row.to_status,
      cause: row.cause,
      at: instantOf(row.at),
    }));
  }

  async markPublished(transitionIds: number[], at: Date): Promise<void> {
    if (transitionIds.length === 0) return;
    await this.transactions.run((manager) =>
      manager.createQueryBuilder().update(HailTransition).set({ publishedAt: at }).whereInIds(transitionIds).execute(),
    );
  }

  // ---- Recovery --------------------------------------------------------------------------------

  async hailsWithPendingUpdates(limit: number): Promise<Array<{ hailId: string; deadlineAt: Date }>> {
    const rows: Array<{ hail_id: string; deadline_at: Date | string }> = await this.manager.query(
      `SELECT hail_id, MIN(deadline_at) AS deadline_at FROM operator_hail_updates WHERE state = 'pending'
       GROUP BY hail_id LIMIT ${Math.trunc(limit)}`,
    );
    return rows.map((row) => ({ hailId: row.hail_id, deadlineAt: instantOf(row.deadline_at) }));
  }

  hailsFollowed(limit: number): Promise<Hail[]> {
    return this.manager.find(Hail, { where: { status: In([...FOLLOWED_STATUSES]) }, take: limit });
  }
}
