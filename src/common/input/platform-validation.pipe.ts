import { ArgumentMetadata, Injectable, ValidationPipe } from '@nestjs/common';
import { ApiError } from '../errors/api-error.js';
import { RefusedBody } from './request-body.js';
import { STORABLE_TEXT_RULE, unstorableTextPath } from './storable-text.js';

const UNTYPED = new Set<unknown>([undefined, Object, Array, String, Number, Boolean]);

/**
 * Nest's validation pipe, preceded by what every input must pass whatever its DTO says: the body
 * was readable (see `RefusedBody`), a DTO body is a JSON object, and no string, key, path or query
 * parameter holds what the database cannot store. Runs after the guards, like all pipes.
 */
@Injectable()
export class PlatformValidationPipe extends ValidationPipe {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const typed = !UNTYPED.has(metadata.metatype);
    // An untyped body (the event store's) is its handler's to check against its Content-Type rules.
    if (metadata.type === 'body' && value instanceof RefusedBody && (typed || !value.unsupportedMediaType)) throw value.error;
    if (metadata.type === 'body' && typed && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw ApiError.badRequest('the body must be a JSON object', { field: 'body' });
    }
    // Untyped bodies (the event envelope, the registry's hail before its DTO) are checked by their handler.
    if (metadata.type === 'param' || metadata.type === 'query' || (metadata.type === 'body' && typed)) {
      const field = unstorableTextPath(value, metadata.data ?? '');
      if (field !== undefined) throw ApiError.badRequest(STORABLE_TEXT_RULE, { field: field || metadata.type });
    }
    return super.transform(value, metadata);
  }
}
