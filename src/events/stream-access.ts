import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ApiError } from '../common/errors/api-error.js';
import { authConfig } from '../config/configuration.js';

/**
 * Which streams an events client may use: all of them, unless EVENTS_CLIENT_STREAMS limits it to
 * names starting with one of its prefixes (a shop's client to `shop.`), for writing and reading.
 */
@Injectable()
export class StreamAccess {
  constructor(@Inject(authConfig.KEY) private readonly auth: ConfigType<typeof authConfig>) {}

  allows(client: string, stream: string): boolean {
    const prefixes = this.auth.eventsClientStreams.get(client);
    return prefixes === undefined || prefixes.some((prefix) => stream.startsWith(prefix));
  }

  /** 403 when `client` may not use `stream`. */
  assertAllowed(client: string, stream: string): void {
    if (!this.allows(client, stream)) throw ApiError.of(HttpStatus.FORBIDDEN, `client ${client} may not use stream ${stream}`);
  }
}
