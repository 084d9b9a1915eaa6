import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, LessThan } from 'typeorm';
import { operatorConfig } from '../config/configuration.js';
import { isPostgres } from '../database/column-types.js';
import { HailJobsScheduler } from './hail-jobs.scheduler.js';
import { CUSTOMER_OUTCOMES, HAIL_STATUSES, isTerminal, type HailStatus } from './hail-status.js';
import { HailTransitions } from './hail-transitions.service.js';
import { HailUpdate } from './hail-update.entity.js';
import { Hail } from './hail.entity.js';
import { RegistryCall } from './registry-call.entity.js';
import { RegistryClient, type RegistryAnswer } from './registry.client.js';
import { TAXI_NOTIFIER, type TaxiNotifier } from './taxi-notifier.js';
import { TaxisService } from './taxis.service.js';

const NON_TERMINAL: HailStatus[] = HAIL_STATUSES.filter((status) => !isTerminal(status));

/** Back-off between tries of one update: fast first (the early-race 400 clears in milliseconds). */
export function retryDelayMs(failedAttempts: number): number {
  return Math.min(50 * 2 ** (failedAttempts - 1), 1000);
}

/** How long the registry may keep polling a hail waiting for its customer before we stop reading. */
const WATCH_LIMIT_MS = 15 * 60_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * What the hail jobs do: send the outbox's updates in order, time out undecided hails, follow the
 * customer's answer, and recover what a crash or a Redis outage left undone.
 */
@Injectable()
export class HailLifecycle {
  private readonly logger = new Logger(HailLifecycle.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(operatorConfig.KEY) private readonly config: ConfigType<typeof operatorConfig>,
    @Inject(TAXI_NOTIFIER) private readonly notifier: TaxiNotifier,
    private readonly registry: RegistryClient,
    private readonly transitions: HailTransitions,
    private readonly scheduler: HailJobsScheduler,
    private readonly taxis: TaxisService,
  ) {}

  /**
   * Sends one outbox row, retrying while the registry's window allows. Does nothing unless the row
   * is the hail's first pending one: an earlier row's job will enqueue this one when it is done.
   */
  async sendUpdate(hailId: string, seq: number): Promise<void> {
    let [row] = await this.dataSource.getRepository(HailUpdate).find({ where: { hailId, state: 'pending' }, order: { seq: 'ASC' }, take: 1 });
    if (!row || row.seq !== seq) return;
    if (row.body.status === 'received_by_taxi' && row.attempts === 0) await this.notifier.notify(hailId);

    for (;;) {
      const remainingMs = new Date(row.deadlineAt).getTime() - Date.now();
      if (remainingMs <= 0) return this.expire(row);
      const answer = await this.registry.updateHail(hailId, row.body, Math.min(RegistryClient.REQUEST_TIMEOUT_MS, remainingMs));
      row = { ...row, attempts: row.attempts + 1 };
      const call = putCall(row, answer);

      if (answer.status !== null && answer.status >= 200 && answer.status < 300) return this.onSent(row, call);
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(RegistryCall, call);
        await manager.update(HailUpdate, { id: row.id }, { attempts: row.attempts });
      });
      if (!this.isRetryable(row, answer)) return this.reject(row, answer);
      const waitMs = Math.min(retryDelayMs(row.attempts), new Date(row.deadlineAt).getTime() - Date.now());
      if (waitMs > 0) await sleep(waitMs);
    }
  }

  /**
   * 5xx and silence may pass; a 400 on received_by_taxi is the registry not having processed our 200
   * yet (the early race). Any other 4xx is the registry's final word on this update.
   */
  private isRetryable(row: HailUpdate, answer: RegistryAnswer): boolean {
    if (answer.status === null || answer.status >= 500 || answer.status === 429) return true;
    return answer.status === 400 && row.body.status === 'received_by_taxi';
  }

  /** A read of the hail, kept on it like every request to the registry. */
  private async recordRead(hailId: string, answer: RegistryAnswer, round: number): Promise<void> {
    await this.dataSource.getRepository(RegistryCall).insert({
      hailId,
      method: 'GET',
      requestBody: null,
      answerStatus: answer.status,
      error: answer.error,
      durationMs: answer.durationMs,
      attempt: round,
      at: new Date(),
    });
  }

  /** The registry took the update: recorded with its call, and what follows from it, in one transaction. */
  private async onSent(row: HailUpdate, call: NewRegistryCall): Promise<void> {
    const now = new Date();
    const outcome: { decisionTimeout: boolean; autoAccepted: boolean; next?: HailUpdate } = { decisionTimeout: false, autoAccepted: false };
    if (isPostgres && row.body.status === 'received_by_taxi' && !this.config.autoAccept) return this.onReceivedByTaxiPg(row, call, now);
    await this.dataSource.transaction(async (manager) => {
      await manager.insert(RegistryCall, call);
      const marked = await manager.update(HailUpdate, { id: row.id, state: 'pending' }, { state: 'sent', doneAt: now, attempts: row.attempts });
      if (!marked.affected) return;
      if (row.body.status !== 'received_by_taxi') return;

      const decisionDeadlineAt = new Date(now.getTime() + this.config.decisionTimeoutMs);
      const received = await this.transitions.apply(manager, {
        hailId: row.hailId,
        from: ['received'],
        to: 'received_by_taxi',
        cause: 'registry',
        set: { receivedByTaxiAt: now, decisionDeadlineAt },
        at: now,
      });
      if (!received.applied) {
        // The driver answered before the registry took received_by_taxi: keep the instant anyway.
        await manager.update(Hail, { id: row.hailId }, { receivedByTaxiAt: now });
        return;
      }
      outcome.decisionTimeout = true;
      if (!this.config.autoAccept) return;
      const hail = received.hail;
      const taxi = await this.taxis.findById(hail.taxiId);
      const accepted = await this.transitions.apply(manager, {
        hailId: row.hailId,
        from: ['received_by_taxi'],
        to: 'accepted_by_taxi',
        cause: 'auto-accept',
        registryUpdate: {
          body: { status: 'accepted_by_taxi', ...(taxi ? { taxi_phone_number: taxi.phoneNumber } : {}) },
          deadlineAt: decisionDeadlineAt,
        },
        at: now,
      });
      outcome.autoAccepted = accepted.applied;
      outcome.next = accepted.applied ? accepted.update : undefined;
    });
    // Taking the hail out of `received` proves no driver answer was queued behind us (it would have
    // moved the status first, under the same lock), so only then is the database asked for a next one.
    if (outcome.next) await this.scheduler.enqueueUpdate(row.hailId, outcome.next.seq, outcome.next.body.status);
    else if (!outcome.decisionTimeout) await this.scheduler.kickUpdates(row.hailId);
    if (outcome.autoAccepted) await this.scheduler.scheduleWatch(row.hailId, 1, this.config.pollMs);
    else if (outcome.decisionTimeout) await this.scheduler.scheduleDecisionTimeout(row.hailId, this.config.decisionTimeoutMs);
  }

  /**
   * `onSent` for received_by_taxi on PostgreSQL, the hot path at 100 hails/s: the call, the outbox row,
   * the hail's status and its transition in one statement (atomic by itself), one round trip instead
   * of six. Same conditions as the general path: the row must still be pending, the hail `received`.
   */
  private async onReceivedByTaxiPg(row: HailUpdate, call: NewRegistryCall, now: Date): Promise<void> {
    const decisionDeadlineAt = new Date(now.getTime() + this.config.decisionTimeoutMs);
    const [result]: Array<{ marked: number; moved: number }> = await this.dataSource.query(
      `WITH call AS (
         INSERT INTO operator_registry_calls (hail_id, method, request_body, answer_status, error, duration_ms, attempt, at)
         VALUES ($1, 'PUT', $2::jsonb, $3, $4, $5, $6, $7)
       ), marked AS (
         UPDATE operator_hail_updates SET state = 'sent', done_at = $7, attempts = $6
         WHERE id = $8 AND state = 'pending' RETURNING hail_id
       ), moved AS (
         UPDATE operator_hails SET status = 'received_by_taxi', updated_at = $7, received_by_taxi_at = $7, decision_deadline_at = $9
         WHERE id = (SELECT hail_id FROM marked) AND status = 'received' RETURNING id
       ), transition AS (
         INSERT INTO operator_hail_transitions (hail_id, from_status, to_status, cause, at)
         SELECT id, 'received', 'received_by_taxi', 'registry', $7 FROM moved
       )
       SELECT (SELECT count(*) FROM marked)::int AS marked, (SELECT count(*) FROM moved)::int AS moved`,
      [row.hailId, JSON.stringify(call.requestBody), call.answerStatus, call.error, call.durationMs, call.attempt, now, row.id, decisionDeadlineAt],
    );
    if (result.moved > 0) return this.scheduler.scheduleDecisionTimeout(row.hailId, this.config.decisionTimeoutMs);
    // The driver answered before the registry took received_by_taxi: keep the instant anyway.
    if (result.marked > 0) await this.dataSource.getRepository(Hail).update({ id: row.hailId }, { receivedByTaxiAt: now });
    await this.scheduler.kickUpdates(row.hailId);
  }

  /** The registry refused the update for good: recorded; a refused received_by_taxi loses the hail. */
  private async reject(row: HailUpdate, answer: RegistryAnswer): Promise<void> {
    this.logger.warn(`hail ${row.hailId}: registry refused ${row.body.status} with ${answer.status}`);
    await this.closeRow(row, 'rejected', `registry-refused-${answer.status}`);
  }

  /** The registry's window closed before it took the update. */
  private async expire(row: HailUpdate): Promise<void> {
    this.logger.warn(`hail ${row.hailId}: ${row.body.status} not delivered before its deadline`);
    await this.closeRow(row, 'expired', 'deadline');
  }

  private async closeRow(row: HailUpdate, state: 'rejected' | 'expired', cause: string): Promise<void> {
    const now = new Date();
    await this.dataSource.transaction(async (manager) => {
      const marked = await manager.update(HailUpdate, { id: row.id, state: 'pending' }, { state, doneAt: now, attempts: row.attempts });
      if (!marked.affected || row.body.status !== 'received_by_taxi') return;
      // Without received_by_taxi the registry fails the hail: so do we, and nothing after it is sent.
      const failed = await this.transitions.apply(manager, { hailId: row.hailId, from: NON_TERMINAL, to: 'failure', cause, at: now });
      if (failed.applied) {
        await manager.update(HailUpdate, { hailId: row.hailId, state: 'pending' }, { state: 'cancelled', doneAt: now });
      }
    });
    await this.scheduler.kickUpdates(row.hailId);
  }

  /** The taxi let the decision window pass: the registry sets timeout_taxi, and so do we. */
  async decisionTimeout(hailId: string): Promise<void> {
    await this.dataSource.transaction((manager) =>
      this.transitions.apply(manager, { hailId, from: ['received', 'received_by_taxi'], to: 'timeout_taxi', cause: 'decision-timeout' }),
    );
  }

  /** Reads the hail back while it waits for the customer, and records the customer's answer. */
  async watch(hailId: string, round: number): Promise<void> {
    const hail = await this.dataSource.getRepository(Hail).findOneBy({ id: hailId });
    if (!hail || hail.status !== 'accepted_by_taxi') return;
    const answer = await this.registry.readHail(hailId);
    await this.recordRead(hailId, answer, round);
    const registryStatus = registryHailStatus(answer);
    if (registryStatus && CUSTOMER_OUTCOMES.includes(registryStatus as HailStatus)) {
      const applied = await this.dataSource.transaction((manager) =>
        this.transitions.apply(manager, { hailId, from: ['accepted_by_taxi'], to: registryStatus as HailStatus, cause: 'registry-poll' }),
      );
      if (applied.applied) return;
    }
    if (round * this.config.pollMs >= WATCH_LIMIT_MS) return;
    await this.scheduler.scheduleWatch(hailId, round + 1, this.config.pollMs);
  }

  /**
   * Re-enqueues what the database says is due and Bull may have lost (a crash after our 200, Redis
   * down or flushed): each hail's first pending update, decision timeouts, customer watches.
   * Updates whose window has closed are expired instead (a hail without received_by_taxi fails).
   * Idempotent: job ids make a second enqueue of a live job a no-op.
   */
  async recover(options: { olderThanMs?: number; restartWatches?: boolean } = {}): Promise<{ updates: number; expired: number }> {
    const before = new Date(Date.now() - (options.olderThanMs ?? 0));
    const pending = await this.dataSource.getRepository(HailUpdate).find({
      where: { state: 'pending', createdAt: LessThan(before) },
      order: { hailId: 'ASC', seq: 'ASC' },
      take: 5000,
    });
    const firstPerHail = new Map<string, HailUpdate>();
    for (const row of pending) if (!firstPerHail.has(row.hailId)) firstPerHail.set(row.hailId, row);

    let expired = 0;
    for (const row of firstPerHail.values()) {
      if (new Date(row.deadlineAt).getTime() <= Date.now()) {
        await this.expire(row);
        expired += 1;
      } else {
        await this.scheduler.kickUpdates(row.hailId, { replaceFinished: true });
      }
    }

    const waiting = await this.dataSource.getRepository(Hail).find({
      where: { status: In(['received_by_taxi', 'accepted_by_taxi']) },
      take: 5000,
    });
    for (const hail of waiting) {
      if (hail.status === 'received_by_taxi' && hail.decisionDeadlineAt) {
        await this.scheduler.scheduleDecisionTimeout(hail.id, new Date(hail.decisionDeadlineAt).getTime() - Date.now());
      } else if (hail.status === 'accepted_by_taxi' && options.restartWatches) {
        // Only at start-up: a live watch re-schedules itself, and a second chain would poll twice.
        await this.scheduler.scheduleWatch(hail.id, 1, this.config.pollMs);
      }
    }
    return { updates: firstPerHail.size - expired, expired };
  }
}

type NewRegistryCall = Omit<RegistryCall, 'id' | 'hail'>;

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

function registryHailStatus(answer: RegistryAnswer): string | undefined {
  if (answer.status !== 200) return undefined;
  const data = (answer.body as { data?: Array<{ status?: unknown }> } | undefined)?.data;
  const status = Array.isArray(data) ? data[0]?.status : undefined;
  return typeof status === 'string' ? status : undefined;
}
