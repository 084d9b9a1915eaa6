import type { ExceptionFilter } from '@nestjs/common';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../errors/api-error.js';
import { ErrorFormats, platformErrorBody } from '../errors/error-formats.js';

const ROUTER_ERROR_FILTER = 'citymoveRouterErrorFilter';
const ERROR_FORMATS = 'citymoveErrorFormats';

/**
 * The longest request target (path and query) served. The longest valid one is an event stream
 * name of 200 characters, percent-encoded to at most 2,400, with its route and query around it.
 */
export const MAX_URL_LENGTH = 8192;

/**
 * Fastify's `frameworkErrors`: what the router refuses before any route runs (a malformed
 * percent-encoding, a path parameter past `maxParamLength`) goes through the one exception filter,
 * in the format of the module the path belongs to, instead of Fastify's own body.
 */
export function routerErrorsToFilter(error: Error & { code?: string }, request: FastifyRequest, reply: FastifyReply): void {
  const message =
    error.code === 'FST_ERR_BAD_URL'
      ? 'the URL is not valid: a percent-encoding does not decode to UTF-8'
      : error.code === 'FST_ERR_MAX_PARAM_LENGTH'
        ? 'the URL is too long'
        : error.message;
  const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 414 : 400;
  // These requests never reach Nest's error handler: the filter is called here, as Nest would.
  const filter = (reply.server as unknown as Record<string, ExceptionFilter | undefined>)[ROUTER_ERROR_FILTER];
  if (filter === undefined) return void reply.status(status).send({ errors: [{ code: status, message }] });
  filter.catch(ApiError.of(status, message), new ExecutionContextHost([request, reply]));
}

/**
 * Refuses an over-long URL with 414 before routing, and gives the router's refusals (see
 * `routerErrorsToFilter`) to `filter`, both in the format of the module the path belongs to.
 */
export function installUrlRules(fastify: FastifyInstance, filter: ExceptionFilter, formats: ErrorFormats): void {
  fastify.decorate(ROUTER_ERROR_FILTER, filter);
  fastify.decorate(ERROR_FORMATS, formats);
  fastify.addHook('onRequest', (request, _reply, done) => {
    if (request.url.length > MAX_URL_LENGTH) return done(ApiError.of(414, `the URL is longer than ${MAX_URL_LENGTH} characters`));
    done();
  });
}

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses before there is a request (headers
 * or URL past its 16 KiB, a malformed request line) is answered on the socket, in the format of
 * the module the request line's path names, as far as it could be read.
 */
export function clientErrorsInModuleFormat(
  this: FastifyInstance,
  error: Error & { code?: string; rawPacket?: unknown },
  socket: Socket,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  const message =
    status === 431
      ? 'the URL and headers are larger than 16 KiB'
      : status === 408
        ? 'the request took too long to arrive'
        : 'the request is not valid HTTP';
  const path = /^[A-Z]+ (\/[^ ?]*)/.exec(Buffer.isBuffer(error.rawPacket) ? error.rawPacket.toString('latin1', 0, 2048) : '')?.[1] ?? '/';
  const format = (this as unknown as Record<string, ErrorFormats | undefined>)[ERROR_FORMATS]?.forPath(path);
  const answered = format?.status?.(status) ?? status;
  const body = JSON.stringify((format?.body ?? platformErrorBody)(answered, [{ code: answered, message }]));
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${answered} ${STATUS_CODES[answered]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
