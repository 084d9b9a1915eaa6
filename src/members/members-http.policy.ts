import { HttpStatus, Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../common/errors/api-error.js';
import { AllowedMethods } from '../common/errors/allowed-methods.js';
import { accepts, isJsonContentType } from '../common/http/content-negotiation.js';
import { applyEtag } from '../common/http/etag.js';
import { routePath } from '../common/http/routing.js';

/** Every members route lives under this prefix, and only members routes do. */
export const MEMBERS_PREFIX = '/v1/';

/** The seed's CORS headers, on every members answer (errors and 304 included). */
export const MEMBERS_CORS_HEADERS = {
  // Names in lower case, as Fastify keeps them (see src/common/http/security-headers.ts).
  'access-control-allow-origin': '*',
  'access-control-expose-headers': 'ETag, Link',
  // The seed asks for it; browsers ignore credentials with a `*` origin (see docs/members.md).
  'access-control-allow-credentials': 'true',
} as const;

export const PREFLIGHT_ALLOWED_HEADERS = 'Authorization, Content-Type, If-None-Match, If-Match';

const MESSAGES = {
  userAgent: 'User-Agent header is required',
  contentType: 'the client must send its data as application/json and say so in the Content-Type header',
  accept: 'the client must accept JSON answers and say so in the Accept header (application/json)',
};

export function isMembersPath(url: string): boolean {
  const path = url.split('?', 1)[0];
  return path.startsWith(MEMBERS_PREFIX) || path === '/v1';
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return request.headers['transfer-encoding'] !== undefined;
}

/**
 * The members API's request rules and response headers, as Fastify hooks scoped to `/v1/`: hooks
 * rather than a Nest interceptor because they must also cover what never reaches a controller
 * (unknown `/v1` routes, body-parse errors, guard refusals) and see the exact bytes sent (ETag).
 */
@Injectable()
export class MembersHttpPolicy implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly allowedMethods: AllowedMethods,
  ) {}

  onModuleInit(): void {
    // The CLI and the worker boot an application context with no HTTP server.
    const fastify = this.adapterHost.httpAdapter?.getInstance?.<FastifyInstance>();
    if (fastify === undefined) return;
    // Callback hooks, not async ones: they run on every request of every module (see app.setup.ts).
    fastify.addHook('onRequest', (request, _reply, done) => {
      if (!isMembersPath(routePath(request))) return done();
      try {
        checkRequestRules(request);
      } catch (error) {
        return done(error as Error);
      }
      done();
    });
    fastify.addHook('onSend', (request, reply, payload, done) => {
      if (!isMembersPath(routePath(request))) return done(null, payload);
      reply.headers(MEMBERS_CORS_HEADERS);
      done(null, applyEtag(request, reply, payload, { tagMethods: ['PUT'] }));
    });
  }

  /** Answers a CORS preflight: 204 with the methods this path serves and the headers a client may send. */
  preflight(request: FastifyRequest, reply: FastifyReply): void {
    const methods = [...this.allowedMethods.for('OPTIONS', request.url), 'OPTIONS'];
    reply
      .status(HttpStatus.NO_CONTENT)
      .header('Access-Control-Allow-Methods', methods.join(', '))
      .header('Access-Control-Allow-Headers', PREFLIGHT_ALLOWED_HEADERS)
      .header('Access-Control-Max-Age', '600');
  }
}

/**
 * User-Agent, then Accept, then the body's Content-Type (406, the seed's choice). Preflights are
 * exempt: a browser sends them on its own, before the request the rules are about.
 */
export function checkRequestRules(request: FastifyRequest): void {
  if (request.method === 'OPTIONS') return;
  const userAgent = request.headers['user-agent'];
  if (userAgent === undefined || userAgent.trim() === '') throw ApiError.badRequest(MESSAGES.userAgent);
  if (!accepts(request.headers.accept, 'application/json')) throw ApiError.of(HttpStatus.NOT_ACCEPTABLE, MESSAGES.accept);
  if (hasBody(request) && !isJsonContentType(request.headers['content-type'])) {
    throw ApiError.of(HttpStatus.NOT_ACCEPTABLE, MESSAGES.contentType);
  }
}
