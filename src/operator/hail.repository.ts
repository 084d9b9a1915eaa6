import type { PageRequest } from '../common/http/pagination.js';
import type { DueWorkRequest } from '../database/due-work/due-work.types.js';
import type { HailMove, HailStatus } from './hail-state-machine.js';
import type { HailUpdate, HailUpdateState, RegistryHailUpdate } from './hail-update.entity.js';
import type { Hail } from './hail.entity.js';
import type { HailTransition } from './hail-transition.entity.js';
import type { RegistryCall } from './registry-call.entity.js';
import type { Taxi } from './taxi.entity.js';

/** A hail as the registry posted it, before it is stored. */
export type ReceivedHail = Omit<Hail, 'taxi' | 'transitions' | 'registryCalls'>;

/** One request to the registry, to be kept on its hail. */
export type NewRegistryCall = Omit<RegistryCall, 'id' | 'hail'>;

/** The columns that change with a status or a driver's note (incident reason, report). */
export type HailColumnsSet = Partial<
  Pick<
    Hail,
    | 'receivedByTaxiAt'
    | 'decisionDeadlineAt'
    | 'statusDeadlineAt'
    | 'customerPhoneNumber'
    | 'incidentTaxiReason'
    | 'reportingCustomerReason'
  >
>;

/** A status change the state machine allowed, to be written if the hail still stands where it was read. */
export interface StatusChange {
  hailId: string;
  move: HailMove;
  /** The PUT the registry must receive for this change, queued behind the hail's earlier ones. */
  registryUpdate?: { body: RegistryHailUpdate; deadlineAt: Date };
  /** Other columns that change with the status. */
  set?: HailColumnsSet;
  at?: Date;
  /** The hail as the caller already read it under `lockHail()` in this transaction. */
  locked?: Hail;
}

export type StatusChangeResult =
  { applied: true; hail: Hail; previous: HailStatus; update?: HailUpdate } | { applied: false; hail: Hail | null };

/** What the registry having taken received_by_taxi did: `marked` false when another worker recorded it first. */
export interface ReceivedByTaxiTaken {
  marked: boolean;
  /** The hail moved to received_by_taxi (null: the driver had answered first, or it was not marked). */
  moved: { taxiId: string } | null;
}

/** A committed transition the relay has not put into the event store yet. */
export interface UnpublishedTransition {
  id: number;
  hailId: string;
  taxiId: string;
  fromStatus: HailStatus | null;
  toStatus: HailStatus;
  cause: string;
  at: Date;
}

/**
 * The operator module's persistence seam (the injection token; `operator.module.ts` binds the
 * implementation for the configured database): hails, their transitions (the events' outbox),
 * their updates to the registry (the registry's outbox), the calls we made, and the fleet.
 *
 * Every method runs in the caller's transaction when there is one (`TransactionRunner.run`), and
 * every write that is several statements runs in a transaction of its own otherwise; on SQLite
 * every write goes through the runner's queue. Each multi-row rule below is written once per
 * dialect at most: where PostgreSQL does in one statement what SQLite does in several.
 */
export abstract class HailRepository {
  /** Queries of this process waiting for a pooled connection right now (the hail webhook's back-pressure). */
  abstract queriesWaitingForConnection(): number;

  // ---- The fleet -----------------------------------------------------------------------------

  /** Adds a taxi; false when a taxi of this id is registered already (nothing is changed then). */
  abstract addTaxi(taxi: Taxi): Promise<boolean>;
  abstract findTaxi(id: string): Promise<Taxi | null>;
  abstract findTaxiByTokenHash(tokenHash: string): Promise<Taxi | null>;
  /** The fleet, newest first, and its size. */
  abstract pageOfTaxis(page: PageRequest): Promise<[Taxi[], number]>;

  // ---- Hails -----------------------------------------------------------------------------------

  /**
   * Stores a new hail with its first transition (to `received`), its first registry update
   * (received_by_taxi, seq 1: nothing can be ahead of it) and `work`, the item that sends it, all
   * or nothing. False when the hail id exists already: a second POST of the same id, even at the
   * same instant, fails on the primary key and so never gets a second item.
   */
  abstract recordReceived(hail: ReceivedHail, receivedByTaxiDeadline: Date, work: DueWorkRequest): Promise<boolean>;
  abstract findHail(id: string): Promise<Hail | null>;
  /** The hail with its taxi (the receipt of a hail posted again). */
  abstract findHailWithTaxi(id: string): Promise<Hail | null>;
  /** Hails newest first, filtered, and how many match. */
  abstract pageOfHails(filter: { status?: HailStatus; taxiId?: string }, page: PageRequest): Promise<[Hail[], number]>;
  /** The hails the driver's list shows, newest first (at most 100). */
  abstract hailsForDriver(taxiId: string): Promise<Hail[]>;
  abstract transitionsOf(hailId: string): Promise<HailTransition[]>;
  abstract registryCallsOf(hailId: string): Promise<RegistryCall[]>;

  // ---- Status changes (inside the caller's transaction) ----------------------------------------

  /** Reads the hail for update: concurrent changes to the same hail queue up behind this one. */
  abstract lockHail(id: string): Promise<Hail | null>;
  /**
   * The one way a hail's status changes: a conditional update on the status it was read in (what
   * makes two racing writers safe on either dialect), the transition row (which the relay turns
   * into the domain event) and the outbox row of the registry update, all in the caller's
   * transaction. Not applied when the hail is no longer in one of `move.from`.
   */
  abstract changeStatus(change: StatusChange): Promise<StatusChangeResult>;
  /**
   * Columns of a hail that change without its status (the incident's reason sent later, a report,
   * the registry's deadline of the current status), with the registry update they need, if any,
   * queued behind the hail's others. The caller holds the hail's lock (`lockHail`) when it read
   * the hail to decide; `onlyIn` guards the write like a status change's `from`.
   */
  abstract amendHail(
    hailId: string,
    set: HailColumnsSet,
    options?: { registryUpdate?: { body: RegistryHailUpdate; deadlineAt: Date }; onlyIn?: readonly HailStatus[]; at?: Date },
  ): Promise<{ applied: boolean; update?: HailUpdate }>;

  // ---- The registry's outbox -------------------------------------------------------------------

  /** The hail's updates not yet taken by the registry, in the order they must be sent. */
  abstract pendingUpdates(hailId: string): Promise<HailUpdate[]>;
  /** A try the registry did not take: the call recorded, the update's attempts counted. */
  abstract recordAttempt(update: HailUpdate, call: NewRegistryCall): Promise<void>;
  /** The registry took `update` (not received_by_taxi): recorded with its call; false when already recorded. */
  abstract recordUpdateTaken(update: HailUpdate, call: NewRegistryCall, at: Date): Promise<boolean>;
  /**
   * The registry took received_by_taxi: the call, the update marked sent, the hail moved from
   * `received` to received_by_taxi with its transition, the taxi's decision window set and
   * `work` (the decision timeout, the watch; none with AUTO_ACCEPT, which schedules its own) scheduled, all or nothing. When the driver had answered first
   * the hail keeps its status and only learns the instant. On PostgreSQL, the hot path at 100
   * hails/s, one statement.
   */
  abstract recordReceivedByTaxiTaken(
    update: HailUpdate,
    call: NewRegistryCall,
    taken: { at: Date; decisionDeadlineAt: Date; work: DueWorkRequest[] },
  ): Promise<ReceivedByTaxiTaken>;
  /** Ends a pending update without the registry (refused, expired); false when it was no longer pending. */
  abstract closeUpdate(update: HailUpdate, state: Extract<HailUpdateState, 'rejected' | 'expired'>, at: Date): Promise<boolean>;
  /** Nothing after a failed received_by_taxi is sent: the hail's pending updates are cancelled. */
  abstract cancelPendingUpdates(hailId: string, at: Date): Promise<void>;
  /** A read of the hail (GET), kept on it like every request to the registry. */
  abstract recordRegistryRead(call: NewRegistryCall): Promise<void>;

  // ---- The events' outbox (the relay, inside its transaction) ----------------------------------

  /** The oldest transitions not yet in the event store, in commit order (ids follow commits per hail). */
  abstract unpublishedTransitions(limit: number): Promise<UnpublishedTransition[]>;
  abstract markPublished(transitionIds: number[], at: Date): Promise<void>;

  // ---- Recovery --------------------------------------------------------------------------------

  /** Hails with pending updates, each with its earliest update deadline. */
  abstract hailsWithPendingUpdates(limit: number): Promise<Array<{ hailId: string; deadlineAt: Date }>>;
  /** Hails the registry is followed for (`FOLLOWED_STATUSES`: from received_by_taxi to customer_on_board). */
  abstract hailsFollowed(limit: number): Promise<Hail[]>;
}
