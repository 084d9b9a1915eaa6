import { HttpStatus } from '@nestjs/common';
import { RouteConfig, type NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyRequest, RouteOptions } from 'fastify';
import { ApiError } from '../errors/api-error.js';

/**
 * Limits on request bodies, applied once at the edge for every module:
 * - a small default size (`DEFAULT_BODY_LIMIT`), larger only on the routes that declare it with
 *   `@BodyLimits()` because their contract needs it (the event append's 1 MiB envelope);
 * - a nesting depth checked on the raw bytes before `JSON.parse` runs, so a deeply nested body
 *   costs one linear scan, never a recursive transform;
 * - parse failures (invalid JSON, too deep, a Content-Type no route reads) do not answer at once:
 *   the body becomes a `RefusedBody` and the validation pipe throws its error when the handler's
 *   body is read, i.e. after the guards, so an anonymous client gets 401 before any 400.
 * Only "too large" still answers before authentication: reading a body we will not keep to check a
 * credential that is in the headers would be the wrong way round.
 */

/** Bytes a body may have unless its route says otherwise (the largest valid body of most routes is under 30 KB). */
export const DEFAULT_BODY_LIMIT = 64 * 1024;
/** Object/array nesting a JSON body may have unless its route says otherwise. */
export const DEFAULT_JSON_DEPTH = 32;

interface BodyRouteConfig {
  bodyLimit?: number;
  jsonDepth?: number;
  keepText?: boolean;
}

/**
 * A route whose contract needs larger or deeper bodies than the default, e.g.
 * `@BodyLimits({ bytes: 1024 * 1024, depth: 520 })` on the event append.
 */
export const BodyLimits = (limits: { bytes?: number; depth?: number; keepText?: boolean }) =>
  RouteConfig({ bodyLimit: limits.bytes, jsonDepth: limits.depth, keepText: limits.keepText } satisfies BodyRouteConfig);

/** Where a route with `keepText` finds its JSON body's text as sent, beside the parsed body. */
const BODY_TEXT = Symbol('bodyText');

/**
 * The text of a JSON body exactly as the client sent it (UTF-8 decoded), for a route declared with
 * `@BodyLimits({ keepText: true })` (the event append stores payloads byte for byte); undefined otherwise.
 */
export function bodyTextOf(request: unknown): string | undefined {
  return (request as { [BODY_TEXT]?: string })[BODY_TEXT];
}

/** A body that could not be read; its error is thrown once the handler asks for the body. */
export class RefusedBody {
  constructor(readonly error: ApiError) {}

  /** Unread for its Content-Type, rather than unreadable: a handler that checks the type itself answers that. */
  get unsupportedMediaType(): boolean {
    return this.error.status === Number(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
  }
}

/**
 * The nesting depth of a JSON text, or `limit + 1` as soon as it is exceeded: a scan of the bytes
 * that skips strings (and their escapes), without building anything.
 */
export function jsonDepthExceeds(bytes: Buffer, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) {
      inString = true;
    } else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > limit) return true;
    } else if (byte === 0x7d || byte === 0x5d) {
      depth--;
    }
  }
  return false;
}

function routeConfig(request: FastifyRequest): BodyRouteConfig {
  return (request.routeOptions?.config ?? {}) as BodyRouteConfig;
}

const refusal = (message: string, status: number = HttpStatus.BAD_REQUEST) => new RefusedBody(ApiError.of(status, message));

/**
 * Installs the body rules on a Fastify instance before the routes are registered: the per-route
 * limits, the depth-checked JSON parser, and a catch-all that defers "unsupported media type".
 */
export function installBodyRules(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRoute', (route: RouteOptions) => {
    const { bodyLimit } = (route.config ?? {}) as BodyRouteConfig;
    if (bodyLimit !== undefined) route.bodyLimit = bodyLimit;
  });

  const secureJsonParse = fastify.getDefaultJsonParser('error', 'error');
  // Through Nest, so that it keeps this parser instead of registering its own.
  app.useBodyParser('application/json', { bodyLimit: DEFAULT_BODY_LIMIT }, (rawRequest, body, done: ParserDone) => {
    const request = rawRequest as FastifyRequest;
    if (body.length === 0) return done(null, refusal('the body is empty; send a JSON document or no Content-Type'));
    const depth = routeConfig(request).jsonDepth ?? DEFAULT_JSON_DEPTH;
    if (jsonDepthExceeds(body, depth)) {
      return done(null, refusal(`the body nests objects and arrays more than ${depth} levels deep`));
    }
    void secureJsonParse(request, body as unknown as string, (error: Error | null, parsed?: unknown) => {
      if (error) return done(null, refusal(`the body is not valid JSON: ${jsonErrorDetail(error)}`));
      if (routeConfig(request).keepText) (request as { [BODY_TEXT]?: string })[BODY_TEXT] = body.toString('utf8');
      done(null, parsed);
    });
  });
  // Fastify reads text/plain by default; no route takes it, so it joins every other unknown type.
  fastify.removeContentTypeParser('text/plain');
  fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: DEFAULT_BODY_LIMIT }, (request, _body, done) => {
    const type = String(request.headers['content-type'] ?? '')
      .split(';')[0]
      .trim();
    done(
      null,
      refusal(`unsupported Content-Type ${JSON.stringify(type.slice(0, 100))}: send application/json`, HttpStatus.UNSUPPORTED_MEDIA_TYPE),
    );
  });
}

type ParserDone = (error: Error | null, body?: unknown) => void;

function jsonErrorDetail(error: Error): string {
  // secure-json-parse names a forbidden `__proto__`/`constructor` key; anything else is a syntax error.
  return /prototype|constructor/i.test(error.message) ? error.message : 'a syntax error';
}
