import type { ConsumerOffsetRecord, StoredEventRecord, StreamCounterRecord } from './event-envelope.js';
import type { ConsumerPositionDto, EventStatsDto, StreamStatsDto, StreamSummaryDto } from './dto/event-responses.dto.js';
import type { StoreFigures } from './events.repository.js';

/**
 * An event as consumers receive it, as JSON text: the stored envelope with `event.id`,
 * `event.sequence`, `createdAt` (and its stream `position` where asked). The stored blocks are
 * spliced in as the producer sent them: parsing and re-serialising them would round big integers,
 * drop `1.10`'s zero, and collapse duplicate keys.
 */
export function deliveredEventText(event: StoredEventRecord, withPosition = false): string {
  const descriptor = `{"name":${JSON.stringify(event.eventName)},"version":${event.version},"id":"${event.id}","sequence":${event.sequence}}`;
  const position = withPosition ? `,"position":${event.position}` : '';
  return (
    `{"event":${descriptor},"system":${event.system},"trigger":${event.trigger},"payload":${event.payload},` +
    `"createdAt":"${event.createdAt.toISOString()}"${position}}`
  );
}

/** A page of events as one JSON array text. */
export function deliveredEventsText(events: StoredEventRecord[], withPosition = false): string {
  return `[${events.map((event) => deliveredEventText(event, withPosition)).join(',')}]`;
}

/** One summary per stream (in the counters' order): owner, events of all names, names, last append. */
export function toStreamSummaryViews(counters: StreamCounterRecord[]): StreamSummaryDto[] {
  const streams = new Map<string, StreamSummaryDto>();
  for (const counter of counters) {
    let summary = streams.get(counter.stream);
    if (!summary) {
      summary = { name: counter.stream, producerId: counter.producerId, events: 0, eventNames: [], lastEventAt: null };
      streams.set(counter.stream, summary);
    }
    if (counter.eventName === null) continue;
    summary.events += counter.lastSequence;
    summary.eventNames.push(counter.eventName);
    const at = (counter.lastEventAt as Date).toISOString();
    if (summary.lastEventAt === null || at > summary.lastEventAt) summary.lastEventAt = at;
  }
  return [...streams.values()];
}

/** A consumer's offset on one event name, and how many events of that name it has still to ACK. */
export function toConsumerPositionView(offset: ConsumerOffsetRecord): ConsumerPositionDto {
  return {
    consumerId: offset.consumerId,
    eventName: offset.eventName,
    offset: offset.acknowledgedSequence,
    behind: offset.lastSequence - offset.acknowledgedSequence,
    movedAt: offset.movedAt.toISOString(),
  };
}

/** The store's statistics, limited to the streams `visible` says the client may see. */
export function toEventStatsView(figures: StoreFigures, visible: (stream: string) => boolean): EventStatsDto {
  const streams = new Map<string, StreamStatsDto>();
  for (const counter of figures.counters) {
    if (!visible(counter.stream)) continue;
    let stream = streams.get(counter.stream);
    if (!stream) {
      stream = { name: counter.stream, producerId: counter.producerId, events: 0, eventNames: [] };
      streams.set(counter.stream, stream);
    }
    if (counter.eventName === null || counter.lastSequence === 0) continue;
    stream.events += counter.lastSequence;
    stream.eventNames.push({
      name: counter.eventName,
      events: counter.lastSequence,
      lastEventAt: (counter.lastEventAt as Date).toISOString(),
    });
  }
  const consumers = figures.consumers
    .filter((consumer) => visible(consumer.stream))
    .map((consumer) => ({
      stream: consumer.stream,
      consumerId: consumer.consumerId,
      eventName: consumer.eventName,
      offset: consumer.acknowledgedSequence,
      lag: consumer.lastSequence - consumer.acknowledgedSequence,
    }));
  const all = [...streams.values()];
  return {
    streams: all.length,
    events: all.reduce((sum, stream) => sum + stream.events, 0),
    appendsPerMinute: figures.appendsLastMinute,
    byStream: all,
    consumers,
  };
}
