import { HttpStatus, Inject, Injectable, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { appConfig } from '../../config/configuration.js';
import { ApiError } from '../errors/api-error.js';

// A DNS name (labels of letters, digits and inner hyphens), an IPv4 address or a bracketed IPv6
// one, then an optional port: nothing that could close a `<…>` in a Link header or add a path.
const HOST =
  /^(?:(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(?:\.(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?))*\.?|\[[0-9A-Fa-f:.]{2,45}\])(?::(\d{1,5}))?$/;

/** Whether a `Host` header (or `X-Forwarded-Host`, under TRUST_PROXY) is a valid `host[:port]`. */
export function isValidHost(host: string): boolean {
  const match = HOST.exec(host);
  return match !== null && host.length <= 261 && (match[1] === undefined || Number(match[1]) <= 65535);
}

/** Valid Host values a server remembers (a scan of many names only costs their regex checks again). */
const MAX_REMEMBERED_HOSTS = 64;

/** PUBLIC_URL of each application, looked up from its requests (tests boot several in one process). */
const publicUrls = new WeakMap<FastifyInstance, string | undefined>();

function invalidHost(): ApiError {
  return ApiError.of(HttpStatus.BAD_REQUEST, 'the Host header must be a valid host[:port]', { field: 'Host' });
}

/**
 * The origin of the absolute links citymove writes (members `Link`, GBFS URLs): PUBLIC_URL when
 * configured; otherwise the request's scheme and `Host`, validated, which X-Forwarded-Proto and
 * X-Forwarded-Host replace only under TRUST_PROXY (Fastify's `trustProxy`).
 */
export function requestOrigin(request: FastifyRequest): string {
  const configured = publicUrls.get(request.server);
  if (configured !== undefined) return configured;
  const host = request.host;
  if (typeof host !== 'string' || !isValidHost(host)) throw invalidHost();
  const protocol = request.protocol === 'https' ? 'https' : 'http';
  return `${protocol}://${host}`;
}

/** A request path as it may appear inside a URL we write: anything outside RFC 3986's path characters escaped. */
export function linkSafePath(path: string): string {
  return path.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/%]/g, (character) => encodeURIComponent(character));
}

/**
 * Installs PUBLIC_URL for `requestOrigin` and refuses, with 400 in the module's error format, any
 * request whose `Host` (or trusted `X-Forwarded-Host`) is not a valid `host[:port]` (RFC 9112 §3.2).
 */
@Injectable()
export class PublicOrigin implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(appConfig.KEY) private readonly app: ConfigType<typeof appConfig>,
  ) {}

  onModuleInit(): void {
    // The CLI and the worker boot an application context with no HTTP server.
    const fastify = this.adapterHost.httpAdapter?.getInstance?.<FastifyInstance>();
    if (fastify === undefined) return;
    publicUrls.set(fastify, this.app.publicUrl);
    // A server meets a handful of Host values, over and over: each is checked by the regex once.
    const validHosts = new Set<string>();
    fastify.addHook('onRequest', (request, _reply, done) => {
      const host = request.host;
      if (typeof host !== 'string' || host === '' || validHosts.has(host)) return done();
      if (!isValidHost(host)) return done(invalidHost());
      if (validHosts.size >= MAX_REMEMBERED_HOSTS) validHosts.clear();
      validHosts.add(host);
      done();
    });
  }
}
