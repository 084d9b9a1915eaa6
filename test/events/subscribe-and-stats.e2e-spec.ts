import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestApp, TestApp } from '../helpers/test-app.js';
import { acknowledge, alice, append, envelope, jsonBody } from './events-helpers.js';

const METRICS_TOKEN = 'metrics-token-for-tests-0123456789abcdef';
const HEARTBEAT_MS = 200;

interface SseMessage {
  id?: string;
  event?: string;
  data: string;
  receivedAt: number;
}

/** A Server-Sent Events client on a raw connection: the messages as they arrive, the comments counted. */
interface Subscription {
  status: number;
  headers: http.IncomingHttpHeaders;
  messages: SseMessage[];
  comments: string[];
  waitFor(count: number, timeoutMs?: number): Promise<SseMessage[]>;
  /** Calls `listener` when the server ends the stream. */
  onEnd(listener: () => void): void;
  close(): void;
}

function subscribe(
  port: number,
  stream: string,
  consumer: string,
  eventName: string,
  headers: Record<string, string> = {},
): Promise<Subscription> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      {
        host: '127.0.0.1',
        port,
        path: `/api/v1/streams/${encodeURIComponent(stream)}/events/subscribe?eventName=${encodeURIComponent(eventName)}`,
        headers: { Authorization: alice(), 'X-Consumer-ID': consumer, Accept: 'text/event-stream', ...headers },
      },
      (response) => {
        const messages: SseMessage[] = [];
        const comments: string[] = [];
        let buffer = '';
        const waiters: Array<() => void> = [];
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          buffer += chunk;
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const message: SseMessage = { data: '', receivedAt: performance.now() };
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith(':')) comments.push(line.slice(1).trim());
              else if (line.startsWith('data: ')) data.push(line.slice(6));
              else if (line.startsWith('id: ')) message.id = line.slice(4);
              else if (line.startsWith('event: ')) message.event = line.slice(7);
            }
            if (data.length > 0) {
              message.data = data.join('\n');
              messages.push(message);
            }
          }
          for (const wake of waiters.splice(0)) wake();
        });
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          messages,
          comments,
          async waitFor(count, timeoutMs = 5000) {
            const deadline = Date.now() + timeoutMs;
            while (messages.length < count) {
              if (Date.now() > deadline) throw new Error(`${messages.length} of ${count} messages after ${timeoutMs} ms`);
              await new Promise<void>((wake) => {
                waiters.push(wake);
                setTimeout(wake, 50);
              });
            }
            return messages;
          },
          onEnd: (listener) => {
            if (response.complete) listener();
            else response.on('end', listener);
          },
          close: () => request.destroy(),
        });
      },
    );
    request.on('error', reject);
  });
}

/** Push delivery, statistics and metrics (issue 18), on both databases. */
describe('subscriptions, statistics and metrics', () => {
  let testApp: TestApp;
  let port: number;
  const client = () => testApp.http();

  beforeAll(async () => {
    testApp = await createTestApp({ processors: false, env: { METRICS_TOKEN, EVENTS_SSE_HEARTBEAT_MS: String(HEARTBEAT_MS) } });
    await testApp.app.listen(0, '127.0.0.1');
    port = (testApp.app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => testApp.close());

  const eventOf = (message: SseMessage) => JSON.parse(message.data) as { event: { id: string; sequence: number }; payload: { n: number } };
  const appendN = (stream: string, n: number) => append(client(), stream, 'shop-1', envelope({ payload: { n } })).expect(200);

  describe('GET …/events/subscribe', () => {
    it('sends the backlog past the offset, then each event as it commits; prints the delivery latency', async () => {
      await appendN('push', 1);
      const ids = [jsonBody(await appendN('push', 2)) as string];
      await acknowledge(client(), 'push', jsonBody(await appendN('push', 3)) as string, 'other').expect(200);
      // This consumer's offset is 1: the backlog is 2 and 3.
      const first = (
        await client()
          .get('/api/v1/streams/push/events?eventName=OrderPlaced&limit=1')
          .set('Authorization', alice())
          .set('X-Consumer-ID', 'push-c')
          .expect(200)
      ).body;
      await acknowledge(client(), 'push', (first as Array<{ event: { id: string } }>)[0].event.id, 'push-c').expect(200);

      const subscription = await subscribe(port, 'push', 'push-c', 'OrderPlaced');
      try {
        expect(subscription.status).toBe(200);
        expect(subscription.headers['content-type']).toBe('text/event-stream; charset=utf-8');
        const backlog = await subscription.waitFor(2);
        expect(backlog.map((message) => [message.id, message.event, eventOf(message).payload.n])).toEqual([
          ['2', 'OrderPlaced', 2],
          ['3', 'OrderPlaced', 3],
        ]);
        expect(eventOf(backlog[0]).event.id).toBe(ids[0]);

        const latencies: number[] = [];
        for (let n = 4; n <= 8; n++) {
          // From the request's start: an upper bound of the time from commit to delivery.
          const sentAt = performance.now();
          await appendN('push', n);
          const [message] = (await subscription.waitFor(n - 1)).slice(-1);
          expect(eventOf(message).payload.n).toBe(n);
          latencies.push(message.receivedAt - sentAt);
        }
        const worst = Math.max(...latencies);
        console.log(
          `[figure] SSE delivery, from the append's request to the message: ${latencies.map((ms) => ms.toFixed(1)).join(', ')} ms (worst ${worst.toFixed(1)} ms)`,
        );
        expect(worst).toBeLessThan(2000);
        // Heartbeats while idle.
        await new Promise((resolve) => setTimeout(resolve, HEARTBEAT_MS * 3));
        expect(subscription.comments.filter((comment) => comment === 'heartbeat').length).toBeGreaterThanOrEqual(1);
      } finally {
        subscription.close();
      }
    });

    it('resumes after a dropped connection with Last-Event-ID; without it, from the acknowledged offset (at-least-once)', async () => {
      for (let n = 1; n <= 3; n++) await appendN('push-resume', n);
      const first = await subscribe(port, 'push-resume', 'r', 'OrderPlaced');
      const seen = await first.waitFor(3);
      first.close();
      // Committed while no connection was open.
      await appendN('push-resume', 4);
      await appendN('push-resume', 5);

      const resumed = await subscribe(port, 'push-resume', 'r', 'OrderPlaced', { 'Last-Event-ID': seen[2].id as string });
      try {
        const messages = await resumed.waitFor(2);
        expect(messages.map((message) => message.id)).toEqual(['4', '5']);
      } finally {
        resumed.close();
      }
      // Nothing was acknowledged: a subscription without Last-Event-ID gets everything again.
      const again = await subscribe(port, 'push-resume', 'r', 'OrderPlaced');
      try {
        expect((await again.waitFor(5)).map((message) => message.id)).toEqual(['1', '2', '3', '4', '5']);
      } finally {
        again.close();
      }
    });

    it('keeps the payload bytes, and splits a multi-line payload into data lines', async () => {
      const text = JSON.stringify(envelope()).replace(
        '"payload":{}',
        () => '"payload":{\n  "big": 12345678901234567890123,\n  "p": 1.10\n}',
      );
      await client()
        .post('/api/v1/streams/push-bytes/events')
        .set('Authorization', alice())
        .set('X-Producer-ID', 'shop-1')
        .set('Content-Type', 'application/json')
        .send(text)
        .expect(200);
      const subscription = await subscribe(port, 'push-bytes', 'b', 'OrderPlaced');
      try {
        const [message] = await subscription.waitFor(1);
        expect(message.data).toContain('"payload":{\n  "big": 12345678901234567890123,\n  "p": 1.10\n}');
      } finally {
        subscription.close();
      }
    });

    it('an open subscription ends when its process shuts down, without holding the shutdown', async () => {
      const other = await createTestApp({ processors: false });
      let closed = false;
      try {
        await other.app.listen(0, '127.0.0.1');
        const otherPort = (other.app.getHttpServer().address() as AddressInfo).port;
        await append(other.http(), 'push-shutdown', 'shop-1').expect(200);
        const subscription = await subscribe(otherPort, 'push-shutdown', 's', 'OrderPlaced');
        await subscription.waitFor(1);
        const ended = new Promise<void>((resolve) => subscription.onEnd(resolve));
        const started = performance.now();
        const closing = other.close();
        await ended;
        const ending = performance.now() - started;
        await closing;
        closed = true;
        const shutdown = performance.now() - started;
        console.log(
          `[figure] open subscription ended ${ending.toFixed(0)} ms into the shutdown (whole close, database drop included: ${shutdown.toFixed(0)} ms)`,
        );
        // Loose bounds (a loaded machine): a subscription that held the shutdown would never end.
        expect(ending).toBeLessThan(5000);
        expect(shutdown).toBeLessThan(30_000);
      } finally {
        if (!closed) await other.close();
      }
    });

    it('400 for a missing eventName or a bad Last-Event-ID, 404 for an unknown stream, 401 without credentials', async () => {
      await appendN('push-bad', 1);
      const base = '/api/v1/streams/push-bad/events/subscribe';
      expect(jsonBody(await client().get(base).set('Authorization', alice()).set('X-Consumer-ID', 'c').expect(400))).toBe(
        'Bad Request - eventName: is required',
      );
      expect(
        jsonBody(
          await client()
            .get(`${base}?eventName=OrderPlaced`)
            .set('Authorization', alice())
            .set('X-Consumer-ID', 'c')
            .set('Last-Event-ID', '1e2')
            .expect(400),
        ),
      ).toBe('Bad Request - Last-Event-ID: must be an integer from 0 to 9007199254740991');
      expect(jsonBody(await client().get(`${base}?eventName=OrderPlaced`).set('Authorization', alice()).expect(400))).toMatch(
        /^Bad Request - X-Consumer-ID: /,
      );
      expect(
        jsonBody(
          await client()
            .get('/api/v1/streams/push-none/events/subscribe?eventName=A')
            .set('Authorization', alice())
            .set('X-Consumer-ID', 'c')
            .expect(404),
        ),
      ).toBe('Not Found - stream push-none does not exist');
      await client().get(`${base}?eventName=OrderPlaced`).set('X-Consumer-ID', 'c').expect(401);
    });
  });

  describe('GET /api/v1/stats and /metrics', () => {
    it('streams, events per stream and name, consumers and their lag, appends in the last minute', async () => {
      for (let n = 1; n <= 3; n++) await appendN('stats-a', n);
      const paid = await append(client(), 'stats-a', 'shop-1', envelope({ event: { name: 'OrderPaid', version: 1 } })).expect(200);
      await acknowledge(client(), 'stats-a', jsonBody(paid) as string, 'ledger').expect(200);
      const stats = jsonBody(await client().get('/api/v1/stats').set('Authorization', alice()).expect(200)) as {
        streams: number;
        events: number;
        appendsPerMinute: number;
        byStream: Array<{ name: string; producerId: string; events: number; eventNames: Array<{ name: string; events: number }> }>;
        consumers: Array<{ stream: string; consumerId: string; eventName: string; offset: number; lag: number }>;
      };
      const statsA = stats.byStream.find((stream) => stream.name === 'stats-a');
      expect(statsA).toMatchObject({
        producerId: 'shop-1',
        events: 4,
        eventNames: [
          expect.objectContaining({ name: 'OrderPaid', events: 1 }),
          expect.objectContaining({ name: 'OrderPlaced', events: 3 }),
        ],
      });
      expect(stats.streams).toBe(stats.byStream.length);
      expect(stats.events).toBe(stats.byStream.reduce((sum, stream) => sum + stream.events, 0));
      expect(stats.appendsPerMinute).toBeGreaterThanOrEqual(4);
      expect(stats.consumers).toContainEqual({ stream: 'stats-a', consumerId: 'ledger', eventName: 'OrderPaid', offset: 1, lag: 0 });
      await client().get('/api/v1/stats').expect(401);
    });

    it('the events figures reach the Prometheus endpoint', async () => {
      await appendN('metrics-a', 1);
      await append(client(), 'metrics-a', 'shop-1').set('Idempotency-Key', 'm-1').expect(200);
      await append(client(), 'metrics-a', 'shop-1').set('Idempotency-Key', 'm-1').expect(200);
      await append(client(), 'metrics-a', 'shop-1').set('X-Expected-Sequence', '0').expect(409);
      const { text } = await client().get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
      const value = (series: string) =>
        Number(
          text
            .split('\n')
            .find((line) => line.startsWith(`${series} `))
            ?.slice(series.length + 1),
        );
      expect(value('citymove_events_idempotent_repeats_total')).toBeGreaterThanOrEqual(1);
      expect(value('citymove_events_sequence_conflicts_total')).toBeGreaterThanOrEqual(1);
      expect(value('citymove_events_streams')).toBeGreaterThanOrEqual(1);
      expect(value('citymove_events_appends_last_minute')).toBeGreaterThanOrEqual(2);
      expect(value('citymove_events_appended_total')).toBeGreaterThanOrEqual(2);
      expect(text).toContain('citymove_events_stream_head_sequence{stream="metrics-a",event_name="OrderPlaced"} 2');
      expect(text).toMatch(/^citymove_events_subscriptions \d+$/m);
    });
  });
});
