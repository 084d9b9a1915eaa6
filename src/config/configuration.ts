import { registerAs } from '@nestjs/config';
import { databaseDialect, readEnvironment } from './environment.js';

/**
 * Typed configuration namespaces, read through `ConfigService<AllConfig, true>`:
 * `config.get('auth.jwtSecret', { infer: true })`. Each factory re-reads the validated
 * environment when the application is created, so tests may set variables before each boot.
 */

export const appConfig = registerAs('app', () => {
  const env = readEnvironment();
  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    trustProxy: env.TRUST_PROXY,
    runProcessors: env.RUN_PROCESSORS,
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
  return {
    jwtSecret: env.JWT_SECRET,
    jwtSecretIsDefault: env.JWT_SECRET_IS_DEFAULT,
    jwtTtl: env.JWT_TTL,
    passwordHashRounds: env.PASSWORD_HASH_ROUNDS,
    admin:
      env.ADMIN_USER !== undefined && env.ADMIN_PASSWORD !== undefined
        ? { user: env.ADMIN_USER, password: env.ADMIN_PASSWORD }
        : undefined,
    eventsClients: env.EVENTS_CLIENTS,
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
  };
});

export const gbfsConfig = registerAs('gbfs', () => {
  const env = readEnvironment();
  return {
    systemId: env.GBFS_SYSTEM_ID,
    systemName: env.GBFS_SYSTEM_NAME,
    contactEmail: env.GBFS_CONTACT_EMAIL,
    timezone: env.GBFS_TIMEZONE,
    language: env.GBFS_LANGUAGE,
  };
});

export const configNamespaces = [appConfig, databaseConfig, queueConfig, authConfig, operatorConfig, gbfsConfig];

export interface AllConfig {
  app: ReturnType<typeof appConfig>;
  database: ReturnType<typeof databaseConfig>;
  queue: ReturnType<typeof queueConfig>;
  auth: ReturnType<typeof authConfig>;
  operator: ReturnType<typeof operatorConfig>;
  gbfs: ReturnType<typeof gbfsConfig>;
}
