import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Strong entity tags computed from the exact bytes sent (RFC 9110 §8.8.3), and the two conditional
 * request headers that use them. Hashing the bytes, rather than a version column, means two callers
 * who see different representations of one resource (a member's own profile shows the e-mail) get
 * different tags, and any change to anything a body shows changes its tag, with nothing to keep in
 * sync.
 */

/** `"<base64url sha-256>"` of the body. */
export function strongEtag(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url')}"`;
}

/** The tags of an `If-Match` / `If-None-Match` header: `'*'`, or a list of `{weak, opaque}`. */
export function parseEntityTags(header: string): '*' | Array<{ weak: boolean; opaque: string }> {
  if (header.trim() === '*') return '*';
  const tags: Array<{ weak: boolean; opaque: string }> = [];
  for (const match of header.matchAll(/(W\/)?("[^"]*")/g)) {
    tags.push({ weak: match[1] !== undefined, opaque: match[2] });
  }
  return tags;
}

/**
 * `If-None-Match` (weak comparison, §13.1.2): true when `*` or any listed tag has the current tag's
 * opaque value, i.e. the client's copy is current and a GET may answer 304.
 */
export function ifNoneMatchMatches(header: string | undefined, currentEtag: string): boolean {
  if (header === undefined) return false;
  const tags = parseEntityTags(header);
  if (tags === '*') return true;
  const current = currentEtag.replace(/^W\//, '');
  return tags.some((tag) => tag.opaque === current);
}

/**
 * `If-Match` (strong comparison, §13.1.1): true when `*` (the resource exists) or a listed strong
 * tag equals the current one. A weak tag never matches.
 */
export function ifMatchMatches(header: string | undefined, currentEtag: string): boolean {
  if (header === undefined) return true;
  const tags = parseEntityTags(header);
  if (tags === '*') return true;
  return tags.some((tag) => !tag.weak && tag.opaque === currentEtag);
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return value === undefined ? undefined : [value].flat().join(', ');
}

/**
 * A Fastify `onSend` step: tags every 200 answer to GET/HEAD (and to the methods in
 * `tagMethods`, e.g. PUT, so a client can chain an `If-Match`) from its serialized body, unless
 * the route set a strong `ETag` of its own (the members list's version tag), and turns a
 * GET/HEAD whose `If-None-Match` matches into a 304 with the tag and no body. Headers set earlier
 * (CORS) stay on the 304. Returns the payload to send.
 */
export function applyEtag(
  request: FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
  options: { tagMethods?: string[] } = {},
): unknown {
  if (reply.statusCode !== 200) return payload;
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
  const conditional = request.method === 'GET' || request.method === 'HEAD';
  if (!conditional && !(options.tagMethods ?? []).includes(request.method)) return payload;

  // A route that knows its tag without hashing (a version kept per resource) has set it already.
  const known = reply.getHeader('etag');
  const etag = typeof known === 'string' ? known : strongEtag(payload);
  reply.header('ETag', etag);
  if (conditional && ifNoneMatchMatches(headerValue(request.headers['if-none-match']), etag)) {
    reply.code(304);
    reply.removeHeader('content-type');
    reply.removeHeader('content-length');
    // Fastify's HEAD route measures the payload after this hook and cannot measure `null`.
    return request.method === 'HEAD' ? '' : null;
  }
  return payload;
}
