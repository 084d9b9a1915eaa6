import type { DueWorkRequest } from '../database/due-work/due-work.types.js';

/**
 * The hail lifecycle's durable work (`DueWork`, one item per hail and kind), run by the handlers
 * in `hail.work.ts`. Each is written in the transaction that makes it due.
 */
export const HAIL_WORK = {
  /** Send the hail's pending registry updates, in order (received_by_taxi, then the driver's answers). */
  updates: 'hail.updates',
  /** Read the hail back every HAIL_POLL_MS while it waits for the customer. */
  watch: 'hail.watch',
  /**
   * The registry's timers mirrored: the taxi did not answer in time (local timeout_taxi), then
   * each later status's timer (`statusTimer`). The kind keeps its first name: items written before
   * it meant more are still run.
   */
  decisionTimeout: 'hail.decision-timeout',
} as const;

/** The items as they are scheduled (the watch's payload is `WatchHailPayload`, in `hail.work.ts`). */
export const hailWork = {
  /** `deadlineAt`: the first pending update's, for the record (each update keeps its own). */
  updates: (hailId: string, deadlineAt: Date | null = null): DueWorkRequest => ({ kind: HAIL_WORK.updates, key: hailId, deadlineAt }),
  watch: (hailId: string, dueAt: Date, round = 1): DueWorkRequest => ({ kind: HAIL_WORK.watch, key: hailId, dueAt, payload: { round } }),
  decisionTimeout: (hailId: string, dueAt: Date): DueWorkRequest => ({
    kind: HAIL_WORK.decisionTimeout,
    key: hailId,
    dueAt,
    deadlineAt: dueAt,
  }),
  /** The same item, moved to the deadline of a later status (written with `replace`). */
  statusTimeout: (hailId: string, dueAt: Date): DueWorkRequest => ({
    kind: HAIL_WORK.decisionTimeout,
    key: hailId,
    dueAt,
    deadlineAt: null,
  }),
};
