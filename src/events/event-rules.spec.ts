import { describe, expect, it } from '@jest/globals';
import { DateTime } from 'luxon';
import { ApiError } from '../common/errors/api-error.js';
import { domainEventProblem } from './domain-events.publisher.js';
import { eventsErrorBody, eventsErrorStatus } from './events-error.format.js';
import {
  MAX_JSON_DEPTH,
  STORABLE_TEXT_RULE,
  characterCount,
  isIanaTimeZone,
  isParsableDateTime,
  isStorableText,
  storableJsonProblem,
  mediaType,
  requireClientId,
  requireEventId,
  requireStreamName,
  streamNameProblem,
} from './event-rules.js';

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

  it.each(['orders\u0000', '\u0000', 'orders\ud800', '\udc00orders'])('refuses %j, which a text column cannot store', (name) => {
    expect(streamNameProblem(name)).toBe(STORABLE_TEXT_RULE);
    try {
      requireStreamName(name);
      throw new Error('expected a 400');
    } catch (error) {
      expect(error).toBeInstanceOf(ApiError);
      expect((error as ApiError).errors[0]).toMatchObject({ code: 400, field: 'streamName', message: STORABLE_TEXT_RULE });
    }
  });

  it('accepts surrogate pairs', () => {
    expect(requireStreamName('orders 😀')).toBe('orders 😀');
  });
});

describe('storable text and JSON', () => {
  it.each([
    ['', true],
    ['plain', true],
    ['😀 \ud83d\ude00 \uffff \u0001', true],
    ['\u0000', false],
    ['a\u0000', false],
    ['\ud800', false],
    ['a\udbffb', false],
    ['\udc00', false],
    ['\ude00\ud83d', false],
    ['😀\ud83d', false],
  ])('%j is storable: %s', (text, storable) => {
    const problem = storable ? undefined : 'must not contain the NUL character or unpaired surrogates';
    expect(isStorableText(text)).toBe(storable);
    expect(storableJsonProblem({ text })).toBe(problem);
    expect(storableJsonProblem({ [text]: 1 })).toBe(problem);
    expect(storableJsonProblem([[{ deeper: [text] }]])).toBe(problem);
  });

  it('takes numbers, booleans, null and shared or cyclic objects', () => {
    const shared = { name: 'x' };
    const cyclic: Record<string, unknown> = { list: [shared, shared, 1, true, null] };
    cyclic.self = cyclic;
    expect(storableJsonProblem(cyclic)).toBeUndefined();
    shared.name = '\u0000';
    expect(storableJsonProblem(cyclic)).toBe('must not contain the NUL character or unpaired surrogates');
  });

  it(`nests at most ${MAX_JSON_DEPTH} levels, the deepest JSON.stringify and jsonb are both sure to take`, () => {
    const nested = (levels: number) => {
      let value: unknown = 'bottom';
      for (let level = 0; level < levels; level++) value = level % 2 === 0 ? [value] : { deeper: value };
      return value;
    };
    expect(storableJsonProblem(nested(MAX_JSON_DEPTH))).toBeUndefined();
    expect(() => JSON.stringify(nested(MAX_JSON_DEPTH))).not.toThrow();
    expect(storableJsonProblem(nested(MAX_JSON_DEPTH + 1))).toBe(
      `must not nest objects and arrays more than ${MAX_JSON_DEPTH} levels deep`,
    );
  });

  it('counts characters as PostgreSQL does: a surrogate pair once, a lone surrogate once', () => {
    expect(characterCount('abc')).toBe(3);
    expect(characterCount('😀😀')).toBe(2);
    expect(characterCount('\ud83d\ud83d\ude00')).toBe(2);
    expect(characterCount('\ude00\ud83d')).toBe(2);
  });
});

describe('date-times', () => {
  // The fast path must agree with luxon (which reads the seed form with a `T`) on every shape.
  const luxonReads = (value: string) =>
    DateTime.fromISO(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(value) ? value.replace(' ', 'T') : value).isValid;

  it.each([
    '2017-09-06 13:58:12',
    '2017-09-06T13:58:12',
    '2017-09-06t13:58:12z',
    '2017-09-06T13:58:12Z',
    '2017-09-06T13:58:12.1+02:00',
    '2017-09-06T13:58:12.123456789-05:30',
    '2017-09-06T13:58:12.1234567890Z',
    '2017-09-06T13:58:12,5Z',
    '2017-09-06T13:58:12+14:00',
    '2017-09-06T13:58:12+99:99',
    '2017-09-06T13:58:12+0200',
    '2017-09-06T13:58:12[Europe/Berlin]',
    '2016-02-29 00:00:00',
    '2017-02-29 00:00:00',
    '2000-02-29T00:00:00',
    '1900-02-29T00:00:00',
    '0000-02-29T00:00:00',
    '2017-04-31T00:00:00',
    '2017-12-31 23:59:59',
    '2017-12-32 00:00:00',
    '2017-00-10 00:00:00',
    '2017-13-10 00:00:00',
    '2017-01-00 00:00:00',
    '2017-09-06 24:00:00',
    '2017-09-06T24:00:00',
    '2017-09-06T24:00:00.0009',
    '2017-09-06T24:00:00.001',
    '2017-09-06T24:00:01',
    '2017-09-06 25:00:00',
    '2017-09-06 23:60:00',
    '2017-09-06 23:59:60',
    '2017-09-06 99:99:99',
    '2017-09-06  13:58:12',
    '2017-09-06 13:58:12Z',
    '2017-09-06 13:58:12.5',
    ' 2017-09-06T13:58:12',
    '2017-09-06T13:58:12 ',
    '2017-09-06T13:58:12.',
    '2017-9-6T13:58:12',
    '2017-W36-3',
    '2017-249',
    '20170906T135812',
    '2017-09-06',
    'yesterday',
    ' ',
  ])('reads %j as luxon does', (value) => {
    expect(isParsableDateTime(value)).toBe(luxonReads(value));
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 1504706292, {}, []]) expect(isParsableDateTime(value)).toBe(false);
  });

  it('knows IANA zone names', () => {
    expect(isIanaTimeZone('Europe/Berlin')).toBe(true);
    expect(isIanaTimeZone('UTC')).toBe(true);
    expect(isIanaTimeZone('Mars/Olympus')).toBe(false);
    expect(isIanaTimeZone('Europe/Ber\u0000lin')).toBe(false);
    expect(isIanaTimeZone('')).toBe(false);
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

  it('refuses what PostgreSQL cannot store', () => {
    expect(domainEventProblem({ ...event, stream: 'operator\u0000hails' })).toBe(`stream ${STORABLE_TEXT_RULE}`);
    expect(domainEventProblem({ ...event, name: 'Hail\ud800' })).toBe(`name ${STORABLE_TEXT_RULE}`);
    expect(domainEventProblem({ ...event, payload: { hail: { note: ['\u0000'] } } })).toBe(`payload ${STORABLE_TEXT_RULE}`);
    expect(domainEventProblem({ ...event, trigger: { type: 'system', name: 'x\udc00' } })).toBe(`trigger ${STORABLE_TEXT_RULE}`);
    expect(domainEventProblem({ ...event, payload: { rider: '😀' } })).toBeUndefined();
  });
});
