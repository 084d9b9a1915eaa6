import { HttpStatus } from '@nestjs/common';

/** One entry of the platform error body. */
export interface ErrorEntry {
  code: number;
  message: string;
  field?: string;
}

/**
 * The error every service throws: a status, one or more entries, and headers the answer needs
 * (`Allow`, `Retry-After`, `WWW-Authenticate`). Services never throw Nest's HTTP exceptions; the
 * exception filter alone turns these into responses, in the format of the module that was called.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ErrorEntry[],
    readonly headers: Record<string, string> = {},
  ) {
    super(errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; '));
    this.name = 'ApiError';
  }

  static of(status: number, message: string, options: { code?: number; field?: string; headers?: Record<string, string> } = {}) {
    const entry: ErrorEntry = { code: options.code ?? status, message };
    if (options.field !== undefined) entry.field = options.field;
    return new ApiError(status, [entry], options.headers);
  }

  static badRequest(message: string, options: { code?: number; field?: string } = {}) {
    return ApiError.of(HttpStatus.BAD_REQUEST, message, options);
  }

  /** One entry per faulty field. */
  static invalidFields(errors: Array<{ field: string; message: string }>, code = HttpStatus.BAD_REQUEST) {
    return new ApiError(
      HttpStatus.BAD_REQUEST,
      errors.map(({ field, message }) => ({ code, message, field })),
    );
  }

  static unauthorized(message: string, challenge: string) {
    return ApiError.of(HttpStatus.UNAUTHORIZED, message, { headers: { 'WWW-Authenticate': challenge } });
  }

  static forbidden(message: string, options: { code?: number } = {}) {
    return ApiError.of(HttpStatus.FORBIDDEN, message, options);
  }

  static notFound(message: string, options: { code?: number; field?: string } = {}) {
    return ApiError.of(HttpStatus.NOT_FOUND, message, options);
  }

  static conflict(message: string, options: { code?: number; field?: string } = {}) {
    return ApiError.of(HttpStatus.CONFLICT, message, options);
  }

  static gone(message: string) {
    return ApiError.of(HttpStatus.GONE, message);
  }

  static preconditionFailed(message: string) {
    return ApiError.of(HttpStatus.PRECONDITION_FAILED, message);
  }
}
