import type { FastifyRequest } from 'fastify';

/**
 * The router options of the application, once: Fastify's router and the 405 mirror
 * (`AllowedMethods`) must match the same paths, or a path one of them normalises (a duplicate
 * slash) gets a wrong answer from the other.
 */
export const ROUTER_OPTIONS = {
  ignoreTrailingSlash: true,
  // A 200-character stream name percent-encodes to up to 2,400 characters: the router must still
  // match it so the module can answer its own 400, rather than Fastify a bare 414.
  maxParamLength: 4096,
} as const;

/**
 * The path a request is about, as the router read it: the matched route's pattern
 * (`/v1/membres/:id`), or for an unmatched request its percent-decoded path. Policies keyed on a
 * path prefix test this, never the raw URL, which `/%761/membres/1` would slip past.
 */
export function routePath(request: FastifyRequest): string {
  const matched = request.routeOptions?.url;
  if (typeof matched === 'string' && matched !== '' && !matched.includes('*')) return matched;
  const raw = request.url.split('?', 1)[0];
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
