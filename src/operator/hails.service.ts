import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { ApiError } from '../common/errors/api-error.js';
import type { PageRequest } from '../common/http/pagination.js';
import { operatorConfig } from '../config/configuration.js';
import type { CreateHailDto, RegistryHailDto } from './dto/create-hail.dto.js';
import { isPostgres } from '../database/column-types.js';
import { HailJobsScheduler } from './hail-jobs.scheduler.js';
import { DECISION_STATUSES, DRIVER_ACTIONS, DRIVER_VISIBLE_STATUSES, type DriverAction, type HailStatus, type IncidentTaxiReason } from './hail-status.js';
import { HailTransition } from './hail-transition.entity.js';
import { HailTransitions } from './hail-transitions.service.js';
import { HailUpdate, type RegistryHailUpdate } from './hail-update.entity.js';
import { Hail, type HailRegistryFields } from './hail.entity.js';
import { RegistryCall } from './registry-call.entity.js';
import { isUniqueViolation } from '../database/database-errors.js';
import { TaxisService } from './taxis.service.js';

/** Our answer to the registry's POST: the taxi's phone when we know it. */
export type HailReceipt = { data: [{ taxi_phone_number: string }] } | Record<string, never>;

/**
 * customer_on_board, finished and incident_taxi have no registry deadline: their PUTs are retried
 * (5xx, network) for this long, then given up and recorded as expired.
 */
export const FOLLOW_UP_WINDOW_MS = 10 * 60_000;

/** Hails: taken from the registry, answered by the driver, read by the admin. */
@Injectable()
export class HailsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(operatorConfig.KEY) private readonly config: ConfigType<typeof operatorConfig>,
    private readonly taxis: TaxisService,
    private readonly transitions: HailTransitions,
    private readonly scheduler: HailJobsScheduler,
  ) {}

  /**
   * Stores a hail with its received_by_taxi update in one transaction, then enqueues the update.
   * The registry only counts our 200, so everything it depends on is committed before we answer.
   */
  async receive(dto: CreateHailDto, raw: Record<string, unknown>): Promise<HailReceipt> {
    const incoming = dto.data[0];
    const taxi = await this.taxis.findById(incoming.taxi.id);
    if (!taxi) throw ApiError.notFound(`taxi ${incoming.taxi.id} is not one of ours`, { field: 'data[0].taxi.id' });

    const receipt: HailReceipt = taxi.phoneNumber ? { data: [{ taxi_phone_number: taxi.phoneNumber }] } : {};
    const receivedAt = new Date();
    const deadlineAt = new Date(receivedAt.getTime() + this.config.receivedDeadlineMs);
    try {
      // A plain INSERT of the hail: a second POST of the same id fails on the primary key, even when
      // both arrive at once, and so never gets a second job.
      if (isPostgres) await this.insertReceivedPg(incoming, taxi.id, raw, receivedAt, deadlineAt);
      else await this.insertReceived(incoming, taxi.id, raw, receivedAt, deadlineAt);
    } catch (error) {
      if (isUniqueViolation(error)) return this.receiptOfExisting(incoming.id, receipt);
      throw error;
    }
    // Nothing can be ahead of it: its writer enqueues it without asking the database.
    await this.scheduler.enqueueUpdate(incoming.id, 1, 'received_by_taxi');
    return receipt;
  }

  /** The hail, its first transition and its first update (seq 1: nothing can be ahead of it). */
  private async insertReceived(incoming: RegistryHailDto, taxiId: string, raw: Record<string, unknown>, receivedAt: Date, deadlineAt: Date) {
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(Hail, {
        id: incoming.id,
        taxiId,
        status: 'received',
        customerLon: incoming.customer_lon,
        customerLat: incoming.customer_lat,
        customerAddress: incoming.customer_address,
        customerPhoneNumber: incoming.customer_phone_number,
        registryFields: keptRegistryFields(raw),
        receivedAt,
        receivedByTaxiAt: null,
        decisionDeadlineAt: null,
        updatedAt: receivedAt,
      });
      await manager.insert(HailTransition, { hailId: incoming.id, fromStatus: null, toStatus: 'received', cause: 'registry', at: receivedAt });
      await manager.insert(HailUpdate, {
        hailId: incoming.id,
        seq: 1,
        body: { status: 'received_by_taxi' },
        state: 'pending',
        deadlineAt,
        attempts: 0,
        createdAt: receivedAt,
        doneAt: null,
      });
    });
  }

  /**
   * The same three rows in one statement on PostgreSQL (a statement is atomic by itself): one round
   * trip instead of five, on the path the registry's clock is running on.
   */
  private async insertReceivedPg(incoming: RegistryHailDto, taxiId: string, raw: Record<string, unknown>, receivedAt: Date, deadlineAt: Date) {
    await this.dataSource.query(
      `WITH hail AS (
         INSERT INTO operator_hails (id, taxi_id, status, customer_lon, customer_lat, customer_address, customer_phone_number,
                                     registry_fields, received_at, updated_at)
         VALUES ($1, $2, 'received', $3, $4, $5, $6, $7::jsonb, $8, $8) RETURNING id
       ), transition AS (
         INSERT INTO operator_hail_transitions (hail_id, from_status, to_status, cause, at)
         SELECT id, NULL, 'received', 'registry', $8 FROM hail
       )
       INSERT INTO operator_hail_updates (hail_id, seq, body, state, deadline_at, attempts, created_at)
       SELECT id, 1, $9::jsonb, 'pending', $10, 0, $8 FROM hail`,
      [
        incoming.id,
        taxiId,
        incoming.customer_lon,
        incoming.customer_lat,
        incoming.customer_address,
        incoming.customer_phone_number,
        JSON.stringify(keptRegistryFields(raw)),
        receivedAt,
        JSON.stringify({ status: 'received_by_taxi' }),
        deadlineAt,
      ],
    );
  }

  /** The registry posted a hail id again: same answer, nothing new. */
  private async receiptOfExisting(hailId: string, fallback: HailReceipt): Promise<HailReceipt> {
    const existing = await this.dataSource.getRepository(Hail).findOne({ where: { id: hailId }, relations: { taxi: true } });
    if (!existing?.taxi) return fallback;
    return { data: [{ taxi_phone_number: existing.taxi.phoneNumber }] };
  }

  async getDetail(hailId: string): Promise<{ hail: Hail; transitions: HailTransition[]; calls: RegistryCall[] }> {
    const hail = await this.dataSource.getRepository(Hail).findOneBy({ id: hailId });
    if (!hail) throw ApiError.notFound(`hail ${hailId} not found`);
    const [transitions, calls] = await Promise.all([
      this.dataSource.getRepository(HailTransition).find({ where: { hailId }, order: { id: 'ASC' } }),
      this.dataSource.getRepository(RegistryCall).find({ where: { hailId }, order: { id: 'ASC' } }),
    ]);
    return { hail, transitions, calls };
  }

  listPage(filter: { status?: HailStatus; taxiId?: string }, page: PageRequest): Promise<[Hail[], number]> {
    return this.dataSource.getRepository(Hail).findAndCount({
      where: { ...(filter.status ? { status: filter.status } : {}), ...(filter.taxiId ? { taxiId: filter.taxiId } : {}) },
      order: { receivedAt: 'DESC', id: 'DESC' },
      skip: page.offset,
      take: page.perPage,
    });
  }

  /** The driver's list: hails waiting for this taxi's answer, and its current ride. */
  driverHails(taxiId: string): Promise<Hail[]> {
    return this.dataSource.getRepository(Hail).find({
      where: { taxiId, status: In([...DRIVER_VISIBLE_STATUSES]) },
      order: { receivedAt: 'DESC', id: 'DESC' },
      take: 100,
    });
  }

  /**
   * One of the driver's answers: checked against the local state machine under the hail's lock,
   * recorded with its registry update in one transaction, then the update is enqueued.
   */
  async driverAct(taxiId: string, hailId: string, action: DriverAction, reason?: IncidentTaxiReason): Promise<Hail> {
    const rule = DRIVER_ACTIONS[action];
    const taxi = await this.taxis.getById(taxiId);
    const now = new Date();
    const result = await this.dataSource.transaction(async (manager) => {
      const hail = await this.transitions.lock(manager, hailId);
      // Another taxi's hail is as good as absent: its existence is none of this driver's business.
      if (!hail || hail.taxiId !== taxiId) throw ApiError.notFound(`hail ${hailId} not found`);
      if (hail.status === 'timeout_taxi' || hail.status === 'failure') throw ApiError.gone(`hail ${hailId} is over (${hail.status})`);
      const decisionWindowClosed =
        DECISION_STATUSES.includes(hail.status) && hail.decisionDeadlineAt !== null && now.getTime() > new Date(hail.decisionDeadlineAt).getTime();
      if (decisionWindowClosed) throw ApiError.gone(`the decision window of hail ${hailId} has passed`);
      if (!(rule.from as readonly HailStatus[]).includes(hail.status)) {
        throw ApiError.conflict(`hail ${hailId} is ${hail.status}: cannot ${action}`, { code: 409 });
      }
      const body: RegistryHailUpdate = { status: rule.to };
      if (rule.to === 'accepted_by_taxi') body.taxi_phone_number = taxi.phoneNumber;
      if (rule.to === 'incident_taxi' && reason !== undefined) body.incident_taxi_reason = reason;
      const applied = await this.transitions.apply(manager, {
        hailId,
        locked: hail,
        from: [hail.status],
        to: rule.to,
        cause: 'driver',
        registryUpdate: { body, deadlineAt: this.updateDeadline(hail, rule.to, now) },
        at: now,
      });
      if (!applied.applied) throw ApiError.conflict(`hail ${hailId} changed meanwhile: try again`, { code: 409 });
      return applied.hail;
    });
    await this.scheduler.kickUpdates(hailId);
    if (result.status === 'accepted_by_taxi') await this.scheduler.scheduleWatch(hailId, 1, this.config.pollMs);
    return result;
  }

  /** Until when the registry may still take this status: past it, retrying the PUT is pointless. */
  updateDeadline(hail: Hail, status: HailStatus, now: Date): Date {
    if (status === 'accepted_by_taxi' || status === 'declined_by_taxi') {
      if (hail.decisionDeadlineAt) return new Date(hail.decisionDeadlineAt);
      // Answered before the registry took received_by_taxi: its window ends at the latest then.
      return new Date(new Date(hail.receivedAt).getTime() + this.config.receivedDeadlineMs + this.config.decisionTimeoutMs);
    }
    return new Date(now.getTime() + FOLLOW_UP_WINDOW_MS);
  }
}

/** The registry fields worth keeping, when they are what they should be (strings). */
function keptRegistryFields(raw: Record<string, unknown>): HailRegistryFields {
  const hail = Array.isArray(raw.data) ? (raw.data[0] as Record<string, unknown>) : {};
  const kept: HailRegistryFields = {};
  for (const key of ['operateur', 'session_id', 'customer_id', 'creation_datetime'] as const) {
    const value = hail?.[key];
    if (typeof value === 'string' && value.length <= 200) kept[key] = value;
  }
  return kept;
}
