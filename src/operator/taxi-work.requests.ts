import type { DueWorkRequest } from '../database/due-work/due-work.types.js';

/**
 * The taxis' durable work at the registry (`DueWork`, one item per taxi and kind), run by the
 * handlers in `taxi-status.work.ts`; each is written in the transaction that makes it due.
 */
export const TAXI_WORK = {
  /** Deliver the driver's latest requested status (`PUT /taxis/:id`). */
  setStatus: 'taxi.set-status',
  /** Read the taxi's status back (`GET /taxis/:id`), again every TAXI_STATUS_POLL_MS while it is not off. */
  readStatus: 'taxi.read-status',
} as const;

/** How long a driver's status request is worth delivering: after that the driver is told it failed. */
export const SET_STATUS_WINDOW_MS = 10 * 60_000;

export const taxiWork = {
  setStatus: (taxiId: string, requestedAt: Date): DueWorkRequest => ({
    kind: TAXI_WORK.setStatus,
    key: taxiId,
    deadlineAt: new Date(requestedAt.getTime() + SET_STATUS_WINDOW_MS),
  }),
  readStatus: (taxiId: string, dueAt: Date): DueWorkRequest => ({ kind: TAXI_WORK.readStatus, key: taxiId, dueAt }),
};
