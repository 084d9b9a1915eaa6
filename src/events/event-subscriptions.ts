import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { FastifyReply } from 'fastify';
import { once } from 'node:events';
import type { OutgoingHttpHeaders } from 'node:http';
import { eventsConfig } from '../config/configuration.js';
import { EventsMetrics } from './events.metrics.js';
import { EventsService } from './events.service.js';
import { deliveredEventText } from './events.views.js';

export interface Subscription {
  stream: string;
  eventName: string;
  consumerId: string;
  /** Last-Event-ID: the sequence the consumer last received (0 for none). */
  after: number;
}

/**
 * Server-Sent Events for `GET …/events/subscribe`: the events past the consumer's offset (or past
 * Last-Event-ID), then each one as it commits, woken by `EventArrivals` like a long poll. Each
 * message carries its sequence as `id`, so a client that reconnects sends it back as Last-Event-ID.
 */
@Injectable()
export class EventSubscriptions {
  private readonly logger = new Logger(EventSubscriptions.name);

  constructor(
    private readonly events: EventsService,
    private readonly metrics: EventsMetrics,
    @Inject(eventsConfig.KEY) private readonly config: ConfigType<typeof eventsConfig>,
  ) {}

  /** Takes the reply over and streams until the client leaves or the process shuts down. */
  async serve(reply: FastifyReply, subscription: Subscription): Promise<void> {
    const { stream, eventName, consumerId, after } = subscription;
    const raw = reply.raw;
    const closed = new AbortController();
    raw.on('close', () => closed.abort());
    reply.hijack();
    raw.writeHead(200, {
      ...(reply.getHeaders() as OutgoingHttpHeaders),
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // A proxy must not hold messages back (nginx buffers responses by default).
      'X-Accel-Buffering': 'no',
    });
    // The client learns the stream is open before any event; `retry` is how soon it should come back.
    raw.write('retry: 1000\n: subscribed\n\n');
    const heartbeat = setInterval(() => {
      if (!raw.writableEnded && !raw.destroyed) raw.write(': heartbeat\n\n');
    }, this.config.sseHeartbeatMs);
    const closeGauge = this.metrics.subscribed();
    try {
      for await (const event of this.events.subscribe(stream, eventName, consumerId, after, closed.signal)) {
        const message = `id: ${event.sequence}\nevent: ${eventLine(eventName)}\n${dataLines(deliveredEventText(event))}\n`;
        // Back-pressure: a slow client holds the reads back rather than the process's memory growing.
        if (!raw.write(message) && !closed.signal.aborted) await Promise.race([once(raw, 'drain'), once(raw, 'close')]);
      }
    } catch (error) {
      this.logger.warn(`subscription to ${stream}/${eventName} of ${consumerId} ended: ${String(error)}`);
    } finally {
      clearInterval(heartbeat);
      closeGauge();
      if (!raw.writableEnded) raw.end();
    }
  }
}

/** The `data:` lines of a message: the stored text may hold line breaks (a pretty-printed payload). */
function dataLines(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => `data: ${line}\n`)
    .join('');
}

/** An event name as one `event:` field (a line break in it would end the field). */
function eventLine(name: string): string {
  return name.replace(/[\r\n]/g, ' ');
}
