import { describe, expect, it } from '@jest/globals';
import { ConfigValidationError, readEnvironment } from './environment.js';

function problemsOf(raw: Record<string, string>): string[] {
  try {
    readEnvironment(raw);
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
  return [];
}

describe('readEnvironment', () => {
  it('gives the contract defaults for an empty environment', () => {
    const env = readEnvironment({});
    expect(env).toMatchObject({
      PORT: 3000,
      DATABASE_URL: undefined,
      DB_MIGRATIONS_RUN: true,
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: 'citymove',
      RUN_PROCESSORS: true,
      JWT_SECRET: undefined,
      JWT_TTL: 3600,
      SESSION_CACHE_MS: 5000,
      LOGIN_RATE_LIMIT: { limit: 10, windowSeconds: 60 },
      PUBLIC_URL: undefined,
      API_TAXI_URL: 'https://dev.api.taxi',
      AUTO_ACCEPT: false,
      HAIL_RECEIVED_DEADLINE_MS: 10_000,
      HAIL_DECISION_TIMEOUT_MS: 30_000,
      HAIL_POLL_MS: 2000,
      GBFS_SYSTEM_ID: 'citymove',
      GBFS_TIMEZONE: 'Europe/Paris',
      GBFS_LANGUAGE: 'en',
    });
    expect(env.EVENTS_CLIENTS.size).toBe(0);
  });

  it('parses typed values', () => {
    const env = readEnvironment({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/citymove',
      RUN_PROCESSORS: 'false',
      EVENTS_CLIENTS: 'alice:s3cret,bob:pa:ss',
      AUTO_ACCEPT: 'true',
    });
    expect(env.PORT).toBe(8080);
    expect(env.DATABASE_URL).toBe('postgres://u:p@db:5432/citymove');
    expect(env.RUN_PROCESSORS).toBe(false);
    expect([...env.EVENTS_CLIENTS]).toEqual([
      ['alice', 's3cret'],
      ['bob', 'pa:ss'],
    ]);
    expect(env.AUTO_ACCEPT).toBe(true);
  });

  it('accepts sqlite URLs, in-memory included', () => {
    expect(readEnvironment({ DATABASE_URL: 'sqlite::memory:' }).DATABASE_URL).toBe('sqlite::memory:');
    expect(readEnvironment({ DATABASE_URL: 'sqlite:/tmp/x.sqlite' }).DATABASE_URL).toBe('sqlite:/tmp/x.sqlite');
  });

  it('reports one line per invalid variable, all at once', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://localhost/x',
      REDIS_URL: 'http://localhost',
      RUN_PROCESSORS: 'maybe',
      JWT_TTL: '0',
      GBFS_TIMEZONE: 'Mars/Olympus',
      EVENTS_CLIENTS: 'nopassword',
    });
    expect(problems).toHaveLength(7);
    expect(problems).toEqual(
      expect.arrayContaining([
        'PORT: must be an integer from 0 to 65535, got "eighty"',
        expect.stringMatching(/^DATABASE_URL: must be postgres:/),
        expect.stringMatching(/^REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/),
        'RUN_PROCESSORS: must be true or false, got "maybe"',
        expect.stringMatching(/^JWT_TTL: /),
        expect.stringMatching(/^GBFS_TIMEZONE: /),
        expect.stringMatching(/^EVENTS_CLIENTS: /),
      ]),
    );
    for (const problem of problems) expect(problem).not.toContain('\n');
  });

  it('reads RESERVATION_MINUTES as a decimal number of minutes (default 15), refusing anything else', () => {
    expect(readEnvironment({}).RESERVATION_MINUTES).toBe(15);
    expect(readEnvironment({ RESERVATION_MINUTES: '0.05' }).RESERVATION_MINUTES).toBe(0.05);
    expect(readEnvironment({ RESERVATION_MINUTES: '30' }).RESERVATION_MINUTES).toBe(30);
    for (const bad of ['0', '-1', 'abc', '1e3', '.5', '2000']) {
      expect(problemsOf({ RESERVATION_MINUTES: bad })).toEqual([`RESERVATION_MINUTES: must be a number from 0.01 to 1440, got "${bad}"`]);
    }
  });

  it('requires JWT_SECRET in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual(['JWT_SECRET: required when NODE_ENV=production']);
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'a-long-enough-production-secret-0123' })).toEqual([]);
  });

  it('refuses a JWT_SECRET shorter than 32 bytes, counting bytes, not characters', () => {
    expect(problemsOf({ JWT_SECRET: 'x'.repeat(31) })).toEqual([expect.stringMatching(/^JWT_SECRET: must be at least 32 bytes long/)]);
    expect(problemsOf({ JWT_SECRET: 'x'.repeat(32) })).toEqual([]);
    // 16 characters of two bytes each: 32 bytes.
    expect(problemsOf({ JWT_SECRET: 'é'.repeat(16) })).toEqual([]);
    expect(problemsOf({ JWT_SECRET: 'é'.repeat(15) })).toHaveLength(1);
  });

  it('reads rate limits as <attempts>/<seconds> and PUBLIC_URL as an origin with an optional path', () => {
    expect(readEnvironment({ SIGNUP_RATE_LIMIT: '3/600' }).SIGNUP_RATE_LIMIT).toEqual({ limit: 3, windowSeconds: 600 });
    expect(problemsOf({ LOGIN_RATE_LIMIT: '10' })).toEqual([expect.stringMatching(/^LOGIN_RATE_LIMIT: must be <attempts>\/<seconds>/)]);
    expect(problemsOf({ LOGIN_RATE_LIMIT: '0/60' })).toHaveLength(1);
    expect(readEnvironment({ PUBLIC_URL: 'https://api.example.org/' }).PUBLIC_URL).toBe('https://api.example.org');
    expect(readEnvironment({ PUBLIC_URL: 'https://Example.org:8443/city/' }).PUBLIC_URL).toBe('https://example.org:8443/city');
    for (const bad of ['ftp://x.org', 'https://x.org/?a=1', 'not a url', 'https://u:p@x.org']) {
      expect(problemsOf({ PUBLIC_URL: bad })).toEqual([expect.stringMatching(/^PUBLIC_URL: /)]);
    }
  });

  it('reads EVENTS_CLIENT_STREAMS as client:prefix|prefix, for known clients only', () => {
    const env = readEnvironment({ EVENTS_CLIENTS: 'alice:a,bob:b', EVENTS_CLIENT_STREAMS: 'bob:shop.|billing.' });
    expect([...env.EVENTS_CLIENT_STREAMS]).toEqual([['bob', ['shop.', 'billing.']]]);
    expect(problemsOf({ EVENTS_CLIENTS: 'alice:a', EVENTS_CLIENT_STREAMS: 'carol:x.' })).toEqual([
      'EVENTS_CLIENT_STREAMS: carol is not one of EVENTS_CLIENTS',
    ]);
    expect(problemsOf({ EVENTS_CLIENTS: 'alice:a', EVENTS_CLIENT_STREAMS: 'alice:' })).toHaveLength(1);
  });

  it('reads the GBFS freshness, charge and rental_uris settings, refusing templates without {vehicle_id}', () => {
    const defaults = readEnvironment({});
    expect([defaults.GBFS_STALE_AFTER_S, defaults.GBFS_MIN_CHARGE_PERCENT, defaults.GBFS_RENTAL_URI_WEB]).toEqual([300, 10, undefined]);
    const env = readEnvironment({ GBFS_RENTAL_URI_IOS: 'citymove://bikes/{vehicle_id}', GBFS_MIN_CHARGE_PERCENT: '25' });
    expect([env.GBFS_RENTAL_URI_IOS, env.GBFS_MIN_CHARGE_PERCENT]).toEqual(['citymove://bikes/{vehicle_id}', 25]);
    expect(problemsOf({ GBFS_RENTAL_URI_ANDROID: 'https://x.org/bikes' })).toEqual([
      expect.stringMatching(/^GBFS_RENTAL_URI_ANDROID: .*\{vehicle_id\}/),
    ]);
    expect(problemsOf({ GBFS_RENTAL_URI_WEB: 'citymove://bikes/{vehicle_id}' })).toEqual([
      expect.stringMatching(/^GBFS_RENTAL_URI_WEB: must be a http\(s\)/),
    ]);
    expect(problemsOf({ GBFS_RENTAL_URI_IOS: 'not a uri {vehicle_id}' })).toHaveLength(1);
    expect(problemsOf({ GBFS_MIN_CHARGE_PERCENT: '101' })).toHaveLength(1);
    expect(problemsOf({ GBFS_STALE_AFTER_S: '0' })).toHaveLength(1);
  });

  it('refuses half-configured credential pairs', () => {
    expect(problemsOf({ ADMIN_USER: 'admin' })).toEqual(['ADMIN_USER, ADMIN_PASSWORD: set both or neither']);
    expect(problemsOf({ HAIL_AUTH_HEADER_VALUE: 'x' })).toEqual(['HAIL_AUTH_HEADER_NAME, HAIL_AUTH_HEADER_VALUE: set both or neither']);
  });

  it('listens on every interface unless HOST names one address', () => {
    expect(readEnvironment({}).HOST).toBe('0.0.0.0');
    for (const host of ['127.0.0.1', '::1', '::', '10.0.0.7', 'localhost']) expect(readEnvironment({ HOST: host }).HOST).toBe(host);
    for (const host of ['example.org', '127.0.0.256', 'http://127.0.0.1', '0.0.0.0:3000']) {
      expect(problemsOf({ HOST: host })).toEqual([`HOST: must be an IP address such as 0.0.0.0, 127.0.0.1 or ::, got "${host}"`]);
    }
  });
});
