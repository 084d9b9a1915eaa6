import { ConsoleLogger, LogLevel as NestLogLevel } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { LogLevel } from '../../config/environment.js';

const NEST_LEVELS: Record<LogLevel, NestLogLevel[]> = {
  fatal: ['fatal'],
  error: ['fatal', 'error'],
  warn: ['fatal', 'error', 'warn'],
  info: ['fatal', 'error', 'warn', 'log'],
  debug: ['fatal', 'error', 'warn', 'log', 'debug'],
  trace: ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'],
  silent: [],
};

/** Nest's own logs as JSON lines, at LOG_LEVEL. */
export function createAppLogger(level: LogLevel): ConsoleLogger {
  return new ConsoleLogger('citymove', { json: true, logLevels: NEST_LEVELS[level], colors: false });
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Fastify's request logging (pino, JSON) with a request id: the caller's `X-Request-Id` when it is
 * sane, a UUID otherwise. The id is echoed in the response and names every 500 in the logs.
 */
export function fastifyLoggingOptions(level: LogLevel) {
  return {
    logger: level === 'silent' ? false : { level },
    requestIdHeader: 'x-request-id',
    genReqId: (request: IncomingMessage) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  };
}
