import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ConfigType } from '@nestjs/config';
import type { PageRequest } from '../common/http/pagination.js';
import { operatorConfig } from '../config/configuration.js';
import { DueWork } from '../database/due-work/due-work.service.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import type { CreateHailDto, RegistryHailDto } from './dto/create-hail.dto.js';
import { HailAdmissionService } from './hail-admission.service.js';
import { hailWork } from './hail-work.requests.js';
import {
  driverMove,
  FOLLOW_UP_WINDOW_MS,
  IMPLIED_RECEIVED_BY_TAXI,
  receivedByTaxiDeadline,
  updateDeadline,
  type DriverAction,
  type HailStatus,
  type IncidentTaxiReason,
  type ReportingCustomerReason,
} from './hail-state-machine.js';
import type { HailTransition } from './hail-transition.entity.js';
import type { RegistryHailUpdate } from './hail-update.entity.js';
import type { Hail, HailRegistryFields } from './hail.entity.js';
import { HailRepository, type HailColumnsSet } from './hail.repository.js';
import { OperatorError } from './operator.errors.js';
import type { RegistryCall } from './registry-call.entity.js';
import { TaxisService } from './taxis.service.js';

/** Our answer to the registry's POST: the taxi's phone when we know it. */
export type HailReceipt = { data: [{ taxi_phone_number: string }] } | Record<string, never>;

/** Hails: taken from the registry, answered by the driver, read by the admin. */
@Injectable()
export class HailsService {
  constructor(
    @Inject(operatorConfig.KEY) private readonly config: ConfigType<typeof operatorConfig>,
    private readonly hails: HailRepository,
    private readonly transactions: TransactionRunner,
    private readonly taxis: TaxisService,
    private readonly dueWork: DueWork,
    private readonly admission: HailAdmissionService,
  ) {}

  /**
   * Stores a hail with its received_by_taxi update and the work item that sends it, in one
   * transaction. The registry only counts our 200, so everything it depends on is committed before
   * we answer; and when the database is too slow for the 10 s, we refuse at once (503) instead.
   */
  receive(dto: CreateHailDto, raw: Record<string, unknown>): Promise<HailReceipt> {
    return this.admission.admit(() => this.store(dto, raw));
  }

  private async store(dto: CreateHailDto, raw: Record<string, unknown>): Promise<HailReceipt> {
    const incoming = dto.data[0];
    const taxi = await this.taxis.findById(incoming.taxi.id);
    if (!taxi) throw new OperatorError('TAXI_NOT_FOUND', `taxi ${incoming.taxi.id} is not one of ours`, { field: 'data[0].taxi.id' });

    const receipt: HailReceipt = taxi.phoneNumber ? { data: [{ taxi_phone_number: taxi.phoneNumber }] } : {};
    const receivedAt = new Date();
    const deadlineAt = receivedByTaxiDeadline(receivedAt, this.config);
    const hail = receivedHail(incoming, taxi.id, raw, receivedAt);
    const stored = await this.hails.recordReceived(hail, deadlineAt, hailWork.updates(incoming.id, deadlineAt));
    return stored ? receipt : this.receiptOfExisting(incoming.id, receipt);
  }

  /** The registry posted a hail id again: same answer, nothing new. */
  private async receiptOfExisting(hailId: string, fallback: HailReceipt): Promise<HailReceipt> {
    const existing = await this.hails.findHailWithTaxi(hailId);
    if (!existing?.taxi) return fallback;
    return { data: [{ taxi_phone_number: existing.taxi.phoneNumber }] };
  }

  async getDetail(hailId: string): Promise<{ hail: Hail; transitions: HailTransition[]; calls: RegistryCall[] }> {
    const hail = await this.hails.findHail(hailId);
    if (!hail) throw new OperatorError('HAIL_NOT_FOUND', `hail ${hailId} not found`);
    const [transitions, calls] = await Promise.all([this.hails.transitionsOf(hailId), this.hails.registryCallsOf(hailId)]);
    return { hail, transitions, calls };
  }

  listPage(filter: { status?: HailStatus; taxiId?: string }, page: PageRequest): Promise<[Hail[], number]> {
    return this.hails.pageOfHails(filter, page);
  }

  /** The driver's list: hails waiting for this taxi's answer, and its current ride. */
  driverHails(taxiId: string): Promise<Hail[]> {
    return this.hails.hailsForDriver(taxiId);
  }

  /**
   * One of the driver's answers: checked against the state machine under the hail's lock,
   * recorded with its registry update in one transaction, then the update is enqueued. The same
   * answer again is a 200 with nothing re-sent, as the registry answers a repeated status; an
   * incident's reason may come after the incident, as the registry allows.
   */
  async driverAct(taxiId: string, hailId: string, action: DriverAction, reason?: IncidentTaxiReason): Promise<Hail> {
    const taxi = await this.taxis.getById(taxiId);
    const now = new Date();
    return this.transactions.run(async (manager) => {
      const hail = await this.lockedHailOf(taxiId, hailId);
      const move = driverMove(hail, action, now);
      if (move === null) {
        if (action !== 'incident' || reason === undefined || hail.incidentTaxiReason === reason) return hail;
        // The reason, after the incident: the registry takes it with the status it already holds.
        return this.amend(manager, hail, { incidentTaxiReason: reason }, { status: 'incident_taxi', incident_taxi_reason: reason }, now);
      }
      let from = hail;
      if (hail.status === 'received') {
        const implied = await this.hails.changeStatus({ hailId, locked: hail, move: IMPLIED_RECEIVED_BY_TAXI, at: now });
        if (!implied.applied) throw new OperatorError('HAIL_CHANGED_MEANWHILE', `hail ${hailId} changed meanwhile: try again`);
        from = implied.hail;
      }
      const body: RegistryHailUpdate = { status: move.to };
      if (move.to === 'accepted_by_taxi') body.taxi_phone_number = taxi.phoneNumber;
      if (move.to === 'incident_taxi' && reason !== undefined) body.incident_taxi_reason = reason;
      const applied = await this.hails.changeStatus({
        hailId,
        locked: from,
        move: { ...move, from: [from.status] },
        registryUpdate: { body, deadlineAt: updateDeadline(hail, move.to, now, this.config) },
        set: move.to === 'incident_taxi' && reason !== undefined ? { incidentTaxiReason: reason } : undefined,
        at: now,
      });
      if (!applied.applied) throw new OperatorError('HAIL_CHANGED_MEANWHILE', `hail ${hailId} changed meanwhile: try again`);
      const work = [hailWork.updates(hailId, applied.update?.deadlineAt ?? null)];
      if (move.to === 'accepted_by_taxi') work.push(hailWork.watch(hailId, new Date(now.getTime() + this.config.pollMs)));
      await this.dueWork.schedule(manager, work);
      return applied.hail;
    });
  }

  /**
   * The driver reports the customer (the registry's `reporting_customer`, which bans the customer
   * for 24 h): taken in any status, as the registry does; the same reason again changes nothing.
   */
  async reportCustomer(taxiId: string, hailId: string, reason: ReportingCustomerReason): Promise<Hail> {
    const now = new Date();
    return this.transactions.run(async (manager) => {
      const hail = await this.lockedHailOf(taxiId, hailId);
      if (hail.reportingCustomerReason === reason) return hail;
      return this.amend(
        manager,
        hail,
        { reportingCustomerReason: reason },
        { reporting_customer: true, reporting_customer_reason: reason },
        now,
      );
    });
  }

  /** The hail of this taxi, locked; another taxi's hail is as good as absent (its existence is none of this driver's business). */
  private async lockedHailOf(taxiId: string, hailId: string): Promise<Hail> {
    const hail = await this.hails.lockHail(hailId);
    if (!hail || hail.taxiId !== taxiId) throw new OperatorError('HAIL_NOT_FOUND', `hail ${hailId} not found`);
    return hail;
  }

  /** A driver's note on the hail without a status change, with its registry update queued and sent. */
  private async amend(manager: EntityManager, hail: Hail, set: HailColumnsSet, body: RegistryHailUpdate, now: Date): Promise<Hail> {
    const deadlineAt = new Date(now.getTime() + FOLLOW_UP_WINDOW_MS);
    const amended = await this.hails.amendHail(hail.id, set, { registryUpdate: { body, deadlineAt }, at: now });
    if (!amended.applied) throw new OperatorError('HAIL_CHANGED_MEANWHILE', `hail ${hail.id} changed meanwhile: try again`);
    await this.dueWork.schedule(manager, hailWork.updates(hail.id, deadlineAt));
    return Object.assign(hail, set, { updatedAt: now });
  }
}

/** The hail as stored when the registry posts it: `received`, nothing decided yet. */
function receivedHail(incoming: RegistryHailDto, taxiId: string, raw: Record<string, unknown>, receivedAt: Date) {
  return {
    id: incoming.id,
    taxiId,
    status: 'received' as const,
    customerLon: incoming.customer_lon,
    customerLat: incoming.customer_lat,
    customerAddress: incoming.customer_address,
    customerPhoneNumber: incoming.customer_phone_number,
    registryFields: keptRegistryFields(raw),
    receivedAt,
    receivedByTaxiAt: null,
    decisionDeadlineAt: null,
    statusDeadlineAt: null,
    incidentTaxiReason: null,
    reportingCustomerReason: null,
    updatedAt: receivedAt,
  };
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
