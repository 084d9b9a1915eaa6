import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../common/errors/api-error.js';
import { parseAcknowledgement, parseConsumeQuery, parseEnvelope } from './event-input.js';

const valid = () => ({
  event: { name: 'OrderPlaced', version: 1 },
  system: { id: 'alv123', name: 'codello alvine', time: '2017-09-06 13:58:12', timezone: 'Europe/Berlin' },
  trigger: { type: 'system', name: '/path/to/script.php' },
  payload: {},
});

/** The `field: message` entries of the 400 a parse throws. */
function problems(parse: () => unknown): string[] {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(400);
    return (error as ApiError).errors.map((entry) => `${entry.field}: ${entry.message}`);
  }
  throw new Error('expected a 400');
}

function withField(path: string, value: unknown): Record<string, unknown> {
  const body = valid() as unknown as Record<string, Record<string, unknown>>;
  const [outer, inner] = path.split('.');
  if (inner === undefined) (body as Record<string, unknown>)[outer] = value;
  else body[outer][inner] = value;
  if (value === undefined) {
    if (inner === undefined) delete (body as Record<string, unknown>)[outer];
    else delete body[outer][inner];
  }
  return body;
}

describe('parseEnvelope', () => {
  it('accepts the seed example and ISO 8601 times', () => {
    expect(parseEnvelope(valid()).event.name).toBe('OrderPlaced');
    expect(() => parseEnvelope(withField('system.time', '2017-09-06T13:58:12Z'))).not.toThrow();
    expect(() => parseEnvelope(withField('system.time', '2017-09-06T13:58:12.123+02:00'))).not.toThrow();
    expect(() => parseEnvelope(withField('payload', { nested: { list: [1, 2], empty: null } }))).not.toThrow();
  });

  it.each([
    ['body', null],
    ['body', []],
    ['body', 'a string'],
    ['body', 42],
  ])('refuses a body that is not an object (%s = %j)', (field, body) => {
    expect(problems(() => parseEnvelope(body))).toEqual([`${field}: must be a JSON object`]);
  });

  it.each([
    ['event', undefined, 'is required'],
    ['event', 'OrderPlaced', 'must be an object'],
    ['event.name', undefined, 'must be a non-empty string'],
    ['event.name', '', 'must be a non-empty string'],
    ['event.name', 42, 'must be a non-empty string'],
    ['event.name', 'x'.repeat(201), 'must be at most 200 characters'],
    ['event.version', undefined, 'must be an integer of at least 1'],
    ['event.version', 0, 'must be an integer of at least 1'],
    ['event.version', 1.5, 'must be an integer of at least 1'],
    ['event.version', '1', 'must be an integer of at least 1'],
    ['event.id', 'e0c4a1a2-0000-4000-8000-000000000000', 'is assigned by the server and must not be sent'],
    ['event.id', null, 'is assigned by the server and must not be sent'],
    ['event.sequence', 3, 'unknown field'],
    ['system', undefined, 'is required'],
    ['system', [], 'must be an object'],
    ['system.id', undefined, 'must be a non-empty string'],
    ['system.id', '', 'must be a non-empty string'],
    ['system.name', undefined, 'must be a non-empty string'],
    ['system.name', 7, 'must be a non-empty string'],
    ['system.time', undefined, 'must be an ISO 8601 date-time or YYYY-MM-DD HH:mm:ss'],
    ['system.time', 'yesterday', 'must be an ISO 8601 date-time or YYYY-MM-DD HH:mm:ss'],
    ['system.time', '2017-13-06 13:58:12', 'must be an ISO 8601 date-time or YYYY-MM-DD HH:mm:ss'],
    ['system.time', 1504706292, 'must be an ISO 8601 date-time or YYYY-MM-DD HH:mm:ss'],
    ['system.time', '2017-02-30 13:58:12', 'must be an ISO 8601 date-time or YYYY-MM-DD HH:mm:ss'],
    ['system.time', '2017-09-06 25:00:00', 'must be an ISO 8601 date-time or YYYY-MM-DD HH:mm:ss'],
    ['system.time', '2017-09-06  13:58:12', 'must be an ISO 8601 date-time or YYYY-MM-DD HH:mm:ss'],
    ['system.timezone', undefined, 'must be an IANA time zone name such as Europe/Berlin'],
    ['system.timezone', 'Mars/Olympus', 'must be an IANA time zone name such as Europe/Berlin'],
    ['trigger', undefined, 'is required'],
    ['trigger.type', undefined, 'must be a non-empty string'],
    ['trigger.type', '', 'must be a non-empty string'],
    ['trigger.name', undefined, 'must be a non-empty string'],
    ['payload', undefined, 'is required'],
    ['payload', null, 'is required'],
    ['payload', [], 'must be a JSON object'],
    ['payload', 'text', 'must be a JSON object'],
    ['extra', {}, 'unknown field'],
  ])('refuses %s = %j', (field, value, message) => {
    expect(problems(() => parseEnvelope(withField(field, value)))).toEqual([`${field}: ${message}`]);
  });

  it('lists one entry per faulty field', () => {
    const body = valid() as unknown as Record<string, Record<string, unknown>>;
    body.event.version = 0;
    body.system.timezone = 'nowhere';
    expect(problems(() => parseEnvelope(body))).toEqual([
      'event.version: must be an integer of at least 1',
      'system.timezone: must be an IANA time zone name such as Europe/Berlin',
    ]);
  });
});

describe('parseConsumeQuery', () => {
  it('reads eventName, limit and wait from query strings', () => {
    expect(parseConsumeQuery({ eventName: 'OrderPlaced', limit: '100', wait: '5' })).toMatchObject({
      eventName: 'OrderPlaced',
      limit: 100,
      wait: 5,
    });
    expect(parseConsumeQuery({ eventName: 'OrderPlaced', limit: '1000' }).wait).toBeUndefined();
  });

  it.each([
    [{ limit: '10' }, 'eventName: is required'],
    [{ eventName: '', limit: '10' }, 'eventName: must be a non-empty string'],
    [{ eventName: 'A' }, 'limit: is required'],
    [{ eventName: 'A', limit: 'ten' }, 'limit: must be an integer from 1 to 1000'],
    [{ eventName: 'A', limit: '0' }, 'limit: must be an integer from 1 to 1000'],
    [{ eventName: 'A', limit: '1001' }, 'limit: must be an integer from 1 to 1000'],
    [{ eventName: 'A', limit: '2.5' }, 'limit: must be an integer from 1 to 1000'],
    [{ eventName: 'A', limit: '10', wait: '0' }, 'wait: must be an integer from 1 to 30'],
    [{ eventName: 'A', limit: '10', wait: '31' }, 'wait: must be an integer from 1 to 30'],
    [{ eventName: 'A', limit: '10', wait: 'soon' }, 'wait: must be an integer from 1 to 30'],
    [{ eventName: 'Order\u0000Placed', limit: '10' }, 'eventName: must not contain the NUL character or unpaired surrogates'],
  ])('refuses %j', (query, problem) => {
    expect(problems(() => parseConsumeQuery(query))).toEqual([problem]);
  });
});

describe('parseAcknowledgement', () => {
  it('accepts action=ACK only', () => {
    expect(parseAcknowledgement({ action: 'ACK' }).action).toBe('ACK');
    expect(problems(() => parseAcknowledgement({}))).toEqual(['action: is required']);
    expect(problems(() => parseAcknowledgement({ action: 'ack' }))).toEqual(['action: must be ACK']);
    expect(problems(() => parseAcknowledgement('action=ACK'))).toEqual(['body: must be a JSON object']);
  });
});

describe('parseEnvelope, beyond single fields', () => {
  it('returns the envelope as sent, so the blocks are stored exactly as they came', () => {
    const body = valid();
    const envelope = parseEnvelope(body);
    expect(envelope.system).toBe(body.system);
    expect(envelope.trigger).toBe(body.trigger);
    expect(envelope.payload).toBe(body.payload);
  });

  it('lists unknown keys of a level before its fields, in the order class-validator did', () => {
    const body = {
      zz: 1,
      '5': 2,
      event: { sequence: 1, name: '', version: 0, id: null },
      system: {},
      trigger: [],
      payload: [],
    };
    expect(problems(() => parseEnvelope(body))).toEqual([
      '5: unknown field',
      'zz: unknown field',
      'event.sequence: unknown field',
      'event.name: must be a non-empty string',
      'event.version: must be an integer of at least 1',
      'event.id: is assigned by the server and must not be sent',
      'system.id: must be a non-empty string',
      'system.name: must be a non-empty string',
      'system.time: must be an ISO 8601 date-time or YYYY-MM-DD HH:mm:ss',
      'system.timezone: must be an IANA time zone name such as Europe/Berlin',
      'trigger: must be an object',
      'payload: must be a JSON object',
    ]);
  });

  it('names unknown keys as the validation pipe does', () => {
    const body = valid() as unknown as Record<string, Record<string, unknown>>;
    body.event['7'] = 'x';
    expect(problems(() => parseEnvelope(body))).toEqual(['event[7]: unknown field']);
  });

  it.each([['event'], ['system'], ['trigger']])('wants %s present and not null', (block) => {
    expect(problems(() => parseEnvelope(withField(block, null)))).toEqual([`${block}: is required`]);
    expect(problems(() => parseEnvelope(withField(block, [{}])))).toEqual([`${block}: must be an object`]);
  });

  it('names unknown keys holding spaces, or empty, as unknown fields too', () => {
    const body = Object.assign(valid(), { 'a b': 1 }) as unknown as Record<string, Record<string, unknown>>;
    body.trigger[''] = 2;
    expect(problems(() => parseEnvelope(body))).toEqual(['a b: unknown field', 'trigger.: unknown field']);
  });

  it("refuses unknown keys named after Object.prototype's methods too", () => {
    const body = Object.assign(valid(), { toString: 1 });
    Object.assign(body.event, { constructor: 'x' });
    Object.assign(body.system, { hasOwnProperty: 2 });
    expect(problems(() => parseEnvelope(body))).toEqual([
      'toString: unknown field',
      'event.constructor: unknown field',
      'system.hasOwnProperty: unknown field',
    ]);
  });

  it('refuses a version the integer column cannot hold', () => {
    expect(() => parseEnvelope(withField('event.version', 2_147_483_647))).not.toThrow();
    expect(problems(() => parseEnvelope(withField('event.version', 2_147_483_648)))).toEqual([
      'event.version: must be an integer from 1 to 2147483647',
    ]);
    expect(problems(() => parseEnvelope(withField('event.version', 1e21)))).toEqual([
      'event.version: must be an integer from 1 to 2147483647',
    ]);
  });

  it('counts the length of event.name as PostgreSQL does: a surrogate pair once', () => {
    expect(() => parseEnvelope(withField('event.name', '😀'.repeat(200)))).not.toThrow();
    expect(problems(() => parseEnvelope(withField('event.name', '😀'.repeat(201))))).toEqual([
      'event.name: must be at most 200 characters',
    ]);
  });

  it('takes the times luxon takes, 24:00:00 included', () => {
    expect(() => parseEnvelope(withField('system.time', '2017-09-06T24:00:00'))).not.toThrow();
    expect(() => parseEnvelope(withField('system.time', '2016-02-29t13:58:12.123456789z'))).not.toThrow();
    expect(problems(() => parseEnvelope(withField('system.time', '2017-02-29 13:58:12')))).toEqual([
      'system.time: must be an ISO 8601 date-time or YYYY-MM-DD HH:mm:ss',
    ]);
  });
});

describe('parseEnvelope refuses what PostgreSQL cannot store', () => {
  const UNSTORABLE = 'must not contain the NUL character or unpaired surrogates';

  it.each([
    ['event.name', 'Order\u0000Placed'],
    ['event.name', '\ud83d'],
    ['system.id', '\u0000'],
    ['system.name', 'codello \udc00alvine'],
    ['trigger.type', 'sys\u0000tem'],
    ['trigger.name', '/path/\ud800/script.php'],
  ])('names %s for %j', (field, value) => {
    expect(problems(() => parseEnvelope(withField(field, value)))).toEqual([`${field}: ${UNSTORABLE}`]);
  });

  it.each([
    ['a NUL in a string', { note: 'a\u0000b' }],
    ['a NUL in a key', { ['a\u0000b']: 1 }],
    ['a lone high surrogate deep down', { order: { lines: [{ sku: ['A', '\ud800'] }] } }],
    ['a lone low surrogate in a nested key', { order: [{ ['\udfff']: true }] }],
    ['a reversed surrogate pair', { note: '\ude00\ud83d' }],
  ])('names the payload for %s', (_, payload) => {
    expect(problems(() => parseEnvelope(withField('payload', payload)))).toEqual([`payload: ${UNSTORABLE}`]);
  });

  it('keeps the first failing rule of a field', () => {
    expect(problems(() => parseEnvelope(withField('event.name', '\u0000'.repeat(201))))).toEqual([
      'event.name: must be at most 200 characters',
    ]);
    expect(problems(() => parseEnvelope(withField('system.time', '2017-09-06 13:58:12\u0000')))).toEqual([
      'system.time: must be an ISO 8601 date-time or YYYY-MM-DD HH:mm:ss',
    ]);
  });

  it('accepts surrogate pairs and every other character', () => {
    const text = 'ünïcode 😀 \u0001 \uffff \ud83d\ude00';
    const body = valid() as unknown as Record<string, Record<string, unknown>>;
    body.event.name = text;
    body.system.name = text;
    body.trigger.name = text;
    body.payload = { [text]: [text, { text }] };
    expect(() => parseEnvelope(body)).not.toThrow();
  });

  it('refuses a payload nested deeper than JSON.stringify can write, without overflowing the stack itself', () => {
    let deep: unknown = ['\u0000'];
    for (let level = 0; level < 200_000; level++) deep = level % 2 === 0 ? [deep] : { deeper: deep };
    expect(problems(() => parseEnvelope(withField('payload', { deep })))).toEqual([
      'payload: must not nest objects and arrays more than 512 levels deep',
    ]);
  });
});
