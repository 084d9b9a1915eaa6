import { describe, expect, it } from '@jest/globals';
import { ConfigValidationError, DEVELOPMENT_JWT_SECRET, readEnvironment } from './environment.js';

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
      JWT_SECRET: DEVELOPMENT_JWT_SECRET,
      JWT_SECRET_IS_DEFAULT: true,
      JWT_TTL: 3600,
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
    expect([...env.EVENTS_CLIENTS]).toEqual([['alice', 's3cret'], ['bob', 'pa:ss']]);
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

  it('requires JWT_SECRET in production', () => {
    expect(problemsOf({ NODE_ENV: 'production' })).toEqual(['JWT_SECRET: required when NODE_ENV=production']);
    expect(problemsOf({ NODE_ENV: 'production', JWT_SECRET: 'a-long-enough-production-secret' })).toEqual([]);
  });

  it('refuses half-configured credential pairs', () => {
    expect(problemsOf({ ADMIN_USER: 'admin' })).toEqual(['ADMIN_USER, ADMIN_PASSWORD: set both or neither']);
    expect(problemsOf({ HAIL_AUTH_HEADER_VALUE: 'x' })).toEqual(['HAIL_AUTH_HEADER_NAME, HAIL_AUTH_HEADER_VALUE: set both or neither']);
  });
});
