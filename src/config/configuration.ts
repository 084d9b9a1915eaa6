import { registerAs } from '@nestjs/config';
import { databaseDialect, readEnvironment } from './environment.js';
import { resolveJwtSecret } from './jwt-secret.js';

/**
 * Typed configuration namespaces, each injected where it is read:
 * `@Inject(authConfig.KEY) auth: ConfigType<typeof authConfig>`. Each factory re-reads the validated
 * environment when the application is created, so tests may set variables before each boot. What
 * the process needs before Nest exists (port, log level, trust proxy, processors) is read from
 * `readEnvironment()` by the entry points, not from here.
 */

export const appConfig = registerAs('app', () => {
  const env = readEnvironment();
  return {
    publicUrl: env.PUBLIC_URL,
    eventLoopMaxLagMs: env.EVENT_LOOP_MAX_LAG_MS,
    eventLoopRetryAfterS: env.EVENT_LOOP_RETRY_AFTER_S,
  };
});

export const databaseConfig = registerAs('database', () => {
  const env = readEnvironment();
  return {
    url: env.DATABASE_URL,
    dialect: databaseDialect(env.DATABASE_URL),
    migrationsRun: env.DB_MIGRATIONS_RUN,
  };
});

export const queueConfig = registerAs('queue', () => {
  const env = readEnvironment();
  return { redisUrl: env.REDIS_URL, prefix: env.QUEUE_PREFIX };
});

export const authConfig = registerAs('auth', () => {
  const env = readEnvironment();
  const jwtSecret = resolveJwtSecret(env);
  return {
    jwtSecret: jwtSecret.secret,
    jwtSecretSource: jwtSecret,
    jwtTtl: env.JWT_TTL,
    /** How long a process trusts what it read of an account's sessions (revocation bound, see docs/security.md). */
    sessionCacheMs: env.SESSION_CACHE_MS,
    rateLimits: {
      login: env.LOGIN_RATE_LIMIT,
      loginAccount: env.LOGIN_ACCOUNT_RATE_LIMIT,
      signup: env.SIGNUP_RATE_LIMIT,
      authFailures: env.AUTH_FAILURE_RATE_LIMIT,
    },
    passwordHashRounds: env.PASSWORD_HASH_ROUNDS,
    admin:
      env.ADMIN_USER !== undefined && env.ADMIN_PASSWORD !== undefined ? { user: env.ADMIN_USER, password: env.ADMIN_PASSWORD } : undefined,
    eventsClients: env.EVENTS_CLIENTS,
    eventsClientStreams: env.EVENTS_CLIENT_STREAMS,
  };
});

export const eventsConfig = registerAs('events', () => {
  const env = readEnvironment();
  return {
    pageMaxBytes: env.EVENTS_PAGE_MAX_BYTES,
    idempotencyKeyMs: env.EVENTS_IDEMPOTENCY_KEY_HOURS * 3_600_000,
    sseHeartbeatMs: env.EVENTS_SSE_HEARTBEAT_MS,
  };
});

export const operatorConfig = registerAs('operator', () => {
  const env = readEnvironment();
  return {
    apiTaxiUrl: env.API_TAXI_URL,
    apiTaxiKey: env.API_TAXI_KEY,
    hailAuthHeader:
      env.HAIL_AUTH_HEADER_NAME !== undefined && env.HAIL_AUTH_HEADER_VALUE !== undefined
        ? { name: env.HAIL_AUTH_HEADER_NAME.toLowerCase(), value: env.HAIL_AUTH_HEADER_VALUE }
        : undefined,
    autoAccept: env.AUTO_ACCEPT,
    receivedDeadlineMs: env.HAIL_RECEIVED_DEADLINE_MS,
    decisionTimeoutMs: env.HAIL_DECISION_TIMEOUT_MS,
    pollMs: env.HAIL_POLL_MS,
    customerTimeoutMs: env.HAIL_CUSTOMER_TIMEOUT_MS,
    pickupTimeoutMs: env.HAIL_PICKUP_TIMEOUT_MS,
    rideTimeoutMs: env.HAIL_RIDE_TIMEOUT_MS,
    registryRequestTimeoutMs: env.REGISTRY_REQUEST_TIMEOUT_MS,
    taxiStatusPollMs: env.TAXI_STATUS_POLL_MS,
    geotaxiIntervalMs: env.GEOTAXI_INTERVAL_MS,
    driverEventsHeartbeatMs: env.DRIVER_EVENTS_HEARTBEAT_MS,
    driverEventsPollMs: env.DRIVER_EVENTS_POLL_MS,
    admissionMaxLagMs: env.HAIL_ADMISSION_MAX_LAG_MS,
  };
});

export const dueWorkConfig = registerAs('dueWork', () => {
  const env = readEnvironment();
  return { pollMs: env.DUE_WORK_POLL_MS, leaseMs: env.DUE_WORK_LEASE_MS, databaseUrl: env.DATABASE_URL };
});

export const parkingConfig = registerAs('parking', () => {
  const env = readEnvironment();
  return { horizonDays: env.PARKING_HORIZON_DAYS };
});

export const gbfsConfig = registerAs('gbfs', () => {
  const env = readEnvironment();
  return {
    systemId: env.GBFS_SYSTEM_ID,
    systemName: env.GBFS_SYSTEM_NAME,
    contactEmail: env.GBFS_CONTACT_EMAIL,
    timezone: env.GBFS_TIMEZONE,
    language: env.GBFS_LANGUAGE,
    staleAfterS: env.GBFS_STALE_AFTER_S,
    minChargePercent: env.GBFS_MIN_CHARGE_PERCENT,
    rentalUris: { android: env.GBFS_RENTAL_URI_ANDROID, ios: env.GBFS_RENTAL_URI_IOS, web: env.GBFS_RENTAL_URI_WEB },
  };
});

/** Mobility's rules for riders (reservations). */
export const mobilityConfig = registerAs('mobility', () => {
  const env = readEnvironment();
  return { reservationMs: Math.round(env.RESERVATION_MINUTES * 60_000) };
});

export const metricsConfig = registerAs('metrics', () => {
  const env = readEnvironment();
  return { token: env.METRICS_TOKEN, port: env.METRICS_PORT, host: env.HOST };
});

export const configNamespaces = [
  appConfig,
  databaseConfig,
  queueConfig,
  authConfig,
  eventsConfig,
  operatorConfig,
  gbfsConfig,
  mobilityConfig,
  parkingConfig,
  metricsConfig,
  dueWorkConfig,
];
