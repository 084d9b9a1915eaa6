import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError, ErrorEntry } from './api-error.js';
import { DomainError, DomainErrors } from './domain-error.js';
import { ErrorFormats, platformErrorBody } from './error-formats.js';
import { AllowedMethods } from './allowed-methods.js';
import { routePath } from '../http/routing.js';
import { isDatabaseUnavailable } from '../../database/database-errors.js';

/**
 * The one place errors become responses. Known errors keep their status and entries; Fastify's own
 * errors (bad JSON, body too large, unsupported media type) map to their status; anything else is a
 * clean 500 naming the request id, with the stack only in the log.
 */
@Catch()
@Injectable()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(
    private readonly formats: ErrorFormats,
    private readonly allowedMethods: AllowedMethods,
    private readonly domainErrors: DomainErrors,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const error = this.toApiError(exception, request);
    const format = this.formats.forPath(routePath(request));

    if (reply.sent) return;
    const status = format?.status?.(error.status) ?? error.status;
    reply.status(status);
    for (const [name, value] of Object.entries({ ...format?.headers?.(status), ...error.headers })) {
      reply.header(name, value);
    }
    reply.header('content-type', 'application/json; charset=utf-8');
    const body = (format?.body ?? platformErrorBody)(status, error.errors);
    reply.send(JSON.stringify(body));
  }

  private toApiError(exception: unknown, request: FastifyRequest): ApiError {
    if (exception instanceof ApiError) return exception;
    if (exception instanceof DomainError) {
      const known = this.domainErrors.toApiError(exception as DomainError);
      if (known !== undefined) return known;
    }
    if (exception instanceof HttpException) return this.fromHttpException(exception, request);
    const fastifyStatus = (exception as { statusCode?: number })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return ApiError.of(fastifyStatus, fastifyMessage(exception as Error, fastifyStatus));
    }
    // An outage, not a bug: 503s the client may retry, one warning line each, no stack storm.
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn({
        msg: 'database unavailable',
        reqId: request.id,
        method: request.method,
        url: request.url,
        err: (exception as Error)?.message,
      });
      return ApiError.of(HttpStatus.SERVICE_UNAVAILABLE, 'the database is unavailable: retry shortly', { headers: { 'Retry-After': '2' } });
    }
    this.logger.error({ msg: 'unhandled error', reqId: request.id, method: request.method, url: request.url, err: describe(exception) });
    return ApiError.of(HttpStatus.INTERNAL_SERVER_ERROR, `Internal Server Error - ${request.id}`);
  }

  private fromHttpException(exception: HttpException, request: FastifyRequest): ApiError {
    const status = exception.getStatus();
    if (status === Number(HttpStatus.NOT_FOUND) && exception.constructor.name === 'NotFoundException') {
      const allowed = this.allowedMethods.for(request.method, request.url);
      if (allowed.length > 0) {
        return ApiError.of(HttpStatus.METHOD_NOT_ALLOWED, `method ${request.method} is not allowed here`, {
          headers: { Allow: allowed.join(', ') },
        });
      }
      return ApiError.notFound(`no route for ${request.method} ${request.url.split('?')[0]}`);
    }
    const headers: Record<string, string> = {};
    const response = exception.getResponse();
    const message = typeof response === 'string' ? response : httpExceptionMessage(response, exception);
    return new ApiError(status, [{ code: status, message } satisfies ErrorEntry], headers);
  }
}

/** Nest's exception bodies carry `message` as a string or, from its validation, a list of them. */
function httpExceptionMessage(response: { message?: unknown }, exception: HttpException): string {
  const { message } = response;
  if (Array.isArray(message)) return message.join('; ');
  if (message === undefined || message === null) return exception.message;
  return typeof message === 'string' ? message : JSON.stringify(message);
}

function fastifyMessage(error: Error, status: number): string {
  switch ((error as { code?: string }).code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'the body is not valid JSON';
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'Payload Too Large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported Content-Type';
    default:
      return status === 400 ? `bad request: ${error.message}` : error.message;
  }
}

function describe(exception: unknown): unknown {
  if (exception instanceof Error) return { name: exception.name, message: exception.message, stack: exception.stack };
  return exception;
}
