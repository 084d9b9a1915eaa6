import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { applyEtag, strongEtag } from '../common/http/etag.js';
import { routePath } from '../common/http/routing.js';
import { GBFS_FILES, type GbfsFile } from './gbfs.service.js';

/** Where the feed is served; nothing else is. */
export const GBFS_PREFIX = '/mobility/gbfs/';

/**
 * The feed is read by browser map apps on any origin: every answer under the prefix (errors and
 * 304 included) may be read cross-origin, and the tags a poller revalidates with are exposed.
 */
export const GBFS_CORS_HEADERS = {
  // Names in lower case, as Fastify keeps them (see src/common/http/security-headers.ts).
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'ETag, Last-Modified, Cache-Control',
} as const;

const isGbfsPath = (path: string): boolean => path.startsWith(GBFS_PREFIX);

const isServedFile = (path: string): boolean => GBFS_FILES.some(({ name }) => path === `${GBFS_PREFIX}${name}.json`);

/** An HTTP-date (RFC 9110 §5.6.7) has whole seconds: a time compares with it truncated. */
const wholeSeconds = (time: number): number => Math.floor(time / 1000) * 1000;

/**
 * The feed's HTTP for consumers, as Fastify hooks on the prefix (they must see the exact bytes sent,
 * for the ETag, and cover answers that never reach a controller): CORS on everything; on a 200,
 * a strong `ETag` of the bytes and 304 on a matching `If-None-Match`, else 304 on an
 * `If-Modified-Since` no older than `Last-Modified` (which `If-None-Match`, when sent, overrides).
 * `Cache-Control` and `Last-Modified` come from the file itself (`describeFile`).
 */
@Injectable()
export class GbfsHttpPolicy implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    // The CLI and the worker boot an application context with no HTTP server.
    const fastify = this.adapterHost.httpAdapter?.getInstance?.<FastifyInstance>();
    if (fastify === undefined) return;
    // A preflight is answered before routing: the files are the routes' business, not OPTIONS handlers'.
    // Callbacks, not `async` hooks: they run on every request of every module (docs/performance.md).
    fastify.addHook('onRequest', (request, reply, done) => {
      if (request.method === 'OPTIONS' && isServedFile(routePath(request))) return void preflight(reply);
      done();
    });
    fastify.addHook('onSend', (request, reply, payload, done) => {
      if (!isGbfsPath(routePath(request))) return done(null, payload);
      reply.headers(GBFS_CORS_HEADERS);
      const sent = applyEtag(request, reply, payload);
      if (reply.statusCode !== 200 || request.headers['if-none-match'] !== undefined) return done(null, sent);
      done(null, notModifiedSince(request, reply) ? notModified(request, reply) : sent);
    });
  }
}

/** Answers a CORS preflight on a feed file: 204, GET and HEAD, the conditional headers a poller sends. */
function preflight(reply: FastifyReply): FastifyReply {
  return reply
    .status(HttpStatus.NO_CONTENT)
    .header('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS')
    .header('Access-Control-Allow-Headers', 'If-None-Match, If-Modified-Since')
    .header('Access-Control-Max-Age', '86400')
    .send();
}

/** `Cache-Control` of a file: public, for as long as its `ttl` says. */
const cacheControlOf = (file: GbfsFile<unknown>): string => `public, max-age=${file.ttl}`;

/**
 * Whether `Last-Modified` may be sent for a file last updated at `lastUpdated` (ms). An HTTP-date
 * has whole seconds, so while the second of the last change is not over another change could land
 * in it unseen by `If-Modified-Since`: `Last-Modified` is then withheld (the ETag still serves), as
 * RFC 9110 §8.8.2.2 lets an origin do for such a "weak" date.
 */
const lastModifiedSendable = (lastUpdated: number, now: number): boolean => now - lastUpdated >= 1000;

/** Sets the caching headers a file's own envelope says: `max-age` its `ttl`, `Last-Modified` its `last_updated`. */
export function describeFile<T extends GbfsFile<unknown>>(reply: FastifyReply, file: T, now = Date.now()): T {
  reply.header('Cache-Control', cacheControlOf(file));
  const lastUpdated = Date.parse(file.last_updated);
  if (lastModifiedSendable(lastUpdated, now)) reply.header('Last-Modified', new Date(lastUpdated).toUTCString());
  return file;
}

/**
 * A file made of configuration only (`gbfs.json`, `gbfs_versions.json`, `system_information.json`):
 * the same bytes for a base URL until a restart, so it is serialized, tagged and dated once rather
 * than per request (its envelope, JSON, SHA-256 and HTTP-date were a quarter of the route's CPU).
 * `send` sets what `describeFile` and `applyEtag` would have, and answers the bytes.
 */
export class SerializedFile {
  private readonly body: string;
  private readonly etag: string;
  private readonly cacheControl: string;
  private readonly lastUpdated: number;
  private readonly lastModified: string;

  constructor(file: GbfsFile<unknown>) {
    this.body = JSON.stringify(file);
    this.etag = strongEtag(this.body);
    this.cacheControl = cacheControlOf(file);
    this.lastUpdated = Date.parse(file.last_updated);
    this.lastModified = new Date(this.lastUpdated).toUTCString();
  }

  send(reply: FastifyReply, now = Date.now()): string {
    reply.header('Content-Type', 'application/json; charset=utf-8');
    reply.header('Cache-Control', this.cacheControl);
    if (lastModifiedSendable(this.lastUpdated, now)) reply.header('Last-Modified', this.lastModified);
    reply.header('ETag', this.etag);
    return this.body;
  }
}

function notModifiedSince(request: FastifyRequest, reply: FastifyReply): boolean {
  const header = request.headers['if-modified-since'];
  // Date.parse is costly: most requests carry no such header and pay nothing (docs/performance.md).
  if (header === undefined || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
  const since = Date.parse(header);
  const modified = Date.parse(String(reply.getHeader('last-modified') ?? ''));
  return !Number.isNaN(since) && !Number.isNaN(modified) && wholeSeconds(modified) <= since;
}

function notModified(request: FastifyRequest, reply: FastifyReply): unknown {
  reply.code(304);
  reply.removeHeader('content-type');
  reply.removeHeader('content-length');
  // Fastify's HEAD route measures the payload after this hook and cannot measure `null`.
  return request.method === 'HEAD' ? '' : null;
}
