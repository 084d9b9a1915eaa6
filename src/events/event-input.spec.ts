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
