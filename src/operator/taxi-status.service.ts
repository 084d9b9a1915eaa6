import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { operatorConfig } from '../config/configuration.js';
import { DueWork } from '../database/due-work/due-work.service.js';
import type { DueWorkOutcome, Transactional } from '../database/due-work/due-work.types.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { DriverEventsHub } from './driver-events.hub.js';
import { FleetRepository } from './fleet.repository.js';
import { RegistryTaxisClient, registryTaxiStatusOf } from './registry-taxis.client.js';
import {
  REGISTRY_TAXI_STATUSES,
  type DriverSettableStatus,
  type RegistryTaxiStatus,
  type TaxiRegistryState,
} from './taxi-registry.entities.js';
import { taxiWork } from './taxi-work.requests.js';

/** After a hail ends, the registry has applied its taxi side effect by the time our last PUT is in; read a little later. */
export const READ_AFTER_HAIL_DELAY_MS = 1000;

/** A registry answer worth asking again: it did not answer, or said "later". */
const retryable = (status: number | null) => status === null || status === 408 || status === 429 || status >= 500;

/**
 * Each taxi's status at the registry: the driver's requests delivered as durable work
 * (`taxi.set-status`), and the registry's status read back (`taxi.read-status`) after each of them,
 * after each hail ends, and every TAXI_STATUS_POLL_MS while the taxi is not `off`, so the driver
 * learns when the registry turned it off (after `declined_by_taxi`, `timeout_taxi`).
 */
@Injectable()
export class TaxiStatusService {
  private readonly logger = new Logger(TaxiStatusService.name);

  constructor(
    @Inject(operatorConfig.KEY) private readonly config: ConfigType<typeof operatorConfig>,
    private readonly fleet: FleetRepository,
    private readonly registry: RegistryTaxisClient,
    private readonly transactions: TransactionRunner,
    private readonly dueWork: DueWork,
    private readonly events: DriverEventsHub,
  ) {}

  /** The driver's request: stored with its delivery item in one transaction, delivered soon after. */
  async request(taxiId: string, status: DriverSettableStatus): Promise<TaxiRegistryState> {
    const at = new Date();
    return this.transactions.run(async (manager) => {
      const state = await this.fleet.request(manager, taxiId, status, at.getTime());
      await this.dueWork.schedule(manager, taxiWork.setStatus(taxiId, at));
      return state;
    });
  }

  /** The registry's status as citymove last read it, and the request still on its way, if any. */
  async current(taxiId: string): Promise<TaxiRegistryState | null> {
    return this.fleet.stateOf(taxiId);
  }

  /**
   * For the hail side: a hail of this taxi just ended (in `manager`'s transaction), so the registry
   * may have turned the taxi off or free; read it back shortly after the change commits.
   */
  readAfterHail(manager: Transactional, taxiId: string): Promise<number> {
    return this.dueWork.schedule(manager, taxiWork.readStatus(taxiId, new Date(Date.now() + READ_AFTER_HAIL_DELAY_MS)));
  }

  /** For removal: the taxi goes off at the registry, through the same durable delivery. */
  async requestOffWith(manager: Parameters<FleetRepository['request']>[0], taxiId: string): Promise<void> {
    const at = new Date();
    await this.fleet.request(manager, taxiId, 'off', at.getTime());
    await this.dueWork.schedule(manager, taxiWork.setStatus(taxiId, at));
  }

  /** The `taxi.set-status` item: PUT the latest request; a newer request re-arms the item. */
  async deliver(taxiId: string, deadlineAt: Date | null): Promise<DueWorkOutcome> {
    const state = await this.fleet.stateOf(taxiId);
    if (!state?.requestedStatus) return;
    const { requestedStatus, requestVersion } = state;
    if (deadlineAt && Date.now() > deadlineAt.getTime()) {
      await this.fleet.recordRequestFailed(taxiId, requestVersion, 'the registry could not be reached in time', Date.now());
      this.events.wake();
      return;
    }
    const answer = await this.registry.setStatus(taxiId, requestedStatus);
    if (answer.status !== null && answer.status >= 200 && answer.status < 300) {
      const status = knownStatus(registryTaxiStatusOf(answer.body)) ?? requestedStatus;
      await this.fleet.recordRegistryStatus(taxiId, status, 'driver', Date.now(), requestVersion);
      await this.followUp(taxiId, status);
      this.events.wake();
      return;
    }
    // The runner retries with its back-off (0.5 s, 1 s … 30 s) until the item's deadline.
    if (retryable(answer.status)) throw new Error(`PUT /taxis/${taxiId}: ${answer.status ?? 'no answer'} ${answer.error ?? ''}`.trim());
    this.logger.warn(`PUT /taxis/${taxiId} ${requestedStatus} refused: ${answer.status} ${answer.error ?? ''}`);
    await this.fleet.recordRequestFailed(
      taxiId,
      requestVersion,
      `the registry answered ${answer.status}: ${answer.error ?? ''}`.trim(),
      Date.now(),
    );
    this.events.wake();
  }

  /** The `taxi.read-status` item: GET the taxi; again every TAXI_STATUS_POLL_MS unless it is off. */
  async read(taxiId: string): Promise<DueWorkOutcome> {
    const answer = await this.registry.readTaxi(taxiId);
    const next = { again: { dueAt: new Date(Date.now() + this.config.taxiStatusPollMs) } };
    if (answer.status === 404) {
      // Unknown at the registry: nothing to follow until the driver asks again.
      this.logger.warn(`GET /taxis/${taxiId}: the registry does not know this taxi`);
      return;
    }
    const status = answer.status === 200 ? knownStatus(registryTaxiStatusOf(answer.body)) : undefined;
    if (status === undefined) return next;
    if (await this.fleet.recordRegistryStatus(taxiId, status, 'registry', Date.now())) this.events.wake();
    return status === 'off' ? undefined : next;
  }

  /** After a delivered request, read the taxi back from the next poll on (unless it went off). */
  private async followUp(taxiId: string, status: RegistryTaxiStatus): Promise<void> {
    if (status === 'off') return;
    await this.transactions.run((manager) =>
      this.dueWork.schedule(manager, taxiWork.readStatus(taxiId, new Date(Date.now() + this.config.taxiStatusPollMs))),
    );
  }
}

function knownStatus(value: string | undefined): RegistryTaxiStatus | undefined {
  return (REGISTRY_TAXI_STATUSES as readonly string[]).includes(value ?? '') ? (value as RegistryTaxiStatus) : undefined;
}
