import { DomainError, type DomainErrorTable } from '../common/errors/domain-error.js';

/**
 * The event store's refusals and their answers. The wire format (one JSON string, "<reason> -
 * <message>") is the events routes' ErrorFormat (`events-error.format.ts`), applied by the filter.
 */
export const EVENTS_ERRORS = {
  /** Another producer owns the stream (the contract's single-writer rule). */
  SECOND_WRITER: { status: 423 },
  /** No first event was ever written to the stream. */
  STREAM_NOT_FOUND: { status: 404 },
  /** No event of that id in the stream. */
  EVENT_NOT_FOUND: { status: 404 },
  /** X-Expected-Sequence is not the event name's last sequence (a conditional append lost its race). */
  SEQUENCE_CONFLICT: { status: 409 },
  /** An Idempotency-Key already used for a different request body (IETF draft: 422). */
  IDEMPOTENCY_KEY_REUSED: { status: 422 },
  /** An offset seek past the event name's last sequence. */
  OFFSET_BEYOND_HEAD: { status: 400 },
} satisfies DomainErrorTable<string>;

export type EventsErrorCode = keyof typeof EVENTS_ERRORS;

export class EventsError extends DomainError<EventsErrorCode> {}
