/**
 * The platform's environment contract (`spec/README.md`, "Configuration"), parsed and validated
 * once. Every namespace in `configuration.ts` reads from `readEnvironment()`, so an invalid value
 * stops the boot with one line per variable before anything connects anywhere.
 */

export type DatabaseDialect = 'postgres' | 'sqlite';

export interface Environment {
  NODE_ENV: string;
  PORT: number;
  LOG_LEVEL: LogLevel;
  DATABASE_URL: string | undefined;
  DB_MIGRATIONS_RUN: boolean;
  REDIS_URL: string;
  QUEUE_PREFIX: string;
  RUN_PROCESSORS: boolean;
  JWT_SECRET: string;
  JWT_SECRET_IS_DEFAULT: boolean;
  JWT_TTL: number;
  PASSWORD_HASH_ROUNDS: number;
  ADMIN_USER: string | undefined;
  ADMIN_PASSWORD: string | undefined;
  EVENTS_CLIENTS: Map<string, string>;
  TRUST_PROXY: boolean;
  API_TAXI_URL: string;
  API_TAXI_KEY: string | undefined;
  HAIL_AUTH_HEADER_NAME: string | undefined;
  HAIL_AUTH_HEADER_VALUE: string | undefined;
  AUTO_ACCEPT: boolean;
  HAIL_RECEIVED_DEADLINE_MS: number;
  HAIL_DECISION_TIMEOUT_MS: number;
  HAIL_POLL_MS: number;
  GBFS_SYSTEM_ID: string;
  GBFS_SYSTEM_NAME: string;
  GBFS_CONTACT_EMAIL: string;
  GBFS_TIMEZONE: string;
  GBFS_LANGUAGE: string;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Only for development and tests: production refuses to boot without a real secret. */
export const DEVELOPMENT_JWT_SECRET = 'citymove-development-secret-do-not-use-in-production';

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigValidationError';
  }
}

type RawEnvironment = Record<string, string | undefined>;

/** Reads one variable after another, collecting every problem instead of stopping at the first. */
class EnvironmentReader {
  readonly problems: string[] = [];

  constructor(private readonly raw: RawEnvironment) {}

  private value(name: string): string | undefined {
    const value = this.raw[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  }

  string(name: string, fallback: string): string {
    return this.value(name) ?? fallback;
  }

  optionalString(name: string): string | undefined {
    return this.value(name);
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const value = this.value(name);
    if (value === undefined) return fallback;
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      this.problems.push(`${name}: must be an integer from ${min} to ${max}, got "${value}"`);
      return fallback;
    }
    return Number(value);
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.value(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (['true', '1', 'yes'].includes(value)) return true;
    if (['false', '0', 'no'].includes(value)) return false;
    this.problems.push(`${name}: must be true or false, got "${this.value(name)}"`);
    return fallback;
  }

  url(name: string, fallback: string, protocols: string[]): string {
    const value = this.value(name) ?? fallback;
    try {
      const url = new URL(value);
      if (!protocols.includes(url.protocol)) throw new Error('protocol');
      return value;
    } catch {
      this.problems.push(`${name}: must be a ${protocols.map((p) => p + '//').join(' or ')} URL, got "${value}"`);
      return fallback;
    }
  }

  oneOf<T extends string>(name: string, fallback: T, allowed: readonly T[]): T {
    const value = this.value(name);
    if (value === undefined) return fallback;
    if (!allowed.includes(value as T)) {
      this.problems.push(`${name}: must be one of ${allowed.join(', ')}, got "${value}"`);
      return fallback;
    }
    return value as T;
  }

  timeZone(name: string, fallback: string): string {
    const value = this.value(name) ?? fallback;
    if (!isTimeZone(value)) this.problems.push(`${name}: must be an IANA time zone such as Europe/Paris, got "${value}"`);
    return value;
  }

  databaseUrl(name: string): string | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    if (value.startsWith('sqlite:') && value.length > 'sqlite:'.length) return value;
    if (/^postgres(ql)?:\/\//.test(value)) {
      try {
        new URL(value);
        return value;
      } catch {
        /* reported below */
      }
    }
    this.problems.push(`${name}: must be postgres://user:pass@host:port/db or sqlite:<path>, got "${value}"`);
    return undefined;
  }

  clients(name: string): Map<string, string> {
    const clients = new Map<string, string>();
    const value = this.value(name);
    if (value === undefined) return clients;
    for (const pair of value.split(',')) {
      const separator = pair.indexOf(':');
      const client = pair.slice(0, separator).trim();
      const password = pair.slice(separator + 1);
      if (separator <= 0 || password === '') {
        this.problems.push(`${name}: must be name:password[,name2:password2], got an entry "${pair.trim()}"`);
        continue;
      }
      clients.set(client, password);
    }
    return clients;
  }
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function databaseDialect(databaseUrl: string | undefined): DatabaseDialect {
  return databaseUrl !== undefined && /^postgres(ql)?:\/\//.test(databaseUrl) ? 'postgres' : 'sqlite';
}

/** Parses and validates the environment; throws a `ConfigValidationError` listing every problem. */
export function readEnvironment(raw: RawEnvironment = process.env): Environment {
  const env = new EnvironmentReader(raw);
  const nodeEnv = env.string('NODE_ENV', 'development');
  const jwtSecret = env.optionalString('JWT_SECRET');
  if (nodeEnv === 'production' && jwtSecret === undefined) {
    env.problems.push('JWT_SECRET: required when NODE_ENV=production');
  } else if (jwtSecret !== undefined && jwtSecret.length < 16) {
    env.problems.push('JWT_SECRET: must be at least 16 characters long');
  }
  const adminUser = env.optionalString('ADMIN_USER');
  const adminPassword = env.optionalString('ADMIN_PASSWORD');
  if ((adminUser === undefined) !== (adminPassword === undefined)) {
    env.problems.push('ADMIN_USER, ADMIN_PASSWORD: set both or neither');
  }
  const hailHeaderName = env.optionalString('HAIL_AUTH_HEADER_NAME');
  const hailHeaderValue = env.optionalString('HAIL_AUTH_HEADER_VALUE');
  if ((hailHeaderName === undefined) !== (hailHeaderValue === undefined)) {
    env.problems.push('HAIL_AUTH_HEADER_NAME, HAIL_AUTH_HEADER_VALUE: set both or neither');
  } else if (hailHeaderName !== undefined && !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(hailHeaderName)) {
    env.problems.push(`HAIL_AUTH_HEADER_NAME: must be a valid HTTP header name, got "${hailHeaderName}"`);
  }
  const gbfsContactEmail = env.string('GBFS_CONTACT_EMAIL', 'gbfs@example.org');
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(gbfsContactEmail)) {
    env.problems.push(`GBFS_CONTACT_EMAIL: must be an e-mail address, got "${gbfsContactEmail}"`);
  }
  const queuePrefix = env.string('QUEUE_PREFIX', 'citymove');
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(queuePrefix)) {
    env.problems.push(`QUEUE_PREFIX: must be 1-64 letters, digits, '_', '.', ':' or '-', got "${queuePrefix}"`);
  }

  const environment: Environment = {
    NODE_ENV: nodeEnv,
    PORT: env.integer('PORT', 3000, 0, 65535),
    LOG_LEVEL: env.oneOf('LOG_LEVEL', 'info', LOG_LEVELS),
    DATABASE_URL: env.databaseUrl('DATABASE_URL'),
    DB_MIGRATIONS_RUN: env.boolean('DB_MIGRATIONS_RUN', true),
    REDIS_URL: env.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    QUEUE_PREFIX: queuePrefix,
    RUN_PROCESSORS: env.boolean('RUN_PROCESSORS', true),
    JWT_SECRET: jwtSecret ?? DEVELOPMENT_JWT_SECRET,
    JWT_SECRET_IS_DEFAULT: jwtSecret === undefined,
    JWT_TTL: env.integer('JWT_TTL', 3600, 1, 31_536_000),
    PASSWORD_HASH_ROUNDS: env.integer('PASSWORD_HASH_ROUNDS', 10, 4, 15),
    ADMIN_USER: adminUser,
    ADMIN_PASSWORD: adminPassword,
    EVENTS_CLIENTS: env.clients('EVENTS_CLIENTS'),
    TRUST_PROXY: env.boolean('TRUST_PROXY', false),
    API_TAXI_URL: env.url('API_TAXI_URL', 'https://dev.api.taxi', ['http:', 'https:']),
    API_TAXI_KEY: env.optionalString('API_TAXI_KEY'),
    HAIL_AUTH_HEADER_NAME: hailHeaderName,
    HAIL_AUTH_HEADER_VALUE: hailHeaderValue,
    AUTO_ACCEPT: env.boolean('AUTO_ACCEPT', false),
    HAIL_RECEIVED_DEADLINE_MS: env.integer('HAIL_RECEIVED_DEADLINE_MS', 10_000, 100, 3_600_000),
    HAIL_DECISION_TIMEOUT_MS: env.integer('HAIL_DECISION_TIMEOUT_MS', 30_000, 100, 3_600_000),
    HAIL_POLL_MS: env.integer('HAIL_POLL_MS', 2000, 50, 3_600_000),
    GBFS_SYSTEM_ID: env.string('GBFS_SYSTEM_ID', 'citymove'),
    GBFS_SYSTEM_NAME: env.string('GBFS_SYSTEM_NAME', 'citymove'),
    GBFS_CONTACT_EMAIL: gbfsContactEmail,
    GBFS_TIMEZONE: env.timeZone('GBFS_TIMEZONE', 'Europe/Paris'),
    GBFS_LANGUAGE: env.string('GBFS_LANGUAGE', 'en'),
  };
  if (env.problems.length > 0) throw new ConfigValidationError(env.problems);
  return environment;
}
