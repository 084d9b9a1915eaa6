import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { operatorConfig } from '../config/configuration.js';
import { DueWork } from '../database/due-work/due-work.service.js';
import type { DueWorkOutcome } from '../database/due-work/due-work.types.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import { hailWork } from './hail-work.requests.js';
import {
  DECISION_STATUSES,
  decisionDeadline,
  HAIL_MOVES,
  isRegistryTrouble,
  isTerminal,
  learntMove,
  LOCAL_TIMER_GRACE_MS,
  registryTakenAt,
  resolveUpdate,
  retryDelayMs,
  statusTimer,
  undeliveredMove,
  watchLimitMs,
  type HailMove,
  type HailStatus,
} from './hail-state-machine.js';
import { updateName, type HailUpdate } from './hail-update.entity.js';
import { HailMetrics } from './hail.metrics.js';
import { HailRepository, type HailColumnsSet, type NewRegistryCall } from './hail.repository.js';
import { registryHailOf, registryStatusOf, RegistryClient, type RegistryAnswer, type RegistryHailView } from './registry.client.js';
import { TAXI_NOTIFIER, type TaxiNotifier } from './taxi-notifier.js';
import { TaxisService } from './taxis.service.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What the hail work does: send the outbox's updates in order, time out undecided hails, follow
 * the customer's answer. Each step is a `DueWork` item written with the change that made it due,
 * so a crash, a Redis outage or a dead worker only delays it (by a lease at most). The rules each
 * step follows (which move, which window, what is retried) are the state machine's.
 */
@Injectable()
export class HailLifecycleService {
  private readonly logger = new Logger(HailLifecycleService.name);

  constructor(
    @Inject(operatorConfig.KEY) private readonly config: ConfigType<typeof operatorConfig>,
    @Inject(TAXI_NOTIFIER) private readonly notifier: TaxiNotifier,
    private readonly hails: HailRepository,
    private readonly transactions: TransactionRunner,
    private readonly registry: RegistryClient,
    private readonly dueWork: DueWork,
    private readonly taxis: TaxisService,
    private readonly metrics: HailMetrics,
  ) {}

  /**
   * The `hail.updates` item: sends the hail's pending updates one after the other, in order, until
   * none is left (one the driver adds meanwhile re-arms the item, so it is never left behind).
   *
   * A PUT that may have reached the registry before a crash is sent again, never skipped: the row
   * is marked sent only with the registry's 2xx, and the registry takes a repeated status (200).
   */
  async sendPending(hailId: string): Promise<void> {
    for (;;) {
      // One read for all of them: under a slow database every round trip counts against the 10 s.
      // A row written after this read re-arms the item, which then runs again.
      const pending = await this.hails.pendingUpdates(hailId);
      if (pending.length === 0) return;
      let allSent = true;
      for (const row of pending) {
        allSent = await this.sendUpdate(row);
        // Refused or expired: the rows after it may have been cancelled with the hail; read again.
        if (!allSent) break;
      }
      if (allSent) return;
    }
  }

  /** Sends one outbox row, retrying while the registry's window allows; answers whether it was taken. */
  private async sendUpdate(pending: HailUpdate): Promise<boolean> {
    let row = pending;
    const hailId = row.hailId;
    const name = updateName(row.body);
    if (row.body.status === 'received_by_taxi' && row.attempts === 0) await this.notifier.notify(hailId);

    for (;;) {
      const remainingMs = new Date(row.deadlineAt).getTime() - Date.now();
      if (remainingMs <= 0) {
        // One last look before giving up: a PUT the registry applied but answered with a 5xx (or
        // too late) is delivered, and a hail that ended there takes its status, not ours.
        const last = row.attempts > 0 && row.body.status !== undefined ? await this.resolveByReading(row, row.body.status, 0) : undefined;
        if (last === 'delivered') return true;
        if (last === 'ended') return false;
        this.metrics.updateEnded(name, 'missed');
        return this.expire(row).then(() => false);
      }
      const answer = await this.registry.updateHail(hailId, row.body, Math.min(this.registry.requestTimeoutMs, remainingMs));
      row = { ...row, attempts: row.attempts + 1 };
      const call = putCall(row, answer);

      if (answer.status !== null && answer.status >= 200 && answer.status < 300) {
        await this.onSent(row, call, registryHailOf(answer));
        this.metrics.updateEnded(name, this.timeliness(row));
        return true;
      }
      await this.hails.recordAttempt(row, call);
      if (!isRegistryTrouble(answer.status)) {
        // Silence or a 4xx: what the PUT did is read back, never assumed (APITaxi2 answers 400 for
        // the early race and for a hail that ended meanwhile alike).
        const resolved = await this.resolve(row, answer);
        if (resolved !== 'again') return resolved;
      }
      const waitMs = Math.min(retryDelayMs(row.attempts), new Date(row.deadlineAt).getTime() - Date.now());
      if (waitMs > 0) await sleep(waitMs);
    }
  }

  private timeliness(row: HailUpdate): 'in_time' | 'late' {
    // In time or late by when the registry answered; counted once what follows is committed.
    return Date.now() <= new Date(row.deadlineAt).getTime() ? 'in_time' : 'late';
  }

  /**
   * A PUT with no answer or a 4xx: `GET /hails/:id` tells what happened. Answers whether the row was
   * taken (true), ended (false), or is to be sent again ('again').
   */
  private async resolve(row: HailUpdate, put: RegistryAnswer): Promise<boolean | 'again'> {
    const name = updateName(row.body);
    if (row.body.status === undefined) {
      // A report: no status to compare; silence is sent again, a 4xx is final.
      if (put.status === null) return 'again';
      this.metrics.updateEnded(name, 'refused');
      return this.reject(row, put).then(() => false);
    }
    const remainingMs = new Date(row.deadlineAt).getTime() - Date.now();
    const outcome = await this.resolveByReading(row, row.body.status, remainingMs);
    if (outcome === 'delivered') return true;
    if (outcome === 'ended') return false;
    if (outcome === 'refused') {
      // The registry refused the PUT and shows no reason to try again (or refuses to show the hail).
      this.metrics.updateEnded(name, 'refused');
      return this.reject(row, put).then(() => false);
    }
    return 'again';
  }

  /**
   * Reads the hail back for a row whose PUT's outcome is unknown, and acts on what the registry
   * shows: delivered (recorded as sent, with the read as its call), ended (the local hail takes the
   * registry's status), or neither: sent again (`again`) or refused for good (`refused`), the
   * caller's to decide. `remainingMs`: the row's window left, bounding the read (at least 1 s).
   */
  private async resolveByReading(
    row: HailUpdate,
    status: HailStatus,
    remainingMs: number,
  ): Promise<'delivered' | 'ended' | 'again' | 'refused'> {
    const name = updateName(row.body);
    const read = await this.registry.readHail(row.hailId, Math.max(1000, Math.min(this.registry.requestTimeoutMs, remainingMs)));
    const readRecord = readCall(row.hailId, read, row.attempts);
    const resolution = resolveUpdate(status, registryStatusOf(read));
    if (resolution.kind === 'delivered') {
      await this.onSent(row, readRecord, registryHailOf(read));
      this.metrics.updateEnded(name, this.timeliness(row));
      return 'delivered';
    }
    await this.hails.recordRegistryRead(readRecord);
    if (resolution.kind === 'ended') {
      this.metrics.updateEnded(name, 'refused');
      await this.adopt(row, resolution.status);
      return 'ended';
    }
    const unreadable = resolution.kind === 'unknown' && read.status !== null && !isRegistryTrouble(read.status);
    return resolution.kind === 'refused' || unreadable ? 'refused' : 'again';
  }

  /** The hail ended at the registry in `status` while our update was on its way: the local hail takes it. */
  private async adopt(row: HailUpdate, status: HailStatus): Promise<void> {
    this.logger.warn(`hail ${row.hailId}: registry holds ${status}, not ${updateName(row.body)}: taking the registry's status`);
    const now = new Date();
    await this.transactions.run(async () => {
      await this.hails.closeUpdate(row, 'rejected', now);
      await this.endLocally(row.hailId, learntMove('received', status, 'registry')!, now);
    });
  }

  /** A terminal move learnt or timed: applied, and nothing more is sent for the hail. */
  private async endLocally(hailId: string, move: HailMove, at: Date, set?: HailColumnsSet): Promise<boolean> {
    return this.transactions.run(async () => {
      const changed = await this.hails.changeStatus({ hailId, move, at, set });
      if (changed.applied && isTerminal(move.to)) await this.hails.cancelPendingUpdates(hailId, at);
      return changed.applied;
    });
  }

  /**
   * The registry took the update (its answer, or a read showing it): recorded with `call`, and what
   * follows from it, in one transaction. The window the registry opens with the status counts from
   * its own timestamp (`last_status_change`), not from our answer.
   */
  private async onSent(row: HailUpdate, call: NewRegistryCall, registryHail: RegistryHailView | undefined): Promise<void> {
    const now = new Date();
    const sameStatus = registryHail?.status === row.body.status;
    const takenAt = sameStatus ? registryTakenAt(registryHail, new Date(row.createdAt), now) : now;
    if (row.body.status !== 'received_by_taxi') {
      await this.transactions.run(async (manager) => {
        const taken = await this.hails.recordUpdateTaken(row, call, now);
        const timer = row.body.status ? statusTimer(row.body.status, this.config) : undefined;
        if (!taken || !timer || !row.body.status) return;
        const statusDeadlineAt = new Date(takenAt.getTime() + timer.ms);
        const amended = await this.hails.amendHail(row.hailId, { statusDeadlineAt }, { onlyIn: [row.body.status], at: now });
        if (amended.applied) await this.dueWork.schedule(manager, hailWork.statusTimeout(row.hailId, statusDeadlineAt), 'replace');
      });
      return;
    }
    const decisionDeadlineAt = decisionDeadline(takenAt, this.config);
    const watch = hailWork.watch(row.hailId, new Date(now.getTime() + this.config.pollMs));
    if (!this.config.autoAccept) {
      // The taxi's decision window and the watch that follows the hail from now on, with the status.
      const work = [hailWork.decisionTimeout(row.hailId, decisionDeadlineAt), watch];
      await this.hails.recordReceivedByTaxiTaken(row, call, { at: takenAt, decisionDeadlineAt, work });
      return;
    }
    await this.transactions.run(async (manager) => {
      const taken = await this.hails.recordReceivedByTaxiTaken(row, call, { at: takenAt, decisionDeadlineAt, work: [] });
      if (!taken.moved) return;
      const taxi = await this.taxis.findById(taken.moved.taxiId);
      const accepted = await this.hails.changeStatus({
        hailId: row.hailId,
        move: HAIL_MOVES.autoAccept,
        registryUpdate: {
          body: { status: HAIL_MOVES.autoAccept.to, ...(taxi ? { taxi_phone_number: taxi.phoneNumber } : {}) },
          deadlineAt: decisionDeadlineAt,
        },
        at: now,
      });
      // The accepted_by_taxi update is in the outbox, after the rows `sendPending` read: re-armed, the
      // item runs again for it.
      if (accepted.applied) await this.dueWork.schedule(manager, [hailWork.updates(row.hailId, decisionDeadlineAt), watch]);
    });
  }

  /** The registry refused the update for good: recorded; a refused received_by_taxi loses the hail. */
  private async reject(row: HailUpdate, answer: RegistryAnswer): Promise<void> {
    this.logger.warn(`hail ${row.hailId}: registry refused ${updateName(row.body)} with ${answer.status ?? 'no answer'}`);
    await this.closeRow(row, 'rejected', `registry-refused-${answer.status ?? 'silent'}`);
  }

  /** The registry's window closed before it took the update. */
  private async expire(row: HailUpdate): Promise<void> {
    this.logger.warn(`hail ${row.hailId}: ${updateName(row.body)} not delivered before its deadline`);
    await this.closeRow(row, 'expired', 'deadline');
  }

  private async closeRow(row: HailUpdate, state: 'rejected' | 'expired', cause: string): Promise<void> {
    const now = new Date();
    await this.transactions.run(async () => {
      const closed = await this.hails.closeUpdate(row, state, now);
      if (!closed || row.body.status !== 'received_by_taxi') return;
      const failed = await this.hails.changeStatus({ hailId: row.hailId, move: undeliveredMove(cause), at: now });
      if (failed.applied) await this.hails.cancelPendingUpdates(row.hailId, now);
    });
  }

  /**
   * The `hail.decision-timeout` item, the local mirror of the registry's timers: the taxi's decision
   * window (received_by_taxi → timeout_taxi), then each later status's (`statusTimer`). One item per
   * hail, moved to the current status's deadline; run early (a status changed), it waits again.
   */
  async statusTimeout(hailId: string): Promise<DueWorkOutcome> {
    const hail = await this.hails.findHail(hailId);
    if (!hail || isTerminal(hail.status)) return;
    const now = Date.now();
    if (DECISION_STATUSES.includes(hail.status)) {
      const dueAt = hail.decisionDeadlineAt ? new Date(hail.decisionDeadlineAt).getTime() : now;
      if (dueAt > now) return { again: { dueAt: new Date(dueAt) } };
      await this.endLocally(hailId, HAIL_MOVES.decisionTimeout, new Date());
      return;
    }
    const timer = statusTimer(hail.status, this.config);
    if (!timer || !hail.statusDeadlineAt) return;
    // The registry is the truth: a customer's answer in its last instants must reach us by a read first.
    const dueAt = new Date(hail.statusDeadlineAt).getTime() + Math.max(LOCAL_TIMER_GRACE_MS, 2 * this.config.pollMs);
    if (dueAt > now) return { again: { dueAt: new Date(dueAt) } };
    await this.endLocally(hailId, timer.move, new Date());
  }

  /**
   * The `hail.watch` item: reads the hail back every HAIL_POLL_MS while it is not over, and takes
   * what only the registry knows (the customer's answer and phone, incidents, the registry's
   * timeouts, a failure). Reads that teach nothing are not recorded (a 2 h ride would be thousands);
   * failed reads and reads that changed the hail are.
   */
  async watch(hailId: string, round: number): Promise<DueWorkOutcome> {
    const hail = await this.hails.findHail(hailId);
    if (!hail || isTerminal(hail.status)) return;
    if (Date.now() - new Date(hail.receivedAt).getTime() > watchLimitMs(this.config)) {
      this.logger.warn(`hail ${hailId}: still ${hail.status} past every window of the registry: no longer read`);
      return;
    }
    const again = { again: { dueAt: new Date(Date.now() + this.config.pollMs), payload: { round: round + 1 } } };
    const answer = await this.registry.readHail(hailId);
    const seen = registryHailOf(answer);
    const move = learntMove(hail.status, registryStatusOf(answer));
    if (!move) {
      if (!seen) await this.hails.recordRegistryRead(readCall(hailId, answer, round));
      return again;
    }
    const now = new Date();
    const set: HailColumnsSet = {};
    if (move.to === 'accepted_by_customer') {
      // The registry shows the customer's real phone only in accepted_by_customer (APITaxi2/schemas.py, hide_phone_numbers).
      const phone = seen?.customer_phone_number;
      if (typeof phone === 'string' && phone.length > 0 && phone.length <= 32) set.customerPhoneNumber = phone;
    }
    const timer = statusTimer(move.to, this.config);
    if (timer) set.statusDeadlineAt = new Date(registryTakenAt(seen, new Date(hail.receivedAt), now).getTime() + timer.ms);
    const applied = await this.transactions.run(async (manager) => {
      await this.hails.recordRegistryRead(readCall(hailId, answer, round));
      const changed = await this.endLocally(hailId, move, now, set);
      if (changed && set.statusDeadlineAt)
        await this.dueWork.schedule(manager, hailWork.statusTimeout(hailId, set.statusDeadlineAt), 'replace');
      return changed;
    });
    if (applied && isTerminal(move.to)) return;
    return again;
  }

  /**
   * Makes sure every step the database says is due has its work item: each hail with a pending
   * update, each followed hail's watch and timer. Items are written with the change that makes
   * them due, so this finds nothing missing unless rows came from before durable work existed (an
   * upgrade, or hails followed before every status was) or were edited by hand.
   * Answers how many were missing.
   */
  async reconcile(): Promise<number> {
    const now = Date.now();
    const pending = await this.hails.hailsWithPendingUpdates(5000);
    const followed = await this.hails.hailsFollowed(5000);
    const requests = [
      ...pending.map((row) => hailWork.updates(row.hailId, row.deadlineAt)),
      ...followed.flatMap((hail) => {
        const watch = hailWork.watch(hail.id, new Date(now + this.config.pollMs));
        const deadline = hail.status === 'received_by_taxi' ? hail.decisionDeadlineAt : hail.statusDeadlineAt;
        return deadline ? [watch, hailWork.decisionTimeout(hail.id, new Date(deadline))] : [watch];
      }),
    ];
    let missing = 0;
    for (let i = 0; i < requests.length; i += 500) {
      missing += await this.transactions.run((manager) => this.dueWork.schedule(manager, requests.slice(i, i + 500), 'ifAbsent'));
    }
    return missing;
  }
}

function putCall(row: HailUpdate, answer: RegistryAnswer): NewRegistryCall {
  return {
    hailId: row.hailId,
    method: 'PUT',
    requestBody: { data: [row.body] },
    answerStatus: answer.status,
    error: answer.error,
    durationMs: answer.durationMs,
    attempt: row.attempts,
    at: new Date(),
  };
}

/** A read of the hail, kept on it like every request to the registry. */
function readCall(hailId: string, answer: RegistryAnswer, round: number): NewRegistryCall {
  return {
    hailId,
    method: 'GET',
    requestBody: null,
    answerStatus: answer.status,
    error: answer.error,
    durationMs: answer.durationMs,
    attempt: round,
    at: new Date(),
  };
}
