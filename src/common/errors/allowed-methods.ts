import { Injectable } from '@nestjs/common';
import FindMyWay from 'find-my-way';
import { ROUTER_OPTIONS } from '../http/routing.js';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * Knows every registered route so that a path served under other methods answers 405 with `Allow`
 * instead of Fastify's 404. Filled from Fastify's `onRoute` hook (see `configureApp`).
 */
@Injectable()
export class AllowedMethods {
  private readonly router = FindMyWay(ROUTER_OPTIONS);
  private readonly known = new Set<string>();

  add(method: string, url: string): void {
    if (!METHODS.includes(method as (typeof METHODS)[number])) return;
    const key = `${method} ${url}`;
    if (this.known.has(key) || url.includes('*')) return;
    this.known.add(key);
    this.router.on(method as (typeof METHODS)[number], url, () => undefined);
  }

  /** The methods served at `url`, other than `method`; empty when the path is unknown. */
  for(method: string, url: string): string[] {
    const path = url.split('?')[0];
    return METHODS.filter((m) => m !== method && this.router.find(m, path) !== null);
  }
}
