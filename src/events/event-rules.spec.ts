import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../common/errors/api-error.js';
import { domainEventProblem } from './domain-events.publisher.js';
import { eventsErrorBody, eventsErrorStatus } from './events-error.format.js';
import { mediaType, requireClientId, requireEventId, streamNameProblem } from './event-rules.js';

describe('client ids', () => {
  it.each(['shop-1', 'a', 'citymove.operator', 'A_b:c-d.9', 'x'.repeat(128)])('accepts %s', (id) => {
    expect(requireClientId({ 'x-producer-id': id }, 'x-producer-id')).toBe(id);
  });

  it.each(['', 'has space', 'slash/ed', 'é', 'x'.repeat(129), 'semi;colon'])('refuses %j', (id) => {
    expect(() => requireClientId({ 'x-consumer-id': id }, 'x-consumer-id')).toThrow(ApiError);
  });

  it('names the missing header', () => {
    try {
      requireClientId({}, 'x-producer-id');
      throw new Error('expected a 400');
    } catch (error) {
      expect((error as ApiError).errors[0]).toMatchObject({ field: 'X-Producer-ID' });
    }
  });
});

describe('stream names', () => {
  it('accepts 1..200 characters without a slash', () => {
    expect(streamNameProblem('orders')).toBeUndefined();
    expect(streamNameProblem('x'.repeat(200))).toBeUndefined();
    expect(streamNameProblem('with space & ünïcode')).toBeUndefined();
    expect(streamNameProblem('x'.repeat(201))).toBe('must be at most 200 characters');
    expect(streamNameProblem('')).toBe('must not be empty');
    expect(streamNameProblem('a/b')).toBe("must not contain '/'");
  });
});

describe('media types and event ids', () => {
  it('reads the media type without parameters', () => {
    expect(mediaType('Application/JSON; charset=utf-8')).toBe('application/json');
    expect(mediaType(undefined)).toBeUndefined();
  });

  it('wants a UUID', () => {
    expect(requireEventId('0B0F3A8E-9D1C-4C5E-A3B4-2F1F4A9C8D7E')).toBe('0b0f3a8e-9d1c-4c5e-a3b4-2f1f4a9c8d7e');
    expect(() => requireEventId('42')).toThrow(ApiError);
  });
});

describe('the error wire format', () => {
  it('renders the seed strings', () => {
    expect(eventsErrorBody(401, [{ code: 401, message: 'Unauthorized' }])).toBe('Unauthorized');
    expect(eventsErrorBody(423, [{ code: 423, message: 'Second writers not allowed' }])).toBe('Locked - Second writers not allowed');
    expect(eventsErrorBody(413, [{ code: 413, message: 'Payload Too Large' }])).toBe('Payload Too Large');
    expect(eventsErrorBody(404, [{ code: 404, message: 'stream x does not exist' }])).toBe('Not Found - stream x does not exist');
    expect(eventsErrorBody(500, [{ code: 500, message: 'Internal Server Error - req-1' }])).toBe('Internal Server Error - req-1');
    expect(
      eventsErrorBody(400, [
        { code: 400, message: 'must be ACK', field: 'action' },
        { code: 400, message: 'is required', field: 'payload' },
      ]),
    ).toBe('Bad Request - action: must be ACK; payload: is required');
  });

  it("answers 400 for Fastify's 415", () => {
    expect(eventsErrorStatus(415)).toBe(400);
    expect(eventsErrorBody(400, [{ code: 415, message: 'unsupported Content-Type' }])).toBe(
      'Bad Request - Content-Type: must be application/json',
    );
    expect(eventsErrorStatus(404)).toBe(404);
  });
});

describe('domain events', () => {
  const event = { stream: 'operator.hails', producerId: 'citymove.operator', name: 'HailStatusChanged', payload: {} };

  it('follows the HTTP rules', () => {
    expect(domainEventProblem(event)).toBeUndefined();
    expect(domainEventProblem({ ...event, stream: 'a/b' })).toMatch(/^stream/);
    expect(domainEventProblem({ ...event, producerId: 'bad id' })).toMatch(/^producerId/);
    expect(domainEventProblem({ ...event, name: '' })).toMatch(/^name/);
    expect(domainEventProblem({ ...event, version: 0 })).toMatch(/^version/);
    expect(domainEventProblem({ ...event, payload: [] as unknown as Record<string, unknown> })).toMatch(/^payload/);
    expect(domainEventProblem({ ...event, trigger: { type: '', name: 'x' } })).toMatch(/^trigger/);
  });
});
