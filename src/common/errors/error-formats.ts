import { Injectable } from '@nestjs/common';
import type { ErrorEntry } from './api-error.js';

/**
 * How a module writes its error bodies. The platform format is
 * `{"errors":[{code,message,field?}]}`; a module with a wire format of its own (the events store
 * answers JSON strings) registers a formatter for its URL prefix, and the one exception filter
 * uses it for every error under that prefix: validation, auth, unknown routes, parse errors, 500s.
 */
export interface ErrorFormat {
  /** URL path prefix this format applies to, e.g. `/api/v1/`. */
  prefix: string;
  body(status: number, errors: ErrorEntry[]): unknown;
  /** Extra headers for every error under the prefix (e.g. CORS). */
  headers?(status: number): Record<string, string>;
  /** The status to answer instead of `status` (e.g. the events store answers 400 where Fastify says 415). */
  status?(status: number): number;
}

export const platformErrorBody = (_status: number, errors: ErrorEntry[]) => ({ errors });

@Injectable()
export class ErrorFormats {
  private readonly formats: ErrorFormat[] = [];

  register(format: ErrorFormat): void {
    this.formats.push(format);
    this.formats.sort((a, b) => b.prefix.length - a.prefix.length);
  }

  forPath(path: string): ErrorFormat | undefined {
    return this.formats.find((format) => path.startsWith(format.prefix));
  }
}
