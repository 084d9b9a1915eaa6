/**
 * The platform's environment contract (`docs/contracts/README.md`, "Configuration"), parsed and validated
 * once. Every namespace in `configuration.ts` reads from `readEnvironment()`, so an invalid value
 * stops the boot with one line per variable before anything connects anywhere.
 */
import { isIP } from 'node:net';

export type DatabaseDialect = 'postgres' | 'sqlite';

export interface Environment {
  NODE_ENV: string;
  PORT: number;
  HOST: string;
  LOG_LEVEL: LogLevel;
  DATABASE_URL: string | undefined;
  DB_MIGRATIONS_RUN: boolean;
  REDIS_URL: string;
  QUEUE_PREFIX: string;
  RUN_PROCESSORS: boolean;
  /** Unset: a generated secret (`jwt-secret.ts`), never a fixed one. */
  JWT_SECRET: string | undefined;
  JWT_TTL: number;
  SESSION_CACHE_MS: number;
  LOGIN_RATE_LIMIT: RateLimitSetting;
  LOGIN_ACCOUNT_RATE_LIMIT: RateLimitSetting;
  SIGNUP_RATE_LIMIT: RateLimitSetting;
  AUTH_FAILURE_RATE_LIMIT: RateLimitSetting;
  PUBLIC_URL: string | undefined;
  PASSWORD_HASH_ROUNDS: number;
  ADMIN_USER: string | undefined;
  ADMIN_PASSWORD: string | undefined;
  EVENTS_CLIENTS: Map<string, string>;
  /** Events clients limited to streams whose names start with one of their prefixes. */
  EVENTS_CLIENT_STREAMS: Map<string, string[]>;
  /** The most bytes of events one page of a read carries (at least one event always). */
  EVENTS_PAGE_MAX_BYTES: number;
  /** How long an append's Idempotency-Key is remembered. */
  EVENTS_IDEMPOTENCY_KEY_HOURS: number;
  /** How often a Server-Sent Events subscription sends a heartbeat comment. */
  EVENTS_SSE_HEARTBEAT_MS: number;
  TRUST_PROXY: boolean;
  API_TAXI_URL: string;
  API_TAXI_KEY: string | undefined;
  HAIL_AUTH_HEADER_NAME: string | undefined;
  HAIL_AUTH_HEADER_VALUE: string | undefined;
  AUTO_ACCEPT: boolean;
  HAIL_RECEIVED_DEADLINE_MS: number;
  HAIL_DECISION_TIMEOUT_MS: number;
  HAIL_POLL_MS: number;
  HAIL_CUSTOMER_TIMEOUT_MS: number;
  HAIL_PICKUP_TIMEOUT_MS: number;
  HAIL_RIDE_TIMEOUT_MS: number;
  REGISTRY_REQUEST_TIMEOUT_MS: number;
  TAXI_STATUS_POLL_MS: number;
  GEOTAXI_INTERVAL_MS: number;
  DRIVER_EVENTS_HEARTBEAT_MS: number;
  DRIVER_EVENTS_POLL_MS: number;
  HAIL_ADMISSION_MAX_LAG_MS: number;
  DUE_WORK_POLL_MS: number;
  DUE_WORK_LEASE_MS: number;
  /** How many days ahead parking dates may be booked, lent or locked in. */
  PARKING_HORIZON_DAYS: number;
  GBFS_SYSTEM_ID: string;
  GBFS_SYSTEM_NAME: string;
  GBFS_CONTACT_EMAIL: string;
  GBFS_TIMEZONE: string;
  GBFS_LANGUAGE: string;
  /** How long a reservation holds a bike, in minutes (a fraction allowed). */
  RESERVATION_MINUTES: number;
  /** A bike silent for this long is no longer listed in GBFS `vehicle_status`. */
  GBFS_STALE_AFTER_S: number;
  /** An electric bike whose battery is below this percentage is not offered as available. */
  GBFS_MIN_CHARGE_PERCENT: number;
  /** Deep-link templates of GBFS `rental_uris`, with `{vehicle_id}` for the vehicle's public id. */
  GBFS_RENTAL_URI_ANDROID: string | undefined;
  GBFS_RENTAL_URI_IOS: string | undefined;
  GBFS_RENTAL_URI_WEB: string | undefined;
  EVENT_LOOP_MAX_LAG_MS: number;
  EVENT_LOOP_RETRY_AFTER_S: number;
  METRICS_TOKEN: string | undefined;
  METRICS_PORT: number | undefined;
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** An HMAC key shorter than this is refused: HS256 wants at least its 256-bit output. */
export const MIN_JWT_SECRET_BYTES = 32;

/** `<limit>/<seconds>`: that many attempts per window. */
export interface RateLimitSetting {
  limit: number;
  windowSeconds: number;
}

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

  /**
   * A deep-link template: a URI (any scheme, e.g. `citymove://` for an app) once `{vehicle_id}`,
   * which it must contain, is replaced; the web one must be http(s).
   */
  rentalUriTemplate(name: string, webOnly: boolean): string | undefined {
    const value = this.optionalString(name);
    if (value === undefined) return undefined;
    let url: URL | undefined;
    try {
      url = new URL(value.replaceAll('{vehicle_id}', 'x'));
    } catch {
      url = undefined;
    }
    const schemeOk = url !== undefined && (!webOnly || ['http:', 'https:'].includes(url.protocol));
    if (!value.includes('{vehicle_id}') || !schemeOk) {
      this.problems.push(`${name}: must be a ${webOnly ? 'http(s) ' : ''}URI containing {vehicle_id}, got "${value}"`);
      return undefined;
    }
    return value;
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

  /** A plain decimal (`15`, `0.05`): for durations whose unit reads best but tests need a fraction of. */
  decimal(name: string, fallback: number, min: number, max: number): number {
    const value = this.value(name);
    if (value === undefined) return fallback;
    if (!/^\d+(\.\d+)?$/.test(value) || Number(value) < min || Number(value) > max) {
      this.problems.push(`${name}: must be a number from ${min} to ${max}, got "${value}"`);
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

  rateLimit(name: string, fallback: RateLimitSetting): RateLimitSetting {
    const value = this.value(name);
    if (value === undefined) return fallback;
    const match = /^(\d{1,6})\/(\d{1,6})$/.exec(value);
    if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) {
      this.problems.push(`${name}: must be <attempts>/<seconds> such as 10/60, got "${value}"`);
      return fallback;
    }
    return { limit: Number(match[1]), windowSeconds: Number(match[2]) };
  }

  /** An http(s) origin, optionally with a path prefix; no query or fragment; no trailing slash. */
  publicUrl(name: string): string | undefined {
    const value = this.value(name);
    if (value === undefined) return undefined;
    try {
      const url = new URL(value);
      if (!['http:', 'https:'].includes(url.protocol) || url.search || url.hash || url.username || url.password) throw new Error('shape');
      return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
    } catch {
      this.problems.push(`${name}: must be an http(s) URL such as https://api.example.org, without query or fragment, got "${value}"`);
      return undefined;
    }
  }

  /** An address to listen on: an IPv4 or IPv6 literal, or `localhost`. */
  listenAddress(name: string, fallback: string): string {
    const value = this.value(name) ?? fallback;
    if (value !== 'localhost' && isIP(value) === 0) {
      this.problems.push(`${name}: must be an IP address such as 0.0.0.0, 127.0.0.1 or ::, got "${value}"`);
      return fallback;
    }
    return value;
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

  /** `client:prefix|prefix2[,client2:prefix]`, each client one of EVENTS_CLIENTS. */
  clientStreams(name: string, clients: Map<string, string>): Map<string, string[]> {
    const limits = new Map<string, string[]>();
    const value = this.value(name);
    if (value === undefined) return limits;
    for (const entry of value.split(',')) {
      const separator = entry.indexOf(':');
      const client = entry.slice(0, separator).trim();
      const prefixes = entry
        .slice(separator + 1)
        .split('|')
        .map((prefix) => prefix.trim());
      if (separator <= 0 || prefixes.some((prefix) => prefix === '')) {
        this.problems.push(`${name}: must be client:prefix[|prefix2][,client2:prefix], got an entry "${entry.trim()}"`);
      } else if (!clients.has(client)) {
        this.problems.push(`${name}: ${client} is not one of EVENTS_CLIENTS`);
      } else {
        limits.set(client, prefixes);
      }
    }
    return limits;
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

/** Where the embedded database lives when DATABASE_URL is unset. */
export const DEFAULT_SQLITE_PATH = 'data/citymove.sqlite';

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
  } else if (jwtSecret !== undefined && Buffer.byteLength(jwtSecret) < MIN_JWT_SECRET_BYTES) {
    env.problems.push(`JWT_SECRET: must be at least ${MIN_JWT_SECRET_BYTES} bytes long (try: openssl rand -base64 48)`);
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
  const metricsToken = env.optionalString('METRICS_TOKEN');
  if (metricsToken !== undefined && (metricsToken.length < 32 || !/^[\x21-\x7e]+$/.test(metricsToken))) {
    env.problems.push('METRICS_TOKEN: must be at least 32 printable characters without spaces');
  }
  const metricsPort = env.optionalString('METRICS_PORT') === undefined ? undefined : env.integer('METRICS_PORT', 0, 1, 65535);
  const queuePrefix = env.string('QUEUE_PREFIX', 'citymove');
  if (!/^[A-Za-z0-9_.:-]{1,64}$/.test(queuePrefix)) {
    env.problems.push(`QUEUE_PREFIX: must be 1-64 letters, digits, '_', '.', ':' or '-', got "${queuePrefix}"`);
  }

  const eventsClients = env.clients('EVENTS_CLIENTS');

  const environment: Environment = {
    NODE_ENV: nodeEnv,
    PORT: env.integer('PORT', 3000, 0, 65535),
    HOST: env.listenAddress('HOST', '0.0.0.0'),
    LOG_LEVEL: env.oneOf('LOG_LEVEL', 'info', LOG_LEVELS),
    DATABASE_URL: env.databaseUrl('DATABASE_URL'),
    DB_MIGRATIONS_RUN: env.boolean('DB_MIGRATIONS_RUN', true),
    REDIS_URL: env.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    QUEUE_PREFIX: queuePrefix,
    RUN_PROCESSORS: env.boolean('RUN_PROCESSORS', true),
    JWT_SECRET: jwtSecret,
    JWT_TTL: env.integer('JWT_TTL', 3600, 1, 31_536_000),
    SESSION_CACHE_MS: env.integer('SESSION_CACHE_MS', 5000, 0, 60_000),
    LOGIN_RATE_LIMIT: env.rateLimit('LOGIN_RATE_LIMIT', { limit: 10, windowSeconds: 60 }),
    LOGIN_ACCOUNT_RATE_LIMIT: env.rateLimit('LOGIN_ACCOUNT_RATE_LIMIT', { limit: 10, windowSeconds: 60 }),
    SIGNUP_RATE_LIMIT: env.rateLimit('SIGNUP_RATE_LIMIT', { limit: 20, windowSeconds: 3600 }),
    AUTH_FAILURE_RATE_LIMIT: env.rateLimit('AUTH_FAILURE_RATE_LIMIT', { limit: 20, windowSeconds: 300 }),
    PUBLIC_URL: env.publicUrl('PUBLIC_URL'),
    PASSWORD_HASH_ROUNDS: env.integer('PASSWORD_HASH_ROUNDS', 10, 4, 15),
    ADMIN_USER: adminUser,
    ADMIN_PASSWORD: adminPassword,
    EVENTS_CLIENTS: eventsClients,
    EVENTS_CLIENT_STREAMS: env.clientStreams('EVENTS_CLIENT_STREAMS', eventsClients),
    EVENTS_PAGE_MAX_BYTES: env.integer('EVENTS_PAGE_MAX_BYTES', 4 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    EVENTS_IDEMPOTENCY_KEY_HOURS: env.integer('EVENTS_IDEMPOTENCY_KEY_HOURS', 24, 24, 24 * 365),
    EVENTS_SSE_HEARTBEAT_MS: env.integer('EVENTS_SSE_HEARTBEAT_MS', 15_000, 100, 300_000),
    TRUST_PROXY: env.boolean('TRUST_PROXY', false),
    API_TAXI_URL: env.url('API_TAXI_URL', 'https://dev.api.taxi', ['http:', 'https:']),
    API_TAXI_KEY: env.optionalString('API_TAXI_KEY'),
    HAIL_AUTH_HEADER_NAME: hailHeaderName,
    HAIL_AUTH_HEADER_VALUE: hailHeaderValue,
    AUTO_ACCEPT: env.boolean('AUTO_ACCEPT', false),
    HAIL_RECEIVED_DEADLINE_MS: env.integer('HAIL_RECEIVED_DEADLINE_MS', 10_000, 100, 3_600_000),
    HAIL_DECISION_TIMEOUT_MS: env.integer('HAIL_DECISION_TIMEOUT_MS', 30_000, 100, 3_600_000),
    HAIL_POLL_MS: env.integer('HAIL_POLL_MS', 2000, 50, 3_600_000),
    HAIL_CUSTOMER_TIMEOUT_MS: env.integer('HAIL_CUSTOMER_TIMEOUT_MS', 30_000, 100, 3_600_000),
    HAIL_PICKUP_TIMEOUT_MS: env.integer('HAIL_PICKUP_TIMEOUT_MS', 30 * 60_000, 100, 86_400_000),
    HAIL_RIDE_TIMEOUT_MS: env.integer('HAIL_RIDE_TIMEOUT_MS', 2 * 3_600_000, 100, 86_400_000),
    REGISTRY_REQUEST_TIMEOUT_MS: env.integer('REGISTRY_REQUEST_TIMEOUT_MS', 5000, 100, 60_000),
    TAXI_STATUS_POLL_MS: env.integer('TAXI_STATUS_POLL_MS', 30_000, 50, 3_600_000),
    GEOTAXI_INTERVAL_MS: env.integer('GEOTAXI_INTERVAL_MS', 5000, 20, 60_000),
    DRIVER_EVENTS_HEARTBEAT_MS: env.integer('DRIVER_EVENTS_HEARTBEAT_MS', 15_000, 50, 300_000),
    DRIVER_EVENTS_POLL_MS: env.integer('DRIVER_EVENTS_POLL_MS', 100, 10, 10_000),
    HAIL_ADMISSION_MAX_LAG_MS: env.integer('HAIL_ADMISSION_MAX_LAG_MS', 2000, 100, 3_600_000),
    DUE_WORK_POLL_MS: env.integer('DUE_WORK_POLL_MS', 250, 10, 60_000),
    DUE_WORK_LEASE_MS: env.integer('DUE_WORK_LEASE_MS', 2000, 200, 600_000),
    PARKING_HORIZON_DAYS: env.integer('PARKING_HORIZON_DAYS', 120, 1, 3660),
    GBFS_SYSTEM_ID: env.string('GBFS_SYSTEM_ID', 'citymove'),
    GBFS_SYSTEM_NAME: env.string('GBFS_SYSTEM_NAME', 'citymove'),
    GBFS_CONTACT_EMAIL: gbfsContactEmail,
    GBFS_TIMEZONE: env.timeZone('GBFS_TIMEZONE', 'Europe/Paris'),
    GBFS_LANGUAGE: env.string('GBFS_LANGUAGE', 'en'),
    RESERVATION_MINUTES: env.decimal('RESERVATION_MINUTES', 15, 0.01, 1440),
    GBFS_STALE_AFTER_S: env.integer('GBFS_STALE_AFTER_S', 300, 1, 86_400),
    GBFS_MIN_CHARGE_PERCENT: env.integer('GBFS_MIN_CHARGE_PERCENT', 10, 0, 100),
    GBFS_RENTAL_URI_ANDROID: env.rentalUriTemplate('GBFS_RENTAL_URI_ANDROID', false),
    GBFS_RENTAL_URI_IOS: env.rentalUriTemplate('GBFS_RENTAL_URI_IOS', false),
    GBFS_RENTAL_URI_WEB: env.rentalUriTemplate('GBFS_RENTAL_URI_WEB', true),
    EVENT_LOOP_MAX_LAG_MS: env.integer('EVENT_LOOP_MAX_LAG_MS', 0, 0, 60_000),
    EVENT_LOOP_RETRY_AFTER_S: env.integer('EVENT_LOOP_RETRY_AFTER_S', 1, 1, 3600),
    METRICS_TOKEN: metricsToken,
    METRICS_PORT: metricsPort,
  };
  if (env.problems.length > 0) throw new ConfigValidationError(env.problems);
  return environment;
}
