import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { eventually } from './operator-harness.js';

export interface ReceivedEvent {
  id: string;
  event: string;
  data: Record<string, unknown>;
  at: number;
}

/** A Server-Sent Events client over node:http: what arrived, comments included, with arrival times. */
export interface EventStream {
  status: number;
  headers: IncomingMessage['headers'];
  events: ReceivedEvent[];
  comments: string[];
  ended: boolean;
  next(predicate: (event: ReceivedEvent) => boolean, timeoutMs?: number): Promise<ReceivedEvent>;
  close(): void;
}

export function openEventStream(baseUrl: string, token: string, lastEventId?: string): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'text/event-stream' };
    if (lastEventId !== undefined) headers['Last-Event-ID'] = lastEventId;
    const request: ClientRequest = httpRequest(`${baseUrl}/operator/driver/events`, { headers }, (response) => {
      const stream: EventStream = {
        status: response.statusCode ?? 0,
        headers: response.headers,
        events: [],
        comments: [],
        ended: false,
        next: (predicate, timeoutMs = 5000) => eventually(async () => stream.events.find(predicate), timeoutMs, 'event'),
        close: () => request.destroy(),
      };
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields: Record<string, string> = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) stream.comments.push(line.slice(1).trim());
            else {
              const colon = line.indexOf(':');
              fields[line.slice(0, colon)] = line.slice(colon + 1).trim();
            }
          }
          if (fields.event)
            stream.events.push({ id: fields.id, event: fields.event, data: JSON.parse(fields.data ?? 'null'), at: Date.now() });
        }
      });
      response.on('end', () => (stream.ended = true));
      response.on('close', () => (stream.ended = true));
      response.on('error', () => (stream.ended = true));
      resolve(stream);
    });
    request.on('error', (error) => (error.message.includes('socket hang up') ? undefined : reject(error)));
    request.end();
  });
}
