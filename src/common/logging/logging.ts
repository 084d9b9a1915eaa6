import type { LoggerService } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { pino, Logger as Pino, stdTimeFunctions } from 'pino';
import type { LogLevel } from '../../config/environment.js';

/**
 * Field paths whose values never reach a log line, wherever they appear in what is logged: a
 * request's credentials, a body's passwords and tokens.
 */
const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'headers.authorization',
  'password',
  '*.password',
  'current_password',
  '*.current_password',
  'token',
  '*.token',
  'secret',
  '*.secret',
];

const roots = new Map<LogLevel, Pino>();

/**
 * The one logger of a process: pino, one JSON object per line, `level` as a name, `time` in ISO 8601,
 * `msg`, and Fastify's `reqId` on every line written while serving a request. Nest's logs and
 * Fastify's go through the same instance, so a log shipper meets one format.
 */
export function rootLogger(level: LogLevel): Pino {
  let root = roots.get(level);
  if (root === undefined) {
    root = pino({
      level,
      messageKey: 'msg',
      base: { pid: process.pid },
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    });
    roots.set(level, root);
  }
  return root;
}

/**
 * Nest's start-up chatter (one line per module, controller and route: some sixty lines) is detail:
 * `debug`. What a person reads at `info` is the summary `logModuleSummaries` writes.
 */
const START_UP_DETAIL = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

type PinoLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

/** Nest's `LoggerService` on the process's pino logger. */
export class AppLogger implements LoggerService {
  constructor(private readonly pino: Pino) {}

  log(message: unknown, ...optional: unknown[]): void {
    this.write('info', message, optional);
  }
  error(message: unknown, ...optional: unknown[]): void {
    this.write('error', message, optional);
  }
  warn(message: unknown, ...optional: unknown[]): void {
    this.write('warn', message, optional);
  }
  debug(message: unknown, ...optional: unknown[]): void {
    this.write('debug', message, optional);
  }
  verbose(message: unknown, ...optional: unknown[]): void {
    this.write('trace', message, optional);
  }
  fatal(message: unknown, ...optional: unknown[]): void {
    this.write('fatal', message, optional);
  }

  /**
   * Nest's `Logger` calls `(message, ...params, context)`, and for errors `(message, stack, context)`:
   * the last string is the context unless it spans lines (then it is a stack).
   */
  private write(level: PinoLevel, message: unknown, optional: unknown[]): void {
    const params = [...optional];
    const last = params[params.length - 1];
    const context = typeof last === 'string' && !last.includes('\n') ? (params.pop() as string) : undefined;
    const effective = level === 'info' && context !== undefined && START_UP_DETAIL.has(context) ? 'debug' : level;
    if (!this.pino.isLevelEnabled(effective)) return;

    const fields: Record<string, unknown> = context === undefined ? {} : { context };
    const stack = params.find((param): param is string => typeof param === 'string');
    if (stack !== undefined) fields.stack = stack;
    if (message instanceof Error) {
      this.pino[effective]({ ...fields, err: message }, message.message);
    } else if (message !== null && typeof message === 'object') {
      const { msg, ...rest } = message as Record<string, unknown>;
      this.pino[effective]({ ...fields, ...rest }, typeof msg === 'string' ? msg : '');
    } else {
      this.pino[effective](fields, String(message));
    }
  }
}

/** Nest's logger for an application of this process. */
export function createAppLogger(level: LogLevel): AppLogger {
  return new AppLogger(rootLogger(level));
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller's `X-Request-Id` when it is short and made of safe characters, a fresh UUID otherwise. */
export function requestIdOf(request: Pick<IncomingMessage, 'headers'>): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
}

/**
 * Fastify's request logging, on the process's logger, with a request id (`requestIdOf`), echoed in
 * the response and naming every 500 in the logs. `requestIdHeader` stays off: with it, Fastify
 * takes the header as it comes and never calls `genReqId`, so anything a client sent would reach
 * logs and replies.
 */
export function fastifyLoggingOptions(level: LogLevel) {
  return {
    ...(level === 'silent' ? { logger: false } : { loggerInstance: rootLogger(level), childLoggerFactory: lazyRequestLogger }),
    requestIdHeader: false as const,
    genReqId: requestIdOf,
  };
}

/**
 * A request's logger (`request.log`), made into pino's child with the request id only when a line
 * is written at an enabled level. Fastify builds a child logger for every request, and most
 * requests write no line at LOG_LEVEL=warn: the child's bindings and redaction were 2-3 % of a
 * no-I/O route's CPU. A line that is written is the child's, byte for byte.
 */
class LazyRequestLogger {
  private made: Pino | undefined;

  constructor(
    private readonly parent: Pino,
    private readonly bindings: Record<string, unknown>,
    private readonly options: object,
  ) {}

  get level(): string {
    return this.parent.level;
  }

  isLevelEnabled(level: string): boolean {
    return this.parent.isLevelEnabled(level);
  }

  child(bindings: Record<string, unknown>, options?: object): Pino {
    return this.real().child(bindings, options);
  }

  fatal(...args: unknown[]): void {
    this.write('fatal', args);
  }
  error(...args: unknown[]): void {
    this.write('error', args);
  }
  warn(...args: unknown[]): void {
    this.write('warn', args);
  }
  info(...args: unknown[]): void {
    this.write('info', args);
  }
  debug(...args: unknown[]): void {
    this.write('debug', args);
  }
  trace(...args: unknown[]): void {
    this.write('trace', args);
  }
  silent(): void {}

  private write(level: PinoLevel, args: unknown[]): void {
    if (!this.parent.isLevelEnabled(level)) return;
    const real = this.real();
    // pino's methods read their logger from `this`.
    Reflect.apply(real[level], real, args);
  }

  private real(): Pino {
    this.made ??= this.parent.child(this.bindings, this.options);
    return this.made;
  }
}

/** Fastify's `childLoggerFactory`: see `LazyRequestLogger`. */
function lazyRequestLogger(logger: unknown, bindings: Record<string, unknown>, options: object): Pino {
  return new LazyRequestLogger(logger as Pino, bindings, options) as unknown as Pino;
}

/**
 * A process's life-cycle lines (listening, worker started, migrations applied): written at every
 * LOG_LEVEL but `silent`, in the one format, because supervisors and scripts wait for them.
 */
export function announce(level: LogLevel, msg: string, fields: Record<string, unknown> = {}): void {
  if (level === 'silent') return;
  rootLogger(level === 'fatal' || level === 'error' || level === 'warn' ? 'info' : level).info(fields, msg);
}
