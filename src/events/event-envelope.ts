/** An event as the store writes it: its JSON blocks as text, exactly as they are kept and answered. */
export interface EventToAppend {
  name: string;
  version: number;
  system: string;
  trigger: string;
  payload: string;
}

/** An append's Idempotency-Key and the digest of the request that came with it. */
export interface IdempotencyClaim {
  key: string;
  digest: string;
}

/** A remembered Idempotency-Key: the event its first append wrote. */
export interface RememberedKey {
  eventId: string;
  digest: string;
}

/** What may make an append answer without writing, or refuse it. */
export interface AppendConditions {
  /** A repeat of this key answers the first append's event. */
  idempotency?: IdempotencyClaim;
  /** The last sequence of the event name the producer saw (0 for none): anything else is a 409. */
  expectedSequence?: number;
}

/** What the store answers an append: the event's id, its sequence in its (stream, event name), its stream position. */
export interface AppendedEvent {
  id: string;
  sequence: number;
  position: number;
}

/** An event as the store holds it, read back (JSON blocks as their stored text, instants as dates). */
export interface StoredEventRecord {
  id: string;
  eventName: string;
  sequence: number;
  position: number;
  version: number;
  system: string;
  trigger: string;
  payload: string;
  createdAt: Date;
}

/** One (stream, event name) counter of a stream, or a stream with no event name yet (`eventName` null). */
export interface StreamCounterRecord {
  stream: string;
  producerId: string;
  eventName: string | null;
  lastSequence: number;
  lastEventAt: Date | null;
}

/** A consumer's offset on one event name of a stream, beside the last sequence of that name. */
export interface ConsumerOffsetRecord {
  consumerId: string;
  eventName: string;
  acknowledgedSequence: number;
  lastSequence: number;
  movedAt: Date;
}
