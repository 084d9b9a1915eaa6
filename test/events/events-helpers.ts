import { expect } from '@jest/globals';
import type supertest from 'supertest';
import { basic, TEST_EVENTS_CLIENTS } from '../helpers/test-app.js';

export const alice = () => basic('alice', TEST_EVENTS_CLIENTS.alice);
export const bob = () => basic('bob', TEST_EVENTS_CLIENTS.bob);

/** The seed's example envelope, with overrides. */
export function envelope(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    event: { name: 'OrderPlaced', version: 1 },
    system: { id: 'alv123', name: 'codello alvine', time: '2017-09-06 13:58:12', timezone: 'Europe/Berlin' },
    trigger: { type: 'system', name: '/path/to/script.php' },
    payload: {},
    ...overrides,
  };
}

export function append(
  http: supertest.Agent,
  stream: string,
  producer: string,
  body: unknown = envelope(),
  auth = alice(),
): supertest.Test {
  return http
    .post(`/api/v1/streams/${encodeURIComponent(stream)}/events`)
    .set('Authorization', auth)
    .set('X-Producer-ID', producer)
    .set('Content-Type', 'application/json; charset=utf-8')
    .send(JSON.stringify(body));
}

export function consume(
  http: supertest.Agent,
  stream: string,
  consumer: string,
  query: Record<string, string | number> = { eventName: 'OrderPlaced', limit: 100 },
): supertest.Test {
  return http
    .get(`/api/v1/streams/${encodeURIComponent(stream)}/events`)
    .query(query)
    .set('Authorization', alice())
    .set('X-Consumer-ID', consumer);
}

export function acknowledge(http: supertest.Agent, stream: string, eventId: string, consumer: string): supertest.Test {
  return http
    .post(`/api/v1/streams/${encodeURIComponent(stream)}/events/${eventId}`)
    .set('Authorization', alice())
    .set('X-Consumer-ID', consumer)
    .type('form')
    .send('action=ACK');
}

/** The JSON string body every events response carries. */
export function jsonBody(response: supertest.Response): unknown {
  expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
  return JSON.parse(response.text);
}
