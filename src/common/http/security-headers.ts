import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * helmet's security headers on every response. `@fastify/helmet` calls `helmet(options)` in its
 * hook, rebuilding every helmet middleware and re-parsing the Content-Security-Policy per request
 * (5 % of the CPU of an event append in the profile), and even a prebuilt helmet still ran
 * thirteen middlewares and thirteen `setHeader` calls per request (5 % again). With options that
 * hold no per-request functions, what helmet writes never changes: it is read once here and
 * written with the reply's other headers.
 */
export function addSecurityHeaders(fastify: FastifyInstance, options: HelmetOptions): void {
  const headers = securityHeadersOf(options);
  fastify.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
}

/** The headers helmet writes with these options, read from a stand-in response. */
export function securityHeadersOf(options: HelmetOptions): Record<string, string> {
  if (holdsFunctions(options)) throw new Error('security headers: options must not compute values per request');
  const headers: Record<string, string> = {};
  const response = {
    // Lower-cased as Fastify stores them: `reply.header` lower-cases every name, and a name that is
    // already lower case comes back as the same, interned, string, where a mixed-case one was a new
    // string to intern on every request (about 1.5 µs per request for these twelve; change 23).
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  helmet(options)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error instanceof Error ? error : new Error('security headers: helmet failed', { cause: error });
  });
  return headers;
}

function holdsFunctions(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (typeof value !== 'object' || value === null) return false;
  return Object.values(value).some(holdsFunctions);
}
